//! A dense, fixed-length bitset over row ids.
//!
//! Facet selections and query masks are combined as dense bitsets: at
//! 100,000 rows one set is 1,563 words (12.5 KB), and AND/OR/popcount over it
//! take a few microseconds. The choice against `roaring` for facet bitmaps is
//! measured in `benches/query.rs` and recorded in `BENCHMARKS.md`.

/// A set of row ids `0..len`, one bit per row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    /// The empty set over `len` rows.
    pub fn new(len: usize) -> Self {
        Bitset {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// The set of every row `0..len`.
    pub fn full(len: usize) -> Self {
        let mut set = Bitset {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        set.clear_tail();
        set
    }

    /// Number of rows the set ranges over (not the number of members).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// Grows the range to `len` rows; new rows are not members.
    pub fn grow(&mut self, len: usize) {
        if len > self.len {
            self.words.resize(len.div_ceil(64), 0);
            self.len = len;
        }
    }

    /// Frees the room a set grown row by row holds beyond its words.
    pub fn shrink_to_fit(&mut self) {
        self.words.shrink_to_fit();
    }

    pub fn insert(&mut self, row: u32) {
        let row = row as usize;
        debug_assert!(row < self.len);
        self.words[row / 64] |= 1 << (row % 64);
    }

    pub fn remove(&mut self, row: u32) {
        let row = row as usize;
        if row < self.len {
            self.words[row / 64] &= !(1 << (row % 64));
        }
    }

    pub fn contains(&self, row: u32) -> bool {
        let row = row as usize;
        row < self.len && self.words[row / 64] & (1 << (row % 64)) != 0
    }

    /// Number of members.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Number of members of `self ∩ other`, without building it.
    pub fn intersection_count(&self, other: &Bitset) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }

    /// `self ← self ∩ other`.
    pub fn and_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
        if other.words.len() < self.words.len() {
            for a in &mut self.words[other.words.len()..] {
                *a = 0;
            }
        }
    }

    /// `self ← self ∪ other`.
    pub fn or_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// Members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &word)| {
            let base = (i * 64) as u32;
            BitIter(word).map(move |bit| base + bit)
        })
    }

    /// Removes every member.
    pub fn clear(&mut self) {
        self.words.fill(0);
    }

    /// Appends the members of words `words` (rows `64 * words.start` up to
    /// `64 * words.end`) to `out` in increasing order, and removes them:
    /// a set used as scratch space for a few rows is read back and emptied
    /// without going over all its words.
    pub fn drain_words(&mut self, words: std::ops::Range<usize>, out: &mut Vec<u32>) {
        let start = words.start;
        for (i, word) in self.words[words].iter_mut().enumerate() {
            let base = ((start + i) * 64) as u32;
            out.extend(BitIter(*word).map(|bit| base + bit));
            *word = 0;
        }
    }

    /// Members in increasing order, collected.
    pub fn to_vec(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.count());
        out.extend(self.iter());
        out
    }

    /// Bytes held by the set.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }

    fn clear_tail(&mut self) {
        let rem = self.len % 64;
        if rem != 0
            && let Some(last) = self.words.last_mut()
        {
            *last &= (1u64 << rem) - 1;
        }
    }
}

struct BitIter(u64);

impl Iterator for BitIter {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_set_has_exactly_len_members() {
        for len in [0, 1, 63, 64, 65, 130] {
            let set = Bitset::full(len);
            assert_eq!(set.count(), len);
            assert_eq!(set.to_vec(), (0..len as u32).collect::<Vec<_>>());
        }
    }

    #[test]
    fn set_operations() {
        let mut a = Bitset::new(200);
        let mut b = Bitset::new(200);
        for r in [1, 64, 65, 199] {
            a.insert(r);
        }
        for r in [64, 100, 199] {
            b.insert(r);
        }
        assert_eq!(a.intersection_count(&b), 2);
        let mut c = a.clone();
        c.and_with(&b);
        assert_eq!(c.to_vec(), vec![64, 199]);
        a.or_with(&b);
        assert_eq!(a.to_vec(), vec![1, 64, 65, 100, 199]);
        a.remove(64);
        assert!(!a.contains(64));
        assert!(a.contains(65));
    }

    #[test]
    fn drained_words_are_listed_and_emptied() {
        let mut a = Bitset::new(300);
        for r in [0, 5, 63, 64, 130, 191, 192, 299] {
            a.insert(r);
        }
        let mut out = vec![7];
        a.drain_words(1..3, &mut out);
        assert_eq!(out, vec![7, 64, 130, 191]);
        assert_eq!(a.to_vec(), vec![0, 5, 63, 192, 299]);
    }

    #[test]
    fn grow_keeps_members() {
        let mut a = Bitset::new(10);
        a.insert(9);
        a.grow(100);
        a.insert(99);
        assert_eq!(a.to_vec(), vec![9, 99]);
        assert_eq!(a.len(), 100);
    }
}
