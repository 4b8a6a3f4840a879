// Where the first rows' time goes: loads the Vitrine bench page in Chromium
// (paced at 60 Hz, as the bench's load figures), with a Chrome trace, for one
// or more bundles, alternating, and prints for each load the time from the
// data request to the first rows painted (the bench's clock) and the renderer
// main thread's CPU time (trace `tdur`, which tolerates a loaded machine)
// up to the end of the frame that paints the first rows, task by task.
//
//   node xtask/bench/trace_first_rows.mjs [--runs 6] [--rows 1000] [--tasks] \
//     main=path/to/dist-of-main branch=dist
//
// Each bundle is served by its own `server.mjs` in a child process (a trace
// streams megabytes to this process, which would delay a server in it). The
// traces are kept in target/bench/traces/LABEL-RUN.json (open them in the
// DevTools' Performance panel). Not part of `cargo xtask bench`.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BROWSER_ARGS } from "./tools.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ME = fileURLToPath(import.meta.url);

if (process.argv[2] === "--serve") {
  const { startServer } = await import("./server.mjs");
  const server = await startServer({ root: ROOT, dist: process.argv[3], data: process.argv[4] });
  process.stdout.write(server.base + "\n");
} else {
  await main();
}

async function main() {
  const require = createRequire(import.meta.url);
  const { chromium } = require(path.join(ROOT, "tools/node_modules/playwright-core"));
  const { values: opts, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: "string", default: "6" },
      rows: { type: "string", default: "1000" },
      tasks: { type: "boolean", default: false },
      data: { type: "string", default: path.join(ROOT, "target/bench-data") },
    },
  });
  const bundles = positionals.map((p) => {
    const [label, dist] = p.split("=");
    return { label, dist: path.resolve(dist) };
  });
  if (!bundles.length) {
    console.error("usage: trace_first_rows.mjs [--runs N] [--rows N] [--tasks] LABEL=DIST…");
    process.exit(2);
  }
  const children = [];
  for (const b of bundles) {
    const child = spawn(process.execPath, [ME, "--serve", b.dist, path.resolve(opts.data)], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    b.base = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(String(d).trim())));
  }
  // The same flags as the bench's paced browser (run.mjs).
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: BROWSER_ARGS,
  });
  const out = path.join(ROOT, "target/bench/traces");
  mkdirSync(out, { recursive: true });
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
  console.log(`load average ${load()}`);
  const results = {};
  for (let run = 0; run < Number(opts.runs); run++) {
    for (const b of run % 2 ? [...bundles].reverse() : bundles) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      // A user-timing mark at the first animation frame that finds rows in
      // the DOM: the frame whose rendering paints them.
      await page.addInitScript(() => {
        (function poll() {
          requestAnimationFrame(() => {
            let rows = 0;
            try {
              rows = window.benchAdapter ? window.benchAdapter.rowCount() : 0;
            } catch (e) {
              rows = 0;
            }
            if (rows > 0) performance.mark("first-rows-frame");
            else poll();
          });
        })();
      });
      const file = path.join(out, `${b.label}-${run}.json`);
      await browser.startTracing(page, {
        path: file,
        categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.wasm", "loading", "blink.user_timing", "toplevel"],
      });
      await page.goto(`${b.base}/bench/vitrine.html?data=/data/ia-${opts.rows}.csv`, { waitUntil: "commit" });
      await page.waitForFunction(() => window.bench && (window.bench.firstPaint !== null || window.bench.error !== null), null, { polling: 50, timeout: 120000 });
      // The data request's Resource Timing entry appears once the whole file
      // is in, which can be after the first rows are painted.
      await page.waitForFunction(
        () => window.bench.error !== null || performance.getEntriesByType("resource").some((e) => new URL(e.name).pathname.startsWith("/data/")),
        null,
        { polling: 50, timeout: 120000 }
      );
      const info = await page.evaluate(() => {
        const data = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname.startsWith("/data/"));
        return { error: window.bench.error, firstPaint: window.bench.firstPaint, start: data.startTime, end: data.responseEnd };
      });
      await browser.stopTracing();
      await context.close();
      if (info.error) throw new Error(info.error);
      const r = analyse(file, info);
      (results[b.label] ||= []).push(r);
      console.log(`${b.label} #${run}: first rows ${r.wall.toFixed(0)} ms from the data request (file in after ${(info.end - info.start).toFixed(0)} ms); main thread CPU to their frame ${r.cpu.toFixed(1)} ms`);
      if (opts.tasks) for (const t of r.tasks) console.log(`   +${t.at.toFixed(1)} ms  wall ${t.wall.toFixed(1)}  CPU ${t.cpu.toFixed(1)}  ${t.what}`);
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  for (const [label, rs] of Object.entries(results)) {
    console.log(`${label}: median first rows ${median(rs.map((r) => r.wall)).toFixed(0)} ms from the data request; median main-thread CPU to their frame ${median(rs.map((r) => r.cpu)).toFixed(1)} ms (${rs.map((r) => r.cpu.toFixed(0)).join(", ")})`);
  }
  console.log(`load average ${load()}`);
  await browser.close();
  for (const child of children) child.kill();
}

/** The renderer main thread's tasks from the data request to the end of the first rows' frame. */
function analyse(file, info) {
  const events = JSON.parse(readFileSync(file, "utf8")).traceEvents;
  const threads = {};
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") threads[`${e.pid}:${e.tid}`] = e.args.name;
  const request = events.find((e) => e.name === "ResourceSendRequest" && /^https?:\/\/[^/]+\/data\//.test(e.args?.data?.url || ""));
  const main = Object.keys(threads).find((k) => threads[k] === "CrRendererMain" && k.startsWith(`${request.pid}:`));
  const start = request.ts;
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X").sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const mark = events.find((e) => e.name === "first-rows-frame");
  const top = [];
  for (const e of onMain) {
    if (e.name !== "ThreadControllerImpl::RunTask" && e.name !== "RunTask") continue;
    const last = top[top.length - 1];
    if (!last || e.ts >= last.ts + last.dur) top.push(e);
  }
  const frame = top.find((t) => mark && t.ts <= mark.ts && mark.ts <= t.ts + t.dur);
  const end = frame ? frame.ts + frame.dur : start + (info.firstPaint - info.start) * 1000;
  const tasks = [];
  let cpu = 0;
  for (const t of top) {
    if (t.ts + t.dur <= start || t.ts >= end) continue;
    const taskCpu = (t.tdur ?? t.dur) / 1000;
    cpu += taskCpu;
    // Self CPU time by event name inside the task.
    const inside = onMain.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const own = new Map();
    const stack = [];
    for (const e of inside) {
      while (stack.length && e.ts >= stack[stack.length - 1].ts + stack[stack.length - 1].dur) stack.pop();
      const d = (e.tdur ?? e.dur) / 1000;
      own.set(e, (own.get(e) || 0) + d);
      if (stack.length) own.set(stack[stack.length - 1], own.get(stack[stack.length - 1]) - d);
      stack.push(e);
    }
    const byName = {};
    for (const [e, d] of own) byName[e.name] = (byName[e.name] || 0) + d;
    const what = Object.entries(byName).filter(([, d]) => d >= 0.5).sort((a, b) => b[1] - a[1]).slice(0, 6)
      .map(([n, d]) => `${n} ${d.toFixed(1)}`).join(", ");
    if (taskCpu >= 0.5) tasks.push({ at: (t.ts - start) / 1000, wall: t.dur / 1000, cpu: taskCpu, what });
  }
  return { wall: info.firstPaint - info.start, cpu, tasks };
}
