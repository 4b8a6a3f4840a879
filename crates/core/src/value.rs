//! Typed cell values.
//!
//! A cell keeps its original text (what was in the file) and, once cast
//! against its field, a [`Value`]. Writing back always uses the original text
//! of untouched cells, so a round trip changes nothing that was not edited.

use std::cmp::Ordering;

/// A calendar date that may be partial (`MM/AAAA` has no day, `AAAA` no month).
///
/// Ordering is chronological; a partial date sorts before the full dates of
/// the same period (`03/2024` < `01/03/2024`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    /// 1–12, or `None` when only the year is known.
    pub month: Option<u8>,
    /// 1–31, or `None` when only the year (and month) is known.
    pub day: Option<u8>,
}

/// A time of day, to the nanosecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
}

/// A typed cell value, the result of casting a cell's text against its field.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A missing value (empty cell or one of the schema's `missingValues`).
    Null,
    String(String),
    Integer(i64),
    Number(f64),
    Boolean(bool),
    Date(Date),
    Time(Time),
    /// Date and time; `offset_minutes` is the UTC offset when the text gave one.
    DateTime {
        date: Date,
        time: Time,
        offset_minutes: Option<i32>,
    },
    Year(i32),
    YearMonth {
        year: i32,
        month: u8,
    },
    /// ISO 8601 duration, normalised to months and seconds.
    Duration {
        months: i64,
        seconds: f64,
    },
    /// Longitude, latitude.
    GeoPoint {
        lon: f64,
        lat: f64,
    },
    /// A JSON object or array (`object`, `array` and `any` fields), as JSON text.
    Json(String),
    /// The items of a `list` field.
    List(Vec<Value>),
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// A total order used for sorting: values of the same kind compare
    /// naturally; `Null` sorts after everything (empty values last);
    /// values of different kinds compare by kind rank so the order is total.
    pub fn sort_cmp(&self, other: &Value) -> Ordering {
        use Value::*;
        match (self, other) {
            (Null, Null) => Ordering::Equal,
            (Null, _) => Ordering::Greater,
            (_, Null) => Ordering::Less,
            (String(a), String(b)) => a.cmp(b),
            (Integer(a), Integer(b)) => a.cmp(b),
            (Number(a), Number(b)) => a.total_cmp(b),
            (Integer(a), Number(b)) => (*a as f64).total_cmp(b),
            (Number(a), Integer(b)) => a.total_cmp(&(*b as f64)),
            (Boolean(a), Boolean(b)) => a.cmp(b),
            (Date(a), Date(b)) => a.cmp(b),
            (Time(a), Time(b)) => a.cmp(b),
            (
                DateTime {
                    date: d1,
                    time: t1,
                    offset_minutes: o1,
                },
                DateTime {
                    date: d2,
                    time: t2,
                    offset_minutes: o2,
                },
            ) => (d1, t1, o1).cmp(&(d2, t2, o2)),
            (Year(a), Year(b)) => a.cmp(b),
            (
                YearMonth {
                    year: y1,
                    month: m1,
                },
                YearMonth {
                    year: y2,
                    month: m2,
                },
            ) => (y1, m1).cmp(&(y2, m2)),
            (
                Duration {
                    months: m1,
                    seconds: s1,
                },
                Duration {
                    months: m2,
                    seconds: s2,
                },
            ) => m1.cmp(m2).then(s1.total_cmp(s2)),
            (GeoPoint { lon: a, lat: b }, GeoPoint { lon: c, lat: d }) => {
                a.total_cmp(c).then(b.total_cmp(d))
            }
            (Json(a), Json(b)) => a.cmp(b),
            (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    let o = x.sort_cmp(y);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            }
            (a, b) => a.kind_rank().cmp(&b.kind_rank()),
        }
    }

    /// The value written in ISO 8601 (dates, times, durations) or the
    /// Table Schema's default form (`"lon, lat"` for a point): one text per
    /// value whatever the cell's format was (`03/2024` and `2024-03` give
    /// `2024-03`). `None` for `Null`, text, JSON and lists, which are text
    /// already or no single value.
    pub fn canonical_text(&self) -> Option<String> {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = match self {
            Value::Null | Value::String(_) | Value::Json(_) | Value::List(_) => return None,
            Value::Integer(i) => write!(out, "{i}"),
            Value::Number(n) => {
                crate::decimal::write_decimal(&mut out, *n);
                Ok(())
            }
            Value::Boolean(b) => write!(out, "{b}"),
            Value::Year(y) => write_year(&mut out, *y),
            Value::YearMonth { year, month } => write_date(
                &mut out,
                &Date {
                    year: *year,
                    month: Some(*month),
                    day: None,
                },
            ),
            Value::Date(d) => write_date(&mut out, d),
            Value::Time(t) => write_time(&mut out, t),
            Value::DateTime {
                date,
                time,
                offset_minutes,
            } => {
                let _ = write_date(&mut out, date);
                out.push('T');
                let _ = write_time(&mut out, time);
                match offset_minutes {
                    None => Ok(()),
                    Some(0) => write!(out, "Z"),
                    Some(m) => {
                        let sign = if *m < 0 { '-' } else { '+' };
                        write!(out, "{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)
                    }
                }
            }
            Value::Duration { months, seconds } => {
                // A negative duration is written with its sign in front.
                let sign = if *months < 0 || *seconds < 0.0 {
                    "-"
                } else {
                    ""
                };
                let months = months.unsigned_abs();
                let _ = write!(out, "{sign}P{}Y{}MT", months / 12, months % 12);
                crate::decimal::write_decimal(&mut out, seconds.abs());
                out.push('S');
                Ok(())
            }
            Value::GeoPoint { lon, lat } => {
                crate::decimal::write_decimal(&mut out, *lon);
                out.push_str(", ");
                crate::decimal::write_decimal(&mut out, *lat);
                Ok(())
            }
        };
        Some(out)
    }

    fn kind_rank(&self) -> u8 {
        match self {
            Value::Boolean(_) => 0,
            Value::Integer(_) | Value::Number(_) => 1,
            Value::Year(_) => 2,
            Value::YearMonth { .. } => 3,
            Value::Date(_) => 4,
            Value::DateTime { .. } => 5,
            Value::Time(_) => 6,
            Value::Duration { .. } => 7,
            Value::GeoPoint { .. } => 8,
            Value::String(_) => 9,
            Value::Json(_) => 10,
            Value::List(_) => 11,
            Value::Null => 12,
        }
    }
}

fn write_year(out: &mut String, year: i32) -> std::fmt::Result {
    use std::fmt::Write;
    if year < 0 {
        write!(out, "-{:04}", -(year as i64))
    } else {
        write!(out, "{year:04}")
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as much as the date gives.
fn write_date(out: &mut String, date: &Date) -> std::fmt::Result {
    use std::fmt::Write;
    write_year(out, date.year)?;
    if let Some(month) = date.month {
        write!(out, "-{month:02}")?;
        if let Some(day) = date.day {
            write!(out, "-{day:02}")?;
        }
    }
    Ok(())
}

/// `HH:MM:SS`, with the fraction of a second when there is one.
fn write_time(out: &mut String, time: &Time) -> std::fmt::Result {
    use std::fmt::Write;
    write!(
        out,
        "{:02}:{:02}:{:02}",
        time.hour, time.minute, time.second
    )?;
    if time.nanosecond > 0 {
        let fraction = format!("{:09}", time.nanosecond);
        write!(out, ".{}", fraction.trim_end_matches('0'))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_sort_chronologically() {
        let month = Value::Date(Date {
            year: 2024,
            month: Some(3),
            day: None,
        });
        let full = Value::Date(Date {
            year: 2024,
            month: Some(3),
            day: Some(1),
        });
        let earlier = Value::Date(Date {
            year: 2023,
            month: Some(12),
            day: Some(31),
        });
        assert_eq!(earlier.sort_cmp(&month), Ordering::Less);
        assert_eq!(month.sort_cmp(&full), Ordering::Less);
    }

    #[test]
    fn null_sorts_last() {
        assert_eq!(Value::Null.sort_cmp(&Value::Integer(1)), Ordering::Greater);
        assert_eq!(Value::Integer(1).sort_cmp(&Value::Null), Ordering::Less);
    }

    #[test]
    fn canonical_texts_are_iso() {
        let date = |month, day| Date {
            year: 2024,
            month,
            day,
        };
        let time = Time {
            hour: 9,
            minute: 5,
            second: 0,
            nanosecond: 250_000_000,
        };
        let cases = [
            (Value::Date(date(Some(3), None)), "2024-03"),
            (Value::Date(date(Some(3), Some(7))), "2024-03-07"),
            (
                Value::Date(Date {
                    year: 987,
                    month: None,
                    day: None,
                }),
                "0987",
            ),
            (Value::Year(2024), "2024"),
            (
                Value::YearMonth {
                    year: 2024,
                    month: 11,
                },
                "2024-11",
            ),
            (Value::Time(time), "09:05:00.25"),
            (
                Value::DateTime {
                    date: date(Some(3), Some(7)),
                    time,
                    offset_minutes: Some(-90),
                },
                "2024-03-07T09:05:00.25-01:30",
            ),
            (
                Value::DateTime {
                    date: date(Some(3), Some(7)),
                    time,
                    offset_minutes: Some(0),
                },
                "2024-03-07T09:05:00.25Z",
            ),
            (
                Value::Duration {
                    months: 14,
                    seconds: 30.5,
                },
                "P1Y2MT30.5S",
            ),
            (
                Value::GeoPoint {
                    lon: 2.35,
                    lat: 48.85,
                },
                "2.35, 48.85",
            ),
            (Value::Integer(-3), "-3"),
            (Value::Boolean(true), "true"),
        ];
        for (value, text) in cases {
            assert_eq!(value.canonical_text().as_deref(), Some(text), "{value:?}");
        }
        assert_eq!(Value::Null.canonical_text(), None);
        assert_eq!(Value::String("x".into()).canonical_text(), None);
    }
}
