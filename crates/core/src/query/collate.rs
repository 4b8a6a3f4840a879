//! French folding and collation.
//!
//! * [`fold_into`] lowercases and strips accents ("École" → "ecole",
//!   "Œuvre" → "oeuvre"): the basis of search tokens and sort keys.
//! * [`tokens`] splits folded text into words (runs of letters and digits).
//! * [`collation_key`] gives a byte key whose order is the French reading
//!   order: case- and accent-insensitive, with numbers inside text compared by
//!   value ("Lot 2" < "Lot 10").

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

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

fn fold_char(c: char, out: &mut String) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' | 'ẞ' => out.push_str("ss"),
        // Typographic apostrophes and spaces read as their plain forms.
        '\u{2019}' | '\u{2018}' => out.push('\''),
        '\u{a0}' | '\u{202f}' => out.push(' '),
        _ => {
            for lower in c.to_lowercase() {
                decompose_canonical(lower, |d| {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                });
            }
        }
    }
}

/// The words of already folded text: maximal runs of alphanumeric characters.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The search tokens of `text`: its folded words, in order, with repeats.
pub fn tokens(text: &str) -> Vec<String> {
    words(&fold(text)).map(str::to_owned).collect()
}

/// The collation key of `text`, at most [`SORT_KEY_LEN`] bytes.
///
/// Folded text, leading and repeated whitespace collapsed; each run of ASCII
/// digits is written as a marker byte, the count of its significant digits
/// and those digits, so numbers compare by value and before letters.
pub fn collation_key(text: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(SORT_KEY_LEN);
    let mut folded = String::new();
    let mut digits: Vec<u8> = Vec::new();
    let mut pending_space = false;
    let mut chars = text.chars().peekable();
    while key.len() < SORT_KEY_LEN {
        let Some(c) = chars.next() else { break };
        if c.is_ascii_digit() {
            digits.clear();
            digits.push(c as u8);
            while let Some(&d) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                digits.push(d as u8);
                chars.next();
            }
            if pending_space {
                key.push(b' ');
                pending_space = false;
            }
            push_number(&digits, &mut key);
            continue;
        }
        folded.clear();
        fold_char_any(c, &mut folded);
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
    key
}

fn fold_char_any(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        fold_char(c, out);
    }
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

    #[test]
    fn folds_case_accents_and_ligatures() {
        assert_eq!(fold("École"), "ecole");
        assert_eq!(fold("DÉCHETS ménagers"), "dechets menagers");
        assert_eq!(fold("Œuvre d’art"), "oeuvre d'art");
        assert_eq!(fold("Ça marche, naïve"), "ca marche, naive");
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
