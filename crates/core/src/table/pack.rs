//! Packing the text of rows read from a file: consecutive rows of one
//! block go, by runs of about [`PACKED_BLOCK`] bytes, into packed blocks
//! ([`super::block`]); the plain block is freed once no row refers to it.
//! Rows read the same cells and write back the same bytes after.

use std::borrow::Cow;
use std::sync::Arc;

use super::block::{Block, PACKED_BLOCK, Packed, Source};
use super::{Row, Table};

impl Table {
    /// This table with no row's text packed: itself, or a copy whose rows
    /// share plain copies of the packed blocks.
    pub fn unpacked(&self) -> Cow<'_, Table> {
        if !self
            .rows
            .iter()
            .any(|r| matches!(r.source(), Some(Block::Packed(_))))
        {
            return Cow::Borrowed(self);
        }
        let mut table = self.clone();
        let mut last: Option<(Arc<Packed>, Source)> = None;
        for row in &mut table.rows {
            let Some(Block::Packed(packed)) = row.source() else {
                continue;
            };
            let text = match &last {
                Some((p, text)) if Arc::ptr_eq(p, packed) => Arc::clone(text),
                _ => {
                    let text = Arc::new(packed.text().as_str().to_owned());
                    last = Some((Arc::clone(packed), Arc::clone(&text)));
                    text
                }
            };
            row.unpack(&text);
        }
        Cow::Owned(table)
    }

    /// Keeps the text of the rows read from a file compressed (a third to
    /// a fifth of its size on most data), decompressed a block at a time
    /// when rows are read. Rows edited or added since loading are left as
    /// they are, and the header too; a table built in memory is unchanged.
    pub fn pack(&mut self) {
        own_block(&mut self.header);
        pack_rows(&mut self.rows);
    }

    /// True when no row read from a file holds its text uncompressed.
    pub fn is_packed(&self) -> bool {
        self.rows
            .iter()
            .all(|r| !matches!(r.source(), Some(Block::Plain(_))))
    }
}

/// Packs the rows held in plain blocks (rows of one block in file order
/// share packed blocks).
pub(crate) fn pack_rows(rows: &mut [Row]) {
    let mut i = 0;
    while i < rows.len() {
        let Some(Block::Plain(source)) = rows[i].source().cloned() else {
            i += 1;
            continue;
        };
        let start = rows[i].start;
        let mut end = start + rows[i].raw_len as usize;
        let mut j = i + 1;
        while let Some(row) = rows.get(j) {
            let same = matches!(row.source(), Some(Block::Plain(s)) if Arc::ptr_eq(s, &source));
            let row_end = row.start + row.raw_len as usize;
            if !same || row.start < start || row_end.max(end) - start > PACKED_BLOCK {
                break;
            }
            end = end.max(row_end);
            j += 1;
        }
        let packed = Arc::new(Packed::new(&source[start..end]));
        for row in &mut rows[i..j] {
            let at = row.start - start;
            row.move_to(Block::Packed(Arc::clone(&packed)), at);
        }
        i = j;
    }
}

/// Gives a row read from a larger plain block a plain block of its own
/// bytes (the header, kept plain, then holds no more than its bytes).
pub(crate) fn own_block(row: &mut Row) {
    let Some(Block::Plain(source)) = row.source() else {
        return;
    };
    let range = row.start..row.start + row.raw_len as usize;
    if range.len() < source.len() {
        let own = Arc::new(source[range].to_owned());
        row.move_to(Block::Plain(own), 0);
    }
}

/// Packs the rows read from one block of a file; `with_header` when the
/// first is the header (kept plain, in a block of its own).
pub(crate) fn pack_block(rows: &mut [Row], with_header: bool) {
    match rows {
        [header, rest @ ..] if with_header => {
            own_block(header);
            pack_rows(rest);
        }
        _ => pack_rows(rows),
    }
}
