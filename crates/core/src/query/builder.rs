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
        let mut codes: Vec<Option<u32>> = vec![None; index.facets.len()];
        let keyed: Vec<usize> = (0..index.specs.len())
            .filter(|&col| {
                index.specs[col].sort != SortKind::None && index.sort[col].get().is_some()
            })
            .collect();
        for row in start..end {
            let id = row as u32;
            for (facet, code) in index.facets.iter_mut().zip(&mut codes) {
                *code = source.with_cell(row, facet.column, |cell| facet.add_cell(id, cell));
            }
            for (slot, &(col, facet)) in searched.iter().enumerate() {
                let search = &mut self.search;
                match facet.and_then(|f| codes[f]) {
                    Some(code) if search.add_known_code(slot, id, code) => {}
                    Some(code) => {
                        source.with_text(row, col, |text| search.add_new_code(slot, id, code, text))
                    }
                    None => source.with_text(row, col, |text| search.add_cell(slot, id, text)),
                }
            }
            for &col in &keyed {
                if let Some(keys) = index.sort[col].get_mut() {
                    source.with_cell(row, col, |cell| keys.set(id, cell));
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
