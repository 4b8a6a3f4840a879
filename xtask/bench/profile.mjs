// Where a Vitrine interaction's time goes: opens the bench's Vitrine page in
// the unpaced browser (as `cargo xtask bench` does for interactions), waits
// until it is idle after load, then repeats filter → reset and search →
// reset while recording a CPU profile (`Profiler`) and a trace
// (`devtools.timeline`) through the DevTools protocol. Prints each
// interaction's two bench figures (event → DOM updated, event → next paint),
// the profile's self time by function, and the renderer main thread's time
// by trace event (script, style, layout, paint…), per interaction.
//
//   node xtask/bench/profile.mjs --rows 1000 --repeat 3 [--dist dist] [--top 25]
//     [--only noop,filter,search,sort] [--save trace.json]
//
// `noop` is the bench's floor: a click on an inert area, which changes
// nothing. `sort` (the bench's click on the "Projet" header) runs once,
// after the others, whatever `--repeat` says.
//
// A helper for finding work to cut; the figures the goals are judged on come
// from `cargo xtask bench`.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServer } from "./server.mjs";
import { timed } from "./measure.mjs";
import { BROWSER_ARGS, SORT, THEME, TOOLS, UNPACED_ARGS } from "./tools.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(ROOT, "tools/node_modules/playwright-core"));

const { values: opts } = parseArgs({
  options: {
    rows: { type: "string", default: "1000" },
    repeat: { type: "string", default: "3" },
    dist: { type: "string", default: path.join(ROOT, "dist") },
    data: { type: "string", default: path.join(ROOT, "target/bench-data") },
    query: { type: "string", default: "transport" },
    top: { type: "string", default: "25" },
    only: { type: "string", default: "filter,search" },
    inclusive: { type: "string", default: "" },
    save: { type: "string", default: "" },
    chromium: { type: "string", default: process.env.CHROMIUM || "/usr/bin/chromium" },
  },
});
const repeat = Number(opts.repeat);
const only = opts.only.split(",");
const tool = TOOLS.vitrine;

const server = await startServer({ root: ROOT, dist: path.resolve(opts.dist), data: path.resolve(opts.data) });
const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  args: [...BROWSER_ARGS, ...UNPACED_ARGS],
});

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(600_000);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`pageerror: ${e.message}`));
  const cdp = await context.newCDPSession(page);
  await page.goto(`${server.base}${tool.page}?data=/data/ia-${opts.rows}.csv&frames=unpaced`, { waitUntil: "commit" });
  await page.waitForFunction(() => window.bench && (window.bench.ready !== null || window.bench.error !== null), null, {
    polling: 100,
  });
  await page.waitForTimeout(500);
  await page.evaluate(() => window.bench.idle());
  const total = await page.evaluate(() => window.benchAdapter.resultCount());

  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const traced = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    categories: "toplevel,devtools.timeline,disabled-by-default-devtools.timeline",
    transferMode: "ReportEvents",
  });
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });

  // Only the timed interactions are profiled and counted (the resets are not).
  const figures = { noop: [], filter: [], search: [], sort: [] };
  const profiles = [];
  const kinds = [];
  const interact = async (name, kind, spec, action, ...args) => {
    await page.evaluate(() => console.timeStamp("vitrine-profile-start"));
    await cdp.send("Profiler.start");
    kinds.push(name.replace(/[0-9]+$/, ""));
    figures[kinds[kinds.length - 1]].push(await timed(page, name, kind, spec, action, ...args));
    profiles.push((await cdp.send("Profiler.stop")).profile);
    await page.evaluate(() => console.timeStamp("vitrine-profile-end"));
  };
  for (let i = 0; i < repeat; i++) {
    if (only.includes("noop")) {
      await interact("noop" + i, "none", {}, tool.noop);
    }
    if (only.includes("filter")) {
      await interact("filter" + i, "filter", THEME, tool.filter);
      await tool.reset(page, total);
    }
    if (only.includes("search")) {
      await interact("search" + i, "search", {}, tool.search, opts.query);
      await tool.reset(page, total);
    }
  }
  // The sort once, last: the bench times the first sort by its column.
  if (only.includes("sort")) {
    await interact("sort0", "sort", SORT, tool.sort);
  }
  await cdp.send("Tracing.end");
  await traced;

  console.log(`${opts.rows} rows, ${repeat} × (${only.join(", ")}) and reset, dist ${opts.dist}`);
  for (const [name, runs] of Object.entries(figures)) {
    if (!runs.length) continue;
    const dom = runs.map((r) => (r.dom === null ? "—" : r.dom.toFixed(1))).join(" / ");
    const paint = runs.map((r) => r.paint.toFixed(1)).join(" / ");
    console.log(`${name}: DOM updated ${dom} ms; next paint ${paint} ms`);
  }
  const interactions = profiles.length;
  printProfile(profiles, interactions, Number(opts.top));
  if (opts.inclusive) printInclusive(profiles, interactions, new RegExp(opts.inclusive));
  printTrace(events, kinds);
  // The raw trace, for chrome://tracing or Perfetto (`--save FILE`).
  if (opts.save) writeFileSync(opts.save, JSON.stringify({ traceEvents: events, kinds }));
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}

/** Self time by function (name and script), per interaction (filters, searches and resets). */
function printProfile(profiles, interactions, top) {
  const self = new Map();
  for (const profile of profiles) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = (deltas[i + 1] ?? 0) / 1000;
    const f = node.callFrame;
    const name = f.functionName || "(anonymous)";
    if (name === "(idle)" || name === "(program)") continue;
    const key = `${name} ${f.url ? path.basename(f.url) : ""}`.trim();
    self.set(key, (self.get(key) || 0) + dt);
  }
  }
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]);
  const sum = rows.reduce((s, [, t]) => s + t, 0);
  console.log(`\nCPU profile: ${(sum / interactions).toFixed(1)} ms of script per interaction (self time, top ${top}):`);
  for (const [key, t] of rows.slice(0, top)) {
    console.log(`  ${(t / interactions).toFixed(2).padStart(7)} ms  ${key}`);
  }
}

/** Inclusive time of the functions whose name matches `pattern` (outermost call only), per interaction. */
function printInclusive(profiles, interactions, pattern) {
  const total = new Map();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
    const deltas = profile.timeDeltas;
    for (let i = 0; i < profile.samples.length; i++) {
      const dt = (deltas[i + 1] ?? 0) / 1000;
      const seen = new Set();
      for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const name = byId.get(id).callFrame.functionName;
        const short = name.replace(/\[[0-9a-f]{16}\]/g, "").slice(0, 160);
        if (pattern.test(name) && !seen.has(short)) {
          seen.add(short);
          total.set(short, (total.get(short) || 0) + dt);
        }
      }
    }
  }
  console.log(`\nInclusive time of functions matching ${pattern}, per interaction:`);
  for (const [name, t] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`  ${(t / interactions).toFixed(2).padStart(7)} ms  ${name}`);
  }
}

/**
 * CPU time (thread time, `tdur`: what the thread ran, not the wall clock,
 * so a loaded machine changes it less) of each timed interaction, from the
 * task of its event (the outermost `click` for the filter and the inert
 * click, `input` for the search) to the end of the interaction:
 * - the event's whole task (handlers, the widget's render, its microtasks,
 *   layouts they forced);
 * - style, layout, pre-paint, paint and layerize on the renderer's main
 *   thread, inside that task or in the frames after it, and raster tasks
 *   on its other threads;
 * - every top-level task, by thread group: the renderer's main thread, its
 *   other threads (compositor, raster workers), and the other processes
 *   (browser, GPU process: display compositing).
 * Medians over the interactions of each kind.
 */
function printTrace(events, kinds) {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && isRenderer(e.pid));
  if (!main) {
    console.log("no renderer main thread in the trace");
    return;
  }
  const windows = [];
  for (const e of events) {
    if (e.name !== "TimeStamp") continue;
    const label = e.args?.data?.message;
    if (label === "vitrine-profile-start") windows.push([e.ts, Infinity]);
    if (label === "vitrine-profile-end" && windows.length) windows[windows.length - 1][1] = e.ts;
  }
  const complete = events.filter((e) => e.pid === main.pid && e.ph === "X" && e.tdur !== undefined);
  const onMain = complete.filter((e) => e.tid === main.tid);
  // Top-level tasks of every thread of every process, outermost only.
  const toplevel = new Map();
  for (const e of events) {
    if (e.ph !== "X" || e.tdur === undefined || !String(e.cat).split(",").includes("toplevel")) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!toplevel.has(key)) toplevel.set(key, []);
    toplevel.get(key).push(e);
  }
  for (const [key, list] of toplevel) {
    list.sort((x, y) => x.ts - y.ts);
    const outer = [];
    for (const e of list) {
      const last = outer[outer.length - 1];
      if (!last || e.ts >= last.ts + last.dur) outer.push(e);
    }
    toplevel.set(key, outer);
  }
  const rows = [];
  windows.forEach(([a, b], i) => {
    const kind = kinds[i];
    const inWindow = (e) => e.ts >= a && e.ts <= b;
    const types = kind === "search" ? ["input"] : ["click"];
    const trigger = onMain
      .filter((e) => inWindow(e) && e.name === "EventDispatch" && types.includes(e.args?.data?.type))
      .sort((x, y) => y.tdur - x.tdur)[0];
    if (!trigger) return;
    const task = (toplevel.get(`${main.pid}:${main.tid}`) || []).find(
      (e) => e.ts <= trigger.ts && e.ts + e.dur >= trigger.ts + trigger.dur
    ) || trigger;
    // Style, layout and paint wherever they ran: forced inside the event's
    // task (Chromium lays out after a click to update the hover state) or
    // in the frames after it. Outermost events only (a Paint nests Paints).
    const stage = (name, inTask) =>
      onMain
        .filter((e) => e.name === name && e.ts >= task.ts && e.ts <= b)
        .filter((e) => inTask === undefined || (e.ts < task.ts + task.dur) === inTask)
        .filter((e, _, all) => !all.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur))
        .reduce((s, e) => s + e.tdur / 1000, 0);
    const sum = (name) => stage(name);
    const tasks = (filter) => {
      let t = 0;
      for (const [key, list] of toplevel) {
        const [pid, tid] = key.split(":").map(Number);
        if (!filter(pid, tid)) continue;
        for (const e of list) if (e.ts >= task.ts && e.ts <= b) t += e.tdur / 1000;
      }
      return t;
    };
    rows.push({
      kind,
      "the event's task": task.tdur / 1000,
      "… of which event handlers": trigger.tdur / 1000,
      "… of which style and layout": stage("UpdateLayoutTree", true) + stage("Layout", true),
      "style (all)": sum("UpdateLayoutTree"),
      "layout (all)": sum("Layout"),
      "pre-paint": sum("PrePaint"),
      "paint": sum("Paint"),
      "layerize": sum("Layerize"),
      "layout objects (dirty, count)": onMain
        .filter((e) => e.ts >= task.ts && e.ts <= b && e.name === "Layout")
        .reduce((s, e) => s + (e.args?.beginData?.dirtyObjects || 0), 0),
      "layout objects (total, count)": onMain
        .filter((e) => e.ts >= task.ts && e.ts <= b && e.name === "Layout")
        .reduce((s, e) => Math.max(s, e.args?.beginData?.totalObjects || 0), 0),
      "raster tasks (other threads)": complete
        .filter((e) => e.tid !== main.tid && e.ts >= task.ts && e.ts <= b && e.name === "RasterTask")
        .reduce((s, e) => s + e.tdur / 1000, 0),
      "CPU, renderer main thread (all tasks)": tasks((pid, tid) => pid === main.pid && tid === main.tid),
      "CPU, renderer other threads": tasks((pid, tid) => pid === main.pid && tid !== main.tid),
      "CPU, other processes (browser, GPU)": tasks((pid) => pid !== main.pid),
    });
  });
  if (!rows.length) {
    console.log("no interaction found in the trace");
    return;
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  for (const kind of [...new Set(rows.map((r) => r.kind))]) {
    const of = rows.filter((r) => r.kind === kind);
    console.log(`\n${kind}: CPU time by stage, median of ${of.length} (ms; each one's value in brackets):`);
    for (const key of Object.keys(of[0]).filter((k) => k !== "kind")) {
      const xs = of.map((r) => r[key]);
      console.log(`  ${median(xs).toFixed(1).padStart(6)}  ${key}  [${xs.map((x) => x.toFixed(1)).join(", ")}]`);
    }
  }

  function isRenderer(pid) {
    return events.some((e) => e.pid === pid && e.name === "process_name" && e.args?.name === "Renderer");
  }
}
