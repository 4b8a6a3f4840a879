//! CSV loading (the `csv` crate's reading rules, see `records.rs`):
//! dialect sniffing, BOM, CRLF/LF/CR, quoted delimiters and newlines; each
//! row keeps the span of its bytes.

use std::sync::Arc;

use super::LoadError;
use super::rows::{NotText, RowBuilder};
use crate::table::{Dialect, LineTerminator, Row, RowSpan, Source, Table};

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
        // The records the loader reads (the `csv` crate's reading rules).
        let mut records = super::records::Records::new(sample, d);
        let mut width = 0;
        let mut consistent = 0;
        for i in 0..50 {
            let Some(record) = records.next_record() else {
                break;
            };
            let len = record.ends.len();
            if i == 0 {
                width = len;
                if width <= 1 {
                    // Never chosen (see below): the rest is not read.
                    break;
                }
            }
            if len == width {
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
///
/// The table keeps one copy of the bytes, shared by its rows (see
/// [`load_csv_owned`] to hand over the buffer instead).
pub fn load_csv(bytes: &[u8], options: CsvOptions) -> Result<Table, LoadError> {
    check_binary(bytes)?;
    match copy_text(bytes) {
        Some(text) => load_text(Arc::new(text), options),
        None => Err(invalid_utf8(bytes)),
    }
}

/// The bytes as text if they are UTF-8, checked and copied a slice at a
/// time (each slice is copied while still in cache from its check).
fn copy_text(bytes: &[u8]) -> Option<String> {
    const SLICE: usize = 64 << 10;
    let mut text = super::buffer::text_buffer(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        let mut end = rest.len().min(SLICE);
        // Cut before a character, not inside one (a character has at most
        // three continuation bytes; more means the bytes are not UTF-8).
        for _ in 0..3 {
            if end < rest.len() && rest[end] & 0xC0 == 0x80 {
                end -= 1;
            }
        }
        text.push_str(simdutf8::basic::from_utf8(&rest[..end]).ok()?);
        rest = &rest[end..];
    }
    Some(text)
}

/// [`load_csv`] on a buffer the table then keeps: the rows refer to it, no
/// byte is copied.
pub fn load_csv_owned(bytes: Vec<u8>, options: CsvOptions) -> Result<Table, LoadError> {
    check_binary(&bytes)?;
    match String::from_utf8(bytes) {
        Ok(text) => load_text(Arc::new(text), options),
        Err(e) => Err(invalid_utf8(e.as_bytes())),
    }
}

/// A NUL byte makes the file binary.
fn check_binary(bytes: &[u8]) -> Result<(), LoadError> {
    let offset = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    match memchr_nul(&bytes[offset..]) {
        Some(byte) => Err(LoadError::Binary {
            byte: offset + byte,
            line: line_of(bytes, offset + byte),
        }),
        None => Ok(()),
    }
}

/// The error for bytes that are not UTF-8, at the first invalid byte.
pub(crate) fn invalid_utf8(bytes: &[u8]) -> LoadError {
    let byte = std::str::from_utf8(bytes)
        .err()
        .map_or(bytes.len(), |e| e.valid_up_to());
    LoadError::InvalidUtf8 {
        byte,
        line: line_of(bytes, byte),
    }
}

/// About how many rows the file has, from the lines of its first 64 KiB
/// (a little more, so that the rows are not moved once more at the end;
/// at most one per two bytes).
fn estimated_rows(body: &[u8]) -> usize {
    let sample = &body[..body.len().min(SNIFF_BYTES)];
    let lines = memchr::memchr_iter(b'\n', sample).count() + 1;
    let estimate = body.len() / sample.len().max(1) * lines;
    (estimate + estimate / 16).min(body.len() / 2)
}

/// Reads the records of a whole file's text into rows that refer to it.
fn load_text(source: Source, options: CsvOptions) -> Result<Table, LoadError> {
    let bytes = source.as_bytes();
    let bom = bytes.starts_with(BOM);
    let offset = if bom { BOM.len() } else { 0 };
    let body = &bytes[offset..];
    let delimiter = options.delimiter.unwrap_or_else(|| sniff_delimiter(body));
    let mut records = super::records::Records::resume(bytes, delimiter, offset);
    let mut builder = RowBuilder::new(offset);
    builder.rows.reserve(estimated_rows(body));
    while let Some(record) = records.next_record() {
        if let Err(NotText) = builder.read(bytes, &record, Some(&source)) {
            return Err(invalid_utf8(bytes));
        }
    }
    if let Some(last) = builder.previous
        && unclosed_quote(&bytes[last.start..], delimiter)
    {
        return Err(LoadError::UnclosedQuote {
            line: last.line as usize,
            byte: last.start,
        });
    }
    let final_newline = builder.close_last(bytes, bytes.len(), Some(&source));
    let final_newline = final_newline || (builder.records == 0 && !body.is_empty());
    let dialect = Dialect {
        delimiter,
        quote: b'"',
        terminator: builder
            .terminator
            .unwrap_or_else(|| detect_terminator(body)),
        bom,
    };
    if builder.rows.capacity() > builder.rows.len() + builder.rows.len() / 8 {
        // Records much longer than a line of the sample: give back the room.
        builder.rows.shrink_to_fit();
    }
    let mut rows = builder.rows.into_iter();
    let header = rows.next().unwrap_or_else(|| {
        // No record at all: only line breaks (or nothing). Keep them.
        let span = RowSpan {
            raw: offset..bytes.len(),
            cells_start: offset,
            line: 1,
        };
        Row::spans(span, &[], Some(&source))
    });
    Ok(Table {
        dialect,
        header,
        rows: rows.collect(),
        final_newline,
    })
}

#[cfg(test)]
mod tests {
    use super::copy_text;

    #[test]
    fn text_copied_in_slices_is_checked_across_their_cuts() {
        for shift in 0..5 {
            let mut text = "a".repeat((64 << 10) - shift);
            text.push_str(&"é€😀".repeat(10));
            text.push_str(&"b".repeat(70_000));
            assert_eq!(copy_text(text.as_bytes()).as_deref(), Some(text.as_str()));
            for cut in [(64 << 10) - 1, 64 << 10, (64 << 10) + 1, 128 << 10] {
                let mut bytes = text.clone().into_bytes();
                bytes[cut] = 0xff;
                assert_eq!(copy_text(&bytes), None);
                let mut bytes = text.clone().into_bytes();
                bytes.truncate(cut);
                assert_eq!(
                    copy_text(&bytes),
                    std::str::from_utf8(&bytes).ok().map(String::from)
                );
            }
        }
    }

    fn reader(delimiter: u8, bytes: &[u8]) -> csv::Reader<&[u8]> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .quote(b'"')
            .double_quote(true)
            .from_reader(bytes)
    }

    /// The sniffer as it was written first: every candidate reads its 50
    /// records with the `csv` crate, even one whose header has a single
    /// column.
    fn sniff_reading_everything(bytes: &[u8]) -> u8 {
        let sample = &bytes[..bytes.len().min(super::SNIFF_BYTES)];
        let mut best = (0usize, 0usize, b',');
        for d in super::CANDIDATES {
            let mut rdr = reader(d, sample);
            let mut record = csv::ByteRecord::new();
            let (mut width, mut consistent) = (0, 0);
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

    proptest::proptest! {
        #[test]
        fn candidates_left_after_their_header_pick_the_same_delimiter(
            text in "[ab,;\t|\"\n]{0,200}"
        ) {
            proptest::prop_assert_eq!(
                super::sniff_delimiter(text.as_bytes()),
                sniff_reading_everything(text.as_bytes())
            );
        }

        /// The sniffer reads its records with the loader's reader, which
        /// reads what the `csv` crate reads: quoted delimiters and line
        /// breaks, doubled quotes, text after a closing quote, CR, CRLF.
        #[test]
        fn records_are_counted_as_the_csv_crate_reads_them(
            text in "([ab,;\t|\"\r\n]|\"\"|\r\n){0,300}"
        ) {
            proptest::prop_assert_eq!(
                super::sniff_delimiter(text.as_bytes()),
                sniff_reading_everything(text.as_bytes())
            );
        }
    }
}
