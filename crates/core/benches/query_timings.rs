//! The query-engine interactions of `support/timings.rs`, timed natively
//! (plain loop, median of the runs) to compare with the same code in the
//! browser: `cargo xtask bench-query-wasm` runs both.
//!
//! ```text
//! cargo bench -p vitrine-core --bench query_timings
//! ```

#[path = "support/ia_table.rs"]
#[allow(dead_code)]
mod ia_table;
#[path = "support/timings.rs"]
mod timings;

use std::time::Instant;

fn main() {
    let rows = std::env::var("VITRINE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let origin = Instant::now();
    let now_ms = move || origin.elapsed().as_secs_f64() * 1e3;
    let print = |line: &str| println!("{line}");
    let host = timings::Host {
        now_ms: &now_ms,
        print: &print,
    };
    timings::run(&host, rows, &|| None);
}
