//! `date`, `time`, `datetime`, `year`, `yearmonth` and `duration` parsing.

use std::sync::OnceLock;

use super::number::parse_integer;
use super::strptime::Pattern;
use crate::decimal_parse::parse_decimal;
use crate::schema::TemporalFormat;
use crate::value::{Date, Time};

fn pattern(cell: &'static OnceLock<Pattern>, source: &str) -> &'static Pattern {
    cell.get_or_init(|| Pattern::parse(source).expect("built-in date pattern"))
}

fn iso_date() -> &'static Pattern {
    static P: OnceLock<Pattern> = OnceLock::new();
    pattern(&P, "%Y-%m-%d")
}

/// Day-first formats are tried before month-first ones: `any` reads
/// `01/03/2024` as the 1st of March (French usage).
const ANY_DATES: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%d.%m.%Y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%d %B %Y",
    "%B %d %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%b %d %Y",
    "%b %d, %Y",
    "%Y-%m",
    "%B %Y",
    "%Y",
];

fn any_dates() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        ANY_DATES
            .iter()
            .map(|s| Pattern::parse(s).expect("built-in date pattern"))
            .collect()
    })
}

fn full(date: Date) -> Date {
    Date {
        year: date.year,
        month: Some(date.month.unwrap_or(1)),
        day: Some(date.day.unwrap_or(1)),
    }
}

/// A `date` value. Patterns without a day give a partial date.
pub fn parse_date(format: &TemporalFormat, text: &str) -> Option<Date> {
    match format {
        TemporalFormat::Default => iso_date().parse_date(text),
        TemporalFormat::Pattern(p) => p.parse_date(text),
        TemporalFormat::Any => {
            let t = text.trim();
            any_dates()
                .iter()
                .find_map(|p| p.parse_date(t).map(full))
                .or_else(|| parse_datetime(&TemporalFormat::Any, t).map(|(d, _, _)| d))
        }
    }
}

fn two(s: &[u8], pos: usize) -> Option<u8> {
    let a = *s.get(pos)?;
    let b = *s.get(pos + 1)?;
    (a.is_ascii_digit() && b.is_ascii_digit()).then(|| (a - b'0') * 10 + (b - b'0'))
}

/// `HH:MM:SS[.ffffff][Z|±HH[:MM]]` from `pos` to the end, as dateutil's isoparser reads it.
fn iso_time(s: &[u8], pos: usize) -> Option<(Time, Option<i32>)> {
    let hour = two(s, pos)?;
    let minute = two(s, pos + 3)?;
    let second = two(s, pos + 6)?;
    if s.get(pos + 2) != Some(&b':') || s.get(pos + 5) != Some(&b':') {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut i = pos + 8;
    let mut nanosecond = 0u32;
    if matches!(s.get(i), Some(b'.') | Some(b',')) {
        i += 1;
        let start = i;
        while s.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 9 {
                nanosecond = nanosecond * 10 + u32::from(s[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        nanosecond *= 10u32.pow(9u32.saturating_sub((i - start) as u32));
    }
    let offset = match s.get(i) {
        None => None,
        Some(b'Z') | Some(b'z') if i + 1 == s.len() => Some(0),
        Some(&c @ (b'+' | b'-')) => {
            let h = two(s, i + 1)? as i32;
            let rest = &s[i + 3..];
            let m = match rest {
                [] => 0,
                [b':', ..] if rest.len() == 3 => two(rest, 1)? as i32,
                _ if rest.len() == 2 => two(rest, 0)? as i32,
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            Some(if c == b'-' { -(h * 60 + m) } else { h * 60 + m })
        }
        _ => return None,
    };
    Some((
        Time {
            hour,
            minute,
            second,
            nanosecond,
        },
        offset,
    ))
}

/// A `time` value and its optional UTC offset.
pub fn parse_time(format: &TemporalFormat, text: &str) -> Option<Time> {
    match format {
        TemporalFormat::Default => {
            let s = text.as_bytes();
            if s.len() < 8 {
                return None;
            }
            iso_time(s, 0).map(|(t, _)| t)
        }
        TemporalFormat::Pattern(p) => p.parse_time(text).map(|(t, _)| t),
        TemporalFormat::Any => {
            let s = text.trim().as_bytes();
            iso_time(s, 0).map(|(t, _)| t).or_else(|| {
                (s.len() == 5 && s[2] == b':').then(|| {
                    let (h, m) = (two(s, 0)?, two(s, 3)?);
                    (h < 24 && m < 60).then_some(Time {
                        hour: h,
                        minute: m,
                        second: 0,
                        nanosecond: 0,
                    })
                })?
            })
        }
    }
}

/// A `datetime` value: date, time and the UTC offset when given.
pub fn parse_datetime(format: &TemporalFormat, text: &str) -> Option<(Date, Time, Option<i32>)> {
    match format {
        TemporalFormat::Default => {
            let s = text.as_bytes();
            if s.len() < 19 || s[16] != b':' || s[10].is_ascii_digit() {
                return None;
            }
            let date = iso_date().parse_date(std::str::from_utf8(&s[..10]).ok()?)?;
            let (time, offset) = iso_time(s, 11)?;
            Some((date, time, offset))
        }
        TemporalFormat::Pattern(p) => p.parse_datetime(text),
        TemporalFormat::Any => {
            let t = text.trim();
            if let Some(v) = parse_datetime(&TemporalFormat::Default, t) {
                return Some(v);
            }
            // A date, a space or `T`, then a time.
            if let Some(split) = t.rfind([' ', 'T']) {
                let (d, rest) = (&t[..split], &t[split + 1..]);
                if let (Some(date), Some(time)) = (
                    parse_date(&TemporalFormat::Any, d),
                    parse_time(&TemporalFormat::Any, rest),
                ) {
                    return Some((date, time, None));
                }
            }
            let midnight = Time {
                hour: 0,
                minute: 0,
                second: 0,
                nanosecond: 0,
            };
            any_dates()
                .iter()
                .find_map(|p| p.parse_date(t))
                .map(|d| (full(d), midnight, None))
        }
    }
}

/// A `year`: four characters that Python's `int()` reads as 0–9999.
pub fn parse_year(text: &str) -> Option<i32> {
    if text.chars().count() != 4 {
        return None;
    }
    let y = parse_integer(text, true)?;
    (0..=9999).contains(&y).then_some(y as i32)
}

/// A `yearmonth`: `YYYY-MM` (two integers separated by one `-`, month 1–12).
pub fn parse_yearmonth(text: &str) -> Option<(i32, u8)> {
    let (y, m) = text.split_once('-')?;
    if m.contains('-') {
        return None;
    }
    let year = i32::try_from(parse_integer(y, true)?).ok()?;
    let month = parse_integer(m, true)?;
    (1..=12).contains(&month).then_some((year, month as u8))
}

/// An ISO 8601 `duration` (`P1Y2M3DT4H5M6S`, `P2W`, `-P1D`) as (months, seconds).
pub fn parse_duration(text: &str) -> Option<(i64, f64)> {
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'-') => (-1.0, &text[1..]),
        Some(b'+') => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    let rest = rest.strip_prefix('P')?;
    if rest.is_empty() {
        return None;
    }
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut months = 0.0;
    let mut seconds = 0.0;
    let mut read = |part: &str, units: &[(u8, f64, bool)]| -> Option<()> {
        let mut s = part;
        let mut next_unit = 0;
        while !s.is_empty() {
            let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
            let number = &s[..end];
            let unit = s.as_bytes()[end];
            if number.is_empty()
                || !number.as_bytes()[0].is_ascii_digit()
                || !number.as_bytes()[number.len() - 1].is_ascii_digit()
            {
                return None;
            }
            let n = parse_decimal(&number.replace(',', "."))?;
            let k = units[next_unit..].iter().position(|u| u.0 == unit)? + next_unit;
            let (_, factor, is_month) = units[k];
            if is_month {
                months += n * factor
            } else {
                seconds += n * factor
            }
            next_unit = k + 1;
            s = &s[end + 1..];
        }
        Some(())
    };
    read(
        date_part,
        &[
            (b'Y', 12.0, true),
            (b'M', 1.0, true),
            (b'W', 604800.0, false),
            (b'D', 86400.0, false),
        ],
    )?;
    if let Some(t) = time_part {
        read(
            t,
            &[
                (b'H', 3600.0, false),
                (b'M', 60.0, false),
                (b'S', 1.0, false),
            ],
        )?;
    }
    let whole = months.trunc();
    seconds += (months - whole) * 30.0 * 86400.0;
    Some(((sign * whole) as i64, sign * seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms() {
        let d = TemporalFormat::Default;
        assert_eq!(
            parse_date(&d, "2024-03-01"),
            Some(Date {
                year: 2024,
                month: Some(3),
                day: Some(1)
            })
        );
        assert_eq!(
            parse_date(&d, "2024-3-1"),
            Some(Date {
                year: 2024,
                month: Some(3),
                day: Some(1)
            })
        );
        assert_eq!(parse_date(&d, "01/03/2024"), None);
        assert!(parse_datetime(&d, "2024-03-01T10:00:00Z").is_some());
        assert!(parse_datetime(&d, "2024-03-01T10:00:00.123+01:00").is_some());
        assert!(parse_datetime(&d, "2024-03-01").is_none());
        assert!(parse_time(&d, "10:00:00").is_some());
        assert!(parse_time(&d, "10:00").is_none());
    }

    #[test]
    fn any_reads_french_dates_first() {
        let a = TemporalFormat::Any;
        assert_eq!(
            parse_date(&a, "01/03/2024"),
            Some(Date {
                year: 2024,
                month: Some(3),
                day: Some(1)
            })
        );
        assert_eq!(
            parse_date(&a, "03/13/2024"),
            Some(Date {
                year: 2024,
                month: Some(3),
                day: Some(13)
            })
        );
        assert_eq!(parse_date(&a, "bonjour"), None);
    }

    #[test]
    fn small_types() {
        assert_eq!(parse_year("2024"), Some(2024));
        assert_eq!(parse_year("202"), None);
        assert_eq!(parse_yearmonth("2024-03"), Some((2024, 3)));
        assert_eq!(parse_yearmonth("2024-13"), None);
        assert_eq!(
            parse_duration("P1Y2M3DT4H"),
            Some((14, 3.0 * 86400.0 + 4.0 * 3600.0))
        );
        assert_eq!(parse_duration("P"), None);
        assert_eq!(parse_duration("P1D2Y"), None);
    }
}
