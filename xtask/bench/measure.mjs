// One run of one tool on one file, in a fresh browser context: load, then
// filter, search and sort the way a reader does, then scroll, reading the
// clock of pages/probe.js and the memory through the DevTools protocol.
import { SORT, THEME, TOOLS } from "./tools.mjs";

const SCROLL_DISTANCE = 10_000;
const SCROLL_STEP = 100;
const LOAD_TIMEOUT = 600_000;

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Arms the in-page clock, acts, and returns the measured duration (ms). */
async function timed(page, name, kind, spec, action, ...args) {
  await page.evaluate(([n, trigger, k, s]) => void window.bench.arm(n, trigger, k, s), [name, action.trigger, kind, spec]);
  await action.act(page, ...args);
  return page.evaluate((n) => window.bench.result(n), name);
}

const adapter = (page, method, arg) => page.evaluate(([m, a]) => window.benchAdapter[m](a), [method, arg]);

export async function measure(browser, base, toolName, rows, query) {
  const tool = TOOLS[toolName];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // A loaded machine can keep a 100,000-row page busy for long: no short timeouts.
  context.setDefaultTimeout(LOAD_TIMEOUT);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
    const cdp = await context.newCDPSession(page);

    await page.goto(`${base}${tool.page}?data=/data/ia-${rows}.csv`, { waitUntil: "commit" });
    await page.waitForFunction(
      () => window.bench && (window.bench.firstPaint !== null || window.bench.error !== null),
      null,
      { timeout: LOAD_TIMEOUT, polling: 100 }
    );
    await page.waitForFunction(
      () => window.bench.ready !== null || window.bench.error !== null,
      null,
      { timeout: LOAD_TIMEOUT, polling: 100 }
    );
    const load = await page.evaluate(() => ({
      firstPaint: window.bench.firstPaint,
      ready: window.bench.ready,
      error: window.bench.error,
    }));
    if (load.error) throw new Error(`${tool.label}, ${rows} rows: ${load.error}; ${errors.join("; ")}`);

    // Memory once the page is idle after load, after a full garbage collection:
    // V8's heap, Blink's heap (DOM), the backing stores of array buffers and
    // external strings (a fetched text kept alive by the strings sliced from
    // it lives there), and the wasm memory, which none of them counts.
    await page.waitForTimeout(500);
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    const dom = await cdp.send("Memory.getDOMCounters").catch(() => ({}));
    const wasm = await page.evaluate(() => window.benchAdapter.wasmBytes());
    const total = await adapter(page, "resultCount");
    // When the data file had fully arrived (same clock as first paint).
    const dataReceived = await page.evaluate(() => {
      const entry = performance.getEntriesByType("resource").find((e) => e.name.includes("/data/"));
      return entry ? entry.responseEnd : null;
    });
    const headers = await adapter(page, "headers");

    const filter = await timed(page, "filter", "filter", THEME, tool.filter);
    const filtered = await adapter(page, "resultCount");
    const themeTexts = await adapter(page, "columnTexts", THEME.column);
    await tool.reset(page, total);

    const search = await timed(page, "search", "search", {}, tool.search, query);
    const searched = await adapter(page, "resultCount");
    await tool.reset(page, total);

    const sort = await timed(page, "sort", "sort", SORT, tool.sort);
    const sortedTexts = await adapter(page, "columnTexts", SORT.column);

    const scroll = await page.evaluate(([d, s]) => window.bench.scroll(d, s), [SCROLL_DISTANCE, SCROLL_STEP]);

    return {
      figures: {
        first_paint_ms: load.firstPaint,
        ready_ms: load.ready,
        filter_ms: filter,
        search_ms: search,
        sort_ms: sort,
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
        data_received_ms: dataReceived,
        filtered,
        filter_cells_shown: themeTexts.length,
        filter_cells_other: themeTexts.filter((t) => t !== THEME.value).length,
        searched,
        sorted_first: sortedTexts.slice(0, 5),
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
