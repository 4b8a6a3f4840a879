//! A number's text read as an `f64`: `vitrine_core::decimal_parse` (what the
//! casts use) beside Rust's `str::parse`, per kind of text.
//! Run: `cargo bench -p vitrine-core --bench number_parse`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use vitrine_core::decimal_parse::parse_decimal;

fn bench(c: &mut Criterion) {
    let kinds: [(&str, &[&str]); 4] = [
        // Amounts, counts, coordinates as people write them: the fast path.
        (
            "short",
            &["12.5", "1500000", "48.8566", "-2.3522", "0.07", "2024"],
        ),
        // What programs write for binary fractions: 16 or 17 digits.
        (
            "17-digit",
            &[
                "0.30000000000000004",
                "48.856614000000001",
                "2.3522219000000001",
            ],
        ),
        (
            "exponent",
            &["6.02214076e23", "1e-30", "1.7976931348623157e308"],
        ),
        (
            "40-digit",
            &[
                "3.141592653589793238462643383279502884197",
                "1234567890123456789012345678901234567890",
            ],
        ),
    ];
    let mut group = c.benchmark_group("number_parse");
    for (kind, texts) in kinds {
        group.bench_with_input(BenchmarkId::new("vitrine", kind), texts, |b, texts| {
            b.iter(|| {
                for t in texts {
                    black_box(parse_decimal(black_box(t)));
                }
            })
        });
        group.bench_with_input(BenchmarkId::new("std", kind), texts, |b, texts| {
            b.iter(|| {
                for t in texts {
                    black_box(black_box(t).parse::<f64>().ok());
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
