//! A fixed number of index builds of a loaded file
//! ([`QueryIndex::from_table`], what `file/build` measures), for CPU-time
//! comparisons with `perf stat` and profiles with `perf record` on a shared
//! machine (criterion varies its iteration count; this does not).
//!
//! ```sh
//! cargo build --release -p vitrine-core --example index_build_runs
//! perf stat -e task-clock target/release/examples/index_build_runs \
//!     target/bench-data/ia-100000.csv schema/bibliotheque-ia.schema.json 0
//! perf stat -e task-clock target/release/examples/index_build_runs \
//!     target/bench-data/ia-100000.csv schema/bibliotheque-ia.schema.json 5
//! ```
//!
//! The CPU time of one build is the difference of the two runs ÷ 5 (the
//! first only loads the file). Each run also prints the thread CPU time of
//! its fastest and median build, which needs no second run.

#[path = "../benches/support/thread_cpu.rs"]
mod thread_cpu;
use thread_cpu::cpu_ms;

use std::time::Instant;

use vitrine_core::query::{IndexOptions, QueryIndex};
use vitrine_core::{CsvOptions, Schema, load_csv};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, schema, runs] = &args[..] else {
        eprintln!("usage: index_build_runs DATA.csv SCHEMA.json RUNS");
        std::process::exit(2);
    };
    let schema = Schema::from_slice(&std::fs::read(schema).expect("schema file")).expect("schema");
    let runs: usize = runs.parse().expect("number of runs");
    let bytes = std::fs::read(data).expect("data file");
    let table = load_csv(&bytes, CsvOptions::default()).expect("data loads");
    drop(bytes);
    let options = IndexOptions::default();
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut drops = Vec::new();
    for _ in 0..runs {
        let (start, cpu_start) = (Instant::now(), cpu_ms());
        let index = QueryIndex::from_table(&schema, &table, &options);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        cpu.push(cpu_ms() - cpu_start);
        let memory = index.memory();
        if times.len() == 1 {
            println!(
                "{} rows; index memory {:.2} MB ({} tokens)",
                index.row_count(),
                memory.total() as f64 / 1e6,
                memory.search_tokens
            );
        }
        let cpu_start = cpu_ms();
        drop(index);
        drops.push(cpu_ms() - cpu_start);
    }
    if runs > 0 {
        let mean = times.iter().sum::<f64>() / runs as f64;
        let min = times.iter().copied().fold(f64::INFINITY, f64::min);
        println!("{runs} builds: {mean:.1} ms per build (wall), fastest {min:.1} ms");
        cpu.sort_by(f64::total_cmp);
        println!(
            "CPU per build: fastest {:.1} ms, median {:.1} ms",
            cpu[0],
            cpu[runs / 2]
        );
        drops.sort_by(f64::total_cmp);
        println!(
            "CPU per drop of the index: median {:.1} ms",
            drops[runs / 2]
        );
    }
}
