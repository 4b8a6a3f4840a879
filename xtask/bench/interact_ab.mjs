// The interaction figures of the Vitrine bench page (filter, search, sort →
// DOM updated and → next paint, and the floor) for several bundles, in one
// Chromium without frame-rate limit (the bench's interaction browser), the
// bundles alternating run after run (the order reversed every other round),
// so a change in the machine's load falls on every bundle alike. Each run
// is the bench's own (`measure.mjs`): a fresh context, the whole file
// loaded, the page idle, then the floor, filter, search and sort.
//
//   node xtask/bench/interact_ab.mjs [--rows 100000] [--runs 6] [--query transport] DIST_A DIST_B …
//
// Not part of `cargo xtask bench`.
import { abArguments, launch, serveEach } from "./ab.mjs";
import { measureInteractions, percentile } from "./measure.mjs";
import { BROWSER_ARGS, TOOLS, UNPACED_ARGS } from "./tools.mjs";

const { opts, dists } = abArguments(
  {
    rows: { type: "string", default: "100000" },
    runs: { type: "string", default: "6" },
    query: { type: "string", default: "transport" },
  },
  "interact_ab.mjs [--rows N] [--runs N] [--query WORD] DIST_A [DIST_B …]"
);
const servers = await serveEach(dists, opts.data);
// The bench's interaction browser (run.mjs): no frame-rate limit.
const browser = await launch(opts.chromium, [...BROWSER_ARGS, ...UNPACED_ARGS]);

const KEYS = ["noop_ms", "filter_ms", "filter_dom_ms", "search_ms", "search_dom_ms", "sort_ms", "sort_dom_ms"];
const line = (f) => KEYS.map((k) => `${k.replace("_ms", "")} ${f[k].toFixed(1)}`).join(", ");
const results = new Map(dists.map((d) => [d, []]));
try {
  for (let round = 0; round < Number(opts.runs); round++) {
    const order = round % 2 ? [...dists].reverse() : dists;
    for (const dist of order) {
      const { figures, errors } = await measureInteractions(browser, servers.get(dist).base, TOOLS.vitrine, Number(opts.rows), opts.query);
      if (errors.length) throw new Error(`${dist}: ${errors.join("; ")}`);
      results.get(dist).push(figures);
      console.log(`${dist}: ${line(figures)} ms`);
    }
  }
  for (const [dist, runs] of results) {
    const medians = Object.fromEntries(KEYS.map((k) => [k, percentile(runs.map((f) => f[k]), 50)]));
    console.log(`${dist}: median of ${runs.length}: ${line(medians)} ms`);
  }
} finally {
  await browser.close();
  for (const server of servers.values()) await server.stop();
}
