//! The rows holding one search token, stored by how many there are.
//!
//! Most tokens of a large table are held by one row (numbers, identifiers,
//! names): they cost no allocation. Frequent tokens ("de", "la"…) are
//! dense bitsets, which a prefix covering them ORs a word at a time. The
//! others are compressed `RoaringBitmap`s.

use roaring::RoaringBitmap;

use super::bitset::Bitset;

/// A token held by at least `1 / DENSE_SHARE` of the rows (when the index
/// is built) is kept as a dense bitset.
pub(super) const DENSE_SHARE: usize = 16;

/// The rows of one token.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Posting {
    /// Exactly one row.
    One(u32),
    /// Any number of rows, compressed.
    Rows(RoaringBitmap),
    /// A frequent token's rows.
    Dense(Bitset),
}

impl Posting {
    /// The posting of `rows` (increasing, no repeats) in a table of
    /// `row_count` rows; `bits` may give the same rows as a bitset.
    pub(super) fn new(rows: &[u32], row_count: usize, bits: Option<Bitset>) -> Posting {
        if rows.len() * DENSE_SHARE >= row_count && !rows.is_empty() {
            return Posting::Dense(bits.unwrap_or_else(|| {
                let mut bits = Bitset::new(row_count);
                for &row in rows {
                    bits.insert(row);
                }
                bits
            }));
        }
        match rows {
            [row] => Posting::One(*row),
            _ => Posting::Rows(
                RoaringBitmap::from_sorted_iter(rows.iter().copied()).unwrap_or_default(),
            ),
        }
    }

    /// Adds the rows to `out` (a bitset of at least as many rows).
    pub(super) fn add_to(&self, out: &mut Bitset) {
        match self {
            Posting::One(row) => out.insert(*row),
            Posting::Rows(rows) => {
                for row in rows {
                    out.insert(row);
                }
            }
            Posting::Dense(bits) => out.or_with(bits),
        }
    }

    pub(super) fn insert(&mut self, row: u32) {
        match self {
            Posting::One(one) if *one == row => {}
            Posting::One(one) => *self = Posting::Rows([*one, row].into_iter().collect()),
            Posting::Rows(rows) => {
                rows.insert(row);
            }
            Posting::Dense(bits) => {
                bits.grow(row as usize + 1);
                bits.insert(row);
            }
        }
    }

    pub(super) fn remove(&mut self, row: u32) {
        match self {
            Posting::One(one) if *one == row => *self = Posting::Rows(RoaringBitmap::new()),
            Posting::One(_) => {}
            Posting::Rows(rows) => {
                rows.remove(row);
            }
            Posting::Dense(bits) => bits.remove(row),
        }
    }

    /// Bytes held outside the value itself.
    pub(super) fn heap_bytes(&self) -> usize {
        match self {
            Posting::One(_) => 0,
            Posting::Rows(rows) => rows.serialized_size(),
            Posting::Dense(bits) => bits.heap_bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(p: &Posting, len: usize) -> Vec<u32> {
        let mut out = Bitset::new(len);
        p.add_to(&mut out);
        out.to_vec()
    }

    #[test]
    fn every_kind_holds_its_rows_through_edits() {
        let n = 100;
        let mut one = Posting::new(&[7], n, None);
        assert_eq!(one, Posting::One(7));
        one.insert(3);
        assert_eq!(rows(&one, n), [3, 7]);
        let mut single = Posting::new(&[9], n, None);
        single.remove(9);
        assert_eq!(rows(&single, n), Vec::<u32>::new());
        let mut dense = Posting::new(&(0..10).collect::<Vec<_>>(), n, None);
        assert!(matches!(dense, Posting::Dense(_)));
        dense.remove(4);
        dense.insert(120);
        assert_eq!(rows(&dense, 121), [0, 1, 2, 3, 5, 6, 7, 8, 9, 120]);
        let few = Posting::new(&[1, 50], n, None);
        assert!(matches!(few, Posting::Rows(_)));
        assert_eq!(rows(&few, n), [1, 50]);
    }
}
