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
//!   boilerplate answer) keeps each distinct cell once, with its tokens,
//!   and the rows holding it: a repeated cell costs one hash of its text,
//!   one comparison and one row appended, instead of one look-up and one
//!   row appended per word. Its tokens get the cell's rows when the index
//!   is finished. Columns whose cells mostly differ (free descriptions)
//!   stop being remembered after [`CHECK_EVERY`] cells.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

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

/// The distinct tokens seen, each with an id (its order of first sight).
#[derive(Debug, Default)]
pub(super) struct Dictionary {
    /// The last id found for words of up to 8 bytes, by a hash of the
    /// packed word (`1 << RECENT_BITS` slots; a zero word is an empty
    /// slot): the frequent words' ids in a small table that stays in
    /// cache, looked up before `small_ids`, whose many rare tokens do not.
    recent: Vec<(u64, u32)>,
    /// Ids of words of up to 8 bytes (most words), packed in an integer:
    /// hashing and comparing them needs no string comparison, and the
    /// table's entries are small (more of them stay in cache).
    small_ids: FxHashMap<u64, u32>,
    /// Ids of words of 9 to 16 bytes, packed likewise.
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
    match word.len() {
        0..=8 => Some(u128::from(pack8(word))),
        9..=16 => {
            let (head, tail) = word.split_at(8);
            Some(u128::from(pack8(head)) | u128::from(pack8(tail)) << 64)
        }
        _ => None,
    }
}

/// Up to 8 bytes as a little-endian integer, zero-padded. Built from two
/// overlapping loads (their common bytes are equal), not through a copy to
/// a padded buffer: that copy stalled every look-up on reading it back.
#[inline]
fn pack8(word: &[u8]) -> u64 {
    let n = word.len();
    let load4 = |at: usize| {
        u64::from(u32::from_le_bytes([
            word[at],
            word[at + 1],
            word[at + 2],
            word[at + 3],
        ]))
    };
    match n {
        0 => 0,
        1..=3 => {
            let (a, b, c) = (word[0], word[n / 2], word[n - 1]);
            u64::from(a) | u64::from(b) << (8 * (n / 2)) | u64::from(c) << (8 * (n - 1))
        }
        4..=7 => load4(0) | load4(n - 4) << (8 * (n - 4)),
        _ => u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]),
    }
}

/// Slots of [`Dictionary::recent`]: 4,096 (64 KB).
const RECENT_BITS: u32 = 12;

impl Dictionary {
    /// The id of `word`, given the next id when new.
    fn id(&mut self, word: &[u8]) -> u32 {
        let next = self.spans.len() as u32;
        let id = match pack(word) {
            Some(packed) if word.len() <= 8 => {
                let key = packed as u64;
                if self.recent.is_empty() {
                    self.recent = vec![(0, 0); 1 << RECENT_BITS];
                }
                let slot =
                    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - RECENT_BITS)) as usize;
                let (seen, id) = self.recent[slot];
                if seen == key {
                    return id;
                }
                let id = *self.small_ids.entry(key).or_insert(next);
                self.recent[slot] = (key, id);
                id
            }
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
}

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
    pub fn add_cell(&mut self, slot: usize, row: u32, text: &str) {
        if text.is_empty() {
            return;
        }
        let SearchBuilder {
            dictionary,
            log,
            cells,
            caches,
            word,
        } = self;
        if caches.len() <= slot {
            caches.resize_with(slot + 1, CellCache::default);
        }
        let cache = &mut caches[slot];
        if cache.off {
            return add_words(dictionary, log, word, row, text);
        }
        let key = hash(text);
        cache.lookups += 1;
        match cache.cells.get(&key) {
            Some(cell) if cache.text_of(cell) == text.as_bytes() => {
                cache.hits += 1;
                cells.rows[cell.id as usize].push(row);
            }
            // Another text with the same hash: left out of the cache.
            Some(_) => add_words(dictionary, log, word, row, text),
            None => {
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
                cache.ids += kept;
                let cell = CachedCell {
                    text: (cache.text.len() as u32, text.len() as u32),
                    id: cells.spans.len() as u32,
                };
                cells.spans.push((start as u32, kept as u32));
                cells.rows.push(vec![row]);
                cache.text.extend_from_slice(text.as_bytes());
                cache.cells.insert(key, cell);
            }
        }
        if cache.lookups == CHECK_EVERY {
            let full = cache.ids > MAX_CACHED_IDS || cache.text.len() > MAX_CACHED_TEXT;
            if cache.hits * MIN_HIT_SHARE < cache.lookups || full {
                // The cells already kept stay (with their rows).
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
        // Only the tokens' text goes on: the look-up tables and the last
        // row of each token are freed before the postings are built.
        let dictionary = Dictionary {
            text: self.dictionary.text,
            spans: self.dictionary.spans,
            ..Dictionary::default()
        };
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
    fn packed_words_are_the_zero_padded_bytes() {
        let text = b"abcdefghijklmnopqrstu";
        for n in 0..=16 {
            let mut padded = [0u8; 16];
            padded[..n].copy_from_slice(&text[..n]);
            assert_eq!(pack(&text[..n]), Some(u128::from_le_bytes(padded)), "{n}");
        }
        assert_eq!(pack(&text[..17]), None);
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
