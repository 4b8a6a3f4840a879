//! Collecting the tokens of the searched cells, row by row, before they are
//! sorted into a [`SearchIndex`](super::search::SearchIndex)
//! ([`SearchFinishing`](super::search_finish::SearchFinishing)).
//!
//! Most of an index build is spent here: tokenizing ~1 KB of text per row
//! and one look-up per word in a dictionary of ~200,000 words that does
//! not fit in cache (`search_dictionary.rs`). Two things keep it down:
//!
//! * a searched column whose cells repeat (a city, a project name, a
//!   boilerplate answer) keeps each distinct cell once, with its tokens,
//!   and the rows holding it: a repeated cell costs one hash of its text,
//!   one comparison and one row appended, instead of one look-up and one
//!   row appended per word. Its tokens get the cell's rows when the index
//!   is finished. Columns whose cells mostly differ (free descriptions)
//!   stop being remembered after [`CHECK_EVERY`] cells;
//! * the cells of a searched column that is also a single-valued facet
//!   are told apart by their value's code, already found by the facet: a
//!   repeated cell costs one row appended, and its text is not read.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use super::search_dictionary::Dictionary;
use super::search_finish::SearchFinishing;
use super::search_log::Occurrences;
use super::tokenize::for_each_token;

/// Collects the tokens of rows added in increasing order.
#[derive(Debug, Default)]
pub struct SearchBuilder {
    pub(super) dictionary: Dictionary,
    /// The tokens of the cells not remembered, row by row.
    pub(super) log: Occurrences,
    /// The remembered cells.
    pub(super) cells: Cells,
    /// Remembered cells' look-up, by searched-column slot.
    caches: Vec<CellCache>,
    word: Vec<u8>,
}

/// Distinct cells of repetitive columns, by cell id: their tokens and rows.
#[derive(Debug, Default)]
pub(super) struct Cells {
    /// The distinct token ids of the cells, one cell after another.
    pub(super) tokens: Vec<u32>,
    /// `spans[cell]`: where the cell's tokens are in `tokens` (start, length).
    pub(super) spans: Vec<(u32, u32)>,
    /// `rows[cell]`: the rows holding the cell, increasing.
    pub(super) rows: Vec<Vec<u32>>,
}

impl Cells {
    pub(super) fn tokens_of(&self, cell: usize) -> &[u32] {
        let (start, len) = self.spans[cell];
        &self.tokens[start as usize..][..len as usize]
    }
}

/// Adds the words of `text` to `row`.
fn add_words(
    dictionary: &mut Dictionary,
    log: &mut Occurrences,
    buf: &mut Vec<u8>,
    row: u32,
    text: &str,
) {
    for_each_token(text, buf, |word| log.add(dictionary.id(word), row));
}

/// The look-up of the distinct cells of one searched column.
#[derive(Debug, Default)]
struct CellCache {
    /// By hash of the cell text: where its text is, and its cell id.
    cells: FxHashMap<u64, CachedCell>,
    /// The texts of the cells, one after another.
    text: Vec<u8>,
    /// Token ids kept for the column's cells.
    ids: usize,
    /// Cells looked up and found since the last check.
    lookups: usize,
    hits: usize,
    /// The column's cells mostly differ: no longer remembered.
    off: bool,
    /// By facet value code: the cell id of the code's cells
    /// ([`SearchBuilder::add_known_code`]), or `NO_CELL`.
    coded: Vec<u32>,
}

/// A facet value code not met yet in [`CellCache::coded`].
const NO_CELL: u32 = u32::MAX;

/// Start and length of a cell's text, and its id.
#[derive(Debug, Clone, Copy)]
struct CachedCell {
    text: (u32, u32),
    id: u32,
}

impl CellCache {
    fn text_of(&self, cell: &CachedCell) -> &[u8] {
        &self.text[cell.text.0 as usize..][..cell.text.1 as usize]
    }
}

/// A column's cache is checked every `CHECK_EVERY` cells, and dropped when
/// fewer than 1 in `MIN_HIT_SHARE` of these cells were repeats: a repeat
/// saves much more than a miss costs (one hash of the text, its ids kept),
/// but a column of distinct cells would only use memory. A column of
/// 15,000 distinct values spread over its rows gets 1 repeat in 8 in its
/// first 4,096 cells, more later.
pub(super) const CHECK_EVERY: usize = 4096;
const MIN_HIT_SHARE: usize = 16;
/// Token ids (16 MB) and bytes of text remembered per column at most.
const MAX_CACHED_IDS: usize = 1 << 22;
const MAX_CACHED_TEXT: usize = 16 << 20;

fn hash(text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// Remembers `text`, the cell of `row`, as a new cell: its distinct
/// tokens and its first row. Returns its id and its number of tokens.
/// The cache of the searched column numbered `slot`, made when first used.
fn slot_cache(caches: &mut Vec<CellCache>, slot: usize) -> &mut CellCache {
    if caches.len() <= slot {
        caches.resize_with(slot + 1, CellCache::default);
    }
    &mut caches[slot]
}

fn new_cell(
    dictionary: &mut Dictionary,
    cells: &mut Cells,
    word: &mut Vec<u8>,
    row: u32,
    text: &str,
) -> (u32, usize) {
    let start = cells.tokens.len();
    for_each_token(text, word, |word| cells.tokens.push(dictionary.id(word)));
    let ids = &mut cells.tokens[start..];
    ids.sort_unstable();
    let mut kept = 0;
    for i in 0..ids.len() {
        if i == 0 || ids[i] != ids[kept - 1] {
            ids[kept] = ids[i];
            kept += 1;
        }
    }
    cells.tokens.truncate(start + kept);
    let id = cells.spans.len() as u32;
    cells.spans.push((start as u32, kept as u32));
    cells.rows.push(vec![row]);
    (id, kept)
}

impl SearchBuilder {
    /// Adds the words of `text` to `row`. Rows must be added in increasing order.
    #[cfg(test)]
    pub fn add_text(&mut self, row: u32, text: &str) {
        add_words(
            &mut self.dictionary,
            &mut self.log,
            &mut self.word,
            row,
            text,
        );
    }

    /// Adds the words of `text`, the cell of `row` in the searched column
    /// numbered `slot`, to `row`: a cell equal to an earlier one of the
    /// same column reuses its tokens. Rows must be added in increasing order.
    #[cfg(test)]
    pub fn add_cell(&mut self, slot: usize, row: u32, text: &str) {
        if !self.remember_cell(slot, row, text) {
            self.log_cell(row, text);
        }
    }

    /// Whether the cells of the searched column numbered `slot` are no
    /// longer remembered: they go to [`log_cell`](Self::log_cell).
    pub fn logs_column(&self, slot: usize) -> bool {
        self.caches.get(slot).is_some_and(|cache| cache.off)
    }

    /// Adds the words of `text` to `row`, the cell not being remembered.
    /// Rows must be logged in increasing order (across columns).
    pub fn log_cell(&mut self, row: u32, text: &str) {
        let SearchBuilder {
            dictionary,
            log,
            word,
            ..
        } = self;
        add_words(dictionary, log, word, row, text);
    }

    /// Adds `text`, the cell of `row` in the searched column numbered
    /// `slot`, as a remembered cell: a cell equal to an earlier one of the
    /// same column reuses its tokens. Returns `false` when the cell is not
    /// remembered (the column no longer is, or another text has its hash):
    /// its words are then to be logged ([`log_cell`](Self::log_cell)). The
    /// rows of one column must be added in increasing order; columns may
    /// be added one after another.
    pub fn remember_cell(&mut self, slot: usize, row: u32, text: &str) -> bool {
        if text.is_empty() {
            return true;
        }
        let SearchBuilder {
            dictionary,
            cells,
            caches,
            word,
            ..
        } = self;
        let cache = slot_cache(caches, slot);
        if cache.off {
            return false;
        }
        let key = hash(text);
        cache.lookups += 1;
        let remembered = match cache.cells.get(&key) {
            Some(cell) if cache.text_of(cell) == text.as_bytes() => {
                cache.hits += 1;
                cells.rows[cell.id as usize].push(row);
                true
            }
            // Another text with the same hash: left out of the cache.
            Some(_) => false,
            None => {
                let (id, kept) = new_cell(dictionary, cells, word, row, text);
                cache.ids += kept;
                let cell = CachedCell {
                    text: (cache.text.len() as u32, text.len() as u32),
                    id,
                };
                cache.text.extend_from_slice(text.as_bytes());
                cache.cells.insert(key, cell);
                true
            }
        };
        if cache.lookups == CHECK_EVERY {
            let full = cache.ids > MAX_CACHED_IDS || cache.text.len() > MAX_CACHED_TEXT;
            if cache.hits * MIN_HIT_SHARE < cache.lookups || full {
                // The cells already kept stay (with their rows), and so
                // do the cells of facet value codes.
                *cache = CellCache {
                    off: true,
                    coded: std::mem::take(&mut cache.coded),
                    ..CellCache::default()
                };
            } else {
                (cache.lookups, cache.hits) = (0, 0);
            }
        }
        remembered
    }

    /// Adds `row` to the cell already seen for the value code `code` in the
    /// searched column numbered `slot` (a single-valued facet): cells of one
    /// code differ at most by the blanks around them, so they have the same
    /// words, and a repeated cell costs no hash or comparison of its text.
    /// False when no cell of that code was added yet: the caller then reads
    /// the text and calls [`add_new_code`](Self::add_new_code). Rows must be
    /// added in increasing order.
    pub fn add_known_code(&mut self, slot: usize, row: u32, code: u32) -> bool {
        let cell = (self.caches.get(slot))
            .and_then(|cache| cache.coded.get(code as usize))
            .copied();
        match cell {
            Some(cell) if cell != NO_CELL => {
                self.cells.rows[cell as usize].push(row);
                true
            }
            _ => false,
        }
    }

    /// Adds the words of the first cell (`text`, at `row`) of the value code
    /// `code` in the searched column numbered `slot`; later cells of the
    /// code go through [`add_known_code`](Self::add_known_code).
    pub fn add_new_code(&mut self, slot: usize, row: u32, code: u32, text: &str) {
        let SearchBuilder {
            dictionary,
            cells,
            caches,
            word,
            ..
        } = self;
        let coded = &mut slot_cache(caches, slot).coded;
        let (cell, _) = new_cell(dictionary, cells, word, row, text);
        let code = code as usize;
        if coded.len() <= code {
            coded.resize(code + 1, NO_CELL);
        }
        coded[code] = cell;
    }

    /// The index of the `row_count` rows added.
    pub fn finish(self, row_count: usize) -> super::search::SearchIndex {
        self.into_finishing(row_count).finish()
    }

    /// The tokens of the `row_count` rows added, to be sorted and turned
    /// into an index in steps ([`SearchFinishing::step`]).
    pub fn into_finishing(self, row_count: usize) -> SearchFinishing {
        // Only the tokens' text goes on: the look-up tables and the last
        // row of each token are freed before the postings are built.
        let dictionary = self.dictionary.into_tokens();
        SearchFinishing::new(dictionary, self.log.into_logged(), self.cells, row_count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cell of `columns[c]` added with and without the cell cache:
    /// the same index.
    fn cached_and_plain(columns: &[Vec<String>]) {
        let rows = columns[0].len();
        let mut cached = SearchBuilder::default();
        let mut plain = SearchBuilder::default();
        for row in 0..rows {
            for (slot, column) in columns.iter().enumerate() {
                let text = &column[row];
                cached.add_cell(slot, row as u32, text);
                plain.add_text(row as u32, text);
            }
        }
        assert!(!cached.cells.spans.is_empty());
        let (cached, plain) = (cached.finish(rows), plain.finish(rows));
        assert_eq!(format!("{cached:?}"), format!("{plain:?}"));
    }

    #[test]
    fn repeated_cells_give_the_tokens_of_their_text() {
        let n = 3 * CHECK_EVERY + 7;
        let repeated: Vec<String> = (0..n)
            .map(|i| format!("Ville {} — école, ville", i % 5))
            .collect();
        let distinct: Vec<String> = (0..n).map(|i| format!("projet {i} eau")).collect();
        let mixed: Vec<String> = (0..n)
            .map(|i| match i % 3 {
                0 => String::new(),
                1 => "Eau eau EAU".to_owned(),
                _ => format!("déchets {}", i % 700),
            })
            .collect();
        cached_and_plain(&[repeated, distinct, mixed]);
    }

    #[test]
    fn coded_cells_give_the_tokens_of_their_text() {
        let values = ["Eau", "Mobilité douce", "Déchets et eau"];
        let rows = 3 * CHECK_EVERY;
        let mut coded = SearchBuilder::default();
        let mut plain = SearchBuilder::default();
        for row in 0..rows {
            let code = row % values.len();
            let text = match row % 4 {
                0 => format!(" {}\u{a0}", values[code]),
                _ => values[code].to_owned(),
            };
            if !coded.add_known_code(0, row as u32, code as u32) {
                coded.add_new_code(0, row as u32, code as u32, &text);
            }
            plain.add_text(row as u32, &text);
        }
        assert_eq!(coded.cells.spans.len(), values.len());
        let (coded, plain) = (coded.finish(rows), plain.finish(rows));
        assert_eq!(format!("{coded:?}"), format!("{plain:?}"));
    }

    #[test]
    fn columns_of_distinct_cells_stop_being_remembered() {
        let column: Vec<String> = (0..CHECK_EVERY).map(|i| format!("n{i}")).collect();
        let mut builder = SearchBuilder::default();
        for (row, text) in column.iter().enumerate() {
            builder.add_cell(0, row as u32, text);
        }
        assert!(builder.caches[0].off);
        assert!(builder.caches[0].cells.is_empty());
    }
}
