// What `cargo xtask bench --check` verifies: both pages produced every
// figure, showed the same columns and agreed on the filter's result. No
// timing is asserted.
const FIGURES = [
  "first_paint_fetch_ms", "first_paint_ms", "ready_ms", "noop_ms", "filter_ms", "search_ms", "sort_ms",
  "filter_dom_ms", "search_dom_ms", "sort_dom_ms",
  "scroll_p50_ms", "scroll_p95_ms", "js_heap_bytes", "embedder_bytes", "backing_bytes",
  "wasm_bytes", "memory_bytes",
];

export function checkRuns(results) {
  const problems = [];
  for (const r of results) {
    const at = `${r.tool}, ${r.rows} rows, run ${r.run}`;
    for (const name of FIGURES) {
      const v = r.figures[name];
      const ok = typeof v === "number" && Number.isFinite(v) && (name === "wasm_bytes" || name === "backing_bytes" ? v >= 0 : v > 0);
      if (!ok) problems.push(`${at}: ${name} is ${v}`);
    }
    if (r.tool === "vitrine" && !(r.figures.wasm_bytes > 0)) problems.push(`${at}: no wasm memory read`);
    if (r.info.total !== r.rows) problems.push(`${at}: shows ${r.info.total} rows, the file has ${r.rows}`);
    if (!(r.info.filtered > 0 && r.info.filtered < r.rows)) problems.push(`${at}: the filter kept ${r.info.filtered} rows`);
    if (r.info.filter_cells_other > 0) problems.push(`${at}: ${r.info.filter_cells_other} shown rows outside the filter`);
    if (!(r.info.searched > 0 && r.info.searched < r.rows)) problems.push(`${at}: the search matched ${r.info.searched} rows`);
    if (r.info.frames < 50) problems.push(`${at}: only ${r.info.frames} frames while scrolling (${r.info.scrolled_px} px)`);
    if (r.errors.length) problems.push(`${at}: page errors: ${r.errors.join("; ")}`);
  }
  const byRows = new Map();
  for (const r of results) {
    if (!byRows.has(r.rows)) byRows.set(r.rows, {});
    byRows.get(r.rows)[r.tool] = r;
  }
  for (const [rows, { vitrine, tabulator }] of byRows) {
    if (!vitrine || !tabulator) {
      problems.push(`${rows} rows: a tool has no run`);
      continue;
    }
    if (JSON.stringify(vitrine.info.headers) !== JSON.stringify(tabulator.info.headers)) {
      problems.push(`${rows} rows: columns differ: ${vitrine.info.headers} vs ${tabulator.info.headers}`);
    }
    if (vitrine.info.sorted_first[0] !== tabulator.info.sorted_first[0]) {
      problems.push(`${rows} rows: the sort put "${vitrine.info.sorted_first[0]}" first in Vitrine, "${tabulator.info.sorted_first[0]}" in Tabulator`);
    }
    if (vitrine.info.filtered !== tabulator.info.filtered) {
      problems.push(`${rows} rows: the theme filter kept ${vitrine.info.filtered} rows in Vitrine, ${tabulator.info.filtered} in Tabulator`);
    }
  }
  return problems;
}
