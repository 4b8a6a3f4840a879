//! A number's plain decimal text: `1234.5`, `0.0000001`, `1000000000000000000000`.
//!
//! The text has the form Rust's `{}` gives an `f64`: the fewest digits that
//! read back as the same number, never an exponent, no `.0` after a whole
//! number, `NaN`, `inf`, `-inf` (when two texts of the fewest digits are
//! equally near the number, the last digit may differ from `{}`'s). It is
//! computed with `zmij`, the shortest-digits
//! algorithm `serde_json` already brings: the WebAssembly bundle then holds
//! one float formatter instead of two (`core::fmt`'s Grisu and Dragon code
//! and tables are about 9 KB).

/// Appends `x`'s plain decimal text to `out`.
pub fn write_decimal(out: &mut String, x: f64) {
    let mut buffer = zmij::Buffer::new();
    // `format` writes `NaN`, `inf` and `-inf` as `{}` does.
    let text = buffer.format(x);
    if !x.is_finite() {
        out.push_str(text);
        return;
    }
    // `zmij` writes `ddd.ddd` (`0.001`, `12.5`, `3.0`) or `d.ddde±N` / `de±N`.
    let text = match text.strip_prefix('-') {
        Some(rest) => {
            out.push('-');
            rest
        }
        None => text,
    };
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let frac = frac.trim_end_matches('0');
    let digits = || int.bytes().chain(frac.bytes()).map(char::from);
    // The point goes after `point` of the digits; none or fewer: zeros
    // between it and them.
    let point = int.len() as i32 + exponent;
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.extend(digits());
    } else {
        let point = point as usize;
        for (i, d) in digits().enumerate() {
            if i == point {
                out.push('.');
            }
            out.push(d);
        }
        let written = int.len() + frac.len();
        out.extend(std::iter::repeat_n('0', point.saturating_sub(written)));
    }
}

/// `x`'s plain decimal text (see [`write_decimal`]).
pub fn decimal(x: f64) -> String {
    let mut out = String::new();
    write_decimal(&mut out, x);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_without_exponent_or_trailing_zeros() {
        for (x, text) in [
            (1.0, "1"),
            (0.0, "0"),
            (-0.0, "-0"),
            (0.1, "0.1"),
            (-3.25, "-3.25"),
            (12345.678, "12345.678"),
            (1e15, "1000000000000000"),
            (1e16, "10000000000000000"),
            (1e21, "1000000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-7, "0.0000001"),
            (0.00001, "0.00001"),
            (2.5e-5, "0.000025"),
            (100.5, "100.5"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(decimal(x), text, "{x:e}");
        }
        assert_eq!(decimal(5e-324), format!("{}", 5e-324));
        assert_eq!(decimal(f64::MAX), format!("{}", f64::MAX));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// For every `f64` (bit patterns cover subnormals, huge and tiny
        /// exponents, NaN and infinities): the text reads back as the same
        /// number, has no exponent, and has as many digits as Rust's `{}`
        /// (both are shortest). Both texts are the same but for ties: about
        /// one number in 4,000 has two shortest texts equally near it
        /// (`581340081208420.25` is `…420.2` here, `…420.3` for `{}`).
        #[test]
        fn shortest_plain_text_that_reads_back(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            let text = decimal(x);
            let std = format!("{x}");
            prop_assert!(!text.contains('e'), "{}", text);
            prop_assert_eq!(text.len(), std.len(), "{} / {}", text, std);
            if x.is_nan() {
                prop_assert_eq!(text, "NaN");
            } else {
                prop_assert_eq!(text.parse::<f64>().ok(), Some(x), "{}", text);
            }
        }

        #[test]
        fn same_text_for_short_decimals(int in -1_000_000i64..1_000_000, scale in 0u32..8) {
            let x = int as f64 / 10f64.powi(scale as i32);
            prop_assert_eq!(decimal(x), format!("{x}"));
        }
    }
}
