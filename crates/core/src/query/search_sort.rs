//! Sorting the distinct search tokens by a merge sort that can stop after
//! any number of moves: runs sorted one per step, then merged pairwise a
//! bounded number of tokens at a time. No step sorts every token at once
//! (200,741 tokens took ~47 ms in one piece at 100,000 rows).

use std::cmp::Ordering;

use super::search_dictionary::Dictionary;

/// A token to sort: its first 8 bytes, big-endian and zero-padded (tokens
/// hold no NUL byte, so this orders as the bytes do), and its id.
#[derive(Debug, Clone, Copy)]
pub(super) struct Key {
    prefix: u64,
    pub(super) id: u32,
}

impl Key {
    fn new(dictionary: &Dictionary, id: u32) -> Key {
        let token = dictionary.token(id);
        let mut head = [0u8; 8];
        let n = token.len().min(8);
        head[..n].copy_from_slice(&token[..n]);
        Key {
            prefix: u64::from_be_bytes(head),
            id,
        }
    }
}

/// Token order (byte order of their UTF-8, which is `str` order).
fn compare(dictionary: &Dictionary, a: &Key, b: &Key) -> Ordering {
    a.prefix
        .cmp(&b.prefix)
        .then_with(|| dictionary.token(a.id).cmp(dictionary.token(b.id)))
}

/// The token ids of a dictionary being sorted.
#[derive(Debug, Default)]
pub(super) struct TokenSort {
    keys: Vec<Key>,
    /// Merge output.
    merged: Vec<Key>,
    /// Runs of `run` keys; 0 before the first step.
    run: usize,
    /// Runs before `sorted` are sorted (while sorting runs).
    sorted: usize,
    /// Merging runs of `width` keys pairwise from `keys` into `merged`
    /// (0: not merging yet): the pair starting at `lo` is being merged,
    /// `left` and `right` are the next keys of its two runs.
    width: usize,
    lo: usize,
    left: usize,
    right: usize,
    done: bool,
}

impl TokenSort {
    /// Does about `budget` moves; returns `true` once the keys are sorted.
    pub(super) fn step(&mut self, dictionary: &Dictionary, budget: usize) -> bool {
        let n = dictionary.len();
        if self.done {
            return true;
        }
        if self.sorted < n || self.run == 0 {
            if self.run == 0 {
                self.run = budget.min(n).max(1);
                self.keys.reserve_exact(n);
            }
            let (next, end) = (self.sorted, (self.sorted + self.run).min(n));
            (self.keys).extend((next as u32..end as u32).map(|id| Key::new(dictionary, id)));
            self.keys[next..end].sort_unstable_by(|a, b| compare(dictionary, a, b));
            self.sorted = end;
            if end == n {
                self.start_pass(self.run, n);
            }
        } else {
            self.merge(dictionary, budget);
        }
        self.done
    }

    /// Starts merging runs of `width` keys, or ends when one run holds all.
    fn start_pass(&mut self, width: usize, n: usize) {
        if width >= n {
            self.done = true;
            self.merged = Vec::new();
            return;
        }
        if self.merged.capacity() < n {
            self.merged = Vec::with_capacity(n);
        }
        (self.width, self.lo, self.left, self.right) = (width, 0, 0, width);
    }

    /// Moves up to `budget` keys of the current merge pass.
    fn merge(&mut self, dictionary: &Dictionary, mut budget: usize) {
        let n = self.keys.len();
        let width = self.width;
        let (mut lo, mut left, mut right) = (self.lo, self.left, self.right);
        let (keys, merged) = (&self.keys, &mut self.merged);
        while budget > 0 && lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let take_left = left < mid
                && (right >= hi || compare(dictionary, &keys[left], &keys[right]).is_lt());
            if take_left {
                merged.push(keys[left]);
                left += 1;
            } else {
                merged.push(keys[right]);
                right += 1;
            }
            budget -= 1;
            if left == mid && right == hi {
                lo = hi;
                left = lo;
                right = (lo + width).min(n);
            }
        }
        (self.lo, self.left, self.right) = (lo, left, right);
        if lo == n {
            // A pass is over: its output is the next pass's input.
            std::mem::swap(&mut self.keys, &mut self.merged);
            self.merged.clear();
            self.start_pass(width * 2, n);
        }
    }

    /// The sorted keys (once [`step`](Self::step) returned `true`).
    pub(super) fn keys(&self) -> &[Key] {
        &self.keys
    }
}
