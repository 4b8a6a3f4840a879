// One run of one tool on one file, in two fresh browser contexts:
//
// - in the paced browser (frames at 60 Hz, as on a usual screen): the load
//   (first rows painted, whole file loaded), the memory after load, and
//   scrolling (frame times);
// - in the unpaced browser (no frame-rate limit: a frame starts as soon as
//   the previous one is drawn): filter, search and sort the way a reader
//   does, each timed to the actual next paint after the work, not to the
//   next 60 Hz frame.
//
// The clock is pages/probe.js; the memory is read through the DevTools
// protocol.
import { SORT, THEME, TOOLS } from "./tools.mjs";

const SCROLL_DISTANCE = 10_000;
const SCROLL_STEP = 100;
const LOAD_TIMEOUT = 600_000;
/** At least this long between the whole file shown and the first interaction. */
const SETTLE_MS = 500;

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Clicks on an inert area, each timed to the next paint (the floor). */
const NOOP_CLICKS = 3;

/**
 * Arms the in-page clock, acts, and returns the measured durations (ms):
 * `{ dom, paint }`, from the event to the expected state in the DOM and to
 * its next paint. An action's `prepare` (moving the mouse away first) runs
 * before the clock is armed, and two frames go by after it.
 */
export async function timed(page, name, kind, spec, action, ...args) {
  if (action.prepare) {
    await action.prepare(page);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  await page.evaluate(([n, trigger, k, s]) => void window.bench.arm(n, trigger, k, s), [name, action.trigger, kind, spec]);
  await action.act(page, ...args);
  return page.evaluate((n) => window.bench.result(n), name);
}

/** Progress on stderr with BENCH_VERBOSE=1. */
const note = (what) => process.env.BENCH_VERBOSE && console.error(`bench: ${new Date().toISOString().slice(11, 23)} ${what}`);

const adapter = (page, method, arg) => page.evaluate(([m, a]) => window.benchAdapter[m](a), [method, arg]);

/** Opens the tool's page on the file in a fresh context and waits for the whole file. */
async function open(browser, base, tool, rows, frames) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // A loaded machine can keep a 100,000-row page busy for long: no short timeouts.
  context.setDefaultTimeout(LOAD_TIMEOUT);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  const cdp = await context.newCDPSession(page);
  const query = `?data=/data/ia-${rows}.csv${frames === "unpaced" ? "&frames=unpaced" : ""}`;
  await page.goto(`${base}${tool.page}${query}`, { waitUntil: "commit" });
  note(`${tool.label}, ${rows} rows, ${frames}: opened`);
  for (const what of ["firstPaint", "ready"]) {
    await page.waitForFunction(
      (w) => window.bench && (window.bench[w] !== null || window.bench.error !== null),
      what,
      { timeout: LOAD_TIMEOUT, polling: 100 }
    );
  }
  const load = await page.evaluate(() => ({
    firstPaint: window.bench.firstPaint,
    ready: window.bench.ready,
    error: window.bench.error,
  }));
  if (load.error) {
    await context.close();
    throw new Error(`${tool.label}, ${rows} rows: ${load.error}; ${errors.join("; ")}`);
  }
  return { context, page, cdp, errors, load };
}

/** Load, memory and scrolling, in the paced browser. */
async function measureLoad(browser, base, tool, rows) {
  const { context, page, cdp, errors, load } = await open(browser, base, tool, rows, "paced");
  try {
    // Memory once the page is idle after load, after a full garbage collection:
    // V8's heap, Blink's heap (DOM), the backing stores of array buffers and
    // external strings (a fetched text kept alive by the strings sliced from
    // it lives there), and the wasm memory, which none of them counts; once
    // the work the page does in the background after load is over.
    await page.waitForTimeout(SETTLE_MS);
    await page.evaluate(() => window.bench.idle());
    note("idle; memory");
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    const dom = await cdp.send("Memory.getDOMCounters").catch(() => ({}));
    const wasm = await page.evaluate(() => window.benchAdapter.wasmBytes());
    const total = await adapter(page, "resultCount");
    // The data request (Resource Timing, same clock as the probe): when it
    // started and when the file had fully arrived.
    const data = await page.evaluate(() => {
      const entries = performance.getEntriesByType("resource").filter((e) => e.name.includes("/data/"));
      if (!entries.length) return null;
      return {
        start: Math.min(...entries.map((e) => e.startTime)),
        end: Math.max(...entries.map((e) => e.responseEnd)),
      };
    });
    const headers = await adapter(page, "headers");
    note("scrolling");
    const scroll = await page.evaluate(([d, s]) => window.bench.scroll(d, s), [SCROLL_DISTANCE, SCROLL_STEP]);
    return {
      figures: {
        first_paint_fetch_ms: data ? load.firstPaint - data.start : null,
        first_paint_ms: load.firstPaint,
        ready_ms: load.ready,
        scroll_p50_ms: percentile(scroll.deltas, 50),
        scroll_p95_ms: percentile(scroll.deltas, 95),
        js_heap_bytes: heap.usedSize,
        embedder_bytes: heap.embedderHeapUsedSize,
        backing_bytes: heap.backingStorageSize,
        wasm_bytes: wasm,
        memory_bytes: heap.usedSize + heap.embedderHeapUsedSize + heap.backingStorageSize + wasm,
      },
      info: {
        total,
        data_start_ms: data ? data.start : null,
        data_received_ms: data ? data.end : null,
        scrolled_px: scroll.scrolled,
        frames: scroll.deltas.length,
        dom_nodes: dom.nodes ?? null,
        headers,
      },
      errors,
    };
  } finally {
    await context.close();
  }
}

/** Filter, search and sort, each to the next paint, in the unpaced browser. */
export async function measureInteractions(browser, base, tool, rows, query) {
  const { context, page, errors } = await open(browser, base, tool, rows, "unpaced");
  try {
    // A reader reads before acting: the first interaction comes once the
    // page is idle (Vitrine prepares the shown columns' sorts after load).
    await page.waitForTimeout(SETTLE_MS);
    const idle = await page.evaluate(() => window.bench.idle());
    const ready = await page.evaluate(() => window.bench.ready);
    const total = await adapter(page, "resultCount");

    // The floor: a click that changes nothing, timed like the interactions
    // (the median of a few, since it is small beside the machine's noise).
    note("idle; click on an inert area");
    const noops = [];
    for (let i = 0; i < NOOP_CLICKS; i++) {
      noops.push((await timed(page, `noop${i}`, "none", {}, tool.noop)).paint);
    }

    note("filter");
    const filter = await timed(page, "filter", "filter", THEME, tool.filter);
    const filtered = await adapter(page, "resultCount");
    const themeTexts = await adapter(page, "columnTexts", THEME.column);
    await tool.reset(page, total);

    note("search");
    const search = await timed(page, "search", "search", {}, tool.search, query);
    const searched = await adapter(page, "resultCount");
    await tool.reset(page, total);

    note("sort");
    const sort = await timed(page, "sort", "sort", SORT, tool.sort);
    const sortedTexts = await adapter(page, "columnTexts", SORT.column);

    return {
      figures: {
        noop_ms: percentile(noops, 50),
        filter_ms: filter.paint,
        search_ms: search.paint,
        sort_ms: sort.paint,
        filter_dom_ms: filter.dom,
        search_dom_ms: search.dom,
        sort_dom_ms: sort.dom,
      },
      info: {
        noop_paints_ms: noops,
        filtered,
        filter_cells_shown: themeTexts.length,
        filter_cells_other: themeTexts.filter((t) => t !== THEME.value).length,
        searched,
        sorted_first: sortedTexts.slice(0, 5),
        idle_after_ready_ms: idle - ready,
      },
      errors,
    };
  } finally {
    await context.close();
  }
}

/** Every figure of one run of `toolName` on the file of `rows` rows. */
export async function measure(browsers, base, toolName, rows, query) {
  const tool = TOOLS[toolName];
  const load = await measureLoad(browsers.paced, base, tool, rows);
  const act = await measureInteractions(browsers.unpaced, base, tool, rows, query);
  return {
    figures: { ...load.figures, ...act.figures },
    info: { ...load.info, ...act.info },
    errors: [...load.errors, ...act.errors],
  };
}
