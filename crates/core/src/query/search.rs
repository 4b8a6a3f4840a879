//! Full-text search: an inverted index from folded token to rows.
//!
//! Tokens are kept sorted, so the tokens starting with a typed prefix form
//! one range found by binary search ("transp" → "transport", "transports"…).
//! Each token's rows are a [`Posting`] (one row, a compressed
//! `RoaringBitmap`, or a dense bitset for frequent tokens); a query word is
//! the union of its range, several words are AND-ed. No text is scanned per
//! keystroke.

use super::bitset::Bitset;
use super::collate::for_each_word;
use super::posting::Posting;

/// The inverted index of the searchable columns.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Sorted, distinct tokens.
    pub(super) tokens: TokenList,
    /// `postings[i]`: rows containing `tokens[i]`.
    pub(super) postings: Vec<Posting>,
}

/// Sorted, distinct tokens, their text in one buffer (no allocation per
/// token; tokens added by edits go at its end).
#[derive(Debug, Clone, Default)]
pub(super) struct TokenList {
    text: String,
    /// Start and length in `text` of each token, in token order.
    spans: Vec<(u32, u32)>,
}

impl TokenList {
    pub(super) fn with_capacity(tokens: usize, bytes: usize) -> TokenList {
        TokenList {
            text: String::with_capacity(bytes),
            spans: Vec::with_capacity(tokens),
        }
    }

    /// Appends a token (greater than every token already in).
    pub(super) fn push(&mut self, token: &str) {
        self.spans
            .push((self.text.len() as u32, token.len() as u32));
        self.text.push_str(token);
    }

    /// Inserts `token` at position `at`.
    fn insert(&mut self, at: usize, token: &str) {
        self.spans
            .insert(at, (self.text.len() as u32, token.len() as u32));
        self.text.push_str(token);
    }

    pub(super) fn get(&self, i: usize) -> &str {
        let (start, len) = self.spans[i];
        &self.text[start as usize..][..len as usize]
    }

    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The first position from `from` on whose token fails `pred`
    /// (tokens from `from` on passing it first).
    fn partition_point(&self, from: usize, pred: impl Fn(&str) -> bool) -> usize {
        from + self.spans[from..]
            .partition_point(|&(start, len)| pred(&self.text[start as usize..][..len as usize]))
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.spans.capacity() * 8
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
        let start = self.tokens.partition_point(0, |t| t < prefix);
        start
            ..self
                .tokens
                .partition_point(start, |t| t.starts_with(prefix))
    }

    /// Rows holding a token that starts with `prefix`: each posting's rows
    /// are set directly in one dense bitset (no intermediate union, which
    /// is several times slower in WebAssembly, without SIMD).
    fn prefix_rows(&self, prefix: &str, row_count: usize) -> Bitset {
        let mut out = Bitset::new(row_count);
        let range = self.prefix_range(prefix);
        for posting in &self.postings[range] {
            posting.add_to(&mut out);
        }
        out
    }

    /// Removes `row` from every posting (used before re-adding an edited row).
    pub fn remove_row(&mut self, row: u32) {
        for rows in &mut self.postings {
            rows.remove(row);
        }
    }

    /// Adds the words of `text` to `row`, inserting new tokens in order.
    pub fn add_text(&mut self, row: u32, text: &str) {
        let mut words = Vec::new();
        for_each_word(text, &mut String::new(), |w| words.push(w.to_owned()));
        for word in words {
            let word = word.as_str();
            let at = self.tokens.partition_point(0, |t| t < word);
            if at < self.tokens.len() && self.tokens.get(at) == word {
                self.postings[at].insert(row);
            } else {
                self.tokens.insert(at, word);
                self.postings.insert(at, Posting::One(row));
            }
        }
    }

    /// Number of distinct tokens.
    pub fn token_count(&self) -> usize {
        self.tokens.len()
    }

    /// Bytes held by the token list and postings.
    pub fn heap_bytes(&self) -> usize {
        let tokens = self.tokens.heap_bytes();
        let postings: usize = self.postings.iter().map(|p| p.heap_bytes() + 32).sum();
        tokens + postings
    }
}

#[cfg(test)]
mod tests {
    use super::super::search_build::SearchBuilder;
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
