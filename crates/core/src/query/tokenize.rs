//! Splitting text into search tokens at indexing speed.
//!
//! [`for_each_token`] gives exactly the words of
//! [`for_each_word`](super::collate::for_each_word) (folded runs of letters
//! and digits), but reads ASCII a byte at a time and folds only the
//! non-ASCII characters, handing each word to the caller as bytes, with no
//! allocation. Indexing ~100 MB of text spends most of its time here.

use super::collate::{fold_char, fold_latin1_to_ascii, fold_single};

/// Calls `f` with the bytes (UTF-8) of each folded word of `text`, in
/// order, repeats included. `buf` is scratch space.
pub fn for_each_token(text: &str, buf: &mut Vec<u8>, mut f: impl FnMut(&[u8])) {
    let bytes = text.as_bytes();
    let class = |i: usize| CLASS[usize::from(bytes[i])];
    let mut i = 0;
    while i < bytes.len() {
        if class(i) == SEPARATOR {
            i += 1;
            continue;
        }
        let start = i;
        let mut seen = 0;
        while i < bytes.len() && class(i) & WORD != 0 {
            seen |= class(i);
            i += 1;
        }
        let ends_here = i == bytes.len() || class(i) == SEPARATOR;
        if ends_here && seen & UPPER == 0 {
            // A lowercase ASCII word (most words): given as it is in `text`,
            // not copied (reading back bytes just written one at a time
            // stalls the look-up that follows).
            f(&bytes[start..i]);
            continue;
        }
        buf.clear();
        buf.extend(bytes[start..i].iter().map(u8::to_ascii_lowercase));
        if !ends_here {
            // The word goes on with non-ASCII characters.
            i = finish_word(text, i, buf, &mut f);
        }
        if !buf.is_empty() {
            f(buf);
        }
    }
}

/// Byte classes for [`for_each_token`]: an ASCII separator, a byte of an
/// ASCII word (`UPPER` too for an uppercase letter), or a byte of a
/// non-ASCII character (neither bit).
const SEPARATOR: u8 = 0;
const WORD: u8 = 1;
const UPPER: u8 = 2;
const NON_ASCII: u8 = 4;

/// The class of each byte (one table look-up a byte, where testing the
/// ranges of digits, lower and upper case letters took a dozen instructions).
static CLASS: [u8; 256] = {
    let mut class = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        class[b] = if byte >= 0x80 {
            NON_ASCII
        } else if byte.is_ascii_uppercase() {
            WORD | UPPER
        } else if byte.is_ascii_alphanumeric() {
            WORD
        } else {
            SEPARATOR
        };
        b += 1;
    }
    class
};

/// Continues the word in `buf` from byte `i` (a non-ASCII character), up
/// to the next ASCII separator or the end of `text`; words completed on the
/// way are given to `f`, the last one is left in `buf`. Returns where the
/// scan stopped.
fn finish_word(text: &str, mut i: usize, buf: &mut Vec<u8>, f: &mut impl FnMut(&[u8])) -> usize {
    let bytes = text.as_bytes();
    let mut folded = String::new();
    let mut utf8 = [0u8; 4];
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                return i;
            }
            buf.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        if b == 0xC3
            && let Some(folded) = bytes.get(i + 1).and_then(|&low| fold_latin1_to_ascii(low))
        {
            // An accented Latin-1 letter ("é"): its ASCII letter, no decoding.
            buf.push(folded);
            i += 2;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if let Some(fc) = fold_single(c) {
            // An accented letter (most non-ASCII text): no folding buffer.
            if fc.is_alphanumeric() {
                buf.extend_from_slice(fc.encode_utf8(&mut utf8).as_bytes());
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
                buf.extend_from_slice(fc.encode_utf8(&mut utf8).as_bytes());
            } else if !buf.is_empty() {
                f(buf);
                buf.clear();
            }
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::query::collate::for_each_word;

    fn fast(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(text, &mut Vec::new(), |w| {
            out.push(String::from_utf8(w.to_vec()).expect("UTF-8 token"))
        });
        out
    }

    fn reference(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, &mut String::new(), |w| out.push(w.to_owned()));
        out
    }

    #[test]
    fn same_words_as_the_folding_tokenizer() {
        for text in [
            "",
            "L'Œuvre d’art — Île-de-France 2024",
            "ÉCOLE\u{a0}maternelle",
            "x\u{301}y ﬁn",
            "déchets,eau;TRANSPORTS",
            "aé",
            "éa b",
            "Straße",
            "a\u{2019}b",
        ] {
            assert_eq!(fast(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn every_latin1_letter_folds_as_in_the_folding_tokenizer() {
        for c in '\u{c0}'..='\u{ff}' {
            for text in [format!("{c}"), format!("a{c}b"), format!("É{c}{c} x{c}")] {
                assert_eq!(fast(&text), reference(&text), "{text:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_folding_tokenizer_on_any_text(text in "\\PC{0,40}|[a-zA-Zé\u{301}œ’ \u{a0},0-9ﬁß]{0,40}") {
            prop_assert_eq!(fast(&text), reference(&text));
        }
    }
}
