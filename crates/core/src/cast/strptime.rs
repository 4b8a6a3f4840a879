//! strptime-style date patterns (`%d/%m/%Y`, `%m/%Y`, `%Y-%m-%dT%H:%M:%S%z`),
//! matched like Python's `datetime.strptime`: the whole text must match,
//! numbers accept the same widths, letters compare case-insensitively.

use crate::value::{Date, Time};

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

fn digits(s: &[u8], pos: usize, n: usize) -> Option<u32> {
    let part = s.get(pos..pos + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

/// Candidate (value, width) pairs for a numeric directive, in the order
/// Python's regex alternation tries them.
fn number_candidates(
    s: &[u8],
    pos: usize,
    ranges: &[(usize, u32, u32)],
) -> impl Iterator<Item = (u32, usize)> {
    let mut out = [(0u32, 0usize); 3];
    let mut n = 0;
    for &(width, lo, hi) in ranges {
        if let Some(v) = digits(s, pos, width)
            && (lo..=hi).contains(&v)
            && !out[..n].iter().any(|&(_, w)| w == width)
        {
            out[n] = (v, width);
            n += 1;
        }
    }
    out.into_iter().take(n)
}

/// Candidates of `%d` and `%m`, in the order Python's regex tries them.
const DAY: [(usize, u32, u32); 3] = [(2, 10, 31), (2, 1, 9), (1, 1, 9)];
const MONTH: [(usize, u32, u32); 3] = [(2, 10, 12), (2, 1, 9), (1, 1, 9)];
const YEAR4: [(usize, u32, u32); 1] = [(4, 0, 9999)];

/// The match made of each directive's first candidate, for patterns of
/// literals, days, months and 4-digit years (`%d/%m/%Y`…). When it
/// matches, it is the match [`matches_from`] finds first (it tries the
/// same candidates in the same order), without its backtracking; when it
/// does not, `None` and the full search decides.
fn first_path(tokens: &[Token], s: &[u8]) -> Option<Parsed> {
    let mut p = Parsed::default();
    let mut pos = 0;
    for &token in tokens {
        let ranges: &[(usize, u32, u32)] = match token {
            Token::Literal(c) => {
                let mut buf = [0u8; 4];
                let lit = c.encode_utf8(&mut buf).as_bytes();
                if !s.get(pos..pos + lit.len())?.eq_ignore_ascii_case(lit) {
                    return None;
                }
                pos += lit.len();
                continue;
            }
            Token::Day => &DAY,
            Token::Month => &MONTH,
            Token::Year4 => &YEAR4,
            _ => return None,
        };
        // The first of `number_candidates`, without computing the others.
        let (v, width) = ranges.iter().find_map(|&(width, lo, hi)| {
            digits(s, pos, width)
                .filter(|v| (lo..=hi).contains(v))
                .map(|v| (v, width))
        })?;
        match token {
            Token::Day => p.day = Some(v as u8),
            Token::Month => p.month = Some(v as u8),
            _ => p.year = Some(v as i32),
        }
        pos += width;
    }
    (pos == s.len()).then_some(p)
}

fn matches_from(tokens: &[Token], s: &[u8], pos: usize, p: &mut Parsed) -> bool {
    let Some((&token, rest)) = tokens.split_first() else {
        return pos == s.len();
    };
    let try_numbers =
        |ranges: &[(usize, u32, u32)], set: &dyn Fn(&mut Parsed, u32), p: &mut Parsed| {
            for (v, w) in number_candidates(s, pos, ranges) {
                let saved = *p;
                set(p, v);
                if matches_from(rest, s, pos + w, p) {
                    return true;
                }
                *p = saved;
            }
            false
        };
    match token {
        Token::Literal(c) => {
            let mut buf = [0u8; 4];
            let lit = c.encode_utf8(&mut buf).as_bytes();
            match s.get(pos..pos + lit.len()) {
                Some(part) if part.eq_ignore_ascii_case(lit) => {
                    matches_from(rest, s, pos + lit.len(), p)
                }
                _ => false,
            }
        }
        Token::Space => {
            let mut end = pos;
            while end < s.len() && (s[end] as char).is_ascii_whitespace() {
                end += 1;
            }
            // Greedy first, then fewer characters (at least one).
            (pos + 1..=end).rev().any(|e| matches_from(rest, s, e, p))
        }
        Token::Day => {
            if try_numbers(&DAY, &|p, v| p.day = Some(v as u8), p) {
                return true;
            }
            // `%d` also accepts a space followed by one digit.
            if s.get(pos) == Some(&b' ')
                && let Some(v) = digits(s, pos + 1, 1).filter(|v| *v > 0)
            {
                let saved = *p;
                p.day = Some(v as u8);
                if matches_from(rest, s, pos + 2, p) {
                    return true;
                }
                *p = saved;
            }
            false
        }
        Token::Month => try_numbers(&MONTH, &|p, v| p.month = Some(v as u8), p),
        Token::Hour12 => try_numbers(
            &[(2, 10, 12), (2, 1, 9), (1, 1, 9)],
            &|p, v| p.hour = Some(v as u8),
            p,
        ),
        Token::Year4 => try_numbers(&YEAR4, &|p, v| p.year = Some(v as i32), p),
        Token::Year2 => try_numbers(
            &[(2, 0, 99)],
            &|p, v| {
                p.year = Some(if v < 69 {
                    2000 + v as i32
                } else {
                    1900 + v as i32
                })
            },
            p,
        ),
        Token::Hour24 => try_numbers(
            &[(2, 20, 23), (2, 0, 19), (1, 0, 9)],
            &|p, v| p.hour = Some(v as u8),
            p,
        ),
        Token::Minute => try_numbers(&[(2, 0, 59), (1, 0, 9)], &|p, v| p.minute = v as u8, p),
        Token::Second => try_numbers(
            &[(2, 60, 61), (2, 0, 59), (1, 0, 9)],
            &|p, v| p.second = v as u8,
            p,
        ),
        Token::Fraction => {
            let mut n = 0;
            while n < 6 && s.get(pos + n).is_some_and(u8::is_ascii_digit) {
                n += 1;
            }
            (1..=n).rev().any(|w| {
                let v = digits(s, pos, w).unwrap_or(0);
                let saved = *p;
                p.nanosecond = v * 10u32.pow(9 - w as u32);
                matches_from(rest, s, pos + w, p) || {
                    *p = saved;
                    false
                }
            })
        }
        Token::Offset => {
            let saved = *p;
            if s.get(pos) == Some(&b'Z') {
                p.offset_minutes = Some(0);
                if matches_from(rest, s, pos + 1, p) {
                    return true;
                }
                *p = saved;
            }
            let sign = match s.get(pos) {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return false,
            };
            let Some(h) = digits(s, pos + 1, 2) else {
                return false;
            };
            let colon = usize::from(s.get(pos + 3) == Some(&b':'));
            let Some(m) = digits(s, pos + 3 + colon, 2).filter(|m| *m < 60) else {
                return false;
            };
            p.offset_minutes = Some(sign * (h * 60 + m) as i32);
            if matches_from(rest, s, pos + 5 + colon, p) {
                return true;
            }
            *p = saved;
            false
        }
        Token::MonthName => {
            for (i, name) in MONTHS.iter().enumerate() {
                for len in [name.len(), 3] {
                    if s.get(pos..pos + len)
                        .is_some_and(|w| w.eq_ignore_ascii_case(&name.as_bytes()[..len]))
                    {
                        let saved = *p;
                        p.month = Some(i as u8 + 1);
                        if matches_from(rest, s, pos + len, p) {
                            return true;
                        }
                        *p = saved;
                    }
                }
            }
            false
        }
        Token::AmPm => {
            for (word, pm) in [("am", false), ("pm", true)] {
                if s.get(pos..pos + 2)
                    .is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes()))
                {
                    let saved = *p;
                    p.pm = Some(pm);
                    if matches_from(rest, s, pos + 2, p) {
                        return true;
                    }
                    *p = saved;
                }
            }
            false
        }
    }
}

#[cfg(test)]
#[path = "strptime_tests.rs"]
mod tests;
