//! The query a reader builds (filters, search, sort, window, view, open
//! row) and the result the engine gives back.

use serde::{Deserialize, Serialize};

use crate::name_map::NameMap;

/// Default number of rows in a window.
pub const DEFAULT_LIMIT: usize = 50;

/// Everything a reader chose. A plain value: the widget keeps it in its
/// reducer, changes it with the pure transitions of
/// the transition methods (`toggle_facet`, `sort_by`…) and mirrors it in the page URL
/// ([`Query::to_query_string`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// Selected facet values per field: OR within a field, AND across
    /// fields. A field with no selected value has no entry.
    pub filters: NameMap<Vec<String>>,
    /// Full-text search as typed; words are AND-ed, each a prefix.
    pub search: String,
    /// Sort keys, most significant first. Empty: the table's row order.
    pub sort: Vec<SortKey>,
    /// The rows to return ids for.
    pub window: Window,
    /// The view shown, when the reader chose one.
    pub view: Option<View>,
    /// Primary key of the row whose detail is open.
    pub row: Option<String>,
}

/// One sort key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortKey {
    pub field: String,
    pub descending: bool,
}

impl SortKey {
    pub fn asc(field: impl Into<String>) -> Self {
        SortKey {
            field: field.into(),
            descending: false,
        }
    }

    pub fn desc(field: impl Into<String>) -> Self {
        SortKey {
            field: field.into(),
            descending: true,
        }
    }
}

/// A range of result positions: `offset .. offset + limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub offset: usize,
    pub limit: usize,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            offset: 0,
            limit: DEFAULT_LIMIT,
        }
    }
}

impl Window {
    /// Every result.
    pub fn all() -> Self {
        Window {
            offset: 0,
            limit: usize::MAX,
        }
    }
}

/// The widget's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    Table,
    Cards,
}

impl View {
    pub fn as_str(self) -> &'static str {
        match self {
            View::Table => "table",
            View::Cards => "cards",
        }
    }

    pub fn parse(text: &str) -> Option<View> {
        match text {
            "table" => Some(View::Table),
            "cards" => Some(View::Cards),
            _ => None,
        }
    }
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryResult {
    /// Rows in the table.
    pub total: usize,
    /// Rows matching the filters and the search.
    pub matching: usize,
    /// Row ids (positions in the table) of the window, in sort order.
    pub rows: Vec<u32>,
    /// Counts for every facet field, in column order.
    pub facets: Vec<FacetCounts>,
}

/// The values of one facet field with their counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    pub field: String,
    /// Declared values first (in schema order), then values found in the
    /// data; values with no matching row are kept with a count of 0.
    pub values: Vec<FacetValueCount>,
}

/// One facet value: how many rows match when it is added to the query
/// (counted under every *other* field's filter and the search).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValueCount {
    pub value: String,
    pub count: u32,
    pub selected: bool,
}

impl Query {
    /// Whether `value` is selected for `field`.
    pub fn is_selected(&self, field: &str, value: &str) -> bool {
        self.filters
            .get(field)
            .is_some_and(|values| values.iter().any(|v| v == value))
    }

    /// The active filters as `(field, value)` pairs, for removable chips.
    pub fn active_filters(&self) -> impl Iterator<Item = (&str, &str)> {
        self.filters
            .iter()
            .flat_map(|(field, values)| values.iter().map(move |v| (field.as_str(), v.as_str())))
    }

    /// Whether any filter or search is active.
    pub fn is_filtered(&self) -> bool {
        !self.filters.is_empty() || !self.search.trim().is_empty()
    }
}
