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
}
