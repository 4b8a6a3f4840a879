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
const BOM: &[u8] = b"\xEF\xBB\xBF";

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
    let mut end = bytes.len().min(64 * 1024);
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

fn detect_terminator(bytes: &[u8]) -> LineTerminator {
    match bytes.iter().position(|b| *b == b'\n' || *b == b'\r') {
        Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => LineTerminator::CrLf,
        Some(i) if bytes[i] == b'\r' => LineTerminator::Cr,
        _ => LineTerminator::Lf,
    }
}

fn line_of(bytes: &[u8], pos: usize) -> usize {
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
    bytes.iter().position(|b| *b == 0)
}

/// Splits the trailing line breaks of a record's bytes: returns the length of
/// the record's own terminator and the spans of the empty lines after it.
fn line_breaks(slice: &[u8]) -> Vec<usize> {
    let mut tail_start = slice.len();
    while tail_start > 0 && matches!(slice[tail_start - 1], b'\r' | b'\n') {
        tail_start -= 1;
    }
    let mut breaks = Vec::new();
    let mut i = tail_start;
    while i < slice.len() {
        let len = if slice[i] == b'\r' && slice.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        i += len;
        breaks.push(i);
    }
    breaks
}

/// Whether the last record leaves a quoted field open at the end of the file.
fn unclosed_quote(record: &[u8], delimiter: u8) -> bool {
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
    check_text(body).map_err(|e| e.shifted(offset))?;
    let delimiter = options.delimiter.unwrap_or_else(|| sniff_delimiter(body));
    let mut terminator_seen = false;
    let mut dialect = Dialect {
        delimiter,
        quote: b'"',
        terminator: detect_terminator(body),
        bom,
    };

    let mut rdr = reader(delimiter, body);
    let mut record = csv::ByteRecord::new();
    let mut pending: Vec<(usize, u64, String, Vec<u32>)> = Vec::new();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(LoadError::Csv(e.to_string())),
        }
        let mut pos = record
            .position()
            .map(|p| (p.byte() as usize, p.line()))
            .unwrap_or((0, 1));
        // The reported start includes the empty lines skipped before the record.
        while matches!(body.get(pos.0), Some(b'\r' | b'\n')) {
            if body[pos.0] == b'\n' {
                pos.1 += 1;
            }
            pos.0 += 1;
        }
        let text =
            String::from_utf8(record.as_slice().to_vec()).map_err(|_| LoadError::InvalidUtf8 {
                byte: offset + pos.0,
                line: pos.1 as usize,
            })?;
        let mut ends = Vec::with_capacity(record.len());
        let mut end = 0u32;
        for field in record.iter() {
            end += field.len() as u32;
            ends.push(end);
        }
        pending.push((pos.0, pos.1, text, ends));
    }

    let mut rows: Vec<Row> = Vec::with_capacity(pending.len());
    let starts: Vec<usize> = pending.iter().map(|p| p.0).collect();
    let count = pending.len();
    if let Some(last) = starts.last()
        && unclosed_quote(&body[*last..], delimiter)
    {
        return Err(LoadError::UnclosedQuote {
            line: pending[count - 1].1 as usize,
            byte: offset + last,
        });
    }
    let mut final_newline = false;
    for (k, (start, line, text, ends)) in pending.into_iter().enumerate() {
        let next = starts.get(k + 1).copied().unwrap_or(body.len());
        let breaks = line_breaks(&body[start..next]);
        let own_end = start + breaks.first().copied().unwrap_or(next - start);
        if !terminator_seen && !breaks.is_empty() {
            // The dialect's line ending is the one that ends the first record
            // (a newline inside a quoted header cell does not count).
            terminator_seen = true;
            dialect.terminator = match &body[start..own_end] {
                [.., b'\r', b'\n'] => LineTerminator::CrLf,
                [.., b'\r'] => LineTerminator::Cr,
                _ => LineTerminator::Lf,
            };
        }
        let span_start = if k == 0 { 0 } else { start };
        rows.push(Row::from_parts(
            text,
            ends,
            offset + span_start..offset + own_end,
            line,
        ));
        let mut prev = own_end;
        let mut blank_line =
            line + body[start..own_end].iter().filter(|b| **b == b'\n').count() as u64;
        for b in breaks.iter().skip(1) {
            blank_line += 1;
            rows.push(Row::from_parts(
                String::new(),
                Vec::new(),
                offset + prev..offset + start + b,
                blank_line,
            ));
            prev = start + b;
        }
        if k + 1 == count {
            final_newline = !breaks.is_empty();
        }
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
        source: Arc::from(bytes),
        final_newline,
    })
}
