//! Query engine benchmarks on a 100,000-row IA-shaped table.
//!
//! ```text
//! cargo xtask gen-data --rows 100000 --out /tmp/ia-100k.csv
//! VITRINE_BENCH_CSV=/tmp/ia-100k.csv cargo bench -p vitrine-core --bench query
//! ```
//!
//! Without `VITRINE_BENCH_CSV` only the synthetic IA-shaped table is used
//! (`VITRINE_BENCH_ROWS=N` changes its size). Figures go to BENCHMARKS.md.

#[path = "support/ia_table.rs"]
mod ia_table;

use std::hint::black_box;

use std::time::Instant;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use roaring::RoaringBitmap;
use vitrine_core::query::{
    Bitset, Cell, CellSource, IndexOptions, Query, QueryIndex, TableSource, Window, facet_values,
};
use vitrine_core::value::Value;
use vitrine_core::{CsvOptions, Schema, load_csv};

fn rows() -> usize {
    std::env::var("VITRINE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

fn report(what: &str, index: &QueryIndex, built: std::time::Duration) {
    let memory = index.memory();
    eprintln!(
        "{what}: {} rows; first build {:.0} ms; index memory: facets {:.2} MB, search {:.2} MB \
         ({} tokens), sort keys {:.2} MB, total {:.2} MB",
        index.row_count(),
        built.as_secs_f64() * 1e3,
        memory.facets as f64 / 1e6,
        memory.search as f64 / 1e6,
        memory.search_tokens,
        memory.sort as f64 / 1e6,
        memory.total() as f64 / 1e6,
    );
}

/// The most frequent value of a facet field.
fn top_value(index: &QueryIndex, source: &impl CellSource, field: &str) -> String {
    let result = index.execute(&Query::default(), source);
    let facet = result
        .facets
        .iter()
        .find(|f| f.field == field)
        .expect("facet field");
    facet
        .values
        .iter()
        .max_by_key(|v| v.count)
        .expect("a value")
        .value
        .clone()
}

/// The interactions measured on any table with the IA catalogue's fields.
fn interactions<S: CellSource>(
    c: &mut Criterion,
    group: &str,
    index: &QueryIndex,
    source: &S,
    build: impl Fn() -> QueryIndex,
) {
    let theme = top_value(index, source, "theme");
    let status = top_value(index, source, "projet_status");
    let audience = top_value(index, source, "audience_service");
    let coll_type = top_value(index, source, "coll_type");
    let base = Query::default()
        .toggle_facet("theme", &theme)
        .toggle_facet("projet_status", &status);

    let mut g = c.benchmark_group(format!("{group}/build"));
    g.sample_size(10);
    g.bench_function("all_indexes", |b| b.iter(&build));
    g.finish();

    let mut g = c.benchmark_group(format!("{group}/facet_toggle"));
    let cases = [
        (
            "first_filter",
            Query::default().toggle_facet("theme", &theme),
        ),
        (
            "third_filter",
            base.toggle_facet("audience_service", &audience),
        ),
        (
            "with_search_and_sort",
            base.set_search("eau")
                .sort_by("nom_projet", false)
                .toggle_facet("coll_type", &coll_type),
        ),
    ];
    for (name, q) in &cases {
        g.bench_function(*name, |b| b.iter(|| index.execute(black_box(q), source)));
    }
    g.finish();

    let mut g = c.benchmark_group(format!("{group}/search_keystroke"));
    for typed in [
        "d",
        "de",
        "dec",
        "dech",
        "déchets",
        "transp",
        "eau transp",
        "zzz",
    ] {
        let q = Query::default().set_search(typed);
        g.bench_function(typed, |b| b.iter(|| index.execute(black_box(&q), source)));
    }
    let q = base.set_search("collecte déch");
    g.bench_function("with_filters", |b| {
        b.iter(|| index.execute(black_box(&q), source))
    });
    g.finish();

    let mut g = c.benchmark_group(format!("{group}/sort"));
    let sorts = [
        ("text_asc", Query::default().sort_by("nom_projet", false)),
        (
            "partial_date_desc",
            Query::default()
                .sort_by("projet_date", false)
                .sort_by("projet_date", false),
        ),
        (
            "multi_theme_date",
            Query::default()
                .sort_by("theme", false)
                .sort_by("projet_date", true),
        ),
        (
            "text_window_at_50000",
            Query::default()
                .sort_by("coll_nom", false)
                .set_window(Window {
                    offset: 50_000,
                    limit: 50,
                }),
        ),
    ];
    for (name, q) in &sorts {
        g.bench_function(*name, |b| b.iter(|| index.execute(black_box(q), source)));
    }
    let q = Query::default().sort_by("nom_projet", false);
    g.bench_function("full_order_text", |b| {
        b.iter(|| index.matching_rows(black_box(&q), source))
    });
    g.finish();

    let mut g = c.benchmark_group(format!("{group}/update"));
    g.sample_size(10);
    let texts: Vec<String> = (0..index.specs().len())
        .map(|col| source.with_text(777, col, |text| text.to_string()))
        .collect();
    let values: Vec<Value> = (0..index.specs().len())
        .map(|col| source.with_cell(777, col, |cell| cell.value.clone()))
        .collect();
    let donor: Vec<Cell<'_>> = texts
        .iter()
        .zip(&values)
        .map(|(text, value)| Cell { text, value })
        .collect();
    g.bench_function("update_row", |b| {
        b.iter_batched(
            || index.clone(),
            |mut idx| {
                idx.update_row(12, &donor).unwrap();
                idx
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

/// The synthetic IA-shaped table (always available).
fn bench_synthetic(c: &mut Criterion) {
    let table = ia_table::table(rows());
    eprintln!(
        "synthetic table: {:.1} MB of cell text",
        ia_table::text_bytes(&table) as f64 / 1e6
    );
    let started = Instant::now();
    let index = QueryIndex::build(ia_table::specs(), &table);
    report("synthetic", &index, started.elapsed());
    interactions(c, "synthetic", &index, &table, || {
        QueryIndex::build(ia_table::specs(), black_box(&table))
    });
}

/// The file of `cargo xtask gen-data` (`VITRINE_BENCH_CSV=FILE`), loaded
/// with the IA schema and indexed with the schema's defaults.
fn bench_generated_file(c: &mut Criterion) {
    let Ok(path) = std::env::var("VITRINE_BENCH_CSV") else {
        eprintln!("VITRINE_BENCH_CSV not set: generated-file benchmarks skipped");
        return;
    };
    let schema_text = include_str!("../../../schema/bibliotheque-ia.schema.json");
    let schema = Schema::from_json(schema_text).expect("IA schema");
    let bytes = std::fs::read(&path).expect("generated CSV");
    let table = load_csv(&bytes, CsvOptions::default()).expect("loadable CSV");
    drop(bytes);
    let options = IndexOptions::default();
    let started = Instant::now();
    let index = QueryIndex::from_table(&schema, &table, &options);
    report("generated file", &index, started.elapsed());
    let source = TableSource::new(&schema, &table, index.specs());
    interactions(c, "file", &index, &source, || {
        QueryIndex::from_table(&schema, black_box(&table), &options)
    });
}

/// Facet counts (each field counted under the other fields' selections),
/// with dense bitsets and with roaring bitmaps: the measurement behind the
/// choice of dense bitsets for facets.
fn bench_facet_bitmaps(c: &mut Criterion) {
    let table = ia_table::table(rows());
    let specs = ia_table::specs();
    let n = table.rows.len();
    let mut dense: Vec<Vec<Bitset>> = Vec::new();
    let mut roaring: Vec<Vec<RoaringBitmap>> = Vec::new();
    for (col, spec) in specs.iter().enumerate() {
        let Some(facet) = &spec.facet else { continue };
        let mut values: Vec<String> = facet.values.clone();
        let mut d: Vec<Bitset> = values.iter().map(|_| Bitset::new(n)).collect();
        let mut r: Vec<RoaringBitmap> = values.iter().map(|_| RoaringBitmap::new()).collect();
        for row in 0..n {
            for v in table.with_cell(row, col, |cell| facet_values(cell, facet.multi)) {
                let i = values.iter().position(|x| *x == v).unwrap_or_else(|| {
                    values.push(v.clone());
                    d.push(Bitset::new(n));
                    r.push(RoaringBitmap::new());
                    values.len() - 1
                });
                d[i].insert(row as u32);
                r[i].insert(row as u32);
            }
        }
        dense.push(d);
        roaring.push(r);
    }
    // Selections: first value of the first two facets (OR of two values on the second).
    let mut g = c.benchmark_group("facet_bitmaps");
    g.bench_function("dense_counts", |b| {
        b.iter(|| {
            let sel = [dense[0][0].clone(), {
                let mut s = dense[1][0].clone();
                s.or_with(&dense[1][1]);
                s
            }];
            let mut total = 0usize;
            for (f, values) in dense.iter().enumerate() {
                let mut mask = Bitset::full(n);
                for (i, s) in sel.iter().enumerate() {
                    if i != f {
                        mask.and_with(s);
                    }
                }
                total += values
                    .iter()
                    .map(|v| v.intersection_count(&mask))
                    .sum::<usize>();
            }
            total
        })
    });
    g.bench_function("roaring_counts", |b| {
        b.iter(|| {
            let sel = [roaring[0][0].clone(), &roaring[1][0] | &roaring[1][1]];
            let mut total = 0u64;
            for (f, values) in roaring.iter().enumerate() {
                let mut mask: RoaringBitmap = (0..n as u32).collect();
                for (i, s) in sel.iter().enumerate() {
                    if i != f {
                        mask &= s;
                    }
                }
                total += values
                    .iter()
                    .map(|v| v.intersection_len(&mask))
                    .sum::<u64>();
            }
            total
        })
    });
    g.finish();
    let dense_bytes: usize = dense.iter().flatten().map(Bitset::heap_bytes).sum();
    let roaring_bytes: usize = roaring
        .iter()
        .flatten()
        .map(RoaringBitmap::serialized_size)
        .sum();
    eprintln!(
        "facet bitmaps: dense {:.2} MB, roaring {:.2} MB (serialized)",
        dense_bytes as f64 / 1e6,
        roaring_bytes as f64 / 1e6
    );
}

criterion_group!(
    benches,
    bench_generated_file,
    bench_synthetic,
    bench_facet_bitmaps
);
criterion_main!(benches);
