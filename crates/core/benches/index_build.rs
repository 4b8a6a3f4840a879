//! Building the query index of the generated file the way the widget does
//! (`TableIndexer`: rows in steps, then the stepped finish), measuring per
//! build the wall time, the thread's CPU time (steady on a shared machine),
//! the peak of bytes allocated above what was held before the build, and
//! the longest single step.
//!
//! ```text
//! cargo xtask gen-data --rows 100000 --out /tmp/ia-100k.csv
//! VITRINE_BENCH_CSV=/tmp/ia-100k.csv cargo bench -p vitrine-core --bench index_build
//! ```
//!
//! `VITRINE_BUILD_RUNS=N` sets the number of builds (default 5). Figures go
//! to BENCHMARKS.md.

#[path = "support/thread_cpu.rs"]
mod thread_cpu;
use thread_cpu::cpu_ms;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use vitrine_core::query::{IndexOptions, QueryIndex, TableIndexer};
use vitrine_core::{CsvOptions, Schema, load_csv};

/// The system allocator, counting the bytes held and their peak.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn held(delta: isize) {
    let now = if delta >= 0 {
        HELD.fetch_add(delta as usize, Ordering::Relaxed) + delta as usize
    } else {
        HELD.fetch_sub((-delta) as usize, Ordering::Relaxed) - (-delta) as usize
    };
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        held(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        held(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        held(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        held(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Wall and CPU milliseconds of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (wall, cpu) = (Instant::now(), cpu_ms());
    let out = f();
    (out, wall.elapsed().as_secs_f64() * 1e3, cpu_ms() - cpu)
}

/// One build's figures.
#[derive(Default)]
struct Build {
    wall: f64,
    cpu: f64,
    rows_cpu: f64,
    finish_cpu: f64,
    longest_finish_step: f64,
    finish_steps: usize,
    peak_bytes: usize,
    kept_bytes: usize,
    /// Peak and held bytes once every row is in (before finishing).
    rows_peak_bytes: usize,
    rows_kept_bytes: usize,
}

/// Rows per step and tokens per finishing step, as in the widget.
const ROWS_PER_STEP: usize = 200;
const TOKENS_PER_STEP: usize = 2_000;

fn build(schema: &Schema, table: &vitrine_core::Table) -> Build {
    let options = IndexOptions::default();
    let before = HELD.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let (wall, cpu) = (Instant::now(), cpu_ms());
    let mut indexer = TableIndexer::new(schema, table, &options);
    let ((), _, rows_cpu) = timed(|| while !indexer.step(schema, table, ROWS_PER_STEP) {});
    let mut out = Build {
        rows_cpu,
        rows_peak_bytes: PEAK.load(Ordering::Relaxed) - before,
        rows_kept_bytes: HELD.load(Ordering::Relaxed) - before,
        ..Build::default()
    };
    loop {
        let (done, _, step_cpu) = timed(|| indexer.finish_step(TOKENS_PER_STEP));
        out.finish_steps += 1;
        out.finish_cpu += step_cpu;
        out.longest_finish_step = out.longest_finish_step.max(step_cpu);
        if done {
            break;
        }
    }
    let (index, _, last) = timed(|| indexer.finish());
    out.finish_cpu += last;
    out.longest_finish_step = out.longest_finish_step.max(last);
    out.wall = wall.elapsed().as_secs_f64() * 1e3;
    out.cpu = cpu_ms() - cpu;
    out.peak_bytes = PEAK.load(Ordering::Relaxed) - before;
    out.kept_bytes = HELD.load(Ordering::Relaxed) - before;
    black_box(&index);
    let index: QueryIndex = index;
    drop(index);
    out
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let Ok(path) = std::env::var("VITRINE_BENCH_CSV") else {
        eprintln!("VITRINE_BENCH_CSV not set: nothing to measure");
        return;
    };
    let runs: usize = std::env::var("VITRINE_BUILD_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let schema_text = include_str!("../../../schema/bibliotheque-ia.schema.json");
    let schema = Schema::from_json(schema_text).expect("IA schema");
    let bytes = std::fs::read(&path).expect("generated CSV");
    let table = load_csv(&bytes, CsvOptions::default()).expect("loadable CSV");
    drop(bytes);
    let builds: Vec<Build> = (0..runs).map(|_| build(&schema, &table)).collect();
    for (i, b) in builds.iter().enumerate() {
        println!(
            "build {i}: wall {:.0} ms, cpu {:.0} ms (rows {:.0}, finish {:.0} in {} steps, \
             longest {:.1} ms); peak {:.1} MB allocated ({:.1} MB until every row is in, \
             {:.1} MB held then), index {:.1} MB",
            b.wall,
            b.cpu,
            b.rows_cpu,
            b.finish_cpu,
            b.finish_steps,
            b.longest_finish_step,
            b.peak_bytes as f64 / 1e6,
            b.rows_peak_bytes as f64 / 1e6,
            b.rows_kept_bytes as f64 / 1e6,
            b.kept_bytes as f64 / 1e6,
        );
    }
    let of = |f: fn(&Build) -> f64| median(builds.iter().map(f).collect());
    println!(
        "median of {runs}: wall {:.0} ms, cpu {:.0} ms (rows {:.0}, finish {:.0}), longest \
         finish step {:.1} ms cpu, peak {:.1} MB allocated",
        of(|b| b.wall),
        of(|b| b.cpu),
        of(|b| b.rows_cpu),
        of(|b| b.finish_cpu),
        of(|b| b.longest_finish_step),
        of(|b| b.peak_bytes as f64) / 1e6,
    );
}
