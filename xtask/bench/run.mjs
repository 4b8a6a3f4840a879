// Drives headless Chromium over the two bench pages and writes every run's
// raw figures as JSON; `cargo xtask bench` builds what this needs, then turns
// the JSON into the report (medians, ratios, goals).
//
//   node xtask/bench/run.mjs --rows 1000,100000 --runs 3 --dist dist \
//     --data target/bench-data --out target/bench/runs.json [--query Q] [--check]
//
// Each run of a tool opens two fresh browser contexts (own renderer
// processes): one in a browser paced at 60 Hz for the load, memory and
// scrolling, one in a browser without frame-rate limit for the
// interactions (see measure.mjs). Neither caches nor heaps carry over; runs
// alternate which tool goes first.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServer } from "./server.mjs";
import { measure } from "./measure.mjs";
import { checkRuns } from "./check.mjs";
import { BROWSER_ARGS, UNPACED_ARGS } from "./tools.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(ROOT, "tools/node_modules/playwright-core"));

const { values: opts } = parseArgs({
  options: {
    rows: { type: "string", default: "1000,10000,100000" },
    runs: { type: "string", default: "5" },
    dist: { type: "string", default: path.join(ROOT, "dist") },
    data: { type: "string", default: path.join(ROOT, "target/bench-data") },
    out: { type: "string", default: path.join(ROOT, "target/bench/runs.json") },
    query: { type: "string", default: "chatbot" },
    check: { type: "boolean", default: false },
    chromium: { type: "string", default: process.env.CHROMIUM || "/usr/bin/chromium" },
  },
});
const sizes = opts.rows.split(",").map(Number);
const runs = Number(opts.runs);
if (sizes.some((n) => !(n > 0)) || !(runs > 0)) {
  console.error("usage: run.mjs --rows N[,N…] --runs N …");
  process.exit(2);
}

const loadAtStart = os.loadavg();
const server = await startServer({ root: ROOT, dist: path.resolve(opts.dist), data: path.resolve(opts.data) });
// Two browsers: frames at 60 Hz for the load and scrolling, as on a usual
// screen; no frame-rate limit for the interactions (see UNPACED_ARGS).
const launch = (extra) =>
  chromium.launch({ executablePath: opts.chromium, headless: true, args: [...BROWSER_ARGS, ...extra] });
const browsers = { paced: await launch([]), unpaced: await launch(UNPACED_ARGS) };

/** Animation frames per second on an empty page (checks each browser's pacing). */
async function frameRate(browser) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      () =>
        new Promise((resolve) => {
          let frames = 0;
          let first = null;
          function frame(t) {
            if (first === null) first = t;
            if (++frames === 121) resolve((120 * 1000) / (t - first));
            else requestAnimationFrame(frame);
          }
          requestAnimationFrame(frame);
        })
    );
  } finally {
    await page.close();
  }
}
const frameRates = { paced: await frameRate(browsers.paced), unpaced: await frameRate(browsers.unpaced) };
console.error(
  `bench: animation frames on an empty page: ${frameRates.paced.toFixed(0)} Hz (paced), ${frameRates.unpaced.toFixed(0)} Hz (unpaced)`
);
if (frameRates.unpaced < 2 * frameRates.paced) {
  console.error("bench: warning: the unpaced browser is not faster than 60 Hz; interactions are quantized to frames");
}

const results = [];
let failed = null;
try {
  for (const rows of sizes) {
    for (let run = 1; run <= runs; run++) {
      const order = run % 2 === 1 ? ["vitrine", "tabulator"] : ["tabulator", "vitrine"];
      for (const tool of order) {
        const result = await measure(browsers, server.base, tool, rows, opts.query);
        results.push({ tool, rows, run, ...result });
        const f = result.figures;
        console.error(
          `bench: ${tool} ${rows} rows, run ${run}/${runs}: first paint ${f.first_paint_fetch_ms?.toFixed(0)} ms from fetch, ` +
            `${f.first_paint_ms?.toFixed(0)} ms from navigation, ` +
            `filter ${f.filter_ms?.toFixed(0)} ms (DOM ${f.filter_dom_ms?.toFixed(1)}), search ${f.search_ms?.toFixed(0)} ms (DOM ${f.search_dom_ms?.toFixed(1)}), ` +
            `sort ${f.sort_ms?.toFixed(0)} ms (DOM ${f.sort_dom_ms?.toFixed(1)}), ` +
            `scroll p50/p95 ${f.scroll_p50_ms?.toFixed(1)}/${f.scroll_p95_ms?.toFixed(1)} ms, ` +
            `memory ${(f.memory_bytes / 1e6).toFixed(1)} MB` +
            (result.errors.length ? ` — errors: ${result.errors.join("; ")}` : "")
        );
      }
    }
  }
} catch (e) {
  failed = e;
} finally {
  await browsers.paced.close();
  await browsers.unpaced.close();
  await server.stop();
}
if (failed) {
  console.error(`bench: ${failed.stack || failed}`);
  process.exit(1);
}

const meta = {
  date: new Date().toISOString(),
  chromium: browsers.paced.version(),
  frame_rate_hz: frameRates,
  node: process.version,
  cpus: os.cpus().length,
  cpu_model: os.cpus()[0]?.model || "",
  memory_gib: Math.round(os.totalmem() / 2 ** 30),
  load_average_start: loadAtStart,
  load_average: os.loadavg(),
  query: opts.query,
  runs,
  sizes,
};
mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
writeFileSync(opts.out, JSON.stringify({ meta, results }, null, 2));
console.error(`bench: ${results.length} runs written to ${opts.out}`);

if (opts.check) {
  const problems = checkRuns(results);
  if (problems.length) {
    console.error(`bench --check: ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
    process.exit(1);
  }
  console.error("bench --check: both pages produced every figure");
}
