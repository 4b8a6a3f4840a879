//! What the engine needs to know about each column, and how it reads cells.

use crate::value::Value;

/// How one column takes part in queries.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSpec {
    /// The field name, as used in [`crate::query::Query`] filters and sort keys.
    pub name: String,
    /// Whether the column is a facet, and of which kind.
    pub facet: Option<FacetSpec>,
    /// Whether the column's text is part of full-text search.
    pub searchable: bool,
    /// How the column sorts.
    pub sort: SortKind,
}

impl ColumnSpec {
    /// A plain text column: searchable, sorted by collation, no facet.
    pub fn text(name: impl Into<String>) -> Self {
        ColumnSpec {
            name: name.into(),
            facet: None,
            searchable: true,
            sort: SortKind::Text,
        }
    }

    /// A single-valued facet (an enum field) with its declared values.
    pub fn single_facet(name: impl Into<String>, values: Vec<String>) -> Self {
        ColumnSpec {
            name: name.into(),
            facet: Some(FacetSpec {
                multi: false,
                values,
            }),
            searchable: false,
            sort: SortKind::Text,
        }
    }

    /// A multi-valued facet (a list field, each item one value).
    pub fn multi_facet(name: impl Into<String>, values: Vec<String>) -> Self {
        ColumnSpec {
            name: name.into(),
            facet: Some(FacetSpec {
                multi: true,
                values,
            }),
            searchable: false,
            sort: SortKind::Text,
        }
    }

    /// A column sorted by its typed value (numbers, dates), neither facet nor searched.
    pub fn typed(name: impl Into<String>, sort: SortKind) -> Self {
        ColumnSpec {
            name: name.into(),
            facet: None,
            searchable: false,
            sort,
        }
    }

    pub fn searchable(mut self, searchable: bool) -> Self {
        self.searchable = searchable;
        self
    }
}

/// A facet column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetSpec {
    /// `false`: one value per row (the cell text). `true`: the items of a
    /// `Value::List` are the row's values.
    pub multi: bool,
    /// Declared values (the schema's enum), listed first and in this order in
    /// facet counts, even with a count of 0. Values found in the data but not
    /// declared follow in order of first appearance.
    pub values: Vec<String>,
}

/// The sort key of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKind {
    /// Not sortable: sort keys on this column are ignored.
    None,
    /// French collation of the cell text ([`crate::query::collation_key`]).
    Text,
    /// `Value::Integer`, `Value::Number` and `Value::Boolean` by value.
    Number,
    /// `Value::Date` (partial dates included), `DateTime`, `Year`,
    /// `YearMonth` and `Time`, chronologically.
    Temporal,
}

/// One cell as the engine reads it: the original text and the cast value.
#[derive(Debug, Clone, Copy)]
pub struct Cell<'a> {
    pub text: &'a str,
    pub value: &'a Value,
}

/// Row-major access to the cells of a table, columns in spec order.
///
/// A cell is lent to a closure: a table whose text is kept compressed
/// decompresses it for the call only.
pub trait CellSource {
    fn row_count(&self) -> usize;
    /// Calls `f` with the cell at `row`, `column`.
    fn with_cell<R>(&self, row: usize, column: usize, f: impl FnOnce(Cell<'_>) -> R) -> R;
    /// Calls `f` with the text of a cell (what [`with_cell`](Self::with_cell) gives as `text`).
    fn with_text<R>(&self, row: usize, column: usize, f: impl FnOnce(&str) -> R) -> R {
        self.with_cell(row, column, |cell| f(cell.text))
    }
    /// Brings the bytes of `rows` into cache ahead of their cells' reads
    /// (a hint: sources held in memory as cells need not do anything).
    fn warm_rows(&self, _rows: std::ops::Range<usize>) {}
}

/// A table held as rows of `(text, value)` cells, columns in spec order.
/// Handy for tests and small datasets.
#[derive(Debug, Clone, Default)]
pub struct RowTable {
    pub rows: Vec<Vec<(String, Value)>>,
}

impl CellSource for RowTable {
    fn row_count(&self) -> usize {
        self.rows.len()
    }

    fn with_cell<R>(&self, row: usize, column: usize, f: impl FnOnce(Cell<'_>) -> R) -> R {
        let (text, value) = &self.rows[row][column];
        f(Cell { text, value })
    }
}

/// Whether a cell counts as empty (sorted last, in no facet value).
pub fn is_empty_cell(cell: Cell<'_>) -> bool {
    cell.value.is_null() || trimmed(cell.text).is_empty()
}

/// Calls `f` with each facet value of a cell: the trimmed text for a
/// single-valued facet, each list item for a multi-valued one (repeats
/// possible). Empty cells and items have no value.
pub fn for_each_facet_value(cell: Cell<'_>, multi: bool, mut f: impl FnMut(&str)) {
    match (multi, cell.value) {
        (_, Value::Null) => {}
        (true, Value::List(items)) => {
            for item in items {
                match item {
                    Value::String(s) => {
                        let s = trimmed(s);
                        if !s.is_empty() {
                            f(s);
                        }
                    }
                    other => {
                        if let Some(label) = item_label(other) {
                            f(&label);
                        }
                    }
                }
            }
        }
        _ => {
            let text = trimmed(cell.text);
            if !text.is_empty() {
                f(text);
            }
        }
    }
}

/// `text` without the blanks around it ([`str::trim`]). Most cells have
/// none, which their first and last bytes tell without decoding them.
#[inline]
fn trimmed(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// The distinct facet values of a cell (see [`for_each_facet_value`]).
pub fn facet_values(cell: Cell<'_>, multi: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for_each_facet_value(cell, multi, |v| {
        if !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    });
    out
}

fn item_label(item: &Value) -> Option<String> {
    match item {
        Value::Json(j) => Some(j.clone()),
        other => other.canonical_text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_is_trim() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "ab",
            "Terminé",
            "\u{a0}Eau\u{a0}",
            "é",
            "x\t",
            "\u{2029}y",
        ] {
            assert_eq!(trimmed(text), text.trim(), "{text:?}");
        }
    }
}
