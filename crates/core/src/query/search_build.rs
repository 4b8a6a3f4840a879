//! Collecting the tokens of the searched cells, row by row, before they are
//! sorted into a [`SearchIndex`](super::search::SearchIndex)
//! ([`SearchFinishing`](super::search_finish::SearchFinishing)).
//!
//! Most of an index build is spent here: tokenizing ~1 KB of text per row
//! and one hash look-up per word in a dictionary of ~200,000 words that
//! does not fit in cache. Two things keep it down:
//!
//! * words are interned without allocating: words of up to 16 bytes are
//!   looked up as one integer, and every word's text goes into one buffer;
//! * a searched column whose cells repeat (a city, a project name, a
//!   boilerplate answer) remembers each distinct cell's text and token ids:
//!   a repeated cell costs one hash of its text and one comparison, instead
//!   of one look-up per word. Columns whose
//!   cells mostly differ (free descriptions) stop being remembered after
//!   [`CHECK_EVERY`] cells.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use super::search_finish::SearchFinishing;
use super::tokenize::for_each_token;

/// Collects the tokens of rows added in increasing order.
#[derive(Debug, Default)]
pub struct SearchBuilder {
    pub(super) dictionary: Dictionary,
    /// `postings[id]`: the rows holding token `id`, increasing, no repeats.
    pub(super) postings: Vec<Vec<u32>>,
    /// Remembered cells, by searched-column slot.
    cells: Vec<CellCache>,
    word: Vec<u8>,
}

/// The distinct tokens seen, each with an id (its order of first sight).
#[derive(Debug, Default)]
pub(super) struct Dictionary {
    /// Ids of words of up to 16 bytes, packed in an integer (most words):
    /// hashing and comparing them needs no string comparison.
    short_ids: FxHashMap<u128, u32>,
    /// Ids of longer words.
    long_ids: FxHashMap<Box<[u8]>, u32>,
    /// The tokens' bytes, one after another.
    pub(super) text: Vec<u8>,
    /// `spans[id]`: where token `id` is in `text` (start, length).
    pub(super) spans: Vec<(u32, u32)>,
}

/// A word of up to 16 bytes as an integer; words hold no NUL byte, so the
/// zero padding keeps distinct words distinct.
fn pack(word: &[u8]) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut padded = [0u8; 16];
    padded[..word.len()].copy_from_slice(word);
    Some(u128::from_le_bytes(padded))
}

impl Dictionary {
    /// The id of `word`, given the next id when new.
    fn id(&mut self, word: &[u8]) -> u32 {
        let next = self.spans.len() as u32;
        let id = match pack(word) {
            Some(packed) => *self.short_ids.entry(packed).or_insert(next),
            None => match self.long_ids.get(word) {
                Some(&id) => id,
                None => {
                    self.long_ids.insert(word.into(), next);
                    next
                }
            },
        };
        if id == next {
            self.spans.push((self.text.len() as u32, word.len() as u32));
            self.text.extend_from_slice(word);
        }
        id
    }

    /// The bytes of token `id`.
    pub(super) fn token(&self, id: u32) -> &[u8] {
        let (start, len) = self.spans[id as usize];
        &self.text[start as usize..][..len as usize]
    }

    /// Number of distinct tokens.
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }
}

/// Adds `row` to the rows of token `id` (once per row).
fn post(postings: &mut Vec<Vec<u32>>, id: u32, row: u32) {
    match postings.get_mut(id as usize) {
        Some(rows) => {
            if rows.last() != Some(&row) {
                rows.push(row);
            }
        }
        None => postings.push(vec![row]),
    }
}

/// Adds the words of `text` to `row`.
fn add_words(
    dictionary: &mut Dictionary,
    postings: &mut Vec<Vec<u32>>,
    buf: &mut Vec<u8>,
    row: u32,
    text: &str,
) {
    for_each_token(text, buf, |word| post(postings, dictionary.id(word), row));
}

/// The distinct cells of one searched column seen so far, with their tokens.
#[derive(Debug, Default)]
struct CellCache {
    /// By hash of the cell text: where its text and token ids are.
    cells: FxHashMap<u64, CachedCell>,
    /// The texts of the cached cells, one after another.
    text: Vec<u8>,
    /// The distinct token ids of the cached cells, one cell after another.
    ids: Vec<u32>,
    /// Cells looked up and found since the last check.
    lookups: usize,
    hits: usize,
    /// The column's cells mostly differ: no longer remembered.
    off: bool,
}

/// Start and length of a cached cell's text and of its token ids.
#[derive(Debug, Clone, Copy)]
struct CachedCell {
    text: (u32, u32),
    ids: (u32, u32),
}

impl CellCache {
    fn text_of(&self, cell: &CachedCell) -> &[u8] {
        &self.text[cell.text.0 as usize..][..cell.text.1 as usize]
    }

    fn ids_of(&self, cell: &CachedCell) -> &[u32] {
        &self.ids[cell.ids.0 as usize..][..cell.ids.1 as usize]
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

impl SearchBuilder {
    /// Adds the words of `text` to `row`. Rows must be added in increasing order.
    #[cfg(test)]
    pub fn add_text(&mut self, row: u32, text: &str) {
        add_words(
            &mut self.dictionary,
            &mut self.postings,
            &mut self.word,
            row,
            text,
        );
    }

    /// Adds the words of `text`, the cell of `row` in the searched column
    /// numbered `slot`, to `row`: a cell equal to an earlier one of the
    /// same column reuses its tokens. Rows must be added in increasing order.
    pub fn add_cell(&mut self, slot: usize, row: u32, text: &str) {
        if text.is_empty() {
            return;
        }
        let SearchBuilder {
            dictionary,
            postings,
            cells,
            word,
        } = self;
        if cells.len() <= slot {
            cells.resize_with(slot + 1, CellCache::default);
        }
        let cache = &mut cells[slot];
        if cache.off {
            return add_words(dictionary, postings, word, row, text);
        }
        let key = hash(text);
        cache.lookups += 1;
        match cache.cells.get(&key) {
            Some(cell) if cache.text_of(cell) == text.as_bytes() => {
                cache.hits += 1;
                for &id in cache.ids_of(cell) {
                    post(postings, id, row);
                }
            }
            // Another text with the same hash: left out of the cache.
            Some(_) => add_words(dictionary, postings, word, row, text),
            None => {
                let start = cache.ids.len();
                for_each_token(text, word, |word| {
                    let id = dictionary.id(word);
                    post(postings, id, row);
                    cache.ids.push(id);
                });
                let cell_ids = &mut cache.ids[start..];
                cell_ids.sort_unstable();
                let mut kept = 0;
                for i in 0..cell_ids.len() {
                    if i == 0 || cell_ids[i] != cell_ids[kept - 1] {
                        cell_ids[kept] = cell_ids[i];
                        kept += 1;
                    }
                }
                cache.ids.truncate(start + kept);
                let cell = CachedCell {
                    text: (cache.text.len() as u32, text.len() as u32),
                    ids: (start as u32, kept as u32),
                };
                cache.text.extend_from_slice(text.as_bytes());
                cache.cells.insert(key, cell);
            }
        }
        if cache.lookups == CHECK_EVERY {
            let full = cache.ids.len() > MAX_CACHED_IDS || cache.text.len() > MAX_CACHED_TEXT;
            if cache.hits * MIN_HIT_SHARE < cache.lookups || full {
                *cache = CellCache {
                    off: true,
                    ..CellCache::default()
                };
            } else {
                (cache.lookups, cache.hits) = (0, 0);
            }
        }
    }

    /// The index of the `row_count` rows added.
    pub fn finish(self, row_count: usize) -> super::search::SearchIndex {
        self.into_finishing(row_count).finish()
    }

    /// The tokens of the `row_count` rows added, to be sorted and turned
    /// into an index in steps ([`SearchFinishing::step`]).
    pub fn into_finishing(self, row_count: usize) -> SearchFinishing {
        SearchFinishing::new(self.dictionary, self.postings, row_count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cell of `columns[c]` added with and without the cell cache:
    /// the same tokens and postings.
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
        assert_eq!(cached.dictionary.text, plain.dictionary.text);
        assert_eq!(cached.dictionary.spans, plain.dictionary.spans);
        assert_eq!(cached.postings, plain.postings);
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
    fn columns_of_distinct_cells_stop_being_remembered() {
        let column: Vec<String> = (0..CHECK_EVERY).map(|i| format!("n{i}")).collect();
        let mut builder = SearchBuilder::default();
        for (row, text) in column.iter().enumerate() {
            builder.add_cell(0, row as u32, text);
        }
        assert!(builder.cells[0].off);
        assert!(builder.cells[0].ids.is_empty());
    }
}
