// Measures how long the page is blocked while <vitrine-table> downloads,
// parses and indexes a large file: every long task (> 50 ms) seen by a
// PerformanceObserver from navigation until the result count shows and the
// page is idle again (the background work after load included). Each
// task is printed as duration@start, the start in ms relative to the moment
// the count was seen (negative: before it).
//
//   cargo xtask dist
//   cargo xtask gen-data --rows 100000 --out target/bench-data/ia-100000.csv
//   node tools/long-tasks.mjs target/bench-data/ia-100000.csv [runs]
//   (NO_LENGTH=1: the file is sent without Content-Length)
//
// Serves dist/, the file and the IA schema next to a page that shows it,
// from a plain Node HTTP server on a free loopback port (uncompressed, with
// Content-Length, as a static host would serve a large CSV).
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, launchBrowser } from "../tests/e2e/harness.mjs";

const file = path.resolve(process.argv[2] || "target/bench-data/ia-100000.csv");
const runs = Number(process.argv[3] || 3);
const site = mkdtempSync(path.join(tmpdir(), "vitrine-longtasks-"));
writeFileSync(
  path.join(site, "bench.html"),
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>bench</title>
<link rel="icon" href="data:,">
<script>
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
</script>
<script src="vitrine.js" defer></script></head>
<body><vitrine-table src="data.csv" schema="schema.json"></vitrine-table></body></html>`,
);

const FILES = {
  "/bench.html": [path.join(site, "bench.html"), "text/html"],
  "/data.csv": [file, "text/csv"],
  "/schema.json": [path.join(ROOT, "schema/bibliotheque-ia.schema.json"), "application/json"],
  "/vitrine.js": [path.join(ROOT, "dist/vitrine.js"), "text/javascript"],
  "/vitrine.css": [path.join(ROOT, "dist/vitrine.css"), "text/css"],
  "/vitrine_widget.js": [path.join(ROOT, "dist/vitrine_widget.js"), "text/javascript"],
  "/vitrine_widget_bg.wasm": [path.join(ROOT, "dist/vitrine_widget_bg.wasm"), "application/wasm"],
};
const httpServer = http.createServer((req, res) => {
  const found = FILES[new URL(req.url, "http://x").pathname];
  if (!found) {
    res.writeHead(404).end();
    return;
  }
  const [name, type] = found;
  const headers = { "content-type": type };
  if (!process.env.NO_LENGTH) headers["content-length"] = statSync(name).size;
  res.writeHead(200, headers);
  createReadStream(name).pipe(res);
});
await new Promise((r) => httpServer.listen(0, "127.0.0.1", r));
const server = {
  base: `http://127.0.0.1:${httpServer.address().port}`,
  stop: () => new Promise((r) => httpServer.close(r)),
};
const browser = await launchBrowser();
try {
  console.log(`file: ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`);
  for (let run = 1; run <= runs; run++) {
    const page = await browser.context.newPage();
    const started = Date.now();
    await page.goto(`${server.base}/bench.html`);
    await page.locator("vitrine-table .vt-count").waitFor({ timeout: 300_000 });
    const shown = Date.now() - started;
    const shownAt = await page.evaluate(() => performance.now());
    // Tasks that end after the count shows (first render of the rows, the
    // sorts of the shown columns prepared in the background) count too:
    // until the page is idle (a chain of short timers never waited more
    // than 20 ms for 300 ms), 30 s at most.
    await page.waitForTimeout(500);
    const idleAt = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const started = performance.now();
          let last = started;
          let quietSince = started;
          const tick = () => {
            const now = performance.now();
            if (now - last > 20) quietSince = now;
            last = now;
            if (now - quietSince >= 300 || now - started > 30_000) resolve(quietSince);
            else setTimeout(tick, 1);
          };
          setTimeout(tick, 1);
        }),
    );
    const tasks = await page.evaluate(() => window.longTasks);
    const longest = Math.max(0, ...tasks.map((t) => t.duration));
    const over100 = tasks.filter((t) => t.duration > 100).length;
    console.log(
      `run ${run}: shown after ${shown} ms, idle ${(idleAt - shownAt).toFixed(0)} ms later; ${tasks.length} long tasks, longest ${longest.toFixed(0)} ms, ${over100} over 100 ms; ` +
        tasks.map((t) => `${t.duration.toFixed(0)}@${(t.start - shownAt).toFixed(0)}`).join(" "),
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(site, { recursive: true, force: true });
}
