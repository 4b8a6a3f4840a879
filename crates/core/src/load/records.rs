//! Records read straight from the input bytes, with the `csv` crate's
//! reading rules (a quote opens a quoted field only as a field's first byte,
//! `""` inside quotes is one quote, bytes after a closing quote are kept,
//! `\n`, `\r` and `\r\n` end a record, empty lines are skipped, a quoted
//! field left open runs to the end of the input). Fields are found with
//! `memchr`, many times faster than a byte-by-byte parser on long texts;
//! a property test checks the records are those `csv-core` reads.

use memchr::{memchr, memchr3};

/// A reader over a whole in-memory file.
pub(crate) struct Records<'a> {
    input: &'a [u8],
    delimiter: u8,
    pos: usize,
    ends: Vec<u32>,
}

/// One record: where it starts in the input and where its fields' bytes end.
pub(crate) struct Record<'r> {
    pub start: usize,
    /// Where the next record is looked for (after the line break).
    pub next: usize,
    /// The end of each field's bytes (closing quote included) relative to
    /// `start`, with [`QUOTED`] set for a quoted field; the next field
    /// starts one byte (the delimiter) later.
    pub ends: &'r [u32],
    /// Every quoted field is a plain `"…"`: no doubled quote, nothing after
    /// the closing quote. Each field's text is then a slice of the input
    /// (its bytes without the quotes); otherwise see [`unescape`].
    pub clean: bool,
}

const QUOTE: u8 = b'"';
pub(crate) use crate::table::QUOTED;

/// The text of a field of a clean record: its bytes without the quotes.
#[cfg(test)]
fn field_text(raw: &[u8]) -> &[u8] {
    match raw {
        [QUOTE, inner @ .., QUOTE] => inner,
        _ => raw,
    }
}

/// Appends the text of a field given its bytes: a quoted part with `""`
/// read as one quote, then the bytes after the closing quote as they are.
pub(crate) fn unescape(raw: &[u8], out: &mut Vec<u8>) {
    let [QUOTE, rest @ ..] = raw else {
        out.extend_from_slice(raw);
        return;
    };
    let mut pos = 0;
    loop {
        match memchr(QUOTE, &rest[pos..]) {
            None => {
                out.extend_from_slice(&rest[pos..]);
                return;
            }
            Some(i) => {
                out.extend_from_slice(&rest[pos..pos + i]);
                pos += i + 1;
                if rest.get(pos) == Some(&QUOTE) {
                    out.push(QUOTE);
                    pos += 1;
                } else {
                    out.extend_from_slice(&rest[pos..]);
                    return;
                }
            }
        }
    }
}

impl<'a> Records<'a> {
    pub(crate) fn new(input: &'a [u8], delimiter: u8) -> Records<'a> {
        Records {
            input,
            delimiter,
            pos: 0,
            ends: Vec::with_capacity(64),
        }
    }

    /// A reader over `input` that starts at byte `pos` (a record start).
    pub(crate) fn resume(input: &'a [u8], delimiter: u8, pos: usize) -> Records<'a> {
        let mut records = Records::new(input, delimiter);
        records.pos = pos;
        records
    }

    /// The next record, or `None` at the end of the input.
    pub(crate) fn next_record(&mut self) -> Option<Record<'_>> {
        let input = self.input;
        let n = input.len();
        let mut pos = self.pos;
        while pos < n && matches!(input[pos], b'\n' | b'\r') {
            pos += 1;
        }
        if pos >= n {
            self.pos = n;
            return None;
        }
        let start = pos;
        let mut clean = true;
        self.ends.clear();
        loop {
            let quoted = input.get(pos) == Some(&QUOTE);
            if quoted {
                pos += 1;
                loop {
                    match memchr(QUOTE, &input[pos..]) {
                        None => {
                            pos = n;
                            clean = false;
                            break;
                        }
                        Some(i) => {
                            pos += i + 1;
                            if input.get(pos) == Some(&QUOTE) {
                                clean = false;
                                pos += 1;
                            } else {
                                break;
                            }
                        }
                    }
                }
            }
            let rest = &input[pos..];
            let end = memchr3(self.delimiter, b'\n', b'\r', rest).unwrap_or(rest.len());
            if quoted && end > 0 {
                clean = false;
            }
            pos += end;
            let rel = u32::try_from(pos - start)
                .ok()
                .filter(|r| *r < QUOTED)
                .expect("a CSV record shorter than 2 GiB");
            self.ends.push(if quoted { rel | QUOTED } else { rel });
            if pos >= n {
                break;
            }
            if input[pos] == self.delimiter {
                pos += 1;
                continue;
            }
            pos += if input[pos] == b'\r' && input.get(pos + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            break;
        }
        self.pos = pos;
        Some(Record {
            start,
            next: pos,
            ends: &self.ends,
            clean,
        })
    }
}

impl Record<'_> {
    /// The raw bytes of each field.
    pub(crate) fn fields<'i>(&self, input: &'i [u8]) -> impl Iterator<Item = &'i [u8]> {
        let mut from = self.start;
        self.ends.iter().map(move |&e| {
            let end = self.start + (e & !QUOTED) as usize;
            let raw = &input[from..end];
            from = end + 1;
            raw
        })
    }

    /// The fields' texts one after the other, and the end of each
    /// (for a record that is not clean).
    pub(crate) fn unescaped(&self, input: &[u8]) -> (Vec<u8>, Vec<u32>) {
        let mut text = Vec::with_capacity(self.ends.last().map_or(0, |e| (e & !QUOTED) as usize));
        let mut ends = Vec::with_capacity(self.ends.len());
        for raw in self.fields(input) {
            unescape(raw, &mut text);
            ends.push(u32::try_from(text.len()).expect("a CSV record shorter than 4 GiB"));
        }
        (text, ends)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Records as the `csv` crate reads them.
    fn reference(input: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(input);
        rdr.byte_records()
            .map(|r| r.unwrap().iter().map(<[u8]>::to_vec).collect())
            .collect()
    }

    fn ours(input: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
        let mut records = Records::new(input, delimiter);
        let mut out = Vec::new();
        while let Some(r) = records.next_record() {
            let fields: Vec<Vec<u8>> = if r.clean {
                r.fields(input).map(|f| field_text(f).to_vec()).collect()
            } else {
                let (text, ends) = r.unescaped(input);
                let mut prev = 0;
                ends.iter()
                    .map(|&e| {
                        let f = text[prev..e as usize].to_vec();
                        prev = e as usize;
                        f
                    })
                    .collect()
            };
            // Both ways give the same texts on a clean record.
            let (text, ends) = r.unescaped(input);
            let mut prev = 0;
            let again: Vec<Vec<u8>> = ends
                .iter()
                .map(|&e| {
                    let f = text[prev..e as usize].to_vec();
                    prev = e as usize;
                    f
                })
                .collect();
            assert_eq!(fields, again);
            out.push(fields);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn same_records_as_the_csv_crate(
            input in proptest::collection::vec(prop::sample::select(b"ab,;\"\r\n \xc3\xa9".to_vec()), 0..40),
            semicolon in any::<bool>(),
        ) {
            let d = if semicolon { b';' } else { b',' };
            prop_assert_eq!(ours(&input, d), reference(&input, d));
        }
    }

    #[test]
    fn tricky_inputs() {
        for input in [
            &b"a,\"b\"\"c\"d,\"e\nf\"\r\n\r\n\"g"[..],
            b"\"\"",
            b"\"",
            b"a,b,",
            b"\r\ra\r\rb\n",
            b"\"a\"\"\"",
            b"x,\"y\"z\"w\",v",
        ] {
            assert_eq!(
                ours(input, b','),
                reference(input, b','),
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
    }
}
