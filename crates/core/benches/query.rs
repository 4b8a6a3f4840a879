//! Query engine benchmarks on a 100,000-row IA-shaped table.
//!
//! `cargo bench -p vitrine-core --bench query`
//! (`VITRINE_BENCH_ROWS=N` to change the size). Figures go to BENCHMARKS.md.

#[path = "support/ia_table.rs"]
mod ia_table;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use roaring::RoaringBitmap;
use vitrine_core::query::{Bitset, Cell, Query, QueryIndex, RowTable, facet_values};

fn rows() -> usize {
    std::env::var("VITRINE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

fn setup() -> (RowTable, QueryIndex) {
    let table = ia_table::table(rows());
    let started = std::time::Instant::now();
    let index = QueryIndex::build(ia_table::specs(), &table);
    let built = started.elapsed();
    let memory = index.memory();
    eprintln!(
        "table: {} rows, {:.1} MB of cell text; first build {:.0} ms; index memory: facets {:.2} MB, \
         search {:.2} MB ({} tokens), sort keys {:.2} MB, total {:.2} MB",
        table.rows.len(),
        ia_table::text_bytes(&table) as f64 / 1e6,
        built.as_secs_f64() * 1e3,
        memory.facets as f64 / 1e6,
        memory.search as f64 / 1e6,
        memory.search_tokens,
        memory.sort as f64 / 1e6,
        memory.total() as f64 / 1e6,
    );
    (table, index)
}

fn base_query() -> Query {
    Query::default()
        .toggle_facet("theme", "Mobilité")
        .toggle_facet("projet_status", "En déploiement")
}

fn bench_queries(c: &mut Criterion) {
    let (table, index) = setup();

    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("all_indexes", |b| {
        b.iter(|| QueryIndex::build(ia_table::specs(), black_box(&table)))
    });
    g.finish();

    let mut g = c.benchmark_group("facet_toggle");
    g.bench_function("first_filter", |b| {
        let q = Query::default().toggle_facet("theme", "Mobilité");
        b.iter(|| index.execute(black_box(&q), &table))
    });
    g.bench_function("third_filter", |b| {
        let q = base_query().toggle_facet("audience_service", "agent");
        b.iter(|| index.execute(black_box(&q), &table))
    });
    g.bench_function("with_search_and_sort", |b| {
        let q = base_query()
            .set_search("eau")
            .sort_by("nom_projet", false)
            .toggle_facet("coll_type", "Commune");
        b.iter(|| index.execute(black_box(&q), &table))
    });
    g.finish();

    let mut g = c.benchmark_group("search_keystroke");
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
        g.bench_function(typed, |b| b.iter(|| index.execute(black_box(&q), &table)));
    }
    let q = base_query().set_search("collecte déch");
    g.bench_function("with_filters", |b| {
        b.iter(|| index.execute(black_box(&q), &table))
    });
    g.finish();

    let mut g = c.benchmark_group("sort");
    let sorts: [(&str, Query); 5] = [
        ("text_asc", Query::default().sort_by("nom_projet", false)),
        (
            "partial_date_desc",
            Query::default()
                .sort_by("projet_date", false)
                .sort_by("projet_date", false),
        ),
        ("number_asc", Query::default().sort_by("coll_siret", false)),
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
                .set_window(vitrine_core::query::Window {
                    offset: 50_000,
                    limit: 50,
                }),
        ),
    ];
    for (name, q) in &sorts {
        g.bench_function(*name, |b| b.iter(|| index.execute(black_box(q), &table)));
    }
    let q = Query::default().sort_by("nom_projet", false);
    g.bench_function("full_order_text", |b| {
        b.iter(|| index.matching_rows(black_box(&q), &table))
    });
    g.finish();

    let mut g = c.benchmark_group("update");
    let cells = |r: usize| -> Vec<Cell<'_>> { (0..37).map(|c| table.cell_at(r, c)).collect() };
    let donor = cells(777);
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
            for v in facet_values(table.cell_at(row, col), facet.multi) {
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

trait CellAt {
    fn cell_at(&self, row: usize, col: usize) -> Cell<'_>;
}

impl CellAt for RowTable {
    fn cell_at(&self, row: usize, col: usize) -> Cell<'_> {
        vitrine_core::query::CellSource::cell(self, row, col)
    }
}

criterion_group!(benches, bench_queries, bench_facet_bitmaps);
criterion_main!(benches);
