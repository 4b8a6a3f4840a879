//! The query-engine interactions of `crates/core/benches/support/timings.rs`
//! timed in the browser (WebAssembly in headless Chromium), to compare with
//! the same code run natively. Not a test: a measurement, built only with
//! the `bench-wasm` feature and run by `cargo xtask bench-query-wasm`.
#![cfg(target_arch = "wasm32")]

#[path = "../crates/core/benches/support/ia_table.rs"]
#[allow(dead_code)]
mod ia_table;
#[path = "../crates/core/benches/support/timings.rs"]
mod timings;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `performance.now()` of the page.
fn now_ms() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .expect("performance");
    let now = js_sys::Reflect::get(&performance, &JsValue::from_str("now"))
        .expect("performance.now")
        .unchecked_into::<js_sys::Function>();
    now.call0(&performance)
        .ok()
        .and_then(|v| v.as_f64())
        .expect("a time")
}

/// Bytes of the module's linear memory.
fn memory_bytes() -> Option<usize> {
    Some(core::arch::wasm32::memory_size(0) * 65_536)
}

#[wasm_bindgen_test]
fn query_engine_timings_in_the_browser() {
    let rows = option_env!("VITRINE_BENCH_ROWS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let print = |line: &str| console_log!("{line}");
    let host = timings::Host {
        now_ms: &now_ms,
        print: &print,
    };
    timings::run(&host, rows, &memory_bytes);
}
