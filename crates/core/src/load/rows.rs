//! Records turned into rows: a record's own bytes end at its first line
//! break, and each further empty line before the next record is a blank
//! row, so a record's row is complete only once the next record starts.

use super::csv::line_breaks;
use super::records::Record;
use crate::table::{LineTerminator, QUOTED, Row, RowSpan, Source};

/// The last record read, whose bytes run to the next record.
#[derive(Clone, Copy)]
pub(crate) struct Pending {
    /// Where the record starts in the buffer.
    pub start: usize,
    pub line: u64,
    /// Its row in [`RowBuilder::rows`].
    row: usize,
}

/// Builds the rows of the records of one buffer (the BOM, when there is one,
/// is at its start).
pub(crate) struct RowBuilder {
    /// Where the data starts in the buffer (after the BOM).
    pub body_start: usize,
    /// The line of the record at `line_pos`.
    pub line: u64,
    pub line_pos: usize,
    /// The bytes from `line_pos` to here hold no line break: the fields of
    /// the last record, when none is quoted (only a quoted field can hold
    /// one), so that only the bytes after them are counted.
    unbroken_to: usize,
    pub previous: Option<Pending>,
    pub rows: Vec<Row>,
    /// Records read.
    pub records: usize,
    /// The line ending of the first record, once seen.
    pub terminator: Option<LineTerminator>,
}

/// A record's text is not UTF-8.
pub(crate) struct NotText;

impl RowBuilder {
    pub(crate) fn new(body_start: usize) -> RowBuilder {
        RowBuilder {
            body_start,
            line: 1,
            line_pos: body_start,
            unbroken_to: body_start,
            previous: None,
            rows: Vec::new(),
            records: 0,
            terminator: None,
        }
    }

    /// Takes in a record of `buf` (rows refer to `source` when given, else
    /// get it later with [`Row::attach`]); the previous record's row is
    /// completed.
    pub(crate) fn read(
        &mut self,
        buf: &[u8],
        record: &Record<'_>,
        source: Option<&Source>,
    ) -> Result<(), NotText> {
        let start = record.start;
        let from = self.unbroken_to.clamp(self.line_pos, start);
        self.line += memchr::memchr_iter(b'\n', &buf[from..start]).count() as u64;
        self.line_pos = start;
        self.unbroken_to = match record.ends.last() {
            Some(&last) if record.ends.iter().all(|e| e & QUOTED == 0) => start + last as usize,
            _ => start,
        };
        if let Some(previous) = self.previous.take() {
            self.close(buf, previous, start, source);
        }
        let span = RowSpan {
            // The header's bytes include the empty lines before it.
            raw: if self.rows.is_empty() {
                self.body_start..start
            } else {
                start..start
            },
            cells_start: start,
            line: self.line,
        };
        let row = if record.clean {
            Row::spans(span, record.ends, source)
        } else {
            let (text, ends) = record.unescaped(buf);
            let text = String::from_utf8(text).map_err(|_| NotText)?;
            Row::unescaped(span, text, ends, source)
        };
        self.previous = Some(Pending {
            start,
            line: self.line,
            row: self.rows.len(),
        });
        self.rows.push(row);
        self.records += 1;
        Ok(())
    }

    /// Completes the last record's row, its bytes running to `end`; returns
    /// whether it ends with a line break.
    pub(crate) fn close_last(&mut self, buf: &[u8], end: usize, source: Option<&Source>) -> bool {
        match self.previous.take() {
            Some(last) => self.close(buf, last, end, source),
            None => false,
        }
    }

    /// Completes a record's row whose bytes run to `next`: its own bytes up
    /// to its first line break, then one blank row per empty line.
    fn close(&mut self, buf: &[u8], record: Pending, next: usize, source: Option<&Source>) -> bool {
        let Pending { start, line, row } = record;
        let mut breaks = line_breaks(&buf[start..next]);
        let first_break = breaks.next();
        let own_end = start + first_break.unwrap_or(next - start);
        if self.terminator.is_none() && first_break.is_some() {
            // The dialect's line ending is the one that ends the first record
            // (a newline inside a quoted header cell does not count).
            self.terminator = Some(match &buf[start..own_end] {
                [.., b'\r', b'\n'] => LineTerminator::CrLf,
                [.., b'\r'] => LineTerminator::Cr,
                _ => LineTerminator::Lf,
            });
        }
        self.rows[row].set_raw_end(own_end);
        let mut prev = own_end;
        let mut blank_line = None;
        for b in breaks {
            let n = *blank_line.get_or_insert_with(|| {
                line + memchr::memchr_iter(b'\n', &buf[start..own_end]).count() as u64
            }) + 1;
            blank_line = Some(n);
            let span = RowSpan {
                raw: prev..start + b,
                cells_start: prev,
                line: n,
            };
            self.rows.push(Row::spans(span, &[], source));
            prev = start + b;
        }
        first_break.is_some()
    }

    /// The last record's row moves to a buffer that starts at `boundary`
    /// (its start) of this one; returns how many rows came before it.
    pub(crate) fn rebase(&mut self, boundary: usize) -> usize {
        let Some(previous) = self.previous.as_mut() else {
            return self.rows.len();
        };
        debug_assert_eq!(previous.start, boundary);
        previous.start -= boundary;
        self.line_pos -= boundary;
        self.unbroken_to -= boundary;
        self.body_start = 0;
        self.rows[previous.row].rebase(boundary);
        previous.row
    }

    /// Where the buffer can be cut so that the rows before the cut are
    /// complete: the start of the last record, when a complete row precedes it.
    pub(crate) fn boundary(&self) -> Option<usize> {
        self.previous
            .filter(|p| p.row > 0 && self.line_pos == p.start)
            .map(|p| p.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::records::Records;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Only the bytes that may hold a line break are counted: the line
        /// of each record is still one more than the `\n` before it.
        #[test]
        fn each_record_is_on_the_line_of_its_first_byte(
            input in proptest::collection::vec(prop::sample::select(b"a,\"\r\n".to_vec()), 0..60),
        ) {
            let mut records = Records::new(&input, b',');
            let mut builder = RowBuilder::new(0);
            while let Some(record) = records.next_record() {
                let expected = 1 + memchr::memchr_iter(b'\n', &input[..record.start]).count();
                prop_assert!(builder.read(&input, &record, None).is_ok());
                prop_assert_eq!(builder.rows.last().map(Row::line), Some(expected as u64));
            }
        }
    }
}
