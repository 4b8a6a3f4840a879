//! The dictionary of search tokens while an index is built: each distinct
//! token gets an id, in order of first sight, and its text goes into one
//! buffer (no allocation per token).
//!
//! Indexing looks up every word of the searched text here (~6 million
//! look-ups at 100,000 rows, among ~200,000 distinct tokens), so words
//! are interned without allocating: words of up to 16 bytes are looked up
//! as one integer, and the ids of the words met lately are kept in small
//! tables that stay in cache (one for words of up to 8 bytes, one for
//! words of 9 to 16 bytes: French has many of those, "collectivité",
//! "transports", "environnement").

use rustc_hash::FxHashMap;

/// The distinct tokens seen, each with an id (its order of first sight).
#[derive(Debug, Default)]
pub(super) struct Dictionary {
    /// The last id found for words of up to 8 bytes, by a hash of the
    /// packed word (`1 << RECENT_BITS` slots; a zero word is an empty
    /// slot): the frequent words' ids in a small table that stays in
    /// cache, looked up before `small_ids`, whose many rare tokens do not.
    recent: Vec<(u64, u32)>,
    /// The same for words of 9 to 16 bytes (`1 << RECENT_LONG_BITS` slots).
    recent_long: Vec<(u128, u32)>,
    /// Ids of words of up to 8 bytes (most words), packed in an integer:
    /// hashing and comparing them needs no string comparison, and the
    /// table's entries are small (more of them stay in cache). Indexed by
    /// [`is_number`]: numbers (identifiers, SIRET…) are most of the
    /// distinct tokens and each is rare, so the words' tables, apart,
    /// stay small enough to stay in cache.
    small_ids: [FxHashMap<u64, u32>; 2],
    /// Ids of words of 9 to 16 bytes, packed likewise.
    short_ids: [FxHashMap<u128, u32>; 2],
    /// Ids of longer words.
    long_ids: FxHashMap<Box<[u8]>, u32>,
    /// The tokens' bytes, one after another.
    pub(super) text: Vec<u8>,
    /// `spans[id]`: where token `id` is in `text` (start, length).
    pub(super) spans: Vec<(u32, u32)>,
}

/// Whether a token starts with a digit (which table holds it).
fn is_number(word: &[u8]) -> usize {
    usize::from(word.first().is_some_and(u8::is_ascii_digit))
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
/// Slots of [`Dictionary::recent_long`]: 1,024 (32 KB).
const RECENT_LONG_BITS: u32 = 10;

impl Dictionary {
    /// The id of `word`, given the next id when new.
    pub(super) fn id(&mut self, word: &[u8]) -> u32 {
        let next = self.spans.len() as u32;
        let id = match pack(word) {
            Some(packed) if word.len() <= 8 => {
                let key = packed as u64;
                if self.recent.is_empty() {
                    self.recent = vec![(0, 0); 1 << RECENT_BITS];
                }
                let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - RECENT_BITS)) as usize;
                let (seen, id) = self.recent[slot];
                if seen == key {
                    return id;
                }
                let id = *self.small_ids[is_number(word)].entry(key).or_insert(next);
                self.recent[slot] = (key, id);
                id
            }
            Some(packed) => {
                if self.recent_long.is_empty() {
                    self.recent_long = vec![(0, 0); 1 << RECENT_LONG_BITS];
                }
                let mixed = (packed as u64) ^ ((packed >> 64) as u64).rotate_left(29);
                let slot =
                    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - RECENT_LONG_BITS)) as usize;
                let (seen, id) = self.recent_long[slot];
                if seen == packed {
                    return id;
                }
                let id = *self.short_ids[is_number(word)]
                    .entry(packed)
                    .or_insert(next);
                self.recent_long[slot] = (packed, id);
                id
            }
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

    /// The tokens alone, without the look-up tables (freed).
    pub(super) fn into_tokens(self) -> Dictionary {
        Dictionary {
            text: self.text,
            spans: self.spans,
            ..Dictionary::default()
        }
    }

    /// Number of distinct tokens.
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_word_keeps_its_id_and_its_text() {
        let mut dictionary = Dictionary::default();
        // Words and numbers (in tables of their own), of up to 8 bytes and longer.
        let words: Vec<String> = (0..20_000)
            .map(|i| match i % 4 {
                0 => format!("w{}", i % 7_000),
                1 => format!("{}", i % 3_000),
                2 => format!("{}", 10_000_000_000u64 + i % 2_000),
                _ => format!("mot{}long", i % 1_000),
            })
            .collect();
        let long = "anticonstitutionnellement".as_bytes();
        let ids: Vec<u32> = words.iter().map(|w| dictionary.id(w.as_bytes())).collect();
        let mut distinct = words.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(dictionary.len(), distinct.len());
        for (word, &id) in words.iter().zip(&ids) {
            assert_eq!(dictionary.id(word.as_bytes()), id);
            assert_eq!(dictionary.token(id), word.as_bytes());
        }
        let id = dictionary.id(long);
        assert_eq!(dictionary.id(long), id);
        assert_eq!(dictionary.token(id), long);
    }
}
