//! Typed sort keys per column and the multi-column comparator.
//!
//! Text sorts by [`collation_key`] (an inline 8-byte prefix, the rest in an
//! arena), numbers by value, dates chronologically (partial dates before the
//! full dates of their period, as [`crate::value::Date`] orders them). Empty
//! cells sort last in both directions; ties keep row order (stable).

use std::cmp::Ordering;

use super::bitset::Bitset;
use super::collate::collation_key;
use super::column::{Cell, SortKind, is_empty_cell};
use crate::value::{Date, Time, Value};

/// The sort keys of one column.
#[derive(Debug, Clone)]
pub enum SortColumn {
    None,
    Text {
        /// First 8 key bytes, big-endian, zero-padded.
        head: Vec<u64>,
        /// Start and length of the remaining key bytes in `tail`.
        tail_at: Vec<(u32, u8)>,
        tail: Vec<u8>,
        empty: Bitset,
    },
    Number {
        keys: Vec<f64>,
        empty: Bitset,
    },
    Temporal {
        keys: Vec<(i64, i64)>,
        empty: Bitset,
    },
}

impl SortColumn {
    pub fn new(kind: SortKind, rows: usize) -> Self {
        match kind {
            SortKind::None => SortColumn::None,
            SortKind::Text => SortColumn::Text {
                head: Vec::with_capacity(rows),
                tail_at: Vec::with_capacity(rows),
                tail: Vec::new(),
                empty: Bitset::new(rows),
            },
            SortKind::Number => SortColumn::Number {
                keys: Vec::with_capacity(rows),
                empty: Bitset::new(rows),
            },
            SortKind::Temporal => SortColumn::Temporal {
                keys: Vec::with_capacity(rows),
                empty: Bitset::new(rows),
            },
        }
    }

    /// Sets the key of `row` from `cell`; `row` may be the next new row.
    pub fn set(&mut self, row: u32, cell: Cell<'_>) {
        let r = row as usize;
        match self {
            SortColumn::None => {}
            SortColumn::Text {
                head,
                tail_at,
                tail,
                empty,
            } => {
                let key = if is_empty_cell(cell) {
                    Vec::new()
                } else {
                    collation_key(cell.text)
                };
                let mut h = [0u8; 8];
                let n = key.len().min(8);
                h[..n].copy_from_slice(&key[..n]);
                let rest = &key[n..];
                let at = (tail.len() as u32, rest.len() as u8);
                tail.extend_from_slice(rest);
                put(head, r, u64::from_be_bytes(h), 0);
                put(tail_at, r, at, (0, 0));
                set_empty(empty, row, is_empty_cell(cell));
            }
            SortColumn::Number { keys, empty } => {
                let key = number_key(cell.value);
                put(keys, r, key.unwrap_or(0.0), 0.0);
                set_empty(empty, row, key.is_none());
            }
            SortColumn::Temporal { keys, empty } => {
                let key = temporal_key(cell.value);
                put(keys, r, key.unwrap_or((0, 0)), (0, 0));
                set_empty(empty, row, key.is_none());
            }
        }
    }

    fn is_empty(&self, row: u32) -> bool {
        match self {
            SortColumn::None => true,
            SortColumn::Text { empty, .. }
            | SortColumn::Number { empty, .. }
            | SortColumn::Temporal { empty, .. } => empty.contains(row),
        }
    }

    /// Compares two non-empty rows in ascending order.
    fn cmp_rows(&self, a: u32, b: u32) -> Ordering {
        let (a, b) = (a as usize, b as usize);
        match self {
            SortColumn::None => Ordering::Equal,
            SortColumn::Text {
                head,
                tail_at,
                tail,
                ..
            } => head[a].cmp(&head[b]).then_with(|| {
                let slice = |(at, len): (u32, u8)| &tail[at as usize..at as usize + len as usize];
                slice(tail_at[a]).cmp(slice(tail_at[b]))
            }),
            SortColumn::Number { keys, .. } => keys[a].total_cmp(&keys[b]),
            SortColumn::Temporal { keys, .. } => keys[a].cmp(&keys[b]),
        }
    }

    /// Bytes held by the keys.
    pub fn heap_bytes(&self) -> usize {
        match self {
            SortColumn::None => 0,
            SortColumn::Text {
                head,
                tail_at,
                tail,
                empty,
            } => {
                head.capacity() * 8 + tail_at.capacity() * 8 + tail.capacity() + empty.heap_bytes()
            }
            SortColumn::Number { keys, empty } => keys.capacity() * 8 + empty.heap_bytes(),
            SortColumn::Temporal { keys, empty } => keys.capacity() * 16 + empty.heap_bytes(),
        }
    }
}

fn put<T: Copy>(keys: &mut Vec<T>, row: usize, key: T, fill: T) {
    if row >= keys.len() {
        keys.resize(row + 1, fill);
    }
    keys[row] = key;
}

fn set_empty(empty: &mut Bitset, row: u32, is_empty: bool) {
    empty.grow(row as usize + 1);
    if is_empty {
        empty.insert(row);
    } else {
        empty.remove(row);
    }
}

/// The numeric sort key of a value, `None` when it is empty or not a number.
pub fn number_key(value: &Value) -> Option<f64> {
    match value {
        Value::Integer(i) => Some(*i as f64),
        Value::Number(n) if !n.is_nan() => Some(*n),
        Value::Boolean(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// The chronological sort key of a value: (date part, time of day in ns).
/// A missing month or day counts as 0, so `03/2024` sorts before `01/03/2024`.
pub fn temporal_key(value: &Value) -> Option<(i64, i64)> {
    let day_key = |d: &Date| {
        i64::from(d.year) * 10_000
            + i64::from(d.month.unwrap_or(0)) * 100
            + i64::from(d.day.unwrap_or(0))
    };
    let time_key = |t: &Time| {
        ((i64::from(t.hour) * 60 + i64::from(t.minute)) * 60 + i64::from(t.second)) * 1_000_000_000
            + i64::from(t.nanosecond)
    };
    match value {
        Value::Date(d) => Some((day_key(d), -1)),
        Value::DateTime { date, time, .. } => Some((day_key(date), time_key(time))),
        Value::Year(y) => Some((i64::from(*y) * 10_000, -1)),
        Value::YearMonth { year, month } => {
            Some((i64::from(*year) * 10_000 + i64::from(*month) * 100, -1))
        }
        Value::Time(t) => Some((0, time_key(t))),
        _ => None,
    }
}

/// One column of a resolved sort order.
#[derive(Debug, Clone, Copy)]
pub struct ResolvedKey<'a> {
    pub column: &'a SortColumn,
    pub descending: bool,
}

/// Compares rows under `keys`: empty cells last in both directions, then
/// row order.
pub fn compare(keys: &[ResolvedKey<'_>], a: u32, b: u32) -> Ordering {
    for key in keys {
        let ord = match (key.column.is_empty(a), key.column.is_empty(b)) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => {
                let ord = key.column.cmp_rows(a, b);
                if key.descending { ord.reverse() } else { ord }
            }
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    a.cmp(&b)
}

/// Orders `rows` under `keys`, only as far as `end` (the rows after `end`
/// are left in unspecified order). `compare` is a total order, so the
/// result equals a full stable sort.
pub fn sort_rows(rows: &mut [u32], keys: &[ResolvedKey<'_>], end: usize) {
    if keys.is_empty() {
        return; // rows come in increasing order already
    }
    let cmp = |a: &u32, b: &u32| compare(keys, *a, *b);
    let end = end.min(rows.len());
    if end == 0 {
        return;
    }
    if end < rows.len() / 2 {
        rows.select_nth_unstable_by(end - 1, cmp);
        rows[..end].sort_unstable_by(cmp);
    } else {
        rows.sort_unstable_by(cmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(kind: SortKind, cells: &[(&str, Value)]) -> SortColumn {
        let mut c = SortColumn::new(kind, cells.len());
        for (row, (text, value)) in cells.iter().enumerate() {
            c.set(row as u32, Cell { text, value });
        }
        c
    }

    #[test]
    fn partial_dates_sort_chronologically_and_empty_last_both_ways() {
        let d = |y, m, day| {
            Value::Date(Date {
                year: y,
                month: m,
                day,
            })
        };
        let c = col(
            SortKind::Temporal,
            &[
                ("01/03/2024", d(2024, Some(3), Some(1))),
                ("", Value::Null),
                ("03/2024", d(2024, Some(3), None)),
                ("12/2023", d(2023, Some(12), None)),
            ],
        );
        for (descending, expected) in [(false, [3, 2, 0, 1]), (true, [0, 2, 3, 1])] {
            let mut rows = vec![0, 1, 2, 3];
            sort_rows(
                &mut rows,
                &[ResolvedKey {
                    column: &c,
                    descending,
                }],
                4,
            );
            assert_eq!(rows, expected);
        }
    }

    #[test]
    fn text_sorts_in_french_order_and_partial_sort_agrees() {
        let names = ["Lot 10", "école", "Lot 2", "Ecole", "", "abri", "Zone"];
        let cells: Vec<(&str, Value)> = names
            .iter()
            .map(|n| {
                (
                    *n,
                    if n.is_empty() {
                        Value::Null
                    } else {
                        Value::String(n.to_string())
                    },
                )
            })
            .collect();
        let c = col(SortKind::Text, &cells);
        let keys = [ResolvedKey {
            column: &c,
            descending: false,
        }];
        let mut rows: Vec<u32> = (0..7).collect();
        sort_rows(&mut rows, &keys, 7);
        assert_eq!(rows, [5, 1, 3, 2, 0, 6, 4]);
        let mut part: Vec<u32> = (0..7).collect();
        sort_rows(&mut part, &keys, 2);
        assert_eq!(part[..2], rows[..2]);
    }
}
