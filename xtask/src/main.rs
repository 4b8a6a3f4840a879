//! `cargo xtask`: Vitrine's build orchestration.
//!
//! - `cargo xtask run`  — install what is missing, build the bundle, serve the demo.
//! - `cargo xtask test` — formatting, lints, native, browser and end-to-end tests.
//! - `cargo xtask dist` — build the bundle into `dist/` and print its sizes.
//! - `cargo xtask gen-data` — a deterministic IA-shaped dataset of any size.
//! - `cargo xtask bench-validate` — load+validate throughput against frictionless.
//! - `cargo xtask bench` — Vitrine and Tabulator side by side in headless Chromium.
//! - `cargo xtask bench-query-wasm` — query-engine timings, native and in headless Chromium.

mod bench;
mod bench_query_wasm;
mod bench_validate;
mod cmd;
mod dist;
mod gen_data;
mod minify;
mod run;
mod sizes;
mod test;
mod tools;
mod wasm_names;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  run [--addr HOST:PORT]   build the bundle and serve the demo (default 127.0.0.1:8810)
  test                     fmt, clippy, native tests, browser tests, size budget, end-to-end tests
  dist                     build the bundle into dist/ and print its size table
  gen-data --rows N --out FILE [--invalid-rate R] [--seed S]
                           write a deterministic IA-shaped CSV (all 36 fields plus id)
  bench-validate           criterion load+validate benchmark, then frictionless on the same file
  bench [--rows N,…] [--runs N] [--query WORD] [--no-build] [--check]
                           Vitrine and Tabulator 6.5 side by side in headless Chromium;
                           report in target/bench/report.md
  bench-query-wasm [--rows N]
                           query-engine timings natively and in headless Chromium, side by side";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::main(&args[1..]),
        Some("test") => test::main(),
        Some("dist") => dist::main(),
        Some("gen-data") => gen_data::run(&args[1..]),
        Some("bench-validate") => bench_validate::run(&args[1..]),
        Some("bench") => bench::run_bench(&args[1..]),
        Some("bench-query-wasm") => bench_query_wasm::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    if let Err(message) = result {
        eprintln!("\nerror: {message}");
        std::process::exit(1);
    }
}
