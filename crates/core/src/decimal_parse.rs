//! A decimal number's text read as the nearest `f64` (ties to even): the
//! number `str::parse::<f64>` gives, with its syntax. One difference, where
//! this one agrees with Python (frictionless's reference) and `std` does not:
//! `std` reads an exponent's digits only while its magnitude is below 65,536,
//! so a text of more than 65,536 digits whose exponent offsets them
//! (`0.000…0001e655360`, 655,359 zeros: 1) reads as zero or infinity there.
//!
//! Rust's own parser (Eisel–Lemire) keeps 11.5 KB of tables (powers of
//! five, shifts) that gzip barely shrinks: with its code, 14.6 KB of the
//! reader bundle's gzip size. This one reads most texts (up to 19
//! significant digits making at most 2⁵³, times a power of ten up to 10²²)
//! with one exact floating-point operation, as Clinger's fast path does. Any
//! other text starts from an estimate (at most 17 roundings, each half an
//! `f64`'s spacing) that exact comparisons with the midpoints between
//! neighbouring `f64`s then correct, one `f64` at a time: in `u128` for up
//! to 19 digits times 10^±22 (the 16 or 17 digits programs write for binary
//! fractions, about 30 ns), else with [`big`]'s natural numbers (about a
//! microsecond, for texts that data files rarely hold).

mod big;

use big::Big;
use std::cmp::Ordering;

/// The exact powers of ten of an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Significant digits read into a `u64` for the fast path and the estimate.
const WORD_DIGITS: usize = 19;

/// Significant digits the exact comparisons read; a nonzero digit after them
/// counts as one `1` digit after them. The midpoint between two `f64`s has at
/// most 768 significant digits, so a text and its shortened form are on the
/// same side of each.
const EXACT_DIGITS: usize = 780;

/// Reads `text` as an `f64`: an optional sign, then `inf`, `infinity` or `nan`
/// in any case, or digits with at most one point among them and an optional
/// exponent (`e` or `E`, an optional sign, digits). `None` for anything else.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, body) = split_sign(text);
    let magnitude = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        Decimal::parse(body)?.nearest()
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// A number written `int.frac × 10^exponent`.
struct Decimal<'a> {
    int: &'a [u8],
    frac: &'a [u8],
    exponent: i64,
}

impl<'a> Decimal<'a> {
    fn parse(text: &'a str) -> Option<Decimal<'a>> {
        let bytes = text.as_bytes();
        let digits = |from: usize| {
            from + bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let int_end = digits(0);
        let (frac, mantissa_end) = match bytes.get(int_end) {
            Some(b'.') => {
                let end = digits(int_end + 1);
                (&bytes[int_end + 1..end], end)
            }
            _ => (&bytes[..0], int_end),
        };
        if int_end == 0 && frac.is_empty() {
            return None;
        }
        let exponent = match bytes.get(mantissa_end) {
            None => 0,
            Some(b'e' | b'E') => parse_exponent(&text[mantissa_end + 1..])?,
            Some(_) => return None,
        };
        Some(Decimal {
            int: &bytes[..int_end],
            frac,
            exponent,
        })
    }

    /// The digits from the first nonzero one on, as values.
    fn significant(&self) -> impl Iterator<Item = u8> + '_ {
        self.int
            .iter()
            .chain(self.frac)
            .map(|b| b - b'0')
            .skip_while(|&d| d == 0)
    }

    /// The nearest `f64`, ties to even.
    fn nearest(&self) -> f64 {
        // About `word × 10^(scale + rest)`: `rest` counts the significant
        // digits after the word's.
        let scale = self.exponent - self.frac.len() as i64;
        let (mut word, mut taken, mut rest) = (0u64, 0, 0i64);
        for d in self.significant() {
            if taken < WORD_DIGITS {
                word = word * 10 + u64::from(d);
                taken += 1;
            } else {
                rest += 1;
            }
        }
        if word == 0 {
            return 0.0;
        }
        if rest == 0 && word <= 1 << 53 && (-22..=22).contains(&scale) {
            let x = word as f64;
            return if scale >= 0 {
                x * POW10[scale as usize]
            } else {
                x / POW10[-scale as usize]
            };
        }
        // The number is at least 10^(digits - 1 + scale) and below 10^(digits + scale).
        let order = taken as i64 + rest + scale;
        if order > 309 {
            return f64::INFINITY;
        }
        if order < -323 {
            return 0.0;
        }
        let estimate = scaled(word as f64, scale + rest).min(f64::MAX);
        if rest == 0 && (-22..=22).contains(&scale) {
            // 16 to 19 digits, as programs write binary fractions.
            return closest(&|k, j| compare_small(word, scale, k, j), estimate);
        }
        let (n, e) = self.exact(scale);
        closest(&|k, j| compare(&n, e, k, j), estimate)
    }

    /// `n × 10^e`: the number, or its shortened form (see [`EXACT_DIGITS`]).
    fn exact(&self, scale: i64) -> (Big, i64) {
        let mut n = Big::default();
        let (mut e, mut sticky) = (scale, false);
        for (i, d) in self.significant().enumerate() {
            if i < EXACT_DIGITS {
                n.mul_add(10, u64::from(d));
            } else {
                e += 1;
                sticky |= d != 0;
            }
        }
        if sticky {
            n.mul_add(10, 1);
            e -= 1;
        }
        (n, e)
    }
}

/// Whether `text` starts with `-`, and the text after an optional sign.
// Inlined into both callers: the bundle is smaller so (by 17 bytes).
#[inline(always)]
fn split_sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// An exponent's digits after an optional sign, held within ±2⁴⁰ (any
/// number beyond is infinite or zero anyway).
fn parse_exponent(text: &str) -> Option<i64> {
    let (negative, digits) = split_sign(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits
        .bytes()
        .fold(0i64, |acc, b| (acc * 10 + i64::from(b - b'0')).min(1 << 40));
    Some(if negative { -value } else { value })
}

/// `x × 10^p`, each step rounded: a few `f64`s from the exact product.
fn scaled(mut x: f64, mut p: i64) -> f64 {
    while p > 22 {
        x *= POW10[22];
        p -= 22;
    }
    while p < -22 {
        x /= POW10[22];
        p += 22;
    }
    if p >= 0 {
        x * POW10[p as usize]
    } else {
        x / POW10[-p as usize]
    }
}

/// A nonnegative finite `f64` as `m × 2^x`, `m < 2⁵³`.
fn parts(f: f64) -> (u64, i64) {
    let bits = f.to_bits();
    let (biased, fraction) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

/// The `f64` nearest a number (ties to even), moving from `f` one `f64` at
/// a time while the number is beyond a midpoint with a neighbour;
/// `compare(k, j)` orders the number against `k × 2^j`.
fn closest(compare: &dyn Fn(u64, i64) -> Ordering, mut f: f64) -> f64 {
    let up = |f: f64| f64::from_bits(f.to_bits() + 1);
    let down = |f: f64| f64::from_bits(f.to_bits() - 1);
    loop {
        let (m, x) = parts(f);
        let even = m % 2 == 0;
        match compare(2 * m + 1, x - 1) {
            Ordering::Greater if f == f64::MAX => return f64::INFINITY,
            Ordering::Greater => {
                f = up(f);
                continue;
            }
            Ordering::Equal => return if even { f } else { up(f) },
            Ordering::Less if f == 0.0 => return f,
            Ordering::Less => {}
        }
        // Below a power of two the `f64`s are twice as close.
        let (k, j) = if m == 1 << 52 && x > -1074 {
            (4 * m - 1, x - 2)
        } else {
            (2 * m - 1, x - 1)
        };
        match compare(k, j) {
            Ordering::Less => f = down(f),
            Ordering::Equal => return if even { f } else { down(f) },
            Ordering::Greater => return f,
        }
    }
}

/// `word × 10^e` against `k × 2^j` for `|e| ≤ 22`, in `u128`: `word < 2⁶⁴`,
/// `k < 2⁵⁵` and `5²² < 2⁵²`. `k × 2^j` is a midpoint next to the estimate,
/// within a factor of 4 of the number, so the shifted side ends within a
/// factor of 4 of the other one, below 2¹¹⁸.
fn compare_small(word: u64, e: i64, k: u64, j: i64) -> Ordering {
    let (mut left, mut right) = (u128::from(word), u128::from(k));
    let five = 5u128.pow(e.unsigned_abs() as u32);
    if e >= 0 {
        left *= five;
    } else {
        right *= five;
    }
    let shifted = |x: u128, by: i64| {
        debug_assert!(by < i64::from(x.leading_zeros()), "{x} << {by}");
        x << by
    };
    if e >= j {
        shifted(left, e - j).cmp(&right)
    } else {
        left.cmp(&shifted(right, j - e))
    }
}

/// `n × 10^e` against `k × 2^j`, both brought to natural numbers.
fn compare(n: &Big, e: i64, k: u64, j: i64) -> Ordering {
    let (mut left, mut right) = (n.clone(), Big::from_u64(k));
    if e >= 0 {
        left.mul_pow5(e as u32);
    } else {
        right.mul_pow5(-e as u32);
    }
    if e >= j {
        left.shl((e - j) as u32);
    } else {
        right.shl((j - e) as u32);
    }
    left.cmp(&right)
}

#[cfg(test)]
mod tests;
