//! The text a table gives out: borrowed from it, or a piece of a block
//! decompressed on demand, kept alive for as long as the text is used.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A cell's text (or a row's bytes) read from a [`Table`](super::Table).
///
/// Reads as a `&str` (it dereferences to one). A row whose text is kept
/// compressed gives a piece of its block, decompressed for the reading:
/// cloning it or holding it does not copy the text.
#[derive(Clone)]
pub struct Text<'a>(Repr<'a>);

#[derive(Clone)]
enum Repr<'a> {
    Borrowed(&'a str),
    /// `block[start..end]`, a decompressed block.
    Shared {
        block: Arc<String>,
        start: u32,
        end: u32,
    },
}

impl<'a> Text<'a> {
    /// `block[start..end]` (a range on character boundaries).
    pub(crate) fn shared(block: Arc<String>, start: usize, end: usize) -> Option<Text<'a>> {
        block.get(start..end)?;
        Some(Text(Repr::Shared {
            block,
            start: start as u32,
            end: end as u32,
        }))
    }

    /// The text as a `&str` borrowed from this value.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Borrowed(text) => text,
            Repr::Shared { block, start, end } => &block[*start as usize..*end as usize],
        }
    }

    /// The text, borrowed from the table when it is held as it is.
    pub fn as_borrowed(&self) -> Option<&'a str> {
        match self.0 {
            Repr::Borrowed(text) => Some(text),
            Repr::Shared { .. } => None,
        }
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Text<'a> {
        Text(Repr::Borrowed(text))
    }
}

impl Default for Text<'_> {
    fn default() -> Self {
        Text(Repr::Borrowed(""))
    }
}

impl Deref for Text<'_> {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Text<'_>) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text<'_> {}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Text<'_>> for &str {
    fn eq(&self, other: &Text<'_>) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<String> for Text<'_> {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl From<Text<'_>> for String {
    fn from(text: Text<'_>) -> String {
        text.as_str().to_string()
    }
}
