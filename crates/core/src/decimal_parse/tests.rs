//! Every text is read as Rust's `str::parse::<f64>` reads it (correctly
//! rounded, ties to even): on known hard cases, on any `f64`'s texts, on
//! random digits and exponents, and on the exact midpoints between
//! neighbouring `f64`s and the texts just around them. The one difference,
//! texts of over 65,536 digits with an exponent that offsets them, is checked
//! against Python's values.

use super::*;
use proptest::prelude::*;

fn same(ours: Option<f64>, std: Option<f64>) -> bool {
    match (ours, std) {
        (Some(a), Some(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let (ours, std) = (parse_decimal(text), text.parse::<f64>().ok());
    prop_assert!(same(ours, std), "{text:?}: {ours:?}, std {std:?}");
    Ok(())
}

#[test]
fn syntax_is_rusts() {
    for text in [
        "", "+", "-", ".", "e5", ".e5", "1e", "1e+", "1e-", "1.5.3", "1e5x", "1_000", " 1", "1 ",
        "+-1", "--1", "0x10", "1,5", "infinit", "nana", "in", "∞", "١", "1e1.5", "1.e",
    ] {
        assert_eq!(parse_decimal(text), None, "{text:?}");
        assert_eq!(text.parse::<f64>().ok(), None, "{text:?}");
    }
    for text in [
        "0",
        "-0",
        "+0",
        "1.",
        ".5",
        "-.5",
        "1e5",
        "1E5",
        "1e+5",
        "1e-5",
        "00012.3400",
        "inf",
        "-INF",
        "Infinity",
        "+iNfInItY",
        "nan",
        "NaN",
        "-nan",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "0e99999999999999999999",
        "0.000",
    ] {
        assert!(parse_decimal(text).is_some(), "{text:?}");
        check(text).unwrap();
    }
    assert_eq!(
        parse_decimal("-0").map(f64::to_bits),
        Some((-0.0f64).to_bits())
    );
}

#[test]
fn hard_cases() {
    for (text, expected) in [
        ("0.1", 0.1),
        ("0.30000000000000004", 0.30000000000000004),
        ("9007199254740993", 9007199254740992.0),
        ("9007199254740995", 9007199254740996.0),
        // 1 + 2⁻⁵³ exactly: a tie, to the even 1.
        (
            "1.00000000000000011102230246251565404236316680908203125",
            1.0,
        ),
        (
            "1.00000000000000011102230246251565404236316680908203124",
            1.0,
        ),
        (
            "1.00000000000000011102230246251565404236316680908203126",
            1.0000000000000002,
        ),
        ("2.2250738585072011e-308", 2.225073858507201e-308),
        ("2.2250738585072012e-308", 2.2250738585072014e-308),
        ("4.9406564584124654e-324", 5e-324),
        // Half the smallest subnormal: a tie, to the even 0.
        (
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
            0.0,
        ),
        (
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125000000000000000000000000000000000000000000000001e-324",
            5e-324,
        ),
        ("2.4703282292062328e-324", 5e-324),
        ("2.4703282292062327e-324", 0.0),
        ("1.7976931348623157e308", f64::MAX),
        ("1.7976931348623158e308", f64::MAX),
        // MAX + half its spacing: a tie, to the even 2¹⁰²⁴, infinite.
        (
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            f64::INFINITY,
        ),
        (
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            f64::MAX,
        ),
        ("1e309", f64::INFINITY),
        ("1e-400", 0.0),
        ("123456789012345678901234567890", 1.2345678901234568e29),
        ("0.000000000000000000000000000000000000001", 1e-39),
        ("1448997445238699", 1448997445238699.0),
        ("7.038531e-26", 7.038531e-26),
        ("9e-265", 9e-265),
        ("8.988465674311579e307", 8.988465674311579e307),
    ] {
        assert_eq!(
            parse_decimal(text).map(f64::to_bits),
            Some(expected.to_bits()),
            "{text}"
        );
        check(text).unwrap();
    }
}

/// Where `std` stops reading an exponent at 65,536 and this parser does not:
/// the values Python's `float` gives.
#[test]
fn long_texts_with_offsetting_exponents() {
    let tiny_digits = format!("0.{}1e655360", "0".repeat(655_359));
    assert_eq!(parse_decimal(&tiny_digits), Some(1.0));
    let many_digits = format!("{}e-100000", "7".repeat(100_000));
    assert_eq!(parse_decimal(&many_digits), Some(0.7777777777777778));
    let offset = format!("0.{}15e700001", "0".repeat(700_000));
    assert_eq!(parse_decimal(&offset), Some(1.5));
}

/// The exact decimal text of a finite `f64` (Rust writes any number of
/// digits exactly): integer digits and 1,074 fraction digits.
fn exact(x: f64) -> (Vec<u8>, Vec<u8>) {
    let text = format!("{x:.1074}");
    let (int, frac) = text.split_once('.').unwrap();
    (
        int.bytes().map(|b| b - b'0').collect(),
        frac.bytes().map(|b| b - b'0').collect(),
    )
}

/// The text of `(a + b) / 2`, both `exact` texts.
fn midpoint(a: f64, b: f64) -> String {
    let ((ai, af), (bi, bf)) = (exact(a), exact(b));
    let width = ai.len().max(bi.len());
    let pad = |int: Vec<u8>| [vec![0; width - int.len()], int].concat();
    let (a, b) = ([pad(ai), af].concat(), [pad(bi), bf].concat());
    let mut sum = vec![0u8; a.len() + 1];
    let mut carry = 0;
    for i in (0..a.len()).rev() {
        let s = a[i] + b[i] + carry;
        sum[i + 1] = s % 10;
        carry = s / 10;
    }
    sum[0] = carry;
    let (mut half, mut remainder) = (Vec::new(), 0);
    for d in sum {
        let v = remainder * 10 + d;
        half.push(v / 2);
        remainder = v % 2;
    }
    half.push(remainder * 5);
    // `sum` had `width + 1` integer digits.
    let digits: String = half.iter().map(|d| char::from(b'0' + d)).collect();
    format!("{}.{}", &digits[..width + 1], &digits[width + 1..])
}

/// The text just below a decimal text that has a nonzero digit: its last
/// nonzero digit one less, then nines.
fn just_below(text: &str) -> String {
    let last = text
        .rfind(|c: char| c.is_ascii_digit() && c != '0')
        .unwrap();
    let mut out = text[..last].to_string();
    out.push(char::from(text.as_bytes()[last] - 1));
    out.extend(
        text[last + 1..]
            .chars()
            .map(|c| if c == '.' { '.' } else { '9' }),
    );
    if !out.contains('.') {
        out.push('.');
    }
    out.push('9');
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    /// Any `f64`'s shortest, scientific, longer and shorter texts.
    #[test]
    fn texts_of_any_f64(bits in any::<u64>(), precision in 0usize..40) {
        let x = f64::from_bits(bits);
        for text in [
            format!("{x}"),
            format!("{x:e}"),
            format!("{x:?}"),
            format!("{x:.precision$e}"),
            format!("{x:.precision$E}"),
        ] {
            check(&text)?;
        }
    }

    /// Random digits, point and exponent, as written in files.
    #[test]
    fn digits_and_exponents(
        int in "[0-9]{0,30}",
        frac in proptest::option::of("[0-9]{0,30}"),
        exponent in proptest::option::of(-420i32..420),
        upper in any::<bool>(),
        sign in "[+-]?",
    ) {
        let mut text = format!("{sign}{int}");
        if let Some(frac) = frac {
            text.push('.');
            text.push_str(&frac);
        }
        if let Some(e) = exponent {
            text.push(if upper { 'E' } else { 'e' });
            text.push_str(&e.to_string());
        }
        check(&text)?;
    }

    /// Up to 19 significant digits times a power of ten up to 10²², the
    /// texts compared in `u128`.
    #[test]
    fn words_and_small_exponents(word in any::<u64>(), scale in -22i32..=22, shift in 0u32..64) {
        let word = word >> (shift % 12);
        check(&format!("{word}e{scale}"))?;
        let digits = word.to_string();
        if digits.len() > 1 {
            let point = 1 + (shift as usize) % (digits.len() - 1);
            check(&format!("{}.{}e{scale}", &digits[..point], &digits[point..]))?;
        }
    }

    /// Any short text of the characters numbers are written with.
    #[test]
    fn any_text_of_number_characters(text in "[0-9.eE+-]{0,12}|[0-9.eEinfatyINFATY+-]{0,10}") {
        check(&text)?;
    }

    /// The exact midpoint between two neighbouring `f64`s goes to the one
    /// with an even last bit; just above it to the upper one, just below it
    /// to the lower one.
    #[test]
    fn midpoints_between_neighbours(bits in 0u64..0x7fef_ffff_ffff_ffff) {
        let (low, high) = (f64::from_bits(bits), f64::from_bits(bits + 1));
        let even = if bits % 2 == 0 { low } else { high };
        let mid = midpoint(low, high);
        let above = format!("{mid}1");
        let below = just_below(&mid);
        for (text, expected) in [(&mid, even), (&above, high), (&below, low)] {
            prop_assert_eq!(parse_decimal(text).map(f64::to_bits), Some(expected.to_bits()), "{}", text);
            check(text)?;
        }
    }

    /// Texts of the numbers near the powers of two, where the spacing of
    /// the `f64`s halves.
    #[test]
    fn near_powers_of_two(exponent in -1074i32..1024, offset in -3i64..3, precision in 15usize..25) {
        let x = f64::from_bits((2f64.powi(exponent).to_bits() as i64 + offset) as u64);
        if x.is_finite() && x > 0.0 {
            check(&format!("{x:.precision$e}"))?;
            check(&midpoint(f64::from_bits(x.to_bits() - 1), x))?;
        }
    }
}
