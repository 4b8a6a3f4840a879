//! CSV loading fed chunk by chunk (as a download arrives) and parsed a few
//! records at a time, so a page can show progress and stay responsive.
//! The result is the [`Table`] (or the [`LoadError`]) that [`load_csv`]
//! gives for the same bytes, whatever the chunks.
//!
//! [`load_csv`]: super::load_csv

use std::sync::Arc;

use super::LoadError;
use super::csv::{
    BOM, CsvOptions, SNIFF_BYTES, detect_terminator, line_breaks, line_of, sniff_delimiter,
    unclosed_quote,
};
use super::records::Records;
use crate::table::{Dialect, LineTerminator, Row, Table};

/// A record read but not yet stored: its rows are only known once the next
/// record starts (blank lines after it become blank rows).
struct Pending {
    start: usize,
    line: u64,
    text: String,
    ends: Vec<u32>,
}

/// The parsing state, once the dialect is known.
struct Parse {
    /// Length of the byte order mark (0 or 3).
    offset: usize,
    delimiter: u8,
    /// Next record's search position, in the body (after the BOM).
    pos: usize,
    line: u64,
    line_pos: usize,
    previous: Option<Pending>,
    rows: Vec<Row>,
    records: usize,
    /// The line ending of the first record, once seen.
    terminator: Option<LineTerminator>,
    final_newline: bool,
    /// Offset (in the body) of the first invalid UTF-8 byte met.
    invalid_utf8: Option<usize>,
    /// Every record is read.
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
/// assert_eq!(table.cell(0, 1), Some("Lyon"));
/// ```
pub struct CsvLoader {
    options: CsvOptions,
    bytes: Vec<u8>,
    ended: bool,
    /// Offset (in `bytes`) of the first NUL byte.
    nul: Option<usize>,
    parse: Option<Parse>,
    /// After a record was found incomplete, parsing waits until this many
    /// bytes are in (twice the pending part), so a long record is not
    /// rescanned for every chunk.
    wait_until: usize,
}

impl CsvLoader {
    pub fn new(options: CsvOptions) -> CsvLoader {
        CsvLoader {
            options,
            bytes: Vec::new(),
            ended: false,
            nul: None,
            parse: None,
            wait_until: 0,
        }
    }

    /// Reserves room for `total` bytes (the announced size of a download).
    pub fn reserve(&mut self, total: usize) {
        self.bytes.reserve(total.saturating_sub(self.bytes.len()));
    }

    /// Appends the next bytes of the file.
    pub fn push(&mut self, chunk: &[u8]) {
        debug_assert!(!self.ended, "push after end");
        if self.nul.is_none()
            && let Some(i) = memchr::memchr(0, chunk)
        {
            self.nul = Some(self.bytes.len() + i);
        }
        self.bytes.extend_from_slice(chunk);
    }

    /// Marks the end of the file: the last record can be read.
    pub fn end(&mut self) {
        self.ended = true;
    }

    /// Bytes received so far.
    pub fn bytes_received(&self) -> usize {
        self.bytes.len()
    }

    /// Bytes read into records so far (for a progress bar).
    pub fn bytes_parsed(&self) -> usize {
        self.parse.as_ref().map_or(0, |p| p.offset + p.pos)
    }

    /// Data rows read so far.
    pub fn rows_parsed(&self) -> usize {
        self.parse
            .as_ref()
            .map_or(0, |p| p.rows.len().saturating_sub(1))
    }

    /// Reads up to `max_records` of the records fully received; returns
    /// `true` once every record is read (only after [`end`](Self::end)).
    pub fn step(&mut self, max_records: usize) -> bool {
        if self.parse.is_none() && !self.start() {
            return false;
        }
        let ended = self.ended;
        if !ended && self.bytes.len() < self.wait_until {
            return false;
        }
        let Some(parse) = self.parse.as_mut() else {
            return false;
        };
        let body = &self.bytes[parse.offset..];
        let mut records = Records::resume(body, parse.delimiter, parse.pos);
        for _ in 0..max_records {
            if parse.done {
                break;
            }
            let Some(record) = records.next_record() else {
                if ended {
                    parse.close_last(body);
                }
                break;
            };
            let start = record.start;
            let text = simdutf8::basic::from_utf8(record.fields).map(str::to_owned);
            let ends: Vec<u32> = record.ends.iter().map(|&e| e as u32).collect();
            // The bytes after a record decide where it ends ("\r" then "\n"?
            // a quote after a closing quote?): wait for them.
            if records.position() >= body.len() && !ended {
                let received = self.bytes.len();
                self.wait_until = received + (received - (parse.offset + start));
                break;
            }
            let Ok(text) = text else {
                let at = start
                    + std::str::from_utf8(&body[start..])
                        .err()
                        .map_or(0, |e| e.valid_up_to());
                parse.invalid_utf8 = Some(at);
                parse.done = true;
                break;
            };
            parse.pos = records.position();
            parse.read(body, start, text, ends);
        }
        parse.done
    }

    /// Decides the dialect once enough bytes are in: the BOM, then the
    /// delimiter from the same sample [`load_csv`](super::load_csv) sniffs.
    fn start(&mut self) -> bool {
        let enough = self.bytes.len() > BOM.len() + SNIFF_BYTES;
        if !self.ended && !enough {
            return false;
        }
        let offset = if self.bytes.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        let body = &self.bytes[offset..];
        // With more than the sample in, the sniffer sees what it would see
        // in the whole file.
        let delimiter = self
            .options
            .delimiter
            .unwrap_or_else(|| sniff_delimiter(body));
        self.parse = Some(Parse {
            offset,
            delimiter,
            pos: 0,
            line: 1,
            line_pos: 0,
            previous: None,
            rows: Vec::new(),
            records: 0,
            terminator: None,
            final_newline: false,
            invalid_utf8: None,
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
        let offset = parse.offset;
        let body = &self.bytes[offset..];
        if let Some(byte) = self.nul {
            let byte = byte.max(offset) - offset;
            return Err(LoadError::Binary {
                byte: offset + byte,
                line: line_of(body, byte),
            });
        }
        if let Some(at) = parse.invalid_utf8 {
            return Err(LoadError::InvalidUtf8 {
                byte: offset + at,
                line: line_of(body, at),
            });
        }
        if let Some(last) = &parse.previous
            && parse.records > 0
            && unclosed_quote(&body[last.start..], parse.delimiter)
        {
            return Err(LoadError::UnclosedQuote {
                line: last.line as usize,
                byte: offset + last.start,
            });
        }
        let dialect = Dialect {
            delimiter: parse.delimiter,
            quote: b'"',
            terminator: parse.terminator.unwrap_or_else(|| detect_terminator(body)),
            bom: offset > 0,
        };
        let final_newline = parse.final_newline || (parse.records == 0 && !body.is_empty());
        let mut rows = parse.rows;
        let header = if rows.is_empty() {
            // No record at all: only line breaks (or nothing). Keep them.
            Row::from_parts(String::new(), Vec::new(), offset..self.bytes.len(), 1)
        } else {
            rows.remove(0)
        };
        Ok(Table {
            dialect,
            header,
            rows,
            source: Arc::new(self.bytes),
            final_newline,
        })
    }
}

impl Parse {
    /// Takes in a record starting at `start`; the previous one is stored.
    fn read(&mut self, body: &[u8], start: usize, text: String, ends: Vec<u32>) {
        self.line += memchr::memchr_iter(b'\n', &body[self.line_pos..start]).count() as u64;
        self.line_pos = start;
        if let Some(previous) = self.previous.take() {
            self.store(body, previous, start);
        }
        self.previous = Some(Pending {
            start,
            line: self.line,
            text,
            ends,
        });
        self.records += 1;
    }

    /// Stores the last record, unless its quote is left open (an error
    /// [`CsvLoader::finish`] reports).
    fn close_last(&mut self, body: &[u8]) {
        self.done = true;
        if let Some(last) = &self.previous
            && unclosed_quote(&body[last.start..], self.delimiter)
        {
            return;
        }
        if let Some(last) = self.previous.take() {
            self.final_newline = self.store(body, last, body.len());
        }
    }

    /// Stores a record whose bytes run to `next`: its own span up to its
    /// first line break, then one blank row per empty line. Returns whether
    /// the record ends with a line break.
    fn store(&mut self, body: &[u8], record: Pending, next: usize) -> bool {
        let Pending {
            start,
            line,
            text,
            ends,
        } = record;
        let offset = self.offset;
        let mut breaks = line_breaks(&body[start..next]);
        let first_break = breaks.next();
        let own_end = start + first_break.unwrap_or(next - start);
        if self.terminator.is_none() && first_break.is_some() {
            self.terminator = Some(match &body[start..own_end] {
                [.., b'\r', b'\n'] => LineTerminator::CrLf,
                [.., b'\r'] => LineTerminator::Cr,
                _ => LineTerminator::Lf,
            });
        }
        let span_start = if self.rows.is_empty() { 0 } else { start };
        self.rows.push(Row::from_parts(
            text,
            ends,
            offset + span_start..offset + own_end,
            line,
        ));
        let mut prev = own_end;
        let mut blank_line = None;
        for b in breaks {
            let n = *blank_line.get_or_insert_with(|| {
                line + memchr::memchr_iter(b'\n', &body[start..own_end]).count() as u64
            }) + 1;
            blank_line = Some(n);
            self.rows.push(Row::from_parts(
                String::new(),
                Vec::new(),
                offset + prev..offset + start + b,
                n,
            ));
            prev = start + b;
        }
        first_break.is_some()
    }
}
