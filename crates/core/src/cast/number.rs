//! `integer` and `number` parsing with Python's `int()` / `Decimal()` rules,
//! as frictionless applies them.

use crate::decimal_parse::parse_decimal;
use std::borrow::Cow;

/// Python's `str.strip()` for the whitespace that occurs in files.
pub(crate) fn py_strip(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{1c}' || c == '\u{1d}' || c == '\u{1e}' || c == '\u{1f}'
    })
}

/// frictionless's non-bare-number cleaning: drop leading characters that are
/// neither digits nor `-`, and trailing non-digits (`"12 €"` → `"12"`).
fn strip_non_bare(text: &str) -> &str {
    let start = text
        .find(|c: char| c == '-' || c.is_ascii_digit())
        .unwrap_or(text.len());
    let text = &text[start..];
    let end = text
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    &text[..end]
}

/// Digits with single underscores between digits, as Python allows (`1_000`).
fn digit_run(s: &[u8]) -> bool {
    !s.is_empty()
        && s[0].is_ascii_digit()
        && s[s.len() - 1].is_ascii_digit()
        && s.iter().all(|b| b.is_ascii_digit() || *b == b'_')
        && !s.windows(2).any(|w| w == b"__")
}

fn without_underscores(s: &str) -> Cow<'_, str> {
    if s.contains('_') {
        Cow::Owned(s.replace('_', ""))
    } else {
        Cow::Borrowed(s)
    }
}

/// Parses an integer like frictionless (`int(cell.strip())`).
pub fn parse_integer(text: &str, bare_number: bool) -> Option<i64> {
    let mut s = py_strip(text);
    if !bare_number {
        s = strip_non_bare(s);
    }
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if !digit_run(digits.as_bytes()) {
        return None;
    }
    without_underscores(s).parse().ok()
}

/// True when `s` is a Python `Decimal` literal (sign, digits, point, exponent,
/// or Infinity/NaN).
fn is_decimal(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan" | "snan") {
        return true;
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    if let Some(exp) = exponent {
        let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if !digit_run(exp.as_bytes()) {
            return false;
        }
    }
    match mantissa.split_once('.') {
        None => digit_run(mantissa.as_bytes()),
        Some((int, frac)) => {
            (!int.is_empty() || !frac.is_empty())
                && (int.is_empty() || digit_run(int.as_bytes()))
                && (frac.is_empty() || digit_run(frac.as_bytes()))
        }
    }
}

/// Parses a number like frictionless (`Decimal(cell.strip())`, after the
/// decimalChar/groupChar/bareNumber processing when the field sets them).
pub fn parse_number(
    text: &str,
    decimal_char: &str,
    group_char: &str,
    bare_number: bool,
    customized: bool,
) -> Option<f64> {
    let mut s = Cow::Borrowed(py_strip(text));
    if customized {
        let mut t: &str = &s;
        if !bare_number {
            t = strip_non_bare(t);
        }
        let mut owned = if group_char.is_empty() {
            t.to_string()
        } else {
            t.replace(group_char, "")
        };
        if decimal_char != "." {
            if owned.contains('.') {
                return None;
            }
            owned = owned.replace(decimal_char, ".");
        }
        s = Cow::Owned(owned);
    }
    if !is_decimal(&s) {
        return None;
    }
    let clean = without_underscores(&s);
    let lower = clean.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if lower == "snan" {
        return Some(f64::NAN);
    }
    parse_decimal(&clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_follow_python_int() {
        assert_eq!(parse_integer(" 12 ", true), Some(12));
        assert_eq!(parse_integer("+7", true), Some(7));
        assert_eq!(parse_integer("1_000", true), Some(1000));
        assert_eq!(parse_integer("1__0", true), None);
        assert_eq!(parse_integer("1.0", true), None);
        assert_eq!(parse_integer("12 €", true), None);
        assert_eq!(parse_integer("12 €", false), Some(12));
        assert_eq!(parse_integer("", true), None);
    }

    #[test]
    fn numbers_follow_python_decimal() {
        assert_eq!(parse_number("1.5", ".", "", true, false), Some(1.5));
        assert_eq!(parse_number(".5", ".", "", true, false), Some(0.5));
        assert_eq!(parse_number("5.", ".", "", true, false), Some(5.0));
        assert_eq!(parse_number("1e3", ".", "", true, false), Some(1000.0));
        assert!(parse_number("NaN", ".", "", true, false).unwrap().is_nan());
        assert_eq!(parse_number("1,5", ".", "", true, false), None);
        assert_eq!(parse_number("1 234,5", ",", " ", true, true), Some(1234.5));
        assert_eq!(parse_number("1.5", ",", "", true, true), None);
        assert_eq!(parse_number(".", ".", "", true, false), None);
        assert_eq!(parse_number("e5", ".", "", true, false), None);
    }
}
