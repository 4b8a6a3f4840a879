//! French folding and collation.
//!
//! * [`fold_into`] lowercases and strips accents ("École" → "ecole",
//!   "Œuvre" → "oeuvre"): the basis of search tokens and sort keys.
//! * [`tokens`] splits folded text into words (runs of letters and digits).
//! * [`collation_key`] gives a byte key whose order is the French reading
//!   order: case- and accent-insensitive, with numbers inside text compared by
//!   value ("Lot 2" < "Lot 10").
//!
//! Folding tables cover the Latin scripts (Basic Latin, Latin-1 Supplement,
//! Latin Extended-A and -B, Latin Extended Additional): there, folding equals
//! lowercasing, canonical decomposition (NFD) and the removal of combining
//! marks. Other scripts are lowercased only (their accents are kept), and
//! stand-alone combining diacritical marks are dropped.

mod fold_table;
#[cfg(test)]
mod fold_table_check;

/// Length, in bytes, of a text sort key. Texts that agree on their first
/// `SORT_KEY_LEN` key bytes compare equal and keep their row order.
pub const SORT_KEY_LEN: usize = 32;

/// Appends the folded form of `text` to `out`: lowercase, accents removed,
/// ligatures expanded.
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, out);
        }
    }
}

/// The folded form of `text` (see [`fold_into`]).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the folded form of one non-ASCII character.
pub(super) fn fold_char(c: char, out: &mut String) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' | 'ẞ' => out.push_str("ss"),
        // Typographic apostrophes and spaces read as their plain forms.
        '\u{2019}' | '\u{2018}' => out.push('\''),
        '\u{a0}' | '\u{202f}' => out.push(' '),
        _ if is_combining_diacritic(c) => {}
        _ => match fold_latin(c) {
            Some(folded) => out.push(folded),
            None => out.extend(c.to_lowercase()),
        },
    }
}

/// The folded form of `c` when [`fold_char`] folds it into exactly one
/// character found in the Latin tables (accented letters): no string needed.
pub(super) fn fold_single(c: char) -> Option<char> {
    match c {
        'œ' | 'Œ' | 'æ' | 'Æ' | 'ß' | 'ẞ' => None,
        _ => fold_latin(c),
    }
}

/// The ASCII letter or digit that the character U+00C0..=U+00FF encoded
/// in UTF-8 as `0xC3, low` folds to, if it folds to one ("é" → "e"): the
/// accented letters of French text, without decoding them.
#[inline]
pub(super) fn fold_latin1_to_ascii(low: u8) -> Option<u8> {
    let folded = *fold_table::LATIN.get(usize::from(low.wrapping_sub(0x80)))?;
    u8::try_from(folded).ok().filter(u8::is_ascii_alphanumeric)
}

/// The folded form of a letter of the Latin blocks, from the generated table.
fn fold_latin(c: char) -> Option<char> {
    let code = c as u32;
    let folded = match code {
        0xC0..=0x24F => fold_table::LATIN[(code - 0xC0) as usize],
        0x1E00..=0x1EFF => fold_table::LATIN_ADDITIONAL[(code - 0x1E00) as usize],
        _ => return None,
    };
    char::from_u32(u32::from(folded))
}

/// The blocks of combining diacritical marks (accents written after their
/// letter), which folding drops.
fn is_combining_diacritic(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

/// Calls `f` with each word of `text`, folded: the maximal runs of
/// alphanumeric characters of its folded form. `buf` is scratch space.
pub fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    let mut folded = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                buf.push(c.to_ascii_lowercase());
            } else if !buf.is_empty() {
                f(buf);
                buf.clear();
            }
            continue;
        }
        folded.clear();
        fold_char(c, &mut folded);
        for fc in folded.chars() {
            if fc.is_alphanumeric() {
                buf.push(fc);
            } else if !buf.is_empty() {
                f(buf);
                buf.clear();
            }
        }
    }
    if !buf.is_empty() {
        f(buf);
    }
}

/// The search tokens of `text`: its folded words, in order, with repeats.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, &mut String::new(), |w| out.push(w.to_owned()));
    out
}

/// The collation key of `text`, at most [`SORT_KEY_LEN`] bytes.
///
/// Folded text, leading and repeated whitespace collapsed; each run of ASCII
/// digits is written as a marker byte, the count of its significant digits
/// and those digits, so numbers compare by value and before letters.
pub fn collation_key(text: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(SORT_KEY_LEN);
    collation_key_into(text, &mut key);
    key
}

/// Writes the collation key of `text` into `key` (cleared first).
pub fn collation_key_into(text: &str, key: &mut Vec<u8>) {
    key.clear();
    let mut folded = String::new();
    let mut pending_space = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && key.len() < SORT_KEY_LEN {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if pending_space {
                key.push(b' ');
                pending_space = false;
            }
            push_number(&bytes[start..i], key);
            continue;
        }
        if b.is_ascii() {
            i += 1;
            // Control characters count as spaces: keys hold no zero byte.
            if b.is_ascii_whitespace() || b.is_ascii_control() {
                pending_space = !key.is_empty();
            } else {
                if pending_space {
                    key.push(b' ');
                    pending_space = false;
                }
                key.push(b.to_ascii_lowercase());
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        folded.clear();
        fold_char(c, &mut folded);
        for f in folded.chars() {
            if f.is_whitespace() {
                pending_space = !key.is_empty();
            } else {
                if pending_space {
                    key.push(b' ');
                    pending_space = false;
                }
                let mut buf = [0u8; 4];
                key.extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    key.truncate(SORT_KEY_LEN);
}

/// Marker byte of a number: below every letter, above the space.
const NUMBER_MARK: u8 = b'0';

fn push_number(digits: &[u8], key: &mut Vec<u8>) {
    let significant = match digits.iter().position(|&d| d != b'0') {
        Some(start) => &digits[start..],
        None => &digits[digits.len() - 1..],
    };
    key.push(NUMBER_MARK);
    key.push(significant.len().min(255) as u8);
    key.extend_from_slice(significant);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of already folded text: maximal runs of alphanumeric characters.
    fn words(folded: &str) -> impl Iterator<Item = &str> {
        folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }

    #[test]
    fn folds_case_accents_and_ligatures() {
        assert_eq!(fold("École"), "ecole");
        assert_eq!(fold("DÉCHETS ménagers"), "dechets menagers");
        assert_eq!(fold("Œuvre d’art"), "oeuvre d'art");
        assert_eq!(fold("Ça marche, naïve"), "ca marche, naive");
    }

    #[test]
    fn words_of_raw_text_are_the_words_of_its_folded_form() {
        for text in [
            "L'Œuvre d’art — Île-de-France 2024",
            "ÉCOLE\u{a0}maternelle",
            "x\u{301}y ﬁn",
        ] {
            let folded = fold(text);
            assert_eq!(tokens(text), words(&folded).collect::<Vec<_>>(), "{text}");
        }
    }

    #[test]
    fn tokens_split_on_punctuation() {
        assert_eq!(
            tokens("L'eau, les Déchets (2024)"),
            ["l", "eau", "les", "dechets", "2024"]
        );
    }

    #[test]
    fn accents_and_case_do_not_separate() {
        assert_eq!(collation_key("École"), collation_key("ecole"));
        assert!(collation_key("ecole") < collation_key("Écoles"));
        assert!(collation_key("Écoles") < collation_key("Etat"));
    }

    #[test]
    fn numbers_sort_by_value() {
        assert!(collation_key("Lot 2") < collation_key("Lot 10"));
        assert!(collation_key("Lot 9b") < collation_key("Lot 10a"));
        assert_eq!(collation_key("Lot 007"), collation_key("lot 7"));
        assert!(collation_key("Lot 10") < collation_key("Lot A"));
        assert!(collation_key("Lot") < collation_key("Lot 1"));
    }

    #[test]
    fn whitespace_is_collapsed_and_keys_are_bounded() {
        assert_eq!(collation_key("  a   b "), collation_key("a b"));
        assert!(collation_key(&"x".repeat(500)).len() <= SORT_KEY_LEN);
    }
}
