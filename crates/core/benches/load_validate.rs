//! Load + validate throughput (MB/s, single thread) on an IA-shaped file.
//!
//! Data: `VITRINE_BENCH_DATA` (default `target/bench-data/ia-100000.csv`,
//! made by `cargo xtask gen-data --rows 100000 --out target/bench-data/ia-100000.csv`);
//! schema: `VITRINE_BENCH_SCHEMA` (default `schema/bibliotheque-ia.schema.json`).
//! Run: `cargo bench -p vitrine-core --bench load_validate`.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vitrine_core::{CsvOptions, Schema, load_csv, validate};

fn workspace_path(env: &str, default: &str) -> PathBuf {
    std::env::var_os(env).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(default)
    })
}

fn bench(c: &mut Criterion) {
    let data_path = workspace_path("VITRINE_BENCH_DATA", "target/bench-data/ia-100000.csv");
    let schema_path = workspace_path("VITRINE_BENCH_SCHEMA", "schema/bibliotheque-ia.schema.json");
    let (Ok(bytes), Ok(schema_text)) = (std::fs::read(&data_path), std::fs::read(&schema_path))
    else {
        eprintln!(
            "load_validate: {} or {} is missing; generate the data with\n  \
             cargo xtask gen-data --rows 100000 --out target/bench-data/ia-100000.csv",
            data_path.display(),
            schema_path.display()
        );
        return;
    };
    let schema = Schema::from_slice(&schema_text).expect("benchmark schema loads");
    let table = load_csv(&bytes, CsvOptions::default()).expect("benchmark data loads");
    let report = validate(&schema, &table);
    eprintln!(
        "load_validate: {} ({:.1} MB, {} rows, {} errors)",
        data_path.display(),
        bytes.len() as f64 / 1e6,
        table.len(),
        report.errors.len()
    );
    drop(table);

    let mut group = c.benchmark_group("ia");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| load_csv(&bytes, CsvOptions::default()).unwrap().len())
    });
    group.bench_function("load+validate", |b| {
        b.iter(|| {
            let table = load_csv(&bytes, CsvOptions::default()).unwrap();
            validate(&schema, &table).errors.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
