//! One row of a table: its cells' texts, shared with the file they were
//! read from until edited, and its original bytes.

use std::ops::Range;
use std::sync::Arc;

use super::block::{Block, BlockText, Source};
use super::text::Text;

/// One row: its cells' texts (unquoted, as read) and, while untouched, its
/// original bytes (terminator included).
///
/// A row read from a file does not copy its text: its cells are spans of the
/// shared block of the file it was read from (an unquoted cell, or the text
/// between the quotes of a quoted one), a block held as it is or packed
/// ([`super::block`]): a whole file, or one block of a file loaded as it
/// arrived (each complete record lies in one block). Only a row with a cell that needs unescaping (a doubled
/// quote, bytes after a closing quote, an unclosed quote), and rows edited
/// or built in memory, own their text.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The bytes the row was read from; `None` once edited or for new rows.
    source: Option<Block>,
    /// Where the row's bytes start in `source`.
    pub(super) start: usize,
    /// Length of the row's bytes, terminator included.
    pub(super) raw_len: u32,
    /// Where cell 0 starts, relative to `start` (blank lines before a header).
    first: u32,
    /// The cells' texts one after the other, when the row owns them.
    owned: Option<Box<str>>,
    /// The end of each cell: in `owned` when the row owns its text, else
    /// the end of the cell's bytes (closing quote included) relative to
    /// `start`, with [`QUOTED`] set for a quoted cell; the next cell's bytes
    /// start one byte (the delimiter) later.
    ends: Box<[u32]>,
    pub(super) line: u64,
}

/// Where a row read from a file lies in its source.
pub(crate) struct RowSpan {
    /// The row's bytes (terminator included) in the source.
    pub raw: Range<usize>,
    /// Where cell 0 starts in the source.
    pub cells_start: usize,
    pub line: u64,
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("a CSV record shorter than 4 GiB")
}

/// Marks, in a row's cell ends, a cell read from quoted bytes (`"…"`).
pub(crate) const QUOTED: u32 = 1 << 31;

impl Row {
    /// A new row (not from a file) with these cells.
    pub fn new<S: AsRef<str>>(cells: &[S]) -> Row {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(cells.len());
        for c in cells {
            text.push_str(c.as_ref());
            ends.push(offset(text.len()));
        }
        Row {
            owned: Some(text.into_boxed_str()),
            ends: ends.into_boxed_slice(),
            ..Row::default()
        }
    }

    /// A row whose cells are spans of its source: `ends` are the ends of
    /// the cells' bytes (quotes included) relative to `span.cells_start`,
    /// with [`QUOTED`] set for quoted cells, each a plain `"…"`. The source
    /// is attached with [`attach`](Self::attach) or given at once.
    pub(crate) fn spans(span: RowSpan, ends: &[u32], source: Option<&Source>) -> Row {
        let start = span.raw.start;
        let shift = offset(span.cells_start - start);
        let ends = if shift == 0 {
            Box::from(ends)
        } else {
            ends.iter().map(|&e| e + shift).collect()
        };
        Row {
            source: source.cloned().map(Block::Plain),
            start,
            raw_len: offset(span.raw.len()),
            first: offset(span.cells_start - start),
            owned: None,
            ends,
            line: span.line,
        }
    }

    /// Where cell `i`'s text lies: in `owned`, or relative to `start`.
    #[inline]
    fn bounds(&self, i: usize) -> Option<(usize, usize)> {
        let end = *self.ends.get(i)?;
        if self.owned.is_some() {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            return Some((start as usize, end as usize));
        }
        let start = if i == 0 {
            self.first
        } else {
            (self.ends[i - 1] & !QUOTED) + 1
        };
        let quoted = u32::from(end & QUOTED != 0);
        Some((
            (start + quoted) as usize,
            ((end & !QUOTED) - quoted) as usize,
        ))
    }

    /// The length in bytes of cell `i`'s text (without reading it).
    #[inline]
    pub(crate) fn text_len(&self, i: usize) -> Option<usize> {
        let (start, end) = self.bounds(i)?;
        Some(end - start)
    }

    /// A row read from a file that owns its cells' texts (unescaped).
    pub(crate) fn unescaped(
        span: RowSpan,
        text: String,
        ends: Vec<u32>,
        source: Option<&Source>,
    ) -> Row {
        Row {
            source: source.cloned().map(Block::Plain),
            start: span.raw.start,
            raw_len: offset(span.raw.len()),
            first: offset(span.cells_start - span.raw.start),
            owned: Some(text.into_boxed_str()),
            ends: ends.into_boxed_slice(),
            line: span.line,
        }
    }

    /// Gives a row read from a file the bytes it was read from.
    pub(crate) fn attach(&mut self, source: &Source) {
        self.source = Some(Block::Plain(Arc::clone(source)));
    }

    /// The row's bytes are in `block`, from `start` on.
    pub(super) fn move_to(&mut self, block: Block, start: usize) {
        self.source = Some(block);
        self.start = start;
    }

    /// Sets where the row's bytes end (once the next record is found).
    pub(crate) fn set_raw_end(&mut self, end: usize) {
        self.raw_len = offset(end - self.start);
    }

    /// The row's source will start `by` bytes further.
    pub(crate) fn rebase(&mut self, by: usize) {
        self.start -= by;
    }

    pub(crate) fn source(&self) -> Option<&Block> {
        self.source.as_ref()
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True for a row without any cell (an empty line in the file).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of the row's block, when the row does not own its text.
    fn block_text(&self) -> Option<BlockText<'_>> {
        match (&self.owned, &self.source) {
            (None, Some(block)) => Some(block.text()),
            _ => None,
        }
    }

    /// The text of cell `i`, the row's block being `block`.
    #[inline]
    fn get_in<'a>(&'a self, i: usize, block: Option<&BlockText<'a>>) -> Option<Text<'a>> {
        let (start, end) = self.bounds(i)?;
        if let Some(text) = &self.owned {
            return text.get(start..end).map(Text::from);
        }
        let range = self.start + start..self.start + end;
        match block? {
            BlockText::Plain(text) => text.get(range).map(Text::from),
            BlockText::Shared(text) => Text::shared(Arc::clone(text), range.start, range.end),
        }
    }

    /// The text of cell `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<Text<'_>> {
        if let (None, Some(Block::Plain(text))) = (&self.owned, &self.source) {
            // The common case (a row read from a file, held plain), without
            // going through `BlockText`.
            let (start, end) = self.bounds(i)?;
            return text
                .get(self.start + start..self.start + end)
                .map(Text::from);
        }
        self.get_other(i)
    }

    /// [`get`](Self::get) for a row that owns its text or whose block is
    /// packed (kept out of line, so the common case inlines).
    #[inline(never)]
    fn get_other(&self, i: usize) -> Option<Text<'_>> {
        self.get_in(i, self.block_text().as_ref())
    }

    /// The text of cell `i` of a row whose text is not packed (a row of
    /// [`Table::unpacked`](super::Table::unpacked), or the header, which is
    /// never packed); `None` for a packed row.
    pub(crate) fn get_plain(&self, i: usize) -> Option<&str> {
        match self.block_text() {
            None if self.owned.is_some() => self.get_in(i, None)?.as_borrowed(),
            Some(BlockText::Plain(text)) => {
                let (start, end) = self.bounds(i)?;
                text.get(self.start + start..self.start + end)
            }
            _ => {
                debug_assert!(false, "a packed row read as plain text");
                None
            }
        }
    }

    /// Gives the row a plain copy of its packed block.
    pub(super) fn unpack(&mut self, text: &Source) {
        if matches!(self.source, Some(Block::Packed(_))) {
            self.source = Some(Block::Plain(Arc::clone(text)));
        }
    }

    /// The cells' texts in order.
    pub fn iter(&self) -> impl Iterator<Item = Text<'_>> + '_ {
        let block = self.block_text();
        (0..self.len()).map(move |i| self.get_in(i, block.as_ref()).unwrap_or_default())
    }

    /// The cells as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(String::from).collect()
    }

    /// 1-based line of the file where the row starts (0 for a new row).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// True when the row was edited or added since loading.
    pub fn is_edited(&self) -> bool {
        self.source.is_none()
    }

    /// The row's original bytes (terminator included), while untouched.
    pub(crate) fn raw_bytes(&self) -> Option<Text<'_>> {
        let range = self.start..self.start + self.raw_len as usize;
        match self.source.as_ref()?.text() {
            BlockText::Plain(text) => text.get(range).map(Text::from),
            BlockText::Shared(text) => Text::shared(text, range.start, range.end),
        }
    }

    /// The row's original bytes when held plain (not packed, not edited).
    pub(crate) fn plain_raw_bytes(&self) -> Option<&[u8]> {
        match &self.source {
            Some(Block::Plain(text)) => text
                .as_bytes()
                .get(self.start..self.start + self.raw_len as usize),
            _ => None,
        }
    }

    /// Replaces cell `i` (cells are appended up to `i` when the row is shorter).
    pub fn set(&mut self, i: usize, value: &str) {
        let mut cells = self.to_vec();
        if cells.len() <= i {
            cells.resize(i + 1, String::new());
        }
        cells[i] = value.to_string();
        let line = self.line;
        *self = Row::new(&cells);
        self.line = line;
    }

    /// Bytes this row holds on the heap by itself (its own text and cell
    /// ends; the shared source is counted by [`Table::heap_size`]).
    pub fn heap_size(&self) -> usize {
        self.owned.as_ref().map_or(0, |t| t.len()) + self.ends.len() * size_of::<u32>()
    }
}

/// Rows are equal when their cells, their line and their original bytes
/// (or both being edited) are.
impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        self.line == other.line
            && self.len() == other.len()
            && self.iter().eq(other.iter())
            && self.raw_bytes() == other.raw_bytes()
    }
}

impl Eq for Row {}
