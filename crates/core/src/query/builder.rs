//! Building a [`QueryIndex`] a slice of rows at a time, so a page can keep
//! answering between slices (the widget indexes while it parses).

use std::cell::OnceCell;

use super::QueryIndex;
use super::column::{CellSource, ColumnSpec, SortKind};
use super::facets::FacetIndex;
use super::search::SearchIndex;
use super::search_build::SearchBuilder;
use super::search_finish::SearchFinishing;
use super::sort::SortColumn;

/// Rows read one column after another (see [`QueryIndexBuilder::add_rows`]).
const BLOCK: usize = 256;

/// An index under construction.
///
/// ```
/// use vitrine_core::query::{ColumnSpec, QueryIndexBuilder, RowTable};
/// let table = RowTable::default();
/// let mut builder = QueryIndexBuilder::new(vec![ColumnSpec::text("nom")], table.rows.len());
/// while builder.rows_done() < table.rows.len() {
///     let end = (builder.rows_done() + 5_000).min(table.rows.len());
///     builder.add_rows(&table, end); // then yield to the page
/// }
/// let index = builder.finish();
/// ```
pub struct QueryIndexBuilder {
    index: QueryIndex,
    search: SearchBuilder,
    /// The search index being finished, once [`finish_step`](Self::finish_step)
    /// was called.
    finishing: Option<SearchFinishing>,
}

impl QueryIndexBuilder {
    /// A builder for columns `specs`; `expected_rows` sizes the structures
    /// (more rows may be added).
    pub fn new(specs: Vec<ColumnSpec>, expected_rows: usize) -> Self {
        let facets = specs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                s.facet
                    .as_ref()
                    .map(|f| FacetIndex::new(i, f.multi, &f.values, expected_rows))
            })
            .collect();
        let index = QueryIndex {
            by_name: specs
                .iter()
                .enumerate()
                .map(|(i, s)| (s.name.clone(), i))
                .collect(),
            row_count: 0,
            facets,
            search: SearchIndex::default(),
            sort: specs
                .iter()
                .map(|s| match s.sort {
                    SortKind::Text => OnceCell::new(),
                    kind => OnceCell::from(SortColumn::new(kind, expected_rows)),
                })
                .collect(),
            specs,
        };
        QueryIndexBuilder {
            index,
            search: SearchBuilder::default(),
            finishing: None,
        }
    }

    /// Number of rows indexed so far.
    pub fn rows_done(&self) -> usize {
        self.index.row_count
    }

    /// Indexes the rows of `source` from [`rows_done`](Self::rows_done) up to
    /// `end` (exclusive, capped at the source's row count).
    pub fn add_rows(&mut self, source: &impl CellSource, end: usize) {
        let start = self.index.row_count;
        let end = end.min(source.row_count()).max(start);
        let index = &mut self.index;
        for facet in &mut index.facets {
            facet.grow(end);
        }
        // Only the columns searched or with typed sort keys are read here.
        // A searched column that is a single-valued facet has its cells told
        // apart by their value's code (no look-up of their text).
        let searched: Vec<(usize, Option<usize>)> = (index.specs.iter().enumerate())
            .filter(|(_, spec)| spec.searchable)
            .map(|(col, _)| {
                let facet = (index.facets.iter()).position(|f| f.column == col && !f.multi);
                (col, facet)
            })
            .collect();
        let keyed: Vec<usize> = (0..index.specs.len())
            .filter(|&col| {
                index.specs[col].sort != SortKind::None && index.sort[col].get().is_some()
            })
            .collect();
        // Rows are read a block at a time, one column after another: the
        // look-up structures of one column (its facet values, its
        // remembered cells) stay in cache for the block's rows, where
        // reading a row's columns in turn went through all of them for
        // every row. The block's text stays in cache too.
        let mut codes: Vec<Vec<Option<u32>>> = vec![Vec::new(); index.facets.len()];
        let mut logged: Vec<bool> = Vec::new();
        let slots = searched.len();
        let search = &mut self.search;
        for first in (start..end).step_by(BLOCK) {
            let block = first..(first + BLOCK).min(end);
            // The block's bytes read once in order first: a sequential read
            // that the hardware prefetches, where the column passes below
            // jump from row to row and waited on memory for each cell.
            source.warm_rows(block.clone());
            for (facet, codes) in index.facets.iter_mut().zip(&mut codes) {
                codes.clear();
                for row in block.clone() {
                    let id = row as u32;
                    codes
                        .push(source.with_cell(row, facet.column, |cell| facet.add_cell(id, cell)));
                }
            }
            // `logged[(row - first) * slots + slot]`: the cell's words are
            // logged, which is done row by row (the log's order), below.
            logged.clear();
            logged.resize(block.len() * slots, false);
            for (slot, &(col, facet)) in searched.iter().enumerate() {
                for (i, row) in block.clone().enumerate() {
                    let id = row as u32;
                    match facet.and_then(|f| codes[f][i]) {
                        Some(code) if search.add_known_code(slot, id, code) => {}
                        Some(code) => source
                            .with_text(row, col, |text| search.add_new_code(slot, id, code, text)),
                        None if search.logs_column(slot) => logged[i * slots + slot] = true,
                        None => {
                            logged[i * slots + slot] = !source
                                .with_text(row, col, |text| search.remember_cell(slot, id, text));
                        }
                    }
                }
            }
            for (i, row) in block.clone().enumerate() {
                let cells = &logged[i * slots..][..slots];
                for (&(col, _), _) in searched.iter().zip(cells).filter(|(_, l)| **l) {
                    source.with_text(row, col, |text| search.log_cell(row as u32, text));
                }
            }
            for &col in &keyed {
                if let Some(keys) = index.sort[col].get_mut() {
                    for row in block.clone() {
                        source.with_cell(row, col, |cell| keys.set(row as u32, cell));
                    }
                }
            }
        }
        index.row_count = end;
    }

    /// Does a part of [`finish`](Self::finish), about `tokens` units of
    /// work: sorting a run of `tokens` search tokens, merging `tokens`
    /// sorted tokens, or building the postings of up to `tokens` tokens (a
    /// frequent token counting for more). Returns `true` when `finish` has
    /// nothing long left to do.
    /// Rows must not be added once finishing has started.
    pub fn finish_step(&mut self, tokens: usize) -> bool {
        match &mut self.finishing {
            None => {
                let search = std::mem::take(&mut self.search);
                let finishing = search.into_finishing(self.index.row_count);
                let done = finishing.is_done();
                self.finishing = Some(finishing);
                done
            }
            Some(finishing) => finishing.step(tokens),
        }
    }

    /// The finished index.
    pub fn finish(mut self) -> QueryIndex {
        let row_count = self.index.row_count;
        self.index.search = match self.finishing {
            Some(finishing) => finishing.finish(),
            None => self.search.finish(row_count),
        };
        self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::column::{ColumnSpec, RowTable};
    use crate::value::Value;

    /// Rows read a block at a time, one column after another, give the
    /// search index of every searched cell's words added row by row:
    /// with a coded column (a searched facet), a remembered column, and
    /// a column that stops being remembered in the middle of a block.
    #[test]
    fn blocks_read_by_column_give_the_words_of_every_row() {
        let rows = 2 * search_build_check() + 3 * BLOCK / 2 + 7;
        let cell = |row: usize, col: usize| match col {
            0 => ["Eau", "Déchets", " Mobilité ", ""][row % 4].to_owned(),
            1 => format!("ville {} école", row % 37),
            // Some empty cells: the check that turns remembering off
            // counts non-empty cells only, so it falls inside a block.
            2 if row.is_multiple_of(5) => String::new(),
            2 => format!("projet {row} de l'eau"),
            _ => format!("{}", row % 3),
        };
        let table = RowTable {
            rows: (0..rows)
                .map(|row| {
                    (0..4)
                        .map(|col| {
                            let text = cell(row, col);
                            let value = if text.trim().is_empty() {
                                Value::Null
                            } else {
                                Value::String(text.clone())
                            };
                            (text, value)
                        })
                        .collect()
                })
                .collect(),
        };
        let specs = vec![
            ColumnSpec::single_facet("theme", vec!["Eau".into()]).searchable(true),
            ColumnSpec::text("ville"),
            ColumnSpec::text("description"),
            ColumnSpec::single_facet("rang", Vec::new()),
        ];
        for slice in [rows, 200, 1_000] {
            let mut builder = QueryIndexBuilder::new(specs.clone(), rows);
            while builder.rows_done() < rows {
                let end = builder.rows_done() + slice;
                builder.add_rows(&table, end);
            }
            let index = builder.finish();
            let mut plain = SearchBuilder::default();
            for row in 0..rows {
                for col in 0..3 {
                    plain.add_text(row as u32, &cell(row, col));
                }
            }
            let plain = plain.finish(rows);
            assert_eq!(format!("{:?}", index.search), format!("{plain:?}"));
        }
    }

    fn search_build_check() -> usize {
        crate::query::search_build::CHECK_EVERY
    }
}
