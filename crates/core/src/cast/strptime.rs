//! strptime-style date patterns (`%d/%m/%Y`, `%m/%Y`, `%Y-%m-%dT%H:%M:%S%z`),
//! matched like Python's `datetime.strptime`: the whole text must match,
//! numbers accept the same widths, letters compare case-insensitively.

use crate::value::{Date, Time};

#[path = "strptime_match.rs"]
mod matching;
use matching::{first_path, matches_from};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Literal(char),
    /// A run of whitespace in the pattern matches one or more whitespace characters.
    Space,
    Day,
    Month,
    MonthName,
    Year4,
    Year2,
    Hour24,
    Hour12,
    AmPm,
    Minute,
    Second,
    Fraction,
    Offset,
}

/// A compiled strptime pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    source: String,
    tokens: Vec<Token>,
}

/// What a pattern matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Parsed {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub hour: Option<u8>,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
    pub pm: Option<bool>,
    pub offset_minutes: Option<i32>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl Pattern {
    /// Compiles a pattern; unknown directives are an error.
    pub fn parse(source: &str) -> Result<Pattern, String> {
        let mut tokens = Vec::new();
        let mut chars = source.chars();
        while let Some(c) = chars.next() {
            let token = match c {
                '%' => match chars.next() {
                    Some('d') => Token::Day,
                    Some('m') => Token::Month,
                    Some('b') | Some('B') => Token::MonthName,
                    Some('Y') => Token::Year4,
                    Some('y') => Token::Year2,
                    Some('H') => Token::Hour24,
                    Some('I') => Token::Hour12,
                    Some('p') => Token::AmPm,
                    Some('M') => Token::Minute,
                    Some('S') => Token::Second,
                    Some('f') => Token::Fraction,
                    Some('z') => Token::Offset,
                    Some('%') => Token::Literal('%'),
                    Some(other) => {
                        return Err(format!(
                            "unsupported date directive \"%{other}\" in \"{source}\""
                        ));
                    }
                    None => return Err(format!("date pattern \"{source}\" ends with \"%\"")),
                },
                c if c.is_whitespace() => {
                    if tokens.last() == Some(&Token::Space) {
                        continue;
                    }
                    Token::Space
                }
                c => Token::Literal(c),
            };
            tokens.push(token);
        }
        Ok(Pattern {
            source: source.to_string(),
            tokens,
        })
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// True when the pattern gives a day (else dates are partial).
    pub fn has_day(&self) -> bool {
        self.tokens.contains(&Token::Day)
    }

    /// True when the pattern gives a month.
    pub fn has_month(&self) -> bool {
        self.tokens
            .iter()
            .any(|t| matches!(t, Token::Month | Token::MonthName))
    }

    /// True when the pattern gives a time of day.
    pub fn has_time(&self) -> bool {
        self.tokens
            .iter()
            .any(|t| matches!(t, Token::Hour24 | Token::Hour12))
    }

    /// Matches the whole text; `None` when it does not match.
    pub fn match_text(&self, text: &str) -> Option<Parsed> {
        if let Some(parsed) = first_path(&self.tokens, text.as_bytes()) {
            return Some(parsed);
        }
        let mut parsed = Parsed::default();
        if matches_from(&self.tokens, text.as_bytes(), 0, &mut parsed) {
            Some(parsed)
        } else {
            None
        }
    }

    /// Parses a date; partial when the pattern has no day or month.
    /// Like `strptime`, a day that does not exist in its month is refused.
    pub fn parse_date(&self, text: &str) -> Option<Date> {
        let p = self.match_text(text)?;
        to_date(&p, self.has_month(), self.has_day())
    }

    /// Parses a time of day and an optional UTC offset.
    pub fn parse_time(&self, text: &str) -> Option<(Time, Option<i32>)> {
        let p = self.match_text(text)?;
        Some((to_time(&p)?, p.offset_minutes))
    }

    /// Parses a date and time; a pattern without a day gives day 1 as strptime does.
    pub fn parse_datetime(&self, text: &str) -> Option<(Date, Time, Option<i32>)> {
        let p = self.match_text(text)?;
        Some((to_date(&p, true, true)?, to_time(&p)?, p.offset_minutes))
    }
}

pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

fn to_date(p: &Parsed, keep_month: bool, keep_day: bool) -> Option<Date> {
    let year = p.year.unwrap_or(1900);
    let month = p.month.unwrap_or(1);
    let day = p.day.unwrap_or(1);
    if day > days_in_month(year, month) {
        return None;
    }
    Some(Date {
        year,
        month: (keep_month || keep_day).then_some(month),
        day: keep_day.then_some(day),
    })
}

fn to_time(p: &Parsed) -> Option<Time> {
    let mut hour = p.hour.unwrap_or(0);
    if let Some(pm) = p.pm {
        hour %= 12;
        if pm {
            hour += 12;
        }
    }
    if p.second > 59 {
        return None;
    }
    Some(Time {
        hour,
        minute: p.minute,
        second: p.second,
        nanosecond: p.nanosecond,
    })
}

#[cfg(test)]
#[path = "strptime_tests.rs"]
mod tests;
