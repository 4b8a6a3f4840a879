//! Turning the collected tokens into a [`SearchIndex`] in short steps, so a
//! page stays responsive. The tokens are sorted (`search_sort.rs`); the
//! logged rows are counted per token and the remembered cells listed under
//! their tokens (counting sorts in chunks); then, a range of token ids at a
//! time, the range's logged rows are listed per token (one pass over the
//! log, a quarter of the rows at most held at once) and each token's rows
//! (its own, and those of the cells holding it) become its posting; last,
//! the postings are put in token order. Every step does a bounded amount
//! of work.

use super::bitset::Bitset;
use super::posting::Posting;
use super::search::{SearchIndex, TokenList};
use rustc_hash::FxHashMap;

use super::search_build::Cells;
use super::search_dictionary::Dictionary;
use super::search_log::Occurrences;
use super::search_sort::TokenSort;

mod postings;

/// Where the finishing is.
#[derive(Debug)]
enum Phase {
    Sort,
    /// Counting the logged rows of each token, from log entry `next` on.
    CountOwn {
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
    /// Listing the logged rows of the tokens of `range`, from logged row
    /// `next` on.
    PlaceOwn {
        next: usize,
    },
    /// Building the postings of the tokens of `range` from id `next` on.
    Build {
        next: usize,
    },
    /// Putting the postings in token order, from sorted token `next` on.
    Order {
        next: usize,
    },
    Done,
}

/// Collected tokens becoming a [`SearchIndex`], a bounded amount of work at
/// a time ([`step`](Self::step)).
#[derive(Debug)]
pub struct SearchFinishing {
    dictionary: Dictionary,
    sort: TokenSort,
    /// The tokens of the cells not remembered, row by row.
    log: Occurrences,
    /// The rows of the frequent tokens since their promotion, by token id.
    frequent: FxHashMap<u32, Bitset>,
    /// `own_starts[id]..own_starts[id + 1]`: where the logged rows of token
    /// `id` are, counting from the first token's.
    own_starts: Vec<u32>,
    /// The token ids whose logged rows are in `own_rows`.
    range: std::ops::Range<usize>,
    /// The logged rows of the tokens of `range`, token after token.
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
    /// The postings built, by token id.
    by_id: Vec<Option<Posting>>,
    phase: Phase,
    index: SearchIndex,
    /// Rows in the table (frequent tokens are dense bitsets).
    row_count: usize,
}

/// A token's rows count as one unit of work per `ROWS_PER_UNIT` rows (a
/// token counting one unit), for the size of a step.
const ROWS_PER_UNIT: usize = 64;

/// The logged rows are listed per token in this many ranges of token ids
/// at least (each range a pass over the log), so that only a part of them
/// is held twice at a time.
const RANGES: usize = 4;

impl SearchFinishing {
    pub(super) fn new(
        dictionary: Dictionary,
        mut log: Occurrences,
        cells: Cells,
        row_count: usize,
    ) -> SearchFinishing {
        let tokens = dictionary.len();
        SearchFinishing {
            sort: TokenSort::default(),
            frequent: log.take_frequent(),
            log,
            own_starts: Vec::new(),
            range: 0..0,
            own_rows: Vec::new(),
            gathered: Vec::new(),
            cells,
            cell_starts: Vec::new(),
            token_cells: Vec::new(),
            cursor: Vec::new(),
            scratch: Bitset::new(0),
            by_id: Vec::new(),
            phase: Phase::Sort,
            index: SearchIndex {
                tokens: TokenList::with_capacity(tokens, dictionary.text.len()),
                postings: Vec::with_capacity(tokens),
            },
            dictionary,
            row_count,
        }
    }

    /// Does about `tokens` units of work (sorting or merging `tokens`
    /// tokens, or building the postings of up to `tokens` tokens, a token
    /// of many rows counting for more). Returns `true` once the index is
    /// complete.
    pub fn step(&mut self, tokens: usize) -> bool {
        let budget = tokens.max(1);
        match self.phase {
            Phase::Sort => {
                if self.sort.step(&self.dictionary, budget) {
                    self.phase = Phase::CountOwn { next: 0 };
                }
            }
            Phase::CountOwn { next } => self.count_own(next, budget),
            Phase::CountCells { next } => self.count_cells(next, budget),
            Phase::ListCells { next } => self.list_cells(next, budget),
            Phase::PlaceOwn { next } => self.place_own(next, budget),
            Phase::Build { next } => self.build(next, budget),
            Phase::Order { next } => self.order(next, budget),
            Phase::Done => {}
        }
        self.is_done()
    }

    /// Counts the logged rows of each token, for a chunk of the log.
    fn count_own(&mut self, next: usize, budget: usize) {
        if next == 0 {
            self.own_starts = vec![0; self.dictionary.len() + 1];
        }
        let log = &self.log;
        let end = next
            .saturating_add(budget.saturating_mul(ROWS_PER_UNIT))
            .min(log.len());
        for id in log.ids(next..end) {
            self.own_starts[id as usize + 1] += 1;
        }
        self.phase = if end < log.len() {
            Phase::CountOwn { next: end }
        } else {
            for i in 1..self.own_starts.len() {
                self.own_starts[i] += self.own_starts[i - 1];
            }
            Phase::CountCells { next: 0 }
        };
    }

    /// Starts listing the logged rows of the range of token ids from
    /// `start`, or puts the postings in order when every id is done.
    fn start_range(&mut self, start: usize) -> Phase {
        let n = self.dictionary.len();
        if start >= n {
            self.log = Occurrences::default();
            (self.own_starts, self.own_rows) = (Vec::new(), Vec::new());
            self.cells = Cells::default();
            (self.cell_starts, self.token_cells) = (Vec::new(), Vec::new());
            self.scratch = Bitset::new(0);
            self.cursor = Vec::new();
            return Phase::Order { next: 0 };
        }
        let chunk = self.log.len().div_ceil(RANGES).max(1) as u32;
        let limit = self.own_starts[start].saturating_add(chunk);
        let end = (self.own_starts.partition_point(|&s| s <= limit) - 1).clamp(start + 1, n);
        self.range = start..end;
        let base = self.own_starts[start];
        self.cursor = self.own_starts[start..end]
            .iter()
            .map(|s| s - base)
            .collect();
        self.own_rows = vec![0; (self.own_starts[end] - base) as usize];
        Phase::PlaceOwn { next: 0 }
    }

    /// Lists the logged rows of the range's tokens, for a chunk of rows.
    fn place_own(&mut self, mut next: usize, budget: usize) {
        let log = &self.log;
        let (start, end) = (self.range.start as u32, self.range.end as u32);
        let mut spent = 0;
        while next < log.rows.len() && spent < budget.saturating_mul(ROWS_PER_UNIT) {
            let (row, from) = log.rows[next];
            let to = log.row_end(next);
            next += 1;
            for id in log.ids(from as usize..to) {
                if (start..end).contains(&id) {
                    let at = &mut self.cursor[(id - start) as usize];
                    self.own_rows[*at as usize] = row;
                    *at += 1;
                }
            }
            spent += 1 + to - from as usize;
        }
        self.phase = if next < log.rows.len() {
            Phase::PlaceOwn { next }
        } else {
            Phase::Build {
                next: self.range.start,
            }
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
            self.by_id = (0..self.dictionary.len()).map(|_| None).collect();
            self.start_range(0)
        };
    }

    /// Puts up to `budget` tokens and their postings in order.
    fn order(&mut self, mut next: usize, budget: usize) {
        let keys = self.sort.keys();
        let end = next.saturating_add(budget).min(keys.len());
        for key in &keys[next..end] {
            // Tokens are folded text: valid UTF-8.
            let token = String::from_utf8_lossy(self.dictionary.token(key.id));
            self.index.tokens.push(&token);
            let posting = self.by_id[key.id as usize].take();
            (self.index.postings).push(posting.unwrap_or_else(|| Posting::new(&[], 0, None)));
        }
        next = end;
        self.phase = if next < keys.len() {
            Phase::Order { next }
        } else {
            self.sort = TokenSort::default();
            self.by_id = Vec::new();
            self.gathered = Vec::new();
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
