//! Typed sort keys per column and the multi-column comparator.
//!
//! Text sorts by [`collation_key`] (32 bytes, zero-padded, held as two
//! integers), numbers by value, dates chronologically (partial dates before
//! the full dates of their period, as [`crate::value::Date`] orders them).
//! Empty cells sort last in both directions; ties keep row order (stable).
//!
//! Sorting decorates each row with a 256-bit projection of its first key
//! (exact for every kind) and falls back to the full comparison (the
//! following keys, then row order) only on equal projections.
//!
//! [`collation_key`]: super::collation_key

use std::cmp::Ordering;

use super::bitset::Bitset;
use super::collate::collation_key_into;
use super::column::{Cell, CellSource, SortKind, is_empty_cell};
use crate::value::{Date, Time, Value};

/// A text key: the collation key zero-padded to 32 bytes, as big-endian
/// halves. Keys hold no zero byte, so padding keeps distinct keys distinct.
type TextKey = (u128, u128);

/// A row's position under one key, comparable as a pair of integers.
type Projection = (u128, u128);

/// The sort keys of one column.
#[derive(Debug, Clone)]
pub enum SortColumn {
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
        match kind {
            SortKind::None => SortColumn::None,
            SortKind::Text => SortColumn::Text {
                keys: Vec::with_capacity(rows),
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

    /// The keys of column `column` of every row of `source`.
    pub fn build(kind: SortKind, source: &impl CellSource, column: usize) -> Self {
        let rows = source.row_count();
        let mut out = SortColumn::new(kind, rows);
        let mut key = Vec::with_capacity(super::collate::SORT_KEY_LEN);
        for row in 0..rows {
            out.set_with(row as u32, source.cell(row, column), &mut key);
        }
        out
    }

    /// Sets the key of `row` from `cell`; `row` may be the next new row.
    pub fn set(&mut self, row: u32, cell: Cell<'_>) {
        self.set_with(row, cell, &mut Vec::new());
    }

    fn set_with(&mut self, row: u32, cell: Cell<'_>, key: &mut Vec<u8>) {
        let r = row as usize;
        match self {
            SortColumn::None => {}
            SortColumn::Text { keys, empty } => {
                key.clear();
                if !is_empty_cell(cell) {
                    collation_key_into(cell.text, key);
                }
                // A text without any visible character sorts as empty.
                put(keys, r, text_key(key), (0, 0));
                set_empty(empty, row, key.is_empty());
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
            SortColumn::Text { keys, .. } => keys[a].cmp(&keys[b]),
            SortColumn::Number { keys, .. } => keys[a].total_cmp(&keys[b]),
            SortColumn::Temporal { keys, .. } => keys[a].cmp(&keys[b]),
        }
    }

    /// The row's key as a pair of integers, in sort order for the direction,
    /// empty cells last: `projection(a) < projection(b)` exactly when `a`
    /// sorts before `b` on this key, and equal projections are equal keys.
    /// (No non-empty key projects to `(MAX, MAX)`: text keys are never
    /// empty, never all `0xFF`; number and date keys never reach the ends.)
    fn projection(&self, row: u32, descending: bool) -> Projection {
        if self.is_empty(row) {
            return (u128::MAX, u128::MAX);
        }
        let r = row as usize;
        let flip = |x: u64| x ^ (1 << 63);
        let p = match self {
            SortColumn::None => (0, 0),
            SortColumn::Text { keys, .. } => keys[r],
            SortColumn::Number { keys, .. } => {
                let bits = keys[r].to_bits();
                (
                    u128::from(if bits >> 63 == 1 { !bits } else { flip(bits) }),
                    0,
                )
            }
            SortColumn::Temporal { keys, .. } => {
                let (day, time) = keys[r];
                (u128::from(flip(day as u64)), u128::from(flip(time as u64)))
            }
        };
        if descending { (!p.0, !p.1) } else { p }
    }

    /// Bytes held by the keys.
    pub fn heap_bytes(&self) -> usize {
        match self {
            SortColumn::None => 0,
            SortColumn::Text { keys, empty } => keys.capacity() * 32 + empty.heap_bytes(),
            SortColumn::Number { keys, empty } => keys.capacity() * 8 + empty.heap_bytes(),
            SortColumn::Temporal { keys, empty } => keys.capacity() * 16 + empty.heap_bytes(),
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
    let end = end.min(rows.len());
    let Some(first) = keys.first() else {
        return; // rows come in increasing order already
    };
    if end == 0 {
        return;
    }
    let mut decorated: Vec<(Projection, u32)> = rows
        .iter()
        .map(|&r| (first.column.projection(r, first.descending), r))
        .collect();
    // Equal projections are equal first keys: only the other keys, then
    // row order, remain to compare.
    let rest = &keys[1..];
    let cmp = |a: &(Projection, u32), b: &(Projection, u32)| {
        a.0.cmp(&b.0).then_with(|| compare(rest, a.1, b.1))
    };
    if end < decorated.len() / 2 {
        decorated.select_nth_unstable_by(end - 1, cmp);
        decorated[..end].sort_unstable_by(cmp);
    } else {
        decorated.sort_unstable_by(cmp);
    }
    for (slot, (_, row)) in rows.iter_mut().zip(&decorated[..end]) {
        *slot = *row;
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
