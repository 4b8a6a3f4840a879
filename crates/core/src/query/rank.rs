//! Order ranks of one column: each row's position among the column's
//! distinct keys, so that sorting rows is sorting integers.
//!
//! Built the first time a column is sorted (one sort of its keys), then kept
//! up to date by edits: a key already present reuses its rank; a new key is
//! inserted among the distinct keys and the ranks above it move up by one
//! (one pass over a `u32` per row, no re-sort). Keys no longer held by any
//! row stay in the list; ranks only need to be in key order, not dense.

/// A key as a pair of integers, ordered as the column sorts ascending.
pub type Projection = (u128, u128);

/// The rank of an empty cell: after every key, in both directions.
pub const EMPTY: u32 = u32::MAX;

/// Ranks of the rows of one column.
#[derive(Debug, Clone, Default)]
pub struct Ranks {
    /// Keys seen, ascending, without repeats.
    distinct: Vec<Projection>,
    /// Rank of each row: its key's position in `distinct`, or [`EMPTY`].
    of_row: Vec<u32>,
}

impl Ranks {
    /// The ranks of `rows` rows whose keys are given by `key` (`None`: empty).
    pub fn build(rows: usize, key: impl Fn(u32) -> Option<Projection>) -> Ranks {
        let mut keyed: Vec<(Projection, u32)> = (0..rows as u32)
            .filter_map(|row| key(row).map(|k| (k, row)))
            .collect();
        keyed.sort_unstable();
        let mut ranks = Ranks {
            distinct: Vec::new(),
            of_row: vec![EMPTY; rows],
        };
        for (key, row) in keyed {
            if ranks.distinct.last() != Some(&key) {
                ranks.distinct.push(key);
            }
            ranks.of_row[row as usize] = (ranks.distinct.len() - 1) as u32;
        }
        ranks
    }

    /// Gives `row` (an existing row or the next new one) the rank of `key`.
    pub fn set(&mut self, row: u32, key: Option<Projection>) {
        let r = row as usize;
        if r >= self.of_row.len() {
            self.of_row.resize(r + 1, EMPTY);
        }
        let rank = match key {
            None => EMPTY,
            Some(key) => match self.distinct.binary_search(&key) {
                Ok(at) => at as u32,
                Err(at) => {
                    self.distinct.insert(at, key);
                    let at = at as u32;
                    for rank in &mut self.of_row {
                        if *rank != EMPTY && *rank >= at {
                            *rank += 1;
                        }
                    }
                    at
                }
            },
        };
        self.of_row[r] = rank;
    }

    /// The row's position for a sort in the given direction: ascending by
    /// key (or descending), empty cells last either way. Equal ordinals are
    /// equal keys.
    #[inline]
    pub fn ordinal(&self, row: u32, descending: bool) -> u32 {
        let rank = self.of_row[row as usize];
        if rank == EMPTY || !descending {
            rank
        } else {
            EMPTY - 1 - rank
        }
    }

    /// Number of buckets of [`bucket`](Self::bucket): one per distinct key,
    /// and one for empty cells.
    pub fn buckets(&self) -> usize {
        self.distinct.len() + 1
    }

    /// The row's bucket for a counting sort in the given direction: keys in
    /// order, empty cells in the last bucket either way.
    #[inline]
    pub fn bucket(&self, row: u32, descending: bool) -> usize {
        let rank = self.of_row[row as usize];
        let keys = self.distinct.len();
        if rank == EMPTY {
            keys
        } else if descending {
            keys - 1 - rank as usize
        } else {
            rank as usize
        }
    }

    /// Bytes held by the ranks and the distinct keys.
    pub fn heap_bytes(&self) -> usize {
        self.distinct.capacity() * std::mem::size_of::<Projection>() + self.of_row.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: u128) -> Option<Projection> {
        Some((k, 0))
    }

    #[test]
    fn ranks_follow_key_order_and_stay_ordered_after_edits() {
        let keys = [key(30), None, key(10), key(30), key(20)];
        let mut ranks = Ranks::build(keys.len(), |r| keys[r as usize]);
        let asc: Vec<u32> = (0..5).map(|r| ranks.ordinal(r, false)).collect();
        assert_eq!(asc, [2, EMPTY, 0, 2, 1]);
        let desc: Vec<u32> = (0..5).map(|r| ranks.ordinal(r, true)).collect();
        assert!(desc[0] < desc[4] && desc[4] < desc[2] && desc[1] == EMPTY);
        // A new key between 10 and 20, a known key, a new row, an emptied row.
        ranks.set(1, key(15));
        ranks.set(2, key(30));
        ranks.set(5, key(5));
        ranks.set(4, None);
        let order = |r| ranks.ordinal(r, false);
        assert!(order(5) < order(1) && order(1) < order(0));
        assert_eq!(order(0), order(2));
        assert_eq!(order(0), order(3));
        assert_eq!(order(4), EMPTY);
    }
}
