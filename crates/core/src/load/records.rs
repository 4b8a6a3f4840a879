//! Records read straight from the input bytes with `csv-core` (the `csv`
//! crate's parser), which reports exactly how many bytes each record used,
//! so every record's span in the file is known without extra bookkeeping.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// A reader over a whole in-memory file.
pub(crate) struct Records<'a> {
    reader: Reader,
    input: &'a [u8],
    pos: usize,
    fields: Vec<u8>,
    ends: Vec<usize>,
    finished: bool,
}

/// One record: where it starts in the input, and its fields (unquoted).
pub(crate) struct Record<'r> {
    pub start: usize,
    pub fields: &'r [u8],
    pub ends: &'r [usize],
}

impl<'a> Records<'a> {
    pub(crate) fn new(input: &'a [u8], delimiter: u8) -> Records<'a> {
        let reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .quote(b'"')
            .double_quote(true)
            .build();
        Records {
            reader,
            input,
            pos: 0,
            fields: vec![0; 4096],
            ends: vec![0; 64],
            finished: false,
        }
    }

    /// The next record, or `None` at the end of the input.
    pub(crate) fn next_record(&mut self) -> Option<Record<'_>> {
        if self.finished {
            return None;
        }
        // Empty lines before a record are skipped by the parser; the record
        // itself starts after them.
        let mut start = self.pos;
        while matches!(self.input.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let (mut nfields, mut nends) = (0, 0);
        loop {
            let (res, nin, nout, nend) = self.reader.read_record(
                &self.input[self.pos..],
                &mut self.fields[nfields..],
                &mut self.ends[nends..],
            );
            self.pos += nin;
            nfields += nout;
            nends += nend;
            match res {
                // All the input was given: the next call, with nothing left,
                // tells the parser the file has ended.
                ReadRecordResult::InputEmpty => continue,
                ReadRecordResult::OutputFull => {
                    let len = self.fields.len();
                    self.fields.resize(len * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len();
                    self.ends.resize(len * 2, 0);
                }
                ReadRecordResult::Record => {
                    return Some(Record {
                        start,
                        fields: &self.fields[..nfields],
                        ends: &self.ends[..nends],
                    });
                }
                ReadRecordResult::End => {
                    self.finished = true;
                    return None;
                }
            }
        }
    }
}
