//! Memory of a loaded table and a fixed number of load (+ validate) runs,
//! for CPU-time comparisons with `perf stat` on a shared machine
//! (criterion varies its iteration count; this does not).
//!
//! ```sh
//! cargo run --release -p vitrine-core --example load_validate_runs -- \
//!     target/bench-data/ia-100000.csv schema/bibliotheque-ia.schema.json validate 5
//! perf stat -e task-clock target/release/examples/load_validate_runs … load 5
//! ```
//!
//! `load`: load the file RUNS times; `validate`: load and validate;
//! `check`: load once, then validate that table RUNS times.
//!
//! Prints the bytes the heap holds once the table is loaded (counted by a
//! global allocator: everything the table keeps, input buffer excluded) and
//! [`Table::heap_size`](vitrine_core::Table::heap_size), then the same for
//! the streamed loader [`CsvLoader`] fed 64 KiB chunks.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use vitrine_core::load::CsvLoader;
use vitrine_core::{CsvOptions, Schema, load_csv, validate};

/// The system allocator, counting the bytes in use.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: same layout, as the caller promised.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, schema, what, runs] = &args[..] else {
        eprintln!("usage: load_validate_runs DATA.csv SCHEMA.json load|validate|check RUNS");
        std::process::exit(2);
    };
    let bytes = std::fs::read(data).expect("data file");
    let schema = Schema::from_slice(&std::fs::read(schema).expect("schema file")).expect("schema");
    let runs: usize = runs.parse().expect("number of runs");
    let validating = what == "validate";

    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let table = load_csv(&bytes, CsvOptions::default()).expect("data loads");
    let held = IN_USE.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    println!(
        "{}: {} bytes, {} rows; table holds {held} heap bytes (peak while loading {peak}); Table::heap_size {}",
        data,
        bytes.len(),
        table.len(),
        table.heap_size()
    );
    drop(table);
    // The streamed loader (the widget's download), 64 KiB chunks, with and
    // without the announced size.
    for announced in [true, false] {
        let before = IN_USE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let mut loader = CsvLoader::new(CsvOptions::default());
        if announced {
            loader.reserve(bytes.len());
        }
        for chunk in bytes.chunks(64 << 10) {
            loader.push(chunk);
            loader.step(usize::MAX);
        }
        let table = loader.finish().expect("data loads");
        let held = IN_USE.load(Ordering::Relaxed) - before;
        let peak = PEAK.load(Ordering::Relaxed) - before;
        let size = if announced { "announced" } else { "unknown" };
        println!(
            "CsvLoader, size {size}: table holds {held} heap bytes (peak while loading {peak})"
        );
        drop(table);
    }

    // Each run's wall time; the fastest is the least disturbed by other work.
    let mut times = Vec::new();
    let mut errors = 0;
    let table = (what == "check").then(|| load_csv(&bytes, CsvOptions::default()).unwrap());
    for _ in 0..runs {
        let start = Instant::now();
        match &table {
            Some(table) => errors += validate(&schema, table).errors.len(),
            None => {
                let table = load_csv(&bytes, CsvOptions::default()).expect("data loads");
                if validating {
                    errors += validate(&schema, &table).errors.len();
                }
            }
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let mean = times.iter().sum::<f64>() / runs.max(1) as f64;
    let min = times.iter().copied().fold(f64::INFINITY, f64::min);
    println!("{runs} × {what}: {mean:.1} ms per run (wall), fastest {min:.1} ms, {errors} errors");
}
