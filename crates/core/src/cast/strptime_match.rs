//! Matching a compiled strptime pattern against a text, as Python's
//! `datetime.strptime` does with its regular expression: each numeric
//! directive tries its widths in the order of the regex alternation, with
//! backtracking ([`matches_from`]), after a fast path that takes each
//! directive's first candidate ([`first_path`]).

use super::{MONTHS, Parsed, Token};

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
pub(super) fn first_path(tokens: &[Token], s: &[u8]) -> Option<Parsed> {
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

pub(super) fn matches_from(tokens: &[Token], s: &[u8], pos: usize, p: &mut Parsed) -> bool {
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
