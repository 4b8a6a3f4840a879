//! The first rows of a file of some size (from [`PREVIEW_FROM`]), shown
//! while the rest downloads and is indexed: a plain table under the progress bar, marked busy, with nothing
//! to act on (no counts, filters or sort until they are true for the whole
//! file). The reader replaces it once the load is complete.

use crate::attrs::Attrs;
use crate::cell::text_content;
use crate::column_chooser::initial_columns;
use crate::dataset::Dataset;
use crate::i18n::strings;
use crate::load::Progress;
use crate::progress_bar::ProgressBar;
use std::ops::Range;
use vitrine_core::load::{CsvLoader, sniff_delimiter};
use vitrine_core::{CsvOptions, Table};
use yew::prelude::*;

/// Files smaller than this load whole before anything is shown: a few
/// hundred rows at most, read and indexed in little more time than the
/// preview's own render (it would only flash). From this size on (the
/// catalogues of a few hundred projects, about 500 KB, included), the
/// first rows are shown before the whole file is read and indexed.
const PREVIEW_FROM: usize = 256 << 10;
/// Rows of the preview: what the grid's scroller shows at its tallest
/// (`max-height: min(70vh, 40rem)` in `vitrine.css`: 640 px at the usual
/// 16 px root size, 14 rows of 44 px under the header). More would only
/// make the first layout longer (all rows are laid out).
const ROWS: usize = 15;
/// What the loader reads to sniff the delimiter.
const SNIFF_BYTES: usize = 64 * 1024 + 3;
/// Bytes kept for the preview at most while waiting for its rows.
const MAX_HEAD: usize = 1 << 20;
/// Same row height as the table view's.
const ROW_HEIGHT: usize = 44;

/// Keeps the first bytes of a download until its first rows are read.
pub struct FirstRows {
    /// `None` once the preview is made or given up (or for a small file).
    head: Option<Vec<u8>>,
    /// The announced size of the file.
    total: Option<usize>,
    /// Reads the head as it comes in, to find where the first rows end
    /// (a record may hold line breaks); made once the delimiter is sniffed.
    reader: Option<(CsvLoader, CsvOptions)>,
    /// Bytes of the head given to the reader.
    read: usize,
}

/// Bytes of the head copied and read at a time: the first rows are found
/// without copying or reading much more of the file than they need.
const PIECE: usize = SNIFF_BYTES + 1;

impl FirstRows {
    /// For a download of `total` bytes when the server announced them.
    pub fn new(total: Option<usize>) -> FirstRows {
        FirstRows {
            head: total.is_none_or(|t| t >= PREVIEW_FROM).then(Vec::new),
            total,
            reader: None,
            read: 0,
        }
    }

    /// How many more bytes it waits for (0 once the preview is made or
    /// given up).
    fn wanted(&self) -> usize {
        self.head
            .as_ref()
            .map_or(0, |head| MAX_HEAD.saturating_sub(head.len()))
    }

    /// The first rows, once they are in, from the next chunk of the file
    /// (`len` bytes): `copy(range, into)` copies the bytes of the chunk in
    /// `range`, only those it needs (a piece at a time, up to [`MAX_HEAD`]
    /// in all), so the rest of the chunk waits until they are shown.
    pub fn take_from(
        &mut self,
        len: usize,
        copy: impl Fn(Range<usize>, &mut [u8]),
    ) -> Option<Table> {
        let mut at = 0;
        while at < len {
            let n = self.wanted().min(PIECE).min(len - at);
            let head = self.head.as_mut().filter(|_| n > 0)?;
            let kept = head.len();
            head.resize(kept + n, 0);
            copy(at..at + n, &mut head[kept..]);
            at += n;
            if let Some(table) = self.take() {
                return Some(table);
            }
        }
        None
    }

    /// The table of the first rows, once: when the file is large enough
    /// (its announced size, else the bytes in so far) and its first rows
    /// are in.
    fn take(&mut self) -> Option<Table> {
        let head = self.head.as_ref()?;
        // The loader sniffs the delimiter on the first 64 KiB: wait for them.
        let large = self.total.unwrap_or(head.len()) >= PREVIEW_FROM;
        if !large || head.len() <= SNIFF_BYTES {
            return None;
        }
        let (reader, options) = self.reader.get_or_insert_with(|| {
            let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
            let options = CsvOptions {
                delimiter: Some(sniff_delimiter(body)),
            };
            (CsvLoader::new(options), options)
        });
        while reader.rows_parsed() < ROWS && self.read < head.len() {
            let next = (self.read + PIECE).min(head.len());
            reader.push(&head[self.read..next]);
            self.read = next;
            while reader.rows_parsed() < ROWS {
                let before = reader.bytes_parsed();
                reader.step(1);
                if reader.bytes_parsed() == before {
                    break; // the next record is not complete yet
                }
            }
        }
        if reader.rows_parsed() < ROWS {
            if head.len() >= MAX_HEAD {
                self.done(); // rows too long for a preview
            }
            return None;
        }
        let end = reader.bytes_parsed().min(head.len());
        let mut rows = CsvLoader::new(*options);
        rows.push(&head[..end]);
        rows.end();
        self.done();
        rows.finish().ok()
    }

    /// Drops what it kept: the preview is made or given up.
    fn done(&mut self) {
        self.head = None;
        self.reader = None;
    }
}

/// The progress bar over the first rows of `dataset` (a plain function,
/// not a component: it has no state, and the app re-renders it with each
/// progress report anyway).
pub fn preview(dataset: &Dataset, attrs: &Attrs, progress: Option<Progress>) -> Html {
    let lang = attrs.lang;
    let s = strings(lang);
    let columns = initial_columns(dataset, attrs);
    let headers = columns.iter().map(|&field| {
        html! {
            <th scope="col"><span class="vt-header-text">{ dataset.title(field, lang).to_string() }</span></th>
        }
    });
    let rows = dataset.table().len().min(ROWS);
    let body = (0..rows).map(|pos| {
        let row = pos as u32;
        let cells = columns.iter().map(|&field| {
            html! {
                <td><div class="vt-cell-text">{ text_content(dataset, field, &dataset.text(row, field), lang) }</div></td>
            }
        });
        html! {
            <tr key={pos} style={format!("top:{}px", pos * ROW_HEIGHT)}>{ for cells }</tr>
        }
    });
    html! {
        <div class="vt-preview">
            <ProgressBar {progress} {lang} />
            <div class="vt-grid-scroll">
                <table class="vt-grid" aria-label={s.table_caption} aria-busy="true"
                    style={format!("--vt-columns:{}", columns.len())}>
                    <thead><tr>{ for headers }</tr></thead>
                    <tbody style={format!("height:{}px", rows * ROW_HEIGHT)}>{ for body }</tbody>
                </table>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrine_core::load_csv;

    /// A CSV of `rows` rows of about `width` bytes, some with quoted line breaks.
    fn csv(rows: usize, width: usize) -> Vec<u8> {
        let mut text = String::from("id,nom,description\n");
        for i in 0..rows {
            let filler = "x".repeat(width);
            text.push_str(&format!("{i},\"Projet {i}\nsuite\",{filler}\n"));
        }
        text.into_bytes()
    }

    /// Offers the chunks of `bytes` in turn; the bytes copied, and the rows.
    fn first_rows(bytes: &[u8], chunk: usize, total: Option<usize>) -> (usize, Option<Table>) {
        let mut first = FirstRows::new(total);
        let copied = std::cell::Cell::new(0);
        for part in bytes.chunks(chunk) {
            let copy = |range: Range<usize>, into: &mut [u8]| {
                copied.set(copied.get() + range.len());
                into.copy_from_slice(&part[range]);
            };
            if let Some(table) = first.take_from(part.len(), copy) {
                return (copied.get(), Some(table));
            }
        }
        (copied.get(), None)
    }

    #[test]
    fn a_large_file_gives_its_first_rows_whatever_the_chunks() {
        let bytes = csv(2_000, 600);
        assert!(bytes.len() >= 1 << 20);
        let whole = load_csv(&bytes, CsvOptions::default()).unwrap();
        for chunk in [1_000, 65_536, 70_001, 3 << 20] {
            let (copied, table) = first_rows(&bytes, chunk, Some(bytes.len()));
            let table = table.expect("a preview");
            // The first rows only, and not much more of the file copied.
            assert_eq!(table.len(), ROWS, "chunk {chunk}");
            assert!(copied <= 2 * PIECE, "chunk {chunk}: {copied} bytes copied");
            assert_eq!(table.header(), whole.header());
            for row in 0..table.len() {
                for col in 0..3 {
                    assert_eq!(table.cell(row, col), whole.cell(row, col), "row {row}");
                }
            }
        }
    }

    #[test]
    fn a_file_of_a_few_hundred_rows_gives_its_first_rows() {
        // About 500 KB, as the first user's catalogue, in one chunk or many.
        let bytes = csv(800, 600);
        assert!(bytes.len() < 1 << 20 && bytes.len() >= PREVIEW_FROM);
        for (chunk, total) in [(bytes.len(), Some(bytes.len())), (16_384, None)] {
            let (copied, table) = first_rows(&bytes, chunk, total);
            assert_eq!(table.map(|t| t.len()), Some(ROWS), "chunk {chunk}");
            let most = if total.is_some() {
                2 * PIECE
            } else {
                PREVIEW_FROM + chunk
            };
            assert!(copied <= most, "chunk {chunk}: {copied} bytes copied");
        }
    }

    #[test]
    fn a_small_file_shows_no_preview() {
        let bytes = csv(100, 600);
        assert!(bytes.len() < PREVIEW_FROM);
        // Nothing is kept when the size is announced.
        let (copied, table) = first_rows(&bytes, 10_000, Some(bytes.len()));
        assert!(copied == 0 && table.is_none());
        // Without a size, the bytes in so far decide.
        assert!(first_rows(&bytes, 10_000, None).1.is_none());
        let large = csv(2_000, 600);
        assert!(first_rows(&large, 1 << 20, None).1.is_some());
    }

    #[test]
    fn rows_too_long_give_no_preview_and_keep_nothing() {
        // The first rows do not fit in the head kept.
        let bytes = csv(2 * ROWS, 2 * MAX_HEAD / ROWS);
        let mut first = FirstRows::new(Some(bytes.len()));
        for part in bytes.chunks(100_000) {
            let copy = |range: Range<usize>, into: &mut [u8]| into.copy_from_slice(&part[range]);
            assert!(first.take_from(part.len(), copy).is_none());
        }
        assert!(first.head.is_none() && first.reader.is_none());
    }
}
