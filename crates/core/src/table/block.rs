//! The bytes rows are read from: a block of a file's text, held as it is
//! or packed (LZ4-compressed), and the small cache of packed blocks
//! decompressed for reading.
//!
//! A large file loaded in a page is mostly its text; packed in blocks of
//! [`PACKED_BLOCK`] bytes it takes a third to a fifth of the memory. A
//! block is decompressed when one of its rows is read (about 50 µs for
//! 64 KiB), and the last [`CACHED_BLOCKS`] blocks read stay decompressed,
//! so that reading the rows of a page, or every row in order, decompresses
//! each block once.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Text checked to be UTF-8, shared by the rows read from it.
pub(crate) type Source = Arc<String>;

/// The size a packed block's text aims at (a row longer than that is a
/// block of its own).
pub(crate) const PACKED_BLOCK: usize = 64 << 10;

/// Decompressed blocks kept for reading.
const CACHED_BLOCKS: usize = 32;

/// The bytes a row was read from.
#[derive(Clone)]
pub(crate) enum Block {
    Plain(Source),
    Packed(Arc<Packed>),
}

impl fmt::Debug for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Block::Plain(text) => write!(f, "Plain({} bytes)", text.len()),
            Block::Packed(packed) => write!(f, "Packed({} bytes)", packed.len),
        }
    }
}

/// A block's text, for reading.
pub(crate) enum BlockText<'a> {
    Plain(&'a str),
    Shared(Arc<String>),
}

impl Block {
    pub(crate) fn text(&self) -> BlockText<'_> {
        match self {
            Block::Plain(text) => BlockText::Plain(text),
            Block::Packed(packed) => BlockText::Shared(packed.text()),
        }
    }

    /// The same block (not only the same bytes).
    pub(crate) fn same(&self, other: &Block) -> bool {
        match (self, other) {
            (Block::Plain(a), Block::Plain(b)) => Arc::ptr_eq(a, b),
            (Block::Packed(a), Block::Packed(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Bytes the block holds on the heap.
    pub(crate) fn heap_size(&self) -> usize {
        match self {
            Block::Plain(text) => text.capacity(),
            Block::Packed(packed) => packed.bytes.len(),
        }
    }
}

/// Text compressed in the LZ4 block format.
pub(crate) struct Packed {
    /// Tells the block apart in the cache (never reused).
    id: u64,
    /// Length of the text.
    len: usize,
    bytes: Box<[u8]>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

impl Packed {
    pub(crate) fn new(text: &str) -> Packed {
        Packed {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            len: text.len(),
            bytes: lz4_flex::block::compress(text.as_bytes()).into_boxed_slice(),
        }
    }

    /// The text, from the cache or decompressed into it.
    pub(crate) fn text(&self) -> Arc<String> {
        CACHE.with(|cache| cache.borrow_mut().get(self))
    }

    fn decompress(&self) -> Arc<String> {
        let bytes = lz4_flex::block::decompress(&self.bytes, self.len)
            .expect("a block compressed by Packed::new");
        Arc::new(String::from_utf8(bytes).expect("a block packed from text"))
    }
}

/// The blocks decompressed last, replaced in turn.
#[derive(Default)]
struct Cache {
    entries: Vec<(u64, Arc<String>)>,
    /// The entry read last (rows are often read in order).
    last: usize,
    /// The entry replaced next.
    next: usize,
}

impl Cache {
    fn get(&mut self, packed: &Packed) -> Arc<String> {
        if let Some((id, text)) = self.entries.get(self.last)
            && *id == packed.id
        {
            return Arc::clone(text);
        }
        if let Some(i) = self.entries.iter().position(|(id, _)| *id == packed.id) {
            self.last = i;
            return Arc::clone(&self.entries[i].1);
        }
        let text = packed.decompress();
        let entry = (packed.id, Arc::clone(&text));
        if self.entries.len() < CACHED_BLOCKS {
            self.last = self.entries.len();
            self.entries.push(entry);
        } else {
            self.last = self.next;
            self.entries[self.next] = entry;
            self.next = (self.next + 1) % CACHED_BLOCKS;
        }
        text
    }
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::default();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_packed_block_reads_as_its_text(text in "\\PC{0,400}") {
            let packed = Packed::new(&text);
            let unpacked = packed.text();
            prop_assert_eq!(unpacked.as_str(), text.as_str());
        }
    }

    #[test]
    fn more_blocks_than_the_cache_holds_still_read_right() {
        let blocks: Vec<(String, Packed)> = (0..CACHED_BLOCKS * 2 + 3)
            .map(|i| {
                let text = format!("bloc {i} ").repeat(i + 1);
                let packed = Packed::new(&text);
                (text, packed)
            })
            .collect();
        for _ in 0..2 {
            for (text, packed) in blocks.iter().rev().chain(&blocks) {
                assert_eq!(packed.text().as_str(), text);
            }
        }
    }
}
