//! The first rows of a large file, shown while the rest downloads and is
//! indexed: a plain table under the progress bar, marked busy, with nothing
//! to act on (no counts, filters or sort until they are true for the whole
//! file). The reader replaces it once the load is complete.

use crate::attrs::Attrs;
use crate::cell::text_content;
use crate::column_chooser::initial_columns;
use crate::dataset::Dataset;
use crate::i18n::strings;
use crate::load::Progress;
use crate::progress_bar::ProgressBar;
use vitrine_core::load::{CsvLoader, sniff_delimiter};
use vitrine_core::{CsvOptions, Table};
use yew::prelude::*;

/// Files smaller than this load whole before anything is shown (they take
/// little time, and a preview would only flash).
const LARGE_FILE: usize = 1 << 20;
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
    /// `None` once the preview is made or given up.
    head: Option<Vec<u8>>,
}

impl FirstRows {
    pub fn new() -> FirstRows {
        FirstRows {
            head: Some(Vec::new()),
        }
    }

    /// Keeps a copy of the next bytes (up to [`MAX_HEAD`] in all, until the
    /// preview is made).
    pub fn push(&mut self, chunk: &[u8]) {
        if let Some(head) = &mut self.head {
            let room = MAX_HEAD.saturating_sub(head.len());
            head.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
    }

    /// The table of the first rows, once: when the file is large (its
    /// announced `total`, else the bytes in so far) and its first rows are in.
    pub fn take(&mut self, total: Option<usize>) -> Option<Table> {
        let head = self.head.as_ref()?;
        // The loader sniffs the delimiter on the first 64 KiB: wait for them.
        let large = total.unwrap_or(head.len()) >= LARGE_FILE;
        if !large || head.len() <= SNIFF_BYTES {
            return None;
        }
        let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let options = CsvOptions {
            delimiter: Some(sniff_delimiter(body)),
        };
        // Where the first rows end (a record may hold line breaks): the
        // head is read a piece at a time, only as far as they go.
        let mut first = CsvLoader::new(options);
        let mut fed = 0;
        while first.rows_parsed() < ROWS && fed < head.len() {
            let next = (fed + SNIFF_BYTES + 1).min(head.len());
            first.push(&head[fed..next]);
            fed = next;
            while first.rows_parsed() < ROWS {
                let before = first.bytes_parsed();
                first.step(1);
                if first.bytes_parsed() == before {
                    break; // the next record is not complete yet
                }
            }
        }
        if first.rows_parsed() < ROWS {
            if head.len() >= MAX_HEAD {
                self.head = None; // rows too long for a preview
            }
            return None;
        }
        let end = first.bytes_parsed().min(head.len());
        let mut rows = CsvLoader::new(options);
        rows.push(&head[..end]);
        rows.end();
        self.head = None;
        rows.finish().ok()
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
                <td><div class="vt-cell-text">{ text_content(dataset, field, dataset.text(row, field), lang) }</div></td>
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

    fn first_rows(bytes: &[u8], chunk: usize, total: Option<usize>) -> Option<Table> {
        let mut first = FirstRows::new();
        for part in bytes.chunks(chunk) {
            first.push(part);
            if let Some(table) = first.take(total) {
                return Some(table);
            }
        }
        None
    }

    #[test]
    fn a_large_file_gives_its_first_rows_whatever_the_chunks() {
        let bytes = csv(2_000, 600);
        assert!(bytes.len() >= LARGE_FILE);
        let whole = load_csv(&bytes, CsvOptions::default()).unwrap();
        for chunk in [1_000, 65_536, 70_001, 3 << 20] {
            let table = first_rows(&bytes, chunk, Some(bytes.len())).expect("a preview");
            // The first rows only, not the whole head that was in.
            assert_eq!(table.len(), ROWS, "chunk {chunk}");
            assert_eq!(table.header(), whole.header());
            for row in 0..table.len() {
                for col in 0..3 {
                    assert_eq!(table.cell(row, col), whole.cell(row, col), "row {row}");
                }
            }
        }
    }

    #[test]
    fn a_small_file_shows_no_preview() {
        let bytes = csv(100, 600);
        assert!(bytes.len() < LARGE_FILE);
        assert!(first_rows(&bytes, 10_000, Some(bytes.len())).is_none());
        // Without a size, the bytes in so far decide.
        assert!(first_rows(&bytes, 10_000, None).is_none());
        let large = csv(2_000, 600);
        assert!(first_rows(&large, 1 << 20, None).is_some());
    }

    #[test]
    fn rows_too_long_give_no_preview_and_keep_nothing() {
        // The first rows do not fit in the head kept.
        let bytes = csv(2 * ROWS, 2 * MAX_HEAD / ROWS);
        let mut first = FirstRows::new();
        for part in bytes.chunks(100_000) {
            first.push(part);
            assert!(first.take(Some(bytes.len())).is_none());
        }
        assert!(first.head.is_none());
    }
}
