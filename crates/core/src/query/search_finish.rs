//! Turning the collected tokens into a [`SearchIndex`] in short steps, so a
//! page stays responsive: the tokens are sorted by a merge sort that can
//! stop after any number of moves (runs sorted one per step, then merged
//! pairwise a bounded number of tokens at a time); the logged rows and the
//! remembered cells are listed under each of their tokens (counting sorts,
//! in steps); then each
//! token's rows (its own, and those of the cells holding it) become a
//! compressed posting, a bounded amount of work per step.

use std::cmp::Ordering;

use super::bitset::Bitset;
use super::posting::{DENSE_SHARE, Posting};
use super::search::{SearchIndex, TokenList};
use super::search_build::{Cells, Dictionary, Occurrences};

/// A token to sort: its first 8 bytes, big-endian and zero-padded (tokens
/// hold no NUL byte, so this orders as the bytes do), and its id.
#[derive(Debug, Clone, Copy)]
struct Key {
    prefix: u64,
    id: u32,
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

/// Where the finishing is.
#[derive(Debug)]
enum Phase {
    /// Sorting runs of `run` keys; the runs before `next` are sorted.
    Runs {
        run: usize,
        next: usize,
    },
    /// Merging runs of `width` keys pairwise from `keys` into `merged`: the
    /// pair starting at `lo` is being merged, `left` and `right` are the
    /// next keys of its two runs.
    Merge {
        width: usize,
        lo: usize,
        left: usize,
        right: usize,
    },
    /// Counting the logged rows of each token, from log entry `next` on.
    CountOwn {
        next: usize,
    },
    /// Listing the logged rows under their tokens, from logged row `next` on.
    PlaceOwn {
        next: usize,
    },
    /// Counting the cells of each token, for the cells from `next` on.
    CountCells {
        next: usize,
    },
    /// Listing the cells under their tokens, for the cells from `next` on.
    ListCells {
        next: usize,
    },
    /// Building the postings of the sorted tokens from `next` on.
    Postings {
        next: usize,
    },
    Done,
}

/// Collected tokens becoming a [`SearchIndex`], a bounded amount of work at
/// a time ([`step`](Self::step)).
#[derive(Debug)]
pub struct SearchFinishing {
    dictionary: Dictionary,
    /// The tokens of the cells not remembered, row by row.
    log: Occurrences,
    /// `own_rows[own_starts[id]..own_starts[id + 1]]`: the logged rows of
    /// token `id`, increasing.
    own_starts: Vec<u32>,
    own_rows: Vec<u32>,
    /// The rows of the token being finished.
    gathered: Vec<u32>,
    /// The remembered cells: their tokens and rows.
    cells: Cells,
    /// `token_cells[cell_starts[id]..cell_starts[id + 1]]`: the cells
    /// holding token `id`.
    cell_starts: Vec<u32>,
    token_cells: Vec<u32>,
    /// Where the next row (cell) of each token goes in `own_rows` (`token_cells`).
    cursor: Vec<u32>,
    /// A bitset of the table's rows, empty between uses.
    scratch: Bitset,
    keys: Vec<Key>,
    /// Merge output.
    merged: Vec<Key>,
    phase: Phase,
    index: SearchIndex,
    /// Rows in the table (frequent tokens also keep a dense bitset).
    row_count: usize,
}

/// A token's rows count as one unit of work per `ROWS_PER_UNIT` rows (a
/// token counting one unit), for the size of a step.
const ROWS_PER_UNIT: usize = 64;

/// A token's rows from up to this many cell rows are merged by sorting;
/// more are merged in a bitset.
const SMALL_UNION: usize = 4096;

impl SearchFinishing {
    pub(super) fn new(
        dictionary: Dictionary,
        log: Occurrences,
        cells: Cells,
        row_count: usize,
    ) -> SearchFinishing {
        let tokens = dictionary.len();
        SearchFinishing {
            log,
            own_starts: Vec::new(),
            own_rows: Vec::new(),
            gathered: Vec::new(),
            cells,
            cell_starts: Vec::new(),
            token_cells: Vec::new(),
            cursor: Vec::new(),
            scratch: Bitset::new(0),
            keys: Vec::with_capacity(tokens),
            merged: Vec::new(),
            phase: Phase::Runs { run: 0, next: 0 },
            index: SearchIndex {
                tokens: TokenList::with_capacity(tokens, dictionary.text.len()),
                postings: Vec::with_capacity(tokens),
            },
            dictionary,
            row_count,
        }
    }

    /// Does about `tokens` units of work: sorting a run of `tokens` tokens,
    /// or merging `tokens` tokens, or building the postings of up to
    /// `tokens` tokens (a token of many rows counting for more). Returns
    /// `true` once the index is complete.
    pub fn step(&mut self, tokens: usize) -> bool {
        let budget = tokens.max(1);
        let n = self.dictionary.len();
        match self.phase {
            Phase::Runs { run, next } => {
                let run = if run == 0 { budget.min(n.max(1)) } else { run };
                let end = (next + run).min(n);
                let dictionary = &self.dictionary;
                self.keys
                    .extend((next as u32..end as u32).map(|id| Key::new(dictionary, id)));
                self.keys[next..end].sort_unstable_by(|a, b| compare(dictionary, a, b));
                self.phase = if end < n {
                    Phase::Runs { run, next: end }
                } else if run < n {
                    self.merged = Vec::with_capacity(n);
                    Phase::Merge {
                        width: run,
                        lo: 0,
                        left: 0,
                        right: run,
                    }
                } else {
                    Phase::CountOwn { next: 0 }
                };
            }
            Phase::Merge { .. } => self.merge(budget),
            Phase::CountOwn { next } => self.count_own(next, budget),
            Phase::PlaceOwn { next } => self.place_own(next, budget),
            Phase::CountCells { next } => self.count_cells(next, budget),
            Phase::ListCells { next } => self.list_cells(next, budget),
            Phase::Postings { next } => self.build_postings(next, budget),
            Phase::Done => {}
        }
        self.is_done()
    }

    /// Moves up to `budget` keys of the current merge pass.
    fn merge(&mut self, mut budget: usize) {
        let Phase::Merge {
            mut width,
            mut lo,
            mut left,
            mut right,
        } = self.phase
        else {
            return;
        };
        let n = self.keys.len();
        let (keys, merged, dictionary) = (&self.keys, &mut self.merged, &self.dictionary);
        while budget > 0 {
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
                if lo == n {
                    break;
                }
                left = lo;
                right = (lo + width).min(n);
            }
        }
        if lo < n {
            self.phase = Phase::Merge {
                width,
                lo,
                left,
                right,
            };
            return;
        }
        // A pass is over: its output is the next pass's input.
        std::mem::swap(&mut self.keys, &mut self.merged);
        self.merged.clear();
        width *= 2;
        self.phase = if width < n {
            Phase::Merge {
                width,
                lo: 0,
                left: 0,
                right: width,
            }
        } else {
            self.merged = Vec::new();
            Phase::CountOwn { next: 0 }
        };
    }

    /// Counts the logged rows of each token, for a chunk of the log.
    fn count_own(&mut self, next: usize, budget: usize) {
        if next == 0 {
            self.own_starts = vec![0; self.dictionary.len() + 1];
        }
        let ids = &self.log.ids;
        let end = next
            .saturating_add(budget.saturating_mul(ROWS_PER_UNIT))
            .min(ids.len());
        for &id in &ids[next..end] {
            self.own_starts[id as usize + 1] += 1;
        }
        self.phase = if end < ids.len() {
            Phase::CountOwn { next: end }
        } else {
            for i in 1..self.own_starts.len() {
                self.own_starts[i] += self.own_starts[i - 1];
            }
            self.cursor = self.own_starts.clone();
            self.own_rows = vec![0; ids.len()];
            Phase::PlaceOwn { next: 0 }
        };
    }

    /// Lists the tokens of a chunk of logged rows under their tokens.
    fn place_own(&mut self, mut next: usize, budget: usize) {
        let log = &self.log;
        let mut spent = 0;
        while next < log.rows.len() && spent < budget.saturating_mul(ROWS_PER_UNIT) {
            let (row, start) = log.rows[next];
            next += 1;
            let end = log
                .rows
                .get(next)
                .map_or(log.ids.len(), |&(_, e)| e as usize);
            for &id in &log.ids[start as usize..end] {
                let at = &mut self.cursor[id as usize];
                self.own_rows[*at as usize] = row;
                *at += 1;
            }
            spent += 1 + end - start as usize;
        }
        self.phase = if next < log.rows.len() {
            Phase::PlaceOwn { next }
        } else {
            self.log = Occurrences::default();
            self.cursor = Vec::new();
            Phase::CountCells { next: 0 }
        };
    }

    /// The cells from `next` on, up to about `budget` units of their
    /// tokens, then where that stopped.
    fn cell_chunk(&self, next: usize, budget: usize) -> std::ops::Range<usize> {
        let mut end = next;
        let mut spent = 0;
        while end < self.cells.spans.len() && spent < budget.saturating_mul(ROWS_PER_UNIT) {
            spent += 1 + self.cells.spans[end].1 as usize;
            end += 1;
        }
        next..end
    }

    /// Counts the tokens of a chunk of cells.
    fn count_cells(&mut self, next: usize, budget: usize) {
        if next == 0 {
            self.cell_starts = vec![0; self.dictionary.len() + 1];
        }
        let chunk = self.cell_chunk(next, budget);
        for cell in chunk.clone() {
            for &token in self.cells.tokens_of(cell) {
                self.cell_starts[token as usize + 1] += 1;
            }
        }
        self.phase = if chunk.end < self.cells.spans.len() {
            Phase::CountCells { next: chunk.end }
        } else {
            for i in 1..self.cell_starts.len() {
                self.cell_starts[i] += self.cell_starts[i - 1];
            }
            self.cursor = self.cell_starts.clone();
            self.token_cells = vec![0; self.cells.tokens.len()];
            Phase::ListCells { next: 0 }
        };
    }

    /// Lists a chunk of cells under their tokens.
    fn list_cells(&mut self, next: usize, budget: usize) {
        let chunk = self.cell_chunk(next, budget);
        for cell in chunk.clone() {
            for &token in self.cells.tokens_of(cell) {
                let at = &mut self.cursor[token as usize];
                self.token_cells[*at as usize] = cell as u32;
                *at += 1;
            }
        }
        self.phase = if chunk.end < self.cells.spans.len() {
            Phase::ListCells { next: chunk.end }
        } else {
            self.cursor = Vec::new();
            self.cells.tokens = Vec::new();
            self.scratch = Bitset::new(self.row_count);
            Phase::Postings { next: 0 }
        };
    }

    /// Gathers the rows of token `id` in `gathered`: its own and those of
    /// the cells holding it, increasing, without repeats; returns them as
    /// a bitset too when they were gathered in one.
    fn gather(&mut self, id: u32) -> Option<Bitset> {
        let id = id as usize;
        let own = &self.own_rows[self.own_starts[id] as usize..self.own_starts[id + 1] as usize];
        let cells =
            &self.token_cells[self.cell_starts[id] as usize..self.cell_starts[id + 1] as usize];
        let rows = &mut self.gathered;
        rows.clear();
        rows.extend_from_slice(own);
        if cells.is_empty() {
            return None;
        }
        let rows_of_cells = cells.iter().map(|&c| &self.cells.rows[c as usize]);
        let total = own.len() + rows_of_cells.clone().map(Vec::len).sum::<usize>();
        if total <= SMALL_UNION {
            for cell_rows in rows_of_cells {
                rows.extend_from_slice(cell_rows);
            }
            rows.sort_unstable();
            rows.dedup();
            return None;
        }
        // Many rows: set in a bitset of the table (a few KB, in cache), read back.
        for &row in own.iter().chain(rows_of_cells.flatten()) {
            self.scratch.insert(row);
        }
        rows.clear();
        rows.extend(self.scratch.iter());
        let bits = (rows.len() * DENSE_SHARE >= self.row_count).then(|| self.scratch.clone());
        self.scratch.clear();
        bits
    }

    /// Builds the postings of the sorted tokens from `next` on, up to
    /// `budget` units of work.
    fn build_postings(&mut self, mut next: usize, budget: usize) {
        let row_count = self.row_count;
        let mut spent = 0;
        while next < self.keys.len() && spent < budget {
            let id = self.keys[next].id;
            next += 1;
            let bits = self.gather(id);
            let rows = &self.gathered;
            spent += 1 + rows.len() / ROWS_PER_UNIT;
            // Tokens are folded text: valid UTF-8.
            let token = String::from_utf8_lossy(self.dictionary.token(id));
            self.index.tokens.push(&token);
            self.index
                .postings
                .push(Posting::new(rows, row_count, bits));
        }
        self.phase = if next < self.keys.len() {
            Phase::Postings { next }
        } else {
            self.keys = Vec::new();
            (self.own_starts, self.own_rows) = (Vec::new(), Vec::new());
            self.gathered = Vec::new();
            self.cells = Cells::default();
            (self.cell_starts, self.token_cells) = (Vec::new(), Vec::new());
            self.scratch = Bitset::new(0);
            Phase::Done
        };
    }

    /// Every token is in.
    pub fn is_done(&self) -> bool {
        matches!(self.phase, Phase::Done)
    }

    /// The finished index (completing the steps left).
    pub fn finish(mut self) -> SearchIndex {
        while !self.step(usize::MAX) {}
        self.index
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::search_build::SearchBuilder;

    proptest! {
        /// Finished in steps of any size, the index is the one finished at once.
        #[test]
        fn steps_of_any_size_give_the_same_index(
            texts in prop::collection::vec("[a-f ]{0,12}|\\PC{0,6}", 0..60),
            tokens in 1usize..40,
        ) {
            let build = || {
                let mut b = SearchBuilder::default();
                for (row, text) in texts.iter().enumerate() {
                    b.add_text(row as u32, text);
                }
                b
            };
            let whole = build().finish(texts.len());
            let mut finishing = build().into_finishing(texts.len());
            let mut steps = 0;
            while !finishing.step(tokens) {
                steps += 1;
                prop_assert!(steps < 100_000);
            }
            let stepped = finishing.finish();
            prop_assert_eq!(format!("{stepped:?}"), format!("{whole:?}"));
            let tokens: Vec<&str> = (0..stepped.tokens.len()).map(|i| stepped.tokens.get(i)).collect();
            let mut sorted = tokens.clone();
            sorted.sort();
            prop_assert_eq!(&sorted, &tokens);
            sorted.dedup();
            prop_assert_eq!(sorted.len(), tokens.len());
        }
    }
}
