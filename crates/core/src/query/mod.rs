//! The query engine: facets with counts, accent-insensitive prefix search
//! and multi-column sort over an in-memory, columnar index of a table.
//!
//! Build a [`QueryIndex`] once from [`ColumnSpec`]s and a [`CellSource`]
//! (or from a loaded schema and table with [`QueryIndex::from_table`]), then
//! answer [`Query`] values with [`QueryIndex::execute`]. The index does not
//! copy the table's text: text sort keys are built from the table the first
//! time a column is sorted, which is why queries are given the table too.
//! Accepted edits update the index in place ([`QueryIndex::update_row`],
//! [`QueryIndex::push_row`], [`QueryIndex::refresh_row`]).
//!
//! ```
//! use vitrine_core::query::{IndexOptions, Query, QueryIndex, TableSource};
//! use vitrine_core::{CsvOptions, Schema, load_csv};
//!
//! let schema = Schema::from_json(r#"{"fields": [
//!     {"name": "nom", "type": "string"},
//!     {"name": "theme", "type": "string", "constraints": {"enum": ["Eau", "Mobilité"]}}
//! ]}"#).unwrap();
//! let csv = "nom,theme\nÉcole de la Source,Eau\nBus à la demande,Mobilité\nÉcluses,Eau\n";
//! let table = load_csv(csv.as_bytes(), CsvOptions::default()).unwrap();
//!
//! let index = QueryIndex::from_table(&schema, &table, &IndexOptions::default());
//! let source = TableSource::new(&schema, &table, index.specs());
//!
//! // A reader clicks "Eau", types "ecol", clicks the name header twice (descending).
//! let query = Query::default()
//!     .toggle_facet("theme", "Eau")
//!     .set_search("ecol")
//!     .sort_by("nom", false)
//!     .sort_by("nom", false);
//! let result = index.execute(&query, &source);
//! assert_eq!(result.matching, 1);
//! assert_eq!(result.rows, [0]);
//! let theme = &result.facets[0];
//! assert_eq!((theme.values[0].value.as_str(), theme.values[0].count), ("Eau", 1));
//! assert_eq!((theme.values[1].value.as_str(), theme.values[1].count), ("Mobilité", 0));
//!
//! // The shareable URL, and back.
//! let qs = query.to_query_string("vt-");
//! assert_eq!(qs, "vt-theme=Eau&vt-q=ecol&vt-sort=-nom");
//! assert_eq!(Query::from_query_string("vt-", &qs), query);
//! ```

mod bitset;
mod builder;
mod cast_memo;
mod collate;
mod column;
mod execute;
mod facets;
mod from_table;
mod incremental;
mod model;
mod posting;
mod rank;
mod row_order;
mod search;
mod search_build;
mod search_dictionary;
mod search_finish;
mod search_log;
mod search_sort;
mod sort;
mod sort_prepare;
mod tokenize;
mod transitions;
mod update;
mod url;

use std::cell::OnceCell;

pub use bitset::Bitset;
pub use builder::QueryIndexBuilder;
pub use collate::{SORT_KEY_LEN, collation_key, fold, for_each_word, tokens};
pub use column::{
    Cell, CellSource, ColumnSpec, FacetSpec, RowTable, SortKind, facet_values, is_empty_cell,
};
pub use from_table::{IndexOptions, TableSource, column_specs};
pub use incremental::TableIndexer;
pub use model::{
    DEFAULT_LIMIT, FacetCounts, FacetValueCount, Query, QueryResult, SortKey, View, Window,
};
pub use sort::{number_key, temporal_key};
pub use sort_prepare::SortPreparation;
pub use update::UpdateError;

use facets::FacetIndex;
use search::SearchIndex;
use sort::SortColumn;

/// The indexes of one table: facet row sets, search postings, sort keys.
#[derive(Debug, Clone)]
pub struct QueryIndex {
    specs: Vec<ColumnSpec>,
    by_name: crate::name_map::NameMap<usize>,
    row_count: usize,
    /// Facet indexes, in column order.
    facets: Vec<FacetIndex>,
    search: SearchIndex,
    /// Sort keys, one per column. Number and date keys are built with the
    /// index; text keys on the first sort by their column.
    sort: Vec<OnceCell<SortColumn>>,
}

/// Sizes of the built index, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IndexMemory {
    pub facets: usize,
    pub search: usize,
    pub sort: usize,
    pub search_tokens: usize,
}

impl IndexMemory {
    pub fn total(&self) -> usize {
        self.facets + self.search + self.sort
    }
}

impl QueryIndex {
    /// Indexes every row of `source`; its columns follow `specs`. To spread
    /// the work over several frames, use [`QueryIndexBuilder`].
    pub fn build(specs: Vec<ColumnSpec>, source: &impl CellSource) -> Self {
        let mut builder = QueryIndexBuilder::new(specs, source.row_count());
        builder.add_rows(source, source.row_count());
        builder.finish()
    }

    /// Number of rows indexed.
    pub fn row_count(&self) -> usize {
        self.row_count
    }

    /// The column specs, in column order.
    pub fn specs(&self) -> &[ColumnSpec] {
        &self.specs
    }

    /// The position of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// Names of the facet fields, in column order.
    pub fn facet_fields(&self) -> impl Iterator<Item = &str> {
        self.facets
            .iter()
            .map(|f| self.specs[f.column].name.as_str())
    }

    /// Bytes held by the index structures.
    pub fn memory(&self) -> IndexMemory {
        IndexMemory {
            facets: self.facets.iter().map(FacetIndex::heap_bytes).sum(),
            search: self.search.heap_bytes(),
            sort: self
                .sort
                .iter()
                .filter_map(OnceCell::get)
                .map(SortColumn::heap_bytes)
                .sum(),
            search_tokens: self.search.token_count(),
        }
    }
}
