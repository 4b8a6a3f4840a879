//! CSV loading with the `csv` crate: dialect sniffing, BOM, CRLF/LF/CR,
//! quoted delimiters and newlines; each row keeps the span of its bytes.

use std::sync::Arc;

use super::LoadError;
use crate::table::{Dialect, LineTerminator, Row, Table};

/// Options for [`load_csv`].
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// The delimiter; sniffed among `,` `;` tab `|` when `None`.
    pub delimiter: Option<u8>,
}

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
/// How many bytes [`sniff_delimiter`] reads.
pub(crate) const SNIFF_BYTES: usize = 64 * 1024;
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

fn reader(delimiter: u8, bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quote(b'"')
        .double_quote(true)
        .from_reader(bytes)
}

/// Picks the delimiter that gives the most rows with the header's width,
/// then the widest header, among `,` `;` tab `|` (in that order on ties).
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let mut end = bytes.len().min(SNIFF_BYTES);
    if end < bytes.len()
        && let Some(nl) = bytes[..end].iter().rposition(|b| *b == b'\n')
    {
        end = nl + 1;
    }
    let sample = &bytes[..end];
    let mut best = (0usize, 0usize, b',');
    for d in CANDIDATES {
        let mut rdr = reader(d, sample);
        let mut record = csv::ByteRecord::new();
        let mut width = 0;
        let mut consistent = 0;
        for i in 0..50 {
            match rdr.read_byte_record(&mut record) {
                Ok(true) => {}
                _ => break,
            }
            if i == 0 {
                width = record.len();
            }
            if record.len() == width {
                consistent += 1;
            }
        }
        if width > 1 && (consistent, width) > (best.0, best.1) {
            best = (consistent, width, d);
        }
    }
    best.2
}

pub(crate) fn detect_terminator(bytes: &[u8]) -> LineTerminator {
    match bytes.iter().position(|b| *b == b'\n' || *b == b'\r') {
        Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => LineTerminator::CrLf,
        Some(i) if bytes[i] == b'\r' => LineTerminator::Cr,
        _ => LineTerminator::Lf,
    }
}

pub(crate) fn line_of(bytes: &[u8], pos: usize) -> usize {
    1 + bytes[..pos.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// Checks the bytes are UTF-8 text (not binary), with the position of the first problem.
pub(crate) fn check_text(bytes: &[u8]) -> Result<(), LoadError> {
    if let Some(byte) = memchr_nul(bytes) {
        return Err(LoadError::Binary {
            byte,
            line: line_of(bytes, byte),
        });
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let byte = e.valid_up_to();
        return Err(LoadError::InvalidUtf8 {
            byte,
            line: line_of(bytes, byte),
        });
    }
    Ok(())
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// The line breaks at the end of a record's bytes, as offsets just after
/// each break: the first ends the record, each further one is an empty line.
pub(crate) fn line_breaks(slice: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut i = slice.len();
    while i > 0 && matches!(slice[i - 1], b'\r' | b'\n') {
        i -= 1;
    }
    std::iter::from_fn(move || {
        if i >= slice.len() {
            return None;
        }
        i += if slice[i] == b'\r' && slice.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        Some(i)
    })
}

/// Whether the last record leaves a quoted field open at the end of the file.
pub(crate) fn unclosed_quote(record: &[u8], delimiter: u8) -> bool {
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut i = 0;
    while i < record.len() {
        let b = record[i];
        if in_quotes {
            if b == b'"' {
                if record.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if at_field_start && b == b'"' {
            in_quotes = true;
            at_field_start = false;
        } else {
            at_field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    in_quotes
}

/// Reads CSV bytes into a [`Table`]. The first record is the header.
///
/// Errors: binary content, invalid UTF-8 (with byte offset and line), a
/// quoted field left open at the end of the file. Rows of the wrong width
/// load as they are (validation reports them as extra or missing cells).
pub fn load_csv(bytes: &[u8], options: CsvOptions) -> Result<Table, LoadError> {
    let bom = bytes.starts_with(BOM);
    let offset = if bom { BOM.len() } else { 0 };
    let body = &bytes[offset..];
    if let Some(byte) = memchr_nul(body) {
        return Err(LoadError::Binary {
            byte: offset + byte,
            line: line_of(body, byte),
        });
    }
    let delimiter = options.delimiter.unwrap_or_else(|| sniff_delimiter(body));
    let mut terminator_seen = false;
    let mut dialect = Dialect {
        delimiter,
        quote: b'"',
        terminator: detect_terminator(body),
        bom,
    };

    let mut records = super::records::Records::new(body, delimiter);
    let mut rows: Vec<Row> = Vec::new();
    let (mut line, mut line_pos) = (1u64, 0usize);
    let mut previous: Option<(usize, u64, String, Vec<u32>)> = None;
    let mut final_newline = false;
    let mut count = 0usize;
    // Each record's span runs to the next record's start; the line breaks at
    // its end are its terminator, then one blank row per empty line.
    let mut finish = |(start, line, text, ends): (usize, u64, String, Vec<u32>),
                      next: usize,
                      rows: &mut Vec<Row>| {
        let mut breaks = line_breaks(&body[start..next]);
        let first_break = breaks.next();
        let own_end = start + first_break.unwrap_or(next - start);
        if !terminator_seen && first_break.is_some() {
            // The dialect's line ending is the one that ends the first record
            // (a newline inside a quoted header cell does not count).
            terminator_seen = true;
            dialect.terminator = match &body[start..own_end] {
                [.., b'\r', b'\n'] => LineTerminator::CrLf,
                [.., b'\r'] => LineTerminator::Cr,
                _ => LineTerminator::Lf,
            };
        }
        let span_start = if rows.is_empty() { 0 } else { start };
        rows.push(Row::from_parts(
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
            rows.push(Row::from_parts(
                String::new(),
                Vec::new(),
                offset + prev..offset + start + b,
                n,
            ));
            prev = start + b;
        }
        first_break.is_some()
    };
    while let Some(record) = records.next_record() {
        let start = record.start;
        line += memchr::memchr_iter(b'\n', &body[line_pos..start]).count() as u64;
        line_pos = start;
        let text = match simdutf8::basic::from_utf8(record.fields) {
            Ok(t) => t.to_owned(),
            Err(_) => {
                // Find the exact offset in the record's raw bytes.
                let at = start
                    + std::str::from_utf8(&body[start..])
                        .err()
                        .map_or(0, |e| e.valid_up_to());
                return Err(LoadError::InvalidUtf8 {
                    byte: offset + at,
                    line: line_of(body, at),
                });
            }
        };
        let ends = record.ends.iter().map(|&e| e as u32).collect();
        if let Some(p) = previous.take() {
            finish(p, start, &mut rows);
        }
        previous = Some((start, line, text, ends));
        count += 1;
    }
    if let Some(last) = previous {
        if unclosed_quote(&body[last.0..], delimiter) {
            return Err(LoadError::UnclosedQuote {
                line: last.1 as usize,
                byte: offset + last.0,
            });
        }
        final_newline = finish(last, body.len(), &mut rows);
    }
    let mut rows = rows.into_iter();
    let header = rows.next().unwrap_or_else(|| {
        // No record at all: only line breaks (or nothing). Keep them.
        Row::from_parts(String::new(), Vec::new(), offset..bytes.len(), 1)
    });
    let final_newline = final_newline || (count == 0 && !body.is_empty());
    Ok(Table {
        dialect,
        header,
        rows: rows.collect(),
        source: Arc::new(bytes.to_vec()),
        final_newline,
    })
}
