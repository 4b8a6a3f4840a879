// The frame shared by the A/B scripts (`load_ab.mjs`, `interact_ab.mjs`):
// their command line (options, then the `dist/` directories to compare),
// one bench server per bundle, and Debian's Chromium through playwright-core.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServer } from "./server.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(ROOT, "tools/node_modules/playwright-core"));

/**
 * Parses `options` (plus `--data` and `--chromium`) and the bundles to
 * compare; prints `usage` and exits without a bundle.
 */
export function abArguments(options, usage) {
  const { values: opts, positionals: dists } = parseArgs({
    allowPositionals: true,
    options: {
      ...options,
      data: { type: "string", default: path.join(ROOT, "target/bench-data") },
      chromium: { type: "string", default: process.env.CHROMIUM || "/usr/bin/chromium" },
    },
  });
  if (!dists.length) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return { opts, dists };
}

/** A bench server for each bundle, by its directory. */
export async function serveEach(dists, data) {
  const servers = new Map();
  for (const dist of dists) {
    servers.set(dist, await startServer({ root: ROOT, dist: path.resolve(dist), data: path.resolve(data) }));
  }
  return servers;
}

/** Headless Chromium with `args`. */
export function launch(executablePath, args) {
  return chromium.launch({ executablePath, headless: true, args });
}
