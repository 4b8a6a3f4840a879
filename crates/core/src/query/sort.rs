//! Typed sort keys per column, and their ranks.
//!
//! Text sorts by [`collation_key`] (32 bytes, zero-padded, held as two
//! integers), numbers by value, dates chronologically (partial dates before
//! the full dates of their period, as [`crate::value::Date`] orders them).
//! Empty cells sort last in both directions; ties keep row order (stable).
//!
//! Sorting rows by these keys is in [`super::row_order`], which reads each
//! column's [`Ranks`] (built on the column's first sort, or ahead of it in
//! steps by [`super::sort_prepare`], then kept up to date by edits).
//!
//! [`collation_key`]: super::collation_key

use std::cell::OnceCell;

use super::bitset::Bitset;
use super::collate::collation_key_into;
use super::column::{Cell, CellSource, SortKind, is_empty_cell};
use super::rank::{Projection, Ranks};
use crate::value::{Date, Time, Value};

/// A text key: the collation key zero-padded to 32 bytes, as big-endian
/// halves. Keys hold no zero byte, so padding keeps distinct keys distinct.
type TextKey = (u128, u128);

/// The sort keys of one column and, once it has been sorted, their ranks.
#[derive(Debug, Clone)]
pub struct SortColumn {
    keys: Keys,
    ranks: OnceCell<Ranks>,
}

/// The typed keys of every row of a column.
#[derive(Debug, Clone)]
enum Keys {
    None,
    Text {
        keys: Vec<TextKey>,
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
        let keys = match kind {
            SortKind::None => Keys::None,
            SortKind::Text => Keys::Text {
                keys: Vec::with_capacity(rows),
                empty: Bitset::new(rows),
            },
            SortKind::Number => Keys::Number {
                keys: Vec::with_capacity(rows),
                empty: Bitset::new(rows),
            },
            SortKind::Temporal => Keys::Temporal {
                keys: Vec::with_capacity(rows),
                empty: Bitset::new(rows),
            },
        };
        SortColumn {
            keys,
            ranks: OnceCell::new(),
        }
    }

    /// The keys of column `column` of every row of `source`.
    pub fn build(kind: SortKind, source: &impl CellSource, column: usize) -> Self {
        let rows = source.row_count();
        let mut out = SortColumn::new(kind, rows);
        let mut key = Vec::with_capacity(super::collate::SORT_KEY_LEN);
        out.set_keys(source, column, 0..rows, &mut key);
        out
    }

    /// Sets the keys of rows `rows` from column `column` of `source`, while
    /// the keys are built (before any ranks); `key` is a reused buffer.
    pub(super) fn set_keys(
        &mut self,
        source: &impl CellSource,
        column: usize,
        rows: std::ops::Range<usize>,
        key: &mut Vec<u8>,
    ) {
        debug_assert!(self.ranks.get().is_none());
        for row in rows {
            let keys = &mut self.keys;
            source.with_cell(row, column, |cell| keys.set_with(row as u32, cell, key));
        }
    }

    /// Sets the key of `row` from `cell`; `row` may be the next new row.
    pub fn set(&mut self, row: u32, cell: Cell<'_>) {
        self.keys.set_with(row, cell, &mut Vec::new());
        if let Some(ranks) = self.ranks.get_mut() {
            ranks.set(row, self.keys.projection(row));
        }
    }

    /// The ranks of the rows, computed on first use.
    pub fn ranks(&self) -> &Ranks {
        self.ranks.get_or_init(|| {
            let rows = self.keys.len();
            Ranks::build(rows, |row| self.keys.projection(row))
        })
    }

    /// The ranks are built.
    pub(super) fn is_ranked(&self) -> bool {
        self.ranks.get().is_some()
    }

    /// Bytes held by the keys and ranks.
    pub fn heap_bytes(&self) -> usize {
        self.keys.heap_bytes() + self.ranks.get().map_or(0, Ranks::heap_bytes)
    }
}

impl Keys {
    fn set_with(&mut self, row: u32, cell: Cell<'_>, key: &mut Vec<u8>) {
        let r = row as usize;
        match self {
            Keys::None => {}
            Keys::Text { keys, empty } => {
                key.clear();
                if !is_empty_cell(cell) {
                    collation_key_into(cell.text, key);
                }
                // A text without any visible character sorts as empty.
                put(keys, r, text_key(key), (0, 0));
                set_empty(empty, row, key.is_empty());
            }
            Keys::Number { keys, empty } => {
                let key = number_key(cell.value);
                put(keys, r, key.unwrap_or(0.0), 0.0);
                set_empty(empty, row, key.is_none());
            }
            Keys::Temporal { keys, empty } => {
                let key = temporal_key(cell.value);
                put(keys, r, key.unwrap_or((0, 0)), (0, 0));
                set_empty(empty, row, key.is_none());
            }
        }
    }

    /// Number of rows with a key.
    fn len(&self) -> usize {
        match self {
            Keys::None => 0,
            Keys::Text { keys, .. } => keys.len(),
            Keys::Number { keys, .. } => keys.len(),
            Keys::Temporal { keys, .. } => keys.len(),
        }
    }

    /// The row's key as a pair of integers in ascending order (`None` for
    /// an empty cell): `projection(a) < projection(b)` exactly when `a`
    /// sorts before `b`, and equal projections are equal keys.
    fn projection(&self, row: u32) -> Option<Projection> {
        let r = row as usize;
        let flip = |x: u64| x ^ (1 << 63);
        match self {
            Keys::None => None,
            Keys::Text { keys, empty } => (!empty.contains(row)).then(|| keys[r]),
            Keys::Number { keys, empty } => (!empty.contains(row)).then(|| {
                let bits = keys[r].to_bits();
                let ordered = if bits >> 63 == 1 { !bits } else { flip(bits) };
                (u128::from(ordered), 0)
            }),
            Keys::Temporal { keys, empty } => (!empty.contains(row)).then(|| {
                let (day, time) = keys[r];
                (u128::from(flip(day as u64)), u128::from(flip(time as u64)))
            }),
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Keys::None => 0,
            Keys::Text { keys, empty } => keys.capacity() * 32 + empty.heap_bytes(),
            Keys::Number { keys, empty } => keys.capacity() * 8 + empty.heap_bytes(),
            Keys::Temporal { keys, empty } => keys.capacity() * 16 + empty.heap_bytes(),
        }
    }
}

fn text_key(key: &[u8]) -> TextKey {
    let mut padded = [0u8; 32];
    let n = key.len().min(32);
    padded[..n].copy_from_slice(&key[..n]);
    let mut high = [0u8; 16];
    let mut low = [0u8; 16];
    high.copy_from_slice(&padded[..16]);
    low.copy_from_slice(&padded[16..]);
    (u128::from_be_bytes(high), u128::from_be_bytes(low))
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

#[cfg(test)]
impl SortColumn {
    /// A column of these cells (text and typed value), for tests.
    pub(crate) fn from_cells(kind: SortKind, cells: &[(&str, Value)]) -> SortColumn {
        let mut c = SortColumn::new(kind, cells.len());
        for (row, (text, value)) in cells.iter().enumerate() {
            c.set(row as u32, Cell { text, value });
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::row_order::{ResolvedKey, sort_rows};

    fn col(kind: SortKind, cells: &[(&str, Value)]) -> SortColumn {
        SortColumn::from_cells(kind, cells)
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
                    ranks: c.ranks(),
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
            ranks: c.ranks(),
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
