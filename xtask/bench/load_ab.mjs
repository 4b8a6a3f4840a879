// The load figures of the Vitrine bench page for several bundles, in one
// Chromium paced at 60 Hz (the bench's load browser), the bundles
// alternating load after load (the order reversed every other round), so a
// change in the machine's load falls on every bundle alike. Prints, for each
// load and as medians, the bench's two load figures from the start of the
// data request: first rows painted, and the whole file loaded.
//
//   node xtask/bench/load_ab.mjs [--rows 1000] [--runs 12] DIST_A DIST_B …
//
// No trace is recorded (see trace_first_rows.mjs for where the time goes):
// many short loads give a median that one noisy load cannot move. Not part of
// `cargo xtask bench`.
import { abArguments, launch, serveEach } from "./ab.mjs";
import { percentile } from "./measure.mjs";
import { BROWSER_ARGS } from "./tools.mjs";

const { opts, dists } = abArguments(
  {
    rows: { type: "string", default: "1000" },
    runs: { type: "string", default: "12" },
  },
  "load_ab.mjs [--rows N] [--runs N] DIST_A [DIST_B …]"
);
const servers = await serveEach(dists, opts.data);
// The bench's load browser (run.mjs): paced at 60 Hz, no background throttling.
const browser = await launch(opts.chromium, BROWSER_ARGS);

const results = new Map(dists.map((d) => [d, []]));
try {
  for (let round = 0; round < Number(opts.runs); round++) {
    const order = round % 2 ? [...dists].reverse() : dists;
    for (const dist of order) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${servers.get(dist).base}/bench/vitrine.html?data=/data/ia-${opts.rows}.csv`, { waitUntil: "commit" });
      await page.waitForFunction(() => window.bench && (window.bench.ready !== null || window.bench.error !== null), null, {
        polling: 100,
        timeout: 600_000,
      });
      // The data request's timing entry appears once the whole file is in.
      const figures = await page.evaluate(() => {
        if (window.bench.error) return { error: window.bench.error };
        const data = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname.startsWith("/data/"));
        return { first: window.bench.firstPaint - data.startTime, ready: window.bench.ready - data.startTime };
      });
      await context.close();
      if (figures.error) throw new Error(`${dist}: ${figures.error}`);
      results.get(dist).push(figures);
      console.log(`${dist}: first rows ${figures.first.toFixed(0)} ms, whole file ${figures.ready.toFixed(0)} ms`);
    }
  }
  for (const [dist, figures] of results) {
    const median = (key) => percentile(figures.map((f) => f[key]), 50).toFixed(0);
    console.log(`${dist}: median of ${figures.length}: first rows ${median("first")} ms, whole file ${median("ready")} ms (from the data request)`);
  }
} finally {
  await browser.close();
  for (const server of servers.values()) await server.stop();
}
process.exit(0);
