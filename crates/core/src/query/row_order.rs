//! The multi-column sort of rows by their columns' ranks.
//!
//! Every row is decorated with the ranks of its first keys and its id,
//! packed in one integer, so a sort of 100,000 rows is a sort of integers
//! without look-ups; many rows are sorted by counting sorts instead.

use std::cmp::Ordering;

use super::rank::Ranks;

/// One column of a resolved sort order.
#[derive(Debug, Clone, Copy)]
pub struct ResolvedKey<'a> {
    pub ranks: &'a Ranks,
    pub descending: bool,
}

impl ResolvedKey<'_> {
    fn ordinal(&self, row: u32) -> u32 {
        self.ranks.ordinal(row, self.descending)
    }
}

/// Compares rows under `keys`: empty cells last in both directions, then
/// row order.
pub fn compare(keys: &[ResolvedKey<'_>], a: u32, b: u32) -> Ordering {
    keys.iter()
        .map(|k| k.ordinal(a).cmp(&k.ordinal(b)))
        .find(|o| o.is_ne())
        .unwrap_or_else(|| a.cmp(&b))
}

/// Orders `rows` (given in increasing order) under `keys`, at least as far
/// as `end` (the rows after `end` may be left in unspecified order). The
/// order is total (row ids break ties), so the result equals a full
/// stable sort.
///
/// Many rows are sorted by counting sorts on the keys' ranks (linear
/// time); few rows, or few among many distinct keys, by one comparison
/// sort of integers packing the first keys' ranks with the row id.
pub fn sort_rows(rows: &mut [u32], keys: &[ResolvedKey<'_>], end: usize) {
    let end = end.min(rows.len());
    if keys.is_empty() || end == 0 {
        return; // rows come in increasing order already
    }
    let buckets = keys.iter().map(|k| k.ranks.buckets()).max().unwrap_or(0);
    if rows.len() >= 1024 && rows.len() >= buckets / 4 {
        // Many rows: one stable counting sort per key, last key first. Rows
        // come in increasing order, so ties keep row order.
        let mut scratch = Vec::with_capacity(rows.len());
        for key in keys.iter().rev() {
            counting_sort(rows, &mut scratch, key.ranks.buckets(), |r| {
                key.ranks.bucket(r, key.descending)
            });
        }
        return;
    }
    // Up to three keys' ranks and the row id in one u128; further keys
    // are compared only between rows equal on the first three. (One key
    // would fit in a u64; one comparison sort of one type keeps the
    // widget's bundle smaller, and these sorts are of few rows.)
    let (packed, rest) = keys.split_at(keys.len().min(3));
    let mut decorated: Vec<u128> = rows
        .iter()
        .map(|&r| {
            let mut d = 0u128;
            for i in 0..3 {
                let ordinal = packed.get(i).map_or(0, |k| k.ordinal(r));
                d = (d << 32) | u128::from(ordinal);
            }
            (d << 32) | u128::from(r)
        })
        .collect();
    // Without further keys, `compare(rest, …)` is the row ids' order: the
    // packed integers' order.
    sort_prefix(&mut decorated, end, |a, b| {
        (a >> 32)
            .cmp(&(b >> 32))
            .then_with(|| compare(rest, *a as u32, *b as u32))
    });
    for (slot, d) in rows.iter_mut().zip(&decorated[..end]) {
        *slot = *d as u32;
    }
}

/// Stable sort of `rows` by `bucket(row)`, a number below `buckets`.
fn counting_sort(
    rows: &mut [u32],
    scratch: &mut Vec<u32>,
    buckets: usize,
    bucket: impl Fn(u32) -> usize,
) {
    let mut next = vec![0u32; buckets + 1];
    for &r in rows.iter() {
        next[bucket(r) + 1] += 1;
    }
    for b in 1..=buckets {
        next[b] += next[b - 1];
    }
    scratch.clear();
    scratch.resize(rows.len(), 0);
    for &r in rows.iter() {
        let b = bucket(r);
        scratch[next[b] as usize] = r;
        next[b] += 1;
    }
    rows.copy_from_slice(scratch);
}

/// Sorts `items` as far as `end`: a selection then a sort of the first
/// `end` items when they are few, a full sort otherwise.
fn sort_prefix<T>(items: &mut [T], end: usize, cmp: impl Fn(&T, &T) -> Ordering) {
    if end < items.len() / 2 {
        items.select_nth_unstable_by(end - 1, &cmp);
        items[..end].sort_unstable_by(&cmp);
    } else {
        items.sort_unstable_by(&cmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::column::SortKind;
    use crate::query::sort::SortColumn;
    use crate::value::Value;

    fn col(kind: SortKind, cells: &[(&str, Value)]) -> SortColumn {
        SortColumn::from_cells(kind, cells)
    }

    #[test]
    fn counting_sorts_agree_with_a_comparison_sort() {
        // Enough rows for the counting path, with repeats and empty cells.
        let n = 3_000u32;
        let mut seed = 7u64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        let texts: Vec<String> = (0..n).map(|_| format!("lot {}", next(50))).collect();
        let numbers: Vec<Value> = (0..n)
            .map(|_| match next(10) {
                0 => Value::Null,
                k => Value::Integer(k as i64 * 3),
            })
            .collect();
        let text_cells: Vec<(&str, Value)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| match i % 17 {
                0 => ("", Value::Null),
                _ => (t.as_str(), Value::String(t.clone())),
            })
            .collect();
        let number_cells: Vec<(&str, Value)> = numbers.iter().map(|v| ("x", v.clone())).collect();
        let text = col(SortKind::Text, &text_cells);
        let number = col(SortKind::Number, &number_cells);
        for (a, b) in [(false, false), (true, false), (false, true), (true, true)] {
            let keys = [
                ResolvedKey {
                    ranks: number.ranks(),
                    descending: a,
                },
                ResolvedKey {
                    ranks: text.ranks(),
                    descending: b,
                },
            ];
            for keys in [&keys[..1], &keys[..]] {
                let mut rows: Vec<u32> = (0..n).collect();
                sort_rows(&mut rows, keys, n as usize);
                let mut expected: Vec<u32> = (0..n).collect();
                expected.sort_by(|&x, &y| compare(keys, x, y));
                assert_eq!(rows, expected);
                // Few rows: the comparison path, same order.
                let mut few: Vec<u32> = (0..n).step_by(97).collect();
                let mut few_expected = few.clone();
                sort_rows(&mut few, keys, few_expected.len());
                few_expected.sort_by(|&x, &y| compare(keys, x, y));
                assert_eq!(few, few_expected);
            }
        }
    }
}
