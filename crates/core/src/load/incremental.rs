//! CSV loading fed chunk by chunk (as a download arrives) and parsed a few
//! records at a time, so a page can show progress and stay responsive.
//! The result is the [`Table`] (or the [`LoadError`]) that [`load_csv`]
//! gives for the same bytes, whatever the chunks.
//!
//! The bytes are kept in blocks that the rows refer to (no copy of any
//! cell): the block being filled is sealed when it is full, its complete
//! records staying in it and the record in progress moving to the next
//! block, so a record always lies in one block and no buffer is ever
//! reallocated and copied as a whole.
//!
//! [`load_csv`]: super::load_csv

use std::sync::Arc;

use super::LoadError;
use super::csv::{
    BOM, CsvOptions, SNIFF_BYTES, detect_terminator, sniff_delimiter, unclosed_quote,
};
use super::records::Records;
use super::rows::{NotText, RowBuilder};
use crate::table::{Dialect, Row, RowSpan, Table, pack_block};

/// Block size when the size of the file is not announced.
const BLOCK_SIZE: usize = 4 << 20;

/// The parsing state, once the dialect is known.
struct Parse {
    delimiter: u8,
    /// The file starts with a byte order mark.
    bom: bool,
    /// Next record's search position, in the current block.
    pos: usize,
    rows: RowBuilder,
    /// Rows before this one have their block.
    attached: usize,
    final_newline: bool,
    /// Every record is read (or an error stopped the reading).
    done: bool,
}

/// A CSV file loaded as its bytes arrive.
///
/// ```
/// use vitrine_core::load::CsvLoader;
/// use vitrine_core::CsvOptions;
/// let mut loader = CsvLoader::new(CsvOptions::default());
/// loader.push(b"nom,ville\nA,Ly");
/// loader.push(b"on\nB,Metz\n");
/// loader.end();
/// while !loader.step(1000) {} // yield to the page between steps
/// let table = loader.finish().unwrap();
/// assert_eq!(table.cell(0, 1).as_deref(), Some("Lyon"));
/// ```
pub struct CsvLoader {
    options: CsvOptions,
    /// The block being filled: the bytes after the sealed blocks.
    buf: Vec<u8>,
    /// Bytes in the sealed blocks.
    base: usize,
    /// Line breaks (`\n`) in the sealed blocks.
    base_newlines: u64,
    block_size: usize,
    ended: bool,
    /// Offset and line of the first NUL byte.
    nul: Option<(usize, usize)>,
    /// Offset and line of the first byte that is not UTF-8.
    invalid_utf8: Option<(usize, usize)>,
    parse: Option<Parse>,
    /// After a record was found incomplete, parsing waits until this many
    /// bytes are in (twice the pending part), so a long record is not
    /// rescanned for every chunk.
    wait_until: usize,
    /// Rows' text is packed as blocks are sealed.
    pack: bool,
}

impl CsvLoader {
    pub fn new(options: CsvOptions) -> CsvLoader {
        CsvLoader {
            options,
            buf: Vec::new(),
            base: 0,
            base_newlines: 0,
            block_size: BLOCK_SIZE,
            ended: false,
            nul: None,
            invalid_utf8: None,
            parse: None,
            wait_until: 0,
            pack: false,
        }
    }

    /// Keeps the rows' text packed ([`Table::pack`]): each block of the
    /// file is packed once its records are read, so the whole text is
    /// never held uncompressed at once. The table is the one
    /// [`finish`](Self::finish) gives otherwise, packed.
    pub fn pack_text(&mut self) {
        self.pack = true;
    }

    /// Reserves room for `total` bytes (the announced size of a download):
    /// the file is then kept in one block.
    pub fn reserve(&mut self, total: usize) {
        self.buf
            .reserve(total.saturating_sub(self.bytes_received()));
    }

    /// Sets the size of the blocks the bytes are kept in when the total is
    /// not announced (4 MiB by default; a record longer than a block gets a
    /// block of its own).
    pub fn set_block_size(&mut self, bytes: usize) {
        self.block_size = bytes.max(1);
    }

    /// Appends the next bytes of the file.
    pub fn push(&mut self, chunk: &[u8]) {
        debug_assert!(!self.ended, "push after end");
        if self.nul.is_none()
            && let Some(i) = memchr::memchr(0, chunk)
        {
            let newlines = memchr::memchr_iter(b'\n', &self.buf).count()
                + memchr::memchr_iter(b'\n', &chunk[..i]).count();
            self.nul = Some((
                self.bytes_received() + i,
                1 + self.base_newlines as usize + newlines,
            ));
        }
        if self.buf.len() + chunk.len() > self.buf.capacity() && self.parse.is_some() {
            // The records fully received go into the block before it is sealed.
            self.step(usize::MAX);
            self.seal(chunk.len());
        }
        self.buf.extend_from_slice(chunk);
    }

    /// Seals the current block up to the record in progress, which moves
    /// to a new block with room for `more` bytes.
    fn seal(&mut self, more: usize) {
        let Some(parse) = self.parse.as_mut() else {
            return;
        };
        if parse.done || self.invalid_utf8.is_some() {
            return;
        }
        let Some(boundary) = parse.rows.boundary() else {
            return;
        };
        let tail = self.buf.len() - boundary;
        if tail > boundary {
            // Mostly one long record: let the block grow instead.
            return;
        }
        let mut next = Vec::with_capacity(self.block_size.max(2 * (tail + more)));
        next.extend_from_slice(&self.buf[boundary..]);
        let mut block = std::mem::replace(&mut self.buf, next);
        block.truncate(boundary);
        let source = match String::from_utf8(block) {
            Ok(text) => Arc::new(text),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let newlines = memchr::memchr_iter(b'\n', &e.as_bytes()[..valid]).count();
                self.invalid_utf8 = Some((
                    self.base + valid,
                    1 + self.base_newlines as usize + newlines,
                ));
                parse.done = true;
                // The block stays unsealed (the error ends the reading).
                let mut bytes = e.into_bytes();
                bytes.extend_from_slice(&self.buf);
                self.buf = bytes;
                return;
            }
        };
        // The record in progress starts the new block: the lines before it
        // are in the sealed ones.
        self.base_newlines = parse.rows.line - 1;
        self.base += boundary;
        parse.pos -= boundary;
        let moved = parse.rows.rebase(boundary);
        let rows = &mut parse.rows.rows[parse.attached..moved];
        for row in rows.iter_mut() {
            row.attach(&source);
        }
        if self.pack {
            pack_block(rows, parse.attached == 0);
        }
        parse.attached = moved;
    }

    /// Marks the end of the file: the last record can be read.
    pub fn end(&mut self) {
        self.ended = true;
    }

    /// Bytes received so far.
    pub fn bytes_received(&self) -> usize {
        self.base + self.buf.len()
    }

    /// Bytes read into records so far (for a progress bar).
    pub fn bytes_parsed(&self) -> usize {
        self.parse.as_ref().map_or(0, |p| self.base + p.pos)
    }

    /// Data rows read so far.
    pub fn rows_parsed(&self) -> usize {
        self.parse
            .as_ref()
            .map_or(0, |p| p.rows.rows.len().saturating_sub(1))
    }

    /// Reads up to `max_records` of the records fully received; returns
    /// `true` once every record is read (only after [`end`](Self::end)).
    pub fn step(&mut self, max_records: usize) -> bool {
        if self.parse.is_none() && !self.start() {
            return false;
        }
        let ended = self.ended;
        let received = self.bytes_received();
        if !ended && received < self.wait_until {
            return false;
        }
        let Some(parse) = self.parse.as_mut() else {
            return false;
        };
        let buf = &self.buf;
        let mut records = Records::resume(buf, parse.delimiter, parse.pos);
        for _ in 0..max_records {
            if parse.done {
                break;
            }
            let Some(record) = records.next_record() else {
                if ended {
                    parse.close_last(buf);
                }
                break;
            };
            // The bytes after a record decide where it ends ("\r" then "\n"?
            // a quote after a closing quote?): wait for them.
            if record.next >= buf.len() && !ended {
                self.wait_until = received + (received - (self.base + record.start));
                break;
            }
            parse.pos = record.next;
            if let Err(NotText) = parse.rows.read(buf, &record, None) {
                // The first byte that is not UTF-8 may be in an earlier record of the block.
                let valid = std::str::from_utf8(buf)
                    .err()
                    .map_or(0, |e| e.valid_up_to());
                let newlines = memchr::memchr_iter(b'\n', &buf[..valid]).count();
                self.invalid_utf8 = Some((
                    self.base + valid,
                    1 + self.base_newlines as usize + newlines,
                ));
                parse.done = true;
                break;
            }
        }
        parse.done
    }

    /// Decides the dialect once enough bytes are in: the BOM, then the
    /// delimiter from the same sample [`load_csv`](super::load_csv) sniffs.
    fn start(&mut self) -> bool {
        let enough = self.buf.len() > BOM.len() + SNIFF_BYTES;
        if !self.ended && !enough {
            return false;
        }
        let offset = if self.buf.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        let body = &self.buf[offset..];
        // With more than the sample in, the sniffer sees what it would see
        // in the whole file.
        let delimiter = self
            .options
            .delimiter
            .unwrap_or_else(|| sniff_delimiter(body));
        self.parse = Some(Parse {
            delimiter,
            bom: offset > 0,
            pos: offset,
            rows: RowBuilder::new(offset),
            attached: 0,
            final_newline: false,
            done: false,
        });
        true
    }

    /// The loaded table. Call after [`step`](Self::step) returned `true`;
    /// earlier, the remaining records are read at once.
    pub fn finish(mut self) -> Result<Table, LoadError> {
        self.ended = true;
        while !self.step(usize::MAX) {}
        let Some(parse) = self.parse else {
            unreachable!("an ended loader has started");
        };
        if let Some((byte, line)) = self.nul {
            return Err(LoadError::Binary { byte, line });
        }
        if let Some((byte, line)) = self.invalid_utf8 {
            return Err(LoadError::InvalidUtf8 { byte, line });
        }
        let base = self.base;
        let source = match String::from_utf8(self.buf) {
            Ok(text) => Arc::new(text),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let newlines = memchr::memchr_iter(b'\n', &e.as_bytes()[..valid]).count();
                return Err(LoadError::InvalidUtf8 {
                    byte: base + valid,
                    line: 1 + self.base_newlines as usize + newlines,
                });
            }
        };
        let buf = source.as_bytes();
        let Parse {
            delimiter,
            bom,
            rows: builder,
            attached,
            final_newline,
            ..
        } = parse;
        if let Some(last) = &builder.previous
            && builder.records > 0
            && unclosed_quote(&buf[last.start..], delimiter)
        {
            return Err(LoadError::UnclosedQuote {
                line: last.line as usize,
                byte: base + last.start,
            });
        }
        let body_start = builder.body_start;
        let body = &buf[body_start..];
        let dialect = Dialect {
            delimiter,
            quote: b'"',
            terminator: builder
                .terminator
                .unwrap_or_else(|| detect_terminator(body)),
            bom,
        };
        let final_newline = final_newline || (builder.records == 0 && !body.is_empty());
        let mut rows = builder.rows;
        for row in &mut rows[attached..] {
            row.attach(&source);
        }
        if self.pack {
            pack_block(&mut rows[attached..], attached == 0);
        }
        let header = if rows.is_empty() {
            // No record at all: only line breaks (or nothing). Keep them.
            let span = RowSpan {
                raw: body_start..buf.len(),
                cells_start: body_start,
                line: 1,
            };
            Row::spans(span, &[], Some(&source))
        } else {
            rows.remove(0)
        };
        Ok(Table {
            dialect,
            header,
            rows,
            final_newline,
        })
    }
}

impl Parse {
    /// Completes the last record's row, unless its quote is left open (an
    /// error [`CsvLoader::finish`] reports).
    fn close_last(&mut self, buf: &[u8]) {
        self.done = true;
        if let Some(last) = &self.rows.previous
            && unclosed_quote(&buf[last.start..], self.delimiter)
        {
            return;
        }
        self.final_newline = self.rows.close_last(buf, buf.len(), None);
    }
}
