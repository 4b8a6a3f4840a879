//! The query-engine interactions timed the same way natively and in the
//! browser (WebAssembly), on the synthetic IA-shaped table of
//! `ia_table.rs`: each operation is repeated and its median kept.
//!
//! Used by `benches/query_timings.rs` (native) and by the browser
//! measurement `tests/query_bench_wasm.rs` of the widget crate; both are run
//! by `cargo xtask bench-query-wasm`, which prints them side by side.

use std::hint::black_box;

use super::ia_table;
use vitrine_core::query::{Cell, CellSource, Query, QueryIndex, Window};

/// What the host provides: a clock in milliseconds and a line printer.
pub struct Host<'a> {
    pub now_ms: &'a dyn Fn() -> f64,
    pub print: &'a dyn Fn(&str),
}

fn median(host: &Host<'_>, runs: usize, mut op: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = (host.now_ms)();
            op();
            (host.now_ms)() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The most frequent value of a facet field.
fn top_value(index: &QueryIndex, source: &impl CellSource, field: &str) -> String {
    let result = index.execute(&Query::default(), source);
    let facet = result
        .facets
        .iter()
        .find(|f| f.field == field)
        .expect("facet");
    let top = facet
        .values
        .iter()
        .max_by_key(|v| v.count)
        .expect("a value");
    top.value.clone()
}

/// Builds the table and index of `rows` rows, times every interaction and
/// prints one line per operation: `query-timing<TAB>name<TAB>median ms`.
/// `memory_bytes` reports the host's memory, when it can.
pub fn run(host: &Host<'_>, rows: usize, memory_bytes: &dyn Fn() -> Option<usize>) {
    let record = |name: &str, runs: usize, ms: f64| {
        (host.print)(&format!("query-timing\t{name}\t{ms:.3}\t{runs} runs"));
    };
    let runs = 31;
    let time = |index: &QueryIndex, table: &vitrine_core::query::RowTable, q: &Query| {
        median(host, runs, || {
            black_box(index.execute(black_box(q), table));
        })
    };
    let memory_before = memory_bytes();
    let table = ia_table::table(rows);
    let memory_table = memory_bytes();
    let index = QueryIndex::build(ia_table::specs(), &table);
    let memory_index = memory_bytes();
    record(
        "build all indexes",
        3,
        median(host, 3, || {
            black_box(QueryIndex::build(ia_table::specs(), black_box(&table)));
        }),
    );

    let theme = top_value(&index, &table, "theme");
    let status = top_value(&index, &table, "projet_status");
    let audience = top_value(&index, &table, "audience_service");
    let base = Query::default()
        .toggle_facet("theme", &theme)
        .toggle_facet("projet_status", &status);
    // The first text sort builds the column's keys and ranks: timed once.
    let first = Query::default().sort_by("coll_nom", false);
    let start = (host.now_ms)();
    black_box(index.execute(&first, &table));
    record(
        "first sort of a text column (keys built)",
        1,
        (host.now_ms)() - start,
    );
    let time_query = |name: &str, q: Query| record(name, runs, time(&index, &table, &q));

    time_query(
        "facet toggle: 1st filter",
        Query::default().toggle_facet("theme", &theme),
    );
    time_query(
        "facet toggle: 3rd filter",
        base.toggle_facet("audience_service", &audience),
    );
    time_query(
        "facet toggle with search and text sort",
        base.set_search("eau").sort_by("nom_projet", false),
    );
    for (name, typed) in [
        ("search keystroke \"d\"", "d"),
        ("search keystroke \"de\"", "de"),
        ("search keystroke \"dech\"", "dech"),
        ("search \"déchets\"", "déchets"),
        ("search \"eau transp\"", "eau transp"),
    ] {
        time_query(name, Query::default().set_search(typed));
    }
    time_query(
        "sort text, first window",
        Query::default().sort_by("nom_projet", false),
    );
    time_query(
        "sort partial dates descending",
        Query::default()
            .sort_by("projet_date", false)
            .sort_by("projet_date", false),
    );
    time_query(
        "multi-sort theme, date",
        Query::default()
            .sort_by("theme", false)
            .sort_by("projet_date", true),
    );
    time_query(
        "sort text, window at 50,000",
        Query::default()
            .sort_by("coll_nom", false)
            .set_window(Window {
                offset: 50_000,
                limit: 50,
            }),
    );
    let q = Query::default().sort_by("nom_projet", false);
    let ms = median(host, runs, || {
        black_box(index.matching_rows(black_box(&q), &table));
    });
    record("full text order of all rows", runs, ms);

    let donor: Vec<Cell<'_>> = table.rows[777]
        .iter()
        .map(|(text, value)| Cell { text, value })
        .collect();
    let mut edited = index.clone();
    let ms = median(host, 11, || {
        edited
            .update_row(12, black_box(&donor))
            .expect("row 12 exists");
    });
    record("accepted edit (update_row)", 11, ms);

    let memory = index.memory();
    (host.print)(&format!(
        "query-memory\tindex structures\t{:.1} MB (facets {:.1}, search {:.1}, sort keys {:.1})",
        memory.total() as f64 / 1e6,
        memory.facets as f64 / 1e6,
        memory.search as f64 / 1e6,
        memory.sort as f64 / 1e6,
    ));
    if let (Some(before), Some(table_done), Some(index_done)) =
        (memory_before, memory_table, memory_index)
    {
        (host.print)(&format!(
            "query-memory\tmemory grown by the table\t{:.1} MB",
            (table_done - before) as f64 / 1e6
        ));
        (host.print)(&format!(
            "query-memory\tmemory grown by the index\t{:.1} MB",
            (index_done - table_done) as f64 / 1e6
        ));
    }
}
