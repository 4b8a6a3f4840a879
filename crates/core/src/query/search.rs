//! Full-text search: an inverted index from folded token to rows.
//!
//! Tokens are kept sorted, so the tokens starting with a typed prefix form
//! one range found by binary search ("transp" → "transport", "transports"…).
//! Each token's rows are a compressed `RoaringBitmap`; a query word is the
//! union of its range, several words are AND-ed. No text is scanned per
//! keystroke.

use roaring::RoaringBitmap;
use rustc_hash::FxHashMap;

use super::bitset::Bitset;
use super::collate::for_each_word;
use super::tokenize::for_each_token;

/// The inverted index of the searchable columns.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Sorted, distinct tokens.
    tokens: Vec<Box<str>>,
    /// `postings[i]`: rows containing `tokens[i]`.
    postings: Vec<RoaringBitmap>,
    /// `dense[i]`: the same rows as a dense bitset, for the tokens held by
    /// at least 1/16 of the rows when the index was built ("de", "la"…):
    /// a prefix covering them ORs words instead of setting rows one by one.
    dense: Vec<Option<Bitset>>,
}

/// A token held by at least `1 / DENSE_SHARE` of the rows gets a dense copy.
const DENSE_SHARE: usize = 16;

/// Collects tokens row by row, then sorts them once.
///
/// Each distinct word gets an id on first sight (a hash map look-up per
/// word, on an integer for words of up to 16 bytes); its rows are appended
/// in row order, so postings need no sort. The map's entry also holds the
/// last row the word was seen in: the look-up is the only memory touched
/// for a word repeated within a row.
#[derive(Debug, Default)]
pub struct SearchBuilder {
    /// Words of up to 16 bytes, packed in an integer (most words): hashing
    /// and comparing them needs no string comparison.
    short_ids: FxHashMap<u128, Seen>,
    /// Longer words.
    long_ids: FxHashMap<Box<[u8]>, Seen>,
    /// Token text by id.
    words: Vec<Box<str>>,
    /// Rows of each token, by id.
    postings: Vec<Vec<u32>>,
    word: Vec<u8>,
}

/// A word's id and the last row it was added to, plus one.
#[derive(Debug, Clone, Copy)]
struct Seen {
    id: u32,
    last_row: u32,
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

impl SearchBuilder {
    /// Adds the words of `text` to `row`. Rows must be added in increasing order.
    pub fn add_text(&mut self, row: u32, text: &str) {
        let (short_ids, long_ids) = (&mut self.short_ids, &mut self.long_ids);
        let (words, postings) = (&mut self.words, &mut self.postings);
        let mark = row + 1;
        for_each_token(text, &mut self.word, |word| {
            let seen = match pack(word) {
                Some(packed) => short_ids.get_mut(&packed),
                None => long_ids.get_mut(word),
            };
            match seen {
                Some(seen) if seen.last_row == mark => {}
                Some(seen) => {
                    seen.last_row = mark;
                    postings[seen.id as usize].push(row);
                }
                None => {
                    let seen = Seen {
                        id: postings.len() as u32,
                        last_row: mark,
                    };
                    match pack(word) {
                        Some(packed) => short_ids.insert(packed, seen),
                        None => long_ids.insert(word.into(), seen),
                    };
                    // Tokens are folded text: valid UTF-8.
                    words.push(String::from_utf8_lossy(word).into());
                    postings.push(vec![row]);
                }
            }
        });
    }

    /// The index of the `row_count` rows added.
    pub fn finish(self, row_count: usize) -> SearchIndex {
        let mut finishing = self.into_finishing(row_count);
        while !finishing.step(usize::MAX) {}
        finishing.finish()
    }

    /// Sorts the tokens of the `row_count` rows added; their postings are
    /// then built in steps ([`SearchFinishing::step`]).
    pub fn into_finishing(self, row_count: usize) -> SearchFinishing {
        let mut entries: Vec<(Box<str>, u32)> = self.words.into_iter().zip(0..).collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        SearchFinishing {
            index: SearchIndex {
                tokens: Vec::with_capacity(entries.len()),
                postings: Vec::with_capacity(entries.len()),
                dense: Vec::with_capacity(entries.len()),
            },
            entries: entries.into_iter(),
            postings: self.postings,
            row_count,
        }
    }
}

/// A [`SearchBuilder`] whose tokens are sorted, building its postings a
/// few tokens at a time.
#[derive(Debug)]
pub struct SearchFinishing {
    /// Sorted tokens not yet added, with their ids.
    entries: std::vec::IntoIter<(Box<str>, u32)>,
    /// Rows of each token, by id.
    postings: Vec<Vec<u32>>,
    index: SearchIndex,
    /// Rows in the table (frequent tokens also keep a dense bitset).
    row_count: usize,
}

impl SearchFinishing {
    /// Adds up to `tokens` more tokens; returns `true` once all are in.
    pub fn step(&mut self, tokens: usize) -> bool {
        let row_count = self.row_count;
        for (token, id) in self.entries.by_ref().take(tokens) {
            let rows = std::mem::take(&mut self.postings[id as usize]);
            self.index.tokens.push(token);
            let dense = (rows.len() * DENSE_SHARE >= row_count).then(|| {
                let mut bits = Bitset::new(row_count);
                for &row in &rows {
                    bits.insert(row);
                }
                bits
            });
            self.index.dense.push(dense);
            // Rows were pushed in increasing order, without repeats.
            let bitmap = RoaringBitmap::from_sorted_iter(rows).unwrap_or_default();
            self.index.postings.push(bitmap);
        }
        self.is_done()
    }

    /// Every token is in.
    pub fn is_done(&self) -> bool {
        self.entries.len() == 0
    }

    /// The finished index (call after [`step`](Self::step) returned `true`).
    pub fn finish(mut self) -> SearchIndex {
        while !self.step(usize::MAX) {}
        self.index
    }
}

impl SearchIndex {
    /// Rows matching every word of `query` as a prefix of one of their tokens,
    /// or `None` when the query has no word (no search).
    pub fn matches(&self, query: &str, row_count: usize) -> Option<Bitset> {
        let mut result: Option<Bitset> = None;
        for_each_word(query, &mut String::new(), |word| {
            let rows = self.prefix_rows(word, row_count);
            match &mut result {
                None => result = Some(rows),
                Some(acc) => acc.and_with(&rows),
            }
        });
        result
    }

    /// The range of tokens starting with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.tokens.partition_point(|t| &**t < prefix);
        let len = self.tokens[start..].partition_point(|t| t.starts_with(prefix));
        start..start + len
    }

    /// Rows holding a token that starts with `prefix`: each posting's rows
    /// are set directly in one dense bitset (no intermediate union, which
    /// is several times slower in WebAssembly, without SIMD).
    fn prefix_rows(&self, prefix: &str, row_count: usize) -> Bitset {
        let mut out = Bitset::new(row_count);
        let range = self.prefix_range(prefix);
        for (posting, dense) in self.postings[range.clone()].iter().zip(&self.dense[range]) {
            match dense {
                Some(bits) => out.or_with(bits),
                None => {
                    for row in posting {
                        out.insert(row);
                    }
                }
            }
        }
        out
    }

    /// Removes `row` from every posting (used before re-adding an edited row).
    pub fn remove_row(&mut self, row: u32) {
        for rows in &mut self.postings {
            rows.remove(row);
        }
        for bits in self.dense.iter_mut().flatten() {
            bits.remove(row);
        }
    }

    /// Adds the words of `text` to `row`, inserting new tokens in order.
    pub fn add_text(&mut self, row: u32, text: &str) {
        let mut words = Vec::new();
        for_each_word(text, &mut String::new(), |w| words.push(w.to_owned()));
        for word in words {
            let word = word.as_str();
            let at = self.tokens.partition_point(|t| &**t < word);
            if self.tokens.get(at).is_some_and(|t| &**t == word) {
                self.postings[at].insert(row);
                if let Some(bits) = &mut self.dense[at] {
                    bits.grow(row as usize + 1);
                    bits.insert(row);
                }
            } else {
                self.tokens.insert(at, word.into());
                let mut rows = RoaringBitmap::new();
                rows.insert(row);
                self.postings.insert(at, rows);
                self.dense.insert(at, None);
            }
        }
    }

    /// Number of distinct tokens.
    pub fn token_count(&self) -> usize {
        self.tokens.len()
    }

    /// Bytes held by the token list and postings.
    pub fn heap_bytes(&self) -> usize {
        let tokens: usize = self.tokens.iter().map(|t| t.len() + 16).sum();
        let postings: usize = self.postings.iter().map(|p| p.serialized_size() + 32).sum();
        let dense: usize = self.dense.iter().flatten().map(Bitset::heap_bytes).sum();
        tokens + postings + dense + self.dense.len() * 32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        let mut b = SearchBuilder::default();
        for (row, text) in texts.iter().enumerate() {
            b.add_text(row as u32, text);
        }
        b.finish(texts.len())
    }

    #[test]
    fn prefix_words_are_anded_and_accents_folded() {
        let idx = index(&[
            "Transports scolaires",
            "Gestion de l'eau",
            "Eau et transport",
        ]);
        assert_eq!(idx.matches("transp", 3).unwrap().to_vec(), vec![0, 2]);
        assert_eq!(idx.matches("EAU", 3).unwrap().to_vec(), vec![1, 2]);
        assert_eq!(idx.matches("eau transp", 3).unwrap().to_vec(), vec![2]);
        assert_eq!(idx.matches("écol", 3).unwrap().to_vec(), Vec::<u32>::new());
        assert_eq!(idx.matches("scol", 3).unwrap().to_vec(), vec![0]);
        assert!(idx.matches("  , ", 3).is_none());
    }

    #[test]
    fn rows_can_be_edited() {
        let mut idx = index(&["déchets", "eau"]);
        idx.remove_row(0);
        idx.add_text(0, "Écoles");
        assert_eq!(idx.matches("dech", 2).unwrap().count(), 0);
        assert_eq!(idx.matches("ecol", 2).unwrap().to_vec(), vec![0]);
    }
}
