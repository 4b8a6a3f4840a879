// Measures how long the page is blocked while <vitrine-table> downloads,
// parses and indexes a large file: every long task (> 50 ms) seen by a
// PerformanceObserver from navigation until the result count shows.
//
//   cargo xtask dist && cargo build -p vitrine-server
//   cargo xtask gen-data --rows 100000 --out target/bench-data/ia-100000.csv
//   node tools/long-tasks.mjs target/bench-data/ia-100000.csv [runs]
//
// Serves a copy of dist/ with the file and the IA schema next to a page that
// shows it, with `vitrine serve` on a free loopback port.
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, launchBrowser, startServer } from "../tests/e2e/harness.mjs";

const file = path.resolve(process.argv[2] || "target/bench-data/ia-100000.csv");
const runs = Number(process.argv[3] || 3);
const site = mkdtempSync(path.join(tmpdir(), "vitrine-longtasks-"));
cpSync(path.join(ROOT, "dist"), site, { recursive: true });
cpSync(file, path.join(site, "data.csv"));
cpSync(path.join(ROOT, "schema/bibliotheque-ia.schema.json"), path.join(site, "schema.json"));
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

const server = await startServer({ staticDir: site });
const browser = await launchBrowser();
try {
  console.log(`file: ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`);
  for (let run = 1; run <= runs; run++) {
    const page = await browser.context.newPage();
    const started = Date.now();
    await page.goto(`${server.base}/bench.html`);
    await page.locator("vitrine-table .vt-count").waitFor({ timeout: 300_000 });
    const shown = Date.now() - started;
    // Tasks that end after the count shows (first render of the rows) count too.
    await page.waitForTimeout(500);
    const tasks = await page.evaluate(() => window.longTasks);
    const longest = Math.max(0, ...tasks.map((t) => t.duration));
    const over100 = tasks.filter((t) => t.duration > 100).length;
    console.log(
      `run ${run}: shown after ${shown} ms; ${tasks.length} long tasks, longest ${longest.toFixed(0)} ms, ${over100} over 100 ms; ` +
        tasks.map((t) => t.duration.toFixed(0)).join(" "),
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(site, { recursive: true, force: true });
}
