//! The heap a large file takes at each stage of the widget's load, counted
//! by a counting allocator: the bytes live after each stage and the peak
//! during it. The widget's wasm memory never shrinks, so its size after
//! load is the highest peak below (plus the allocator's own overhead).
//!
//! ```sh
//! cargo run --release -p vitrine-core --example load_memory -- \
//!     target/bench-data/ia-100000.csv schema/bibliotheque-ia.schema.json
//! ```
//!
//! The file is fed to [`CsvLoader`] in 64 KiB chunks as a download arrives
//! in the widget, then indexed with [`TableIndexer`] (default facets and
//! searched fields) and the sorts of the first seven fields prepared, and
//! the time to read the rows is printed. The
//! rows' text is packed as the widget keeps it ([`CsvLoader::pack_text`]);
//! with `PLAIN=1` it is held as it is.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use vitrine_core::load::CsvLoader;
use vitrine_core::query::{IndexOptions, SortPreparation, TableIndexer, TableSource};
use vitrine_core::{CsvOptions, Schema};

/// Counts the bytes allocated and keeps their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counters are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller's layout is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            // A reallocation that moves holds both blocks for a moment.
            PEAK.fetch_max(live + layout.size(), Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: forwarded as given.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: f64 = 1e6;

/// Prints the live bytes and the stage's peak, and starts a new stage.
fn report(stage: &str, excluded: usize) {
    let live = LIVE.load(Ordering::Relaxed) - excluded;
    let peak = PEAK.swap(LIVE.load(Ordering::Relaxed), Ordering::Relaxed) - excluded;
    println!(
        "{stage:<32} live {:>7.1} MB   peak {:>7.1} MB",
        live as f64 / MB,
        peak as f64 / MB
    );
}

/// Times reading every cell in file order, and 40 rows (a page) at a
/// time in a scattered order (as a sorted view shows them).
fn read_times(table: &vitrine_core::Table) {
    let start = Instant::now();
    let mut bytes = 0usize;
    for row in table.rows() {
        bytes += row.iter().map(|c| c.len()).sum::<usize>();
    }
    let in_order = start.elapsed();
    let n = table.len();
    let pages = 1_000;
    let start = Instant::now();
    for page in 0..pages {
        for i in 0..40 {
            // A multiplicative hash scatters the rows over the file.
            let k: usize = page * 40 + i;
            let row = k.wrapping_mul(2_654_435_761) % n;
            bytes += table.rows()[row].iter().map(|c| c.len()).sum::<usize>();
        }
    }
    let scattered = start.elapsed() / pages as u32;
    println!(
        "every cell in file order {:>8.1} ms; a page of 40 scattered rows {:>6.3} ms ({bytes} bytes read)",
        in_order.as_secs_f64() * 1e3,
        scattered.as_secs_f64() * 1e3
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, schema] = &args[..] else {
        eprintln!("usage: load_memory DATA.csv SCHEMA.json");
        std::process::exit(2);
    };
    let schema = Schema::from_slice(&std::fs::read(schema).expect("schema file")).expect("schema");
    let bytes = std::fs::read(data).expect("data file");
    // The file as the network gives it is not the page's memory.
    let excluded = LIVE.load(Ordering::Relaxed);
    PEAK.store(excluded, Ordering::Relaxed);

    let mut loader = CsvLoader::new(CsvOptions::default());
    if std::env::var_os("PLAIN").is_none_or(|v| v != "1") {
        loader.pack_text();
    }
    for chunk in bytes.chunks(64 << 10) {
        loader.push(chunk);
        while !loader.step(256) && loader.bytes_parsed() < loader.bytes_received() {
            let before = loader.bytes_parsed();
            if loader.step(256) || loader.bytes_parsed() == before {
                break;
            }
        }
    }
    loader.end();
    while !loader.step(256) {}
    report("records read", excluded);
    let table = loader.finish().expect("valid CSV");
    report("table", excluded);
    println!(
        "  table.heap_size()              {:>7.1} MB",
        table.heap_size() as f64 / MB
    );

    let mut indexer = TableIndexer::new(&schema, &table, &IndexOptions::default());
    while !indexer.step(&schema, &table, 200) {}
    report("rows indexed", excluded);
    while !indexer.finish_step(2_000) {}
    let index = indexer.finish();
    report("index finished", excluded);

    let source = TableSource::new(&schema, &table, index.specs());
    let fields: Vec<usize> = (0..7.min(schema.fields.len())).collect();
    let mut preparation = SortPreparation::new(&fields);
    while !preparation.step(&index, &source, 1_024) {}
    drop(source);
    report("sorts of 7 fields prepared", excluded);
    drop(index);
    report("index dropped", excluded);
    read_times(&table);
    drop(table);
    report("table dropped", excluded);
}
