//! `cargo xtask bench-query-wasm [--rows N]`: the query-engine interactions
//! of `crates/core/benches/support/timings.rs` timed natively and in
//! headless Chromium (WebAssembly), printed side by side with the ratio.

use std::process::Command;

use crate::cmd::{self, Result};

/// `name -> milliseconds` lines (`query-timing<TAB>name<TAB>ms`) and the
/// memory lines of a run's output.
fn parse(output: &str) -> (Vec<(String, f64)>, Vec<String>) {
    let mut timings = Vec::new();
    let mut memory = Vec::new();
    for line in output.lines() {
        // The browser runner may prefix console lines.
        let Some(at) = line.find("query-") else {
            continue;
        };
        let fields: Vec<&str> = line[at..].trim_end().split('\t').collect();
        match fields.as_slice() {
            ["query-timing", name, ms, ..] => {
                if let Ok(ms) = ms.parse() {
                    timings.push((name.to_string(), ms));
                }
            }
            ["query-memory", what, value] => memory.push(format!("{what}: {value}")),
            _ => {}
        }
    }
    (timings, memory)
}

fn captured(cmd: &mut Command, what: &str) -> Result<String> {
    cmd.current_dir(cmd::root());
    eprintln!("$ {what}");
    let out = cmd
        .output()
        .map_err(|e| format!("could not start {what}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!(
            "{what} failed ({}):\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(stdout)
}

pub fn run(args: &[String]) -> Result {
    let rows = match args {
        [] => 100_000,
        [flag, n] if flag == "--rows" => n
            .parse()
            .map_err(|_| format!("--rows: not a number: {n}"))?,
        _ => return Err("usage: cargo xtask bench-query-wasm [--rows N]".into()),
    };
    cmd::step("native: cargo bench -p vitrine-core --bench query_timings");
    let native = captured(
        cmd::cargo()
            .args(["bench", "-p", "vitrine-core", "--bench", "query_timings"])
            .env("VITRINE_BENCH_ROWS", rows.to_string()),
        "cargo bench -p vitrine-core --bench query_timings",
    )?;
    cmd::step("browser: wasm-bindgen-test in headless Chromium (release build)");
    let chromedriver =
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let wasm = captured(
        cmd::cargo()
            .args([
                "test",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--features",
                "bench-wasm",
                "--test",
                "query_bench_wasm",
                "--",
                "--nocapture",
            ])
            .env("CHROMEDRIVER", chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "1800")
            .env("VITRINE_BENCH_ROWS", rows.to_string()),
        "cargo test --release --target wasm32-unknown-unknown --features bench-wasm --test query_bench_wasm",
    )?;
    let (native_times, native_memory) = parse(&native);
    let (wasm_times, wasm_memory) = parse(&wasm);
    if wasm_times.is_empty() {
        return Err(format!("no timing in the browser run's output:\n{wasm}"));
    }
    println!("\nquery engine, {rows} rows (synthetic IA-shaped table), median ms\n");
    println!("| operation | native | wasm (Chromium) | wasm / native |");
    println!("|---|---:|---:|---:|");
    for (name, native_ms) in &native_times {
        let wasm_ms = wasm_times
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, ms)| *ms);
        match wasm_ms {
            Some(w) => println!(
                "| {name} | {native_ms:.2} | {w:.2} | {:.2}x |",
                w / native_ms.max(1e-6)
            ),
            None => println!("| {name} | {native_ms:.2} | — | — |"),
        }
    }
    println!();
    for line in native_memory {
        println!("native {line}");
    }
    for line in wasm_memory {
        println!("wasm {line}");
    }
    Ok(())
}
