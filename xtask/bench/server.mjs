// The bench's static file server: plain HTTP on 127.0.0.1 (random port),
// files sent as they are (no compression) with Content-Length, the same
// server for both tools. Routes:
//   /bench/…  the bench pages (xtask/bench/pages)
//   /dist/…   the bundle built by `cargo xtask dist`
//   /tools/…  tabulator-tables and papaparse from tools/node_modules
//   /data/…   the generated CSV files (target/bench-data)
//   /schema/… the repository's schemas
import { createReadStream, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/** Resolves `rest` inside `dir`; null when it would leave it. */
function inside(dir, rest) {
  const full = path.resolve(dir, "." + path.posix.normalize("/" + rest));
  return full.startsWith(path.resolve(dir) + path.sep) ? full : null;
}

/** Starts the server; `dirs` gives the folders of /dist, /tools, /data, /schema. */
export function startServer({ root, dist, data }) {
  const mounts = {
    bench: path.join(HERE, "pages"),
    dist,
    tools: path.join(root, "tools/node_modules"),
    data,
    schema: path.join(root, "schema"),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const [, mount, ...rest] = decodeURIComponent(url.pathname).split("/");
    const dir = mounts[mount];
    const file = dir && inside(dir, rest.join("/"));
    let stat = null;
    try {
      stat = file && statSync(file);
    } catch {
      stat = null;
    }
    if (!stat || !stat.isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "content-length": stat.size,
      "cache-control": "no-store",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        base: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise((r) => {
            server.close(r);
            server.closeAllConnections();
          }),
      });
    });
  });
}
