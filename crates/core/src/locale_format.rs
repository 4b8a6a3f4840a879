//! Numbers and dates written for French or English readers: thousands
//! separators, decimal comma in French, month names ("3 mars 2024",
//! "March 3, 2024"), partial dates ("mars 2024"). Used for display only:
//! exports and edits keep the file's original text.

use crate::value::{Date, Time, Value};

/// A display language. Anything but French is written in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Fr,
    En,
}

impl Locale {
    /// `"fr"` (or `"fr-…"`) is French; every other code is English.
    pub fn from_code(code: &str) -> Locale {
        let lower = code.trim().to_ascii_lowercase();
        if lower == "fr" || lower.starts_with("fr-") || lower.starts_with("fr_") {
            Locale::Fr
        } else {
            Locale::En
        }
    }
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The French thousands separator: a narrow no-break space (U+202F), so a
/// number never wraps across lines.
pub const FR_GROUP: char = '\u{202F}';

/// Groups `digits` (ASCII digits only) by three from the right with `sep`.
fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn separators(locale: Locale) -> (char, char) {
    match locale {
        Locale::Fr => (FR_GROUP, ','),
        Locale::En => (',', '.'),
    }
}

/// An integer with thousands separators: `1 234 567` (fr), `1,234,567` (en).
pub fn format_integer(n: i64, locale: Locale) -> String {
    let (sep, _) = separators(locale);
    let digits = n.unsigned_abs().to_string();
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group(&digits, sep))
}

/// A number with thousands separators and the locale's decimal mark, with
/// the shortest digits that give the same value back (`1234.5` →
/// `1 234,5` / `1,234.5`). Infinities and NaN are written as words.
pub fn format_number(n: f64, locale: Locale) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        let sign = if n < 0.0 { "-" } else { "" };
        return format!("{sign}∞");
    }
    let (sep, decimal) = separators(locale);
    let text = crate::decimal::decimal(n.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let sign = if n < 0.0 && n != 0.0 { "-" } else { "" };
    let mut out = format!("{sign}{}", group(int, sep));
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

fn month_name(month: u8, locale: Locale) -> Option<&'static str> {
    let names = match locale {
        Locale::Fr => &MONTHS_FR,
        Locale::En => &MONTHS_EN,
    };
    names.get(usize::from(month).checked_sub(1)?).copied()
}

/// A month of a year: `mars 2024` / `March 2024`.
pub fn format_year_month(year: i32, month: u8, locale: Locale) -> String {
    match month_name(month, locale) {
        Some(name) => format!("{name} {year}"),
        None => year.to_string(),
    }
}

/// A (possibly partial) date: `3 mars 2024`, `1er mars 2024`, `mars 2024`,
/// `2024` in French; `March 3, 2024`, `March 2024`, `2024` in English.
pub fn format_date(date: &Date, locale: Locale) -> String {
    let Some(month) = date.month else {
        return date.year.to_string();
    };
    let Some(day) = date.day else {
        return format_year_month(date.year, month, locale);
    };
    let Some(name) = month_name(month, locale) else {
        return date.year.to_string();
    };
    match locale {
        Locale::Fr if day == 1 => format!("1er {name} {}", date.year),
        Locale::Fr => format!("{day} {name} {}", date.year),
        Locale::En => format!("{name} {day}, {}", date.year),
    }
}

/// A time of day: `14:05` (fr), `2:05 PM` (en); seconds only when not zero.
pub fn format_time(time: &Time, locale: Locale) -> String {
    let seconds = if time.second != 0 {
        format!(":{:02}", time.second)
    } else {
        String::new()
    };
    match locale {
        Locale::Fr => format!("{:02}:{:02}{seconds}", time.hour, time.minute),
        Locale::En => {
            let (hour, half) = match time.hour {
                0 => (12, "AM"),
                h @ 1..=11 => (h, "AM"),
                12 => (12, "PM"),
                h => (h - 12, "PM"),
            };
            format!("{hour}:{:02}{seconds} {half}", time.minute)
        }
    }
}

/// A date and time: `3 mars 2024 à 14:05` / `March 3, 2024, 2:05 PM`.
pub fn format_datetime(date: &Date, time: &Time, locale: Locale) -> String {
    let (d, t) = (format_date(date, locale), format_time(time, locale));
    match locale {
        Locale::Fr => format!("{d} à {t}"),
        Locale::En => format!("{d}, {t}"),
    }
}

/// A boolean: `oui`/`non`, `yes`/`no`.
pub fn format_boolean(b: bool, locale: Locale) -> &'static str {
    match (locale, b) {
        (Locale::Fr, true) => "oui",
        (Locale::Fr, false) => "non",
        (Locale::En, true) => "yes",
        (Locale::En, false) => "no",
    }
}

/// A typed value written for the locale, or `None` for the kinds shown as
/// their original text (strings, lists, JSON, durations, points, null).
pub fn format_value(value: &Value, locale: Locale) -> Option<String> {
    Some(match value {
        Value::Integer(n) => format_integer(*n, locale),
        Value::Number(n) => format_number(*n, locale),
        Value::Boolean(b) => format_boolean(*b, locale).to_string(),
        Value::Date(d) => format_date(d, locale),
        Value::Time(t) => format_time(t, locale),
        Value::DateTime { date, time, .. } => format_datetime(date, time, locale),
        Value::Year(y) => y.to_string(),
        Value::YearMonth { year, month } => format_year_month(*year, *month, locale),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::{En, Fr};
    use proptest::prelude::*;

    fn date(year: i32, month: Option<u8>, day: Option<u8>) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn integers_have_thousands_separators() {
        assert_eq!(format_integer(0, Fr), "0");
        assert_eq!(format_integer(999, Fr), "999");
        assert_eq!(format_integer(1000, Fr), "1\u{202F}000");
        assert_eq!(format_integer(1_234_567, Fr), "1\u{202F}234\u{202F}567");
        assert_eq!(format_integer(1_234_567, En), "1,234,567");
        assert_eq!(format_integer(-12_345, En), "-12,345");
        assert_eq!(format_integer(i64::MIN, En), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn numbers_use_the_locale_decimal_mark() {
        assert_eq!(format_number(1234.5, Fr), "1\u{202F}234,5");
        assert_eq!(format_number(1234.5, En), "1,234.5");
        assert_eq!(format_number(0.25, Fr), "0,25");
        assert_eq!(format_number(-0.0, En), "0");
        assert_eq!(format_number(-1_000_000.125, En), "-1,000,000.125");
        assert_eq!(format_number(3.0, Fr), "3");
        assert_eq!(format_number(f64::INFINITY, Fr), "∞");
    }

    #[test]
    fn full_and_partial_dates() {
        assert_eq!(
            format_date(&date(2024, Some(3), Some(3)), Fr),
            "3 mars 2024"
        );
        assert_eq!(
            format_date(&date(2024, Some(3), Some(3)), En),
            "March 3, 2024"
        );
        assert_eq!(
            format_date(&date(2024, Some(3), Some(1)), Fr),
            "1er mars 2024"
        );
        assert_eq!(format_date(&date(2023, Some(8), None), Fr), "août 2023");
        assert_eq!(
            format_date(&date(2023, Some(12), None), En),
            "December 2023"
        );
        assert_eq!(format_date(&date(2021, None, None), Fr), "2021");
        assert_eq!(format_year_month(2022, 2, Fr), "février 2022");
    }

    #[test]
    fn times_and_datetimes() {
        let t = |hour, minute, second| Time {
            hour,
            minute,
            second,
            nanosecond: 0,
        };
        assert_eq!(format_time(&t(14, 5, 0), Fr), "14:05");
        assert_eq!(format_time(&t(14, 5, 0), En), "2:05 PM");
        assert_eq!(format_time(&t(0, 30, 9), En), "12:30:09 AM");
        assert_eq!(format_time(&t(12, 0, 0), En), "12:00 PM");
        let d = date(2024, Some(3), Some(3));
        assert_eq!(format_datetime(&d, &t(9, 0, 0), Fr), "3 mars 2024 à 09:00");
        assert_eq!(
            format_datetime(&d, &t(9, 0, 0), En),
            "March 3, 2024, 9:00 AM"
        );
    }

    #[test]
    fn values_and_locale_codes() {
        assert_eq!(Locale::from_code("fr-CA"), Fr);
        assert_eq!(Locale::from_code("en"), En);
        assert_eq!(Locale::from_code("de"), En);
        assert_eq!(
            format_value(&Value::Boolean(true), Fr).as_deref(),
            Some("oui")
        );
        assert_eq!(
            format_value(&Value::Year(2024), En).as_deref(),
            Some("2024")
        );
        assert_eq!(format_value(&Value::String("x".into()), Fr), None);
        assert_eq!(format_value(&Value::Null, Fr), None);
    }

    proptest! {
        /// Removing the separators and restoring the decimal point gives
        /// back a number equal to the original.
        #[test]
        fn formatting_keeps_the_value(n in proptest::num::f64::NORMAL | proptest::num::f64::ZERO) {
            for locale in [Fr, En] {
                let text = format_number(n, locale);
                let plain: String = match locale {
                    Fr => text.chars().filter(|c| *c != FR_GROUP).map(|c| if c == ',' { '.' } else { c }).collect(),
                    En => text.chars().filter(|c| *c != ',').collect(),
                };
                prop_assert_eq!(plain.parse::<f64>().unwrap(), n);
            }
        }

        #[test]
        fn integers_group_by_three(n in any::<i64>()) {
            let text = format_integer(n, En);
            let groups: Vec<&str> = text.trim_start_matches('-').split(',').collect();
            prop_assert!(groups[0].len() <= 3 && !groups[0].is_empty());
            prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
            prop_assert_eq!(text.replace(',', "").parse::<i64>().unwrap(), n);
        }
    }
}
