//! Answering a [`Query`]: combine facet selections and search, count facet
//! values under the other filters, order and window the matching rows.

use super::QueryIndex;
use super::bitset::Bitset;
use super::column::{CellSource, SortKind};
use super::model::{FacetCounts, FacetValueCount, Query, QueryResult};
use super::row_order::{ResolvedKey, sort_rows};
use super::sort::SortColumn;

impl QueryIndex {
    /// Answers `query`: the number of matching rows, the ids of the rows in
    /// its window in sort order, and every facet's counts.
    ///
    /// Filters on fields that are not facets, and sort keys on unknown or
    /// unsortable fields, are ignored.
    ///
    /// `source` is the table the index was built from (and kept up to date
    /// with); it is read only to build a text column's sort keys the first
    /// time that column is sorted.
    pub fn execute(&self, query: &Query, source: &impl CellSource) -> QueryResult {
        let masks = self.masks(query);
        let facets = self
            .facets
            .iter()
            .enumerate()
            .map(|(i, facet)| {
                let field = &self.specs[facet.column].name;
                let counts = facet.counts(&masks.for_facet(i));
                FacetCounts {
                    field: field.clone(),
                    values: facet
                        .values()
                        .iter()
                        .zip(counts)
                        .map(|(value, count)| FacetValueCount {
                            value: value.clone(),
                            count,
                            selected: query.is_selected(field, value),
                        })
                        .collect(),
                }
            })
            .collect();
        let mut rows = masks.all.to_vec();
        let matching = rows.len();
        let start = query.window.offset.min(matching);
        let end = start.saturating_add(query.window.limit).min(matching);
        sort_rows(&mut rows, &self.resolve_sort(query, source), end);
        rows.truncate(end);
        rows.drain(..start);
        QueryResult {
            total: self.row_count,
            matching,
            rows,
            facets,
        }
    }

    /// Every matching row id, in sort order (the window is ignored): for
    /// exports and previous/next navigation.
    pub fn matching_rows(&self, query: &Query, source: &impl CellSource) -> Vec<u32> {
        let mut rows = self.masks(query).all.to_vec();
        let end = rows.len();
        sort_rows(&mut rows, &self.resolve_sort(query, source), end);
        rows
    }

    fn resolve_sort(&self, query: &Query, source: &impl CellSource) -> Vec<ResolvedKey<'_>> {
        let mut seen: Vec<usize> = Vec::new();
        let mut keys = Vec::new();
        for key in &query.sort {
            let Some(col) = self.column(&key.field) else {
                continue;
            };
            let kind = self.specs[col].sort;
            if seen.contains(&col) || kind == SortKind::None {
                continue;
            }
            let column = match self.sort[col].get() {
                Some(column) => column,
                // A table of another size is not the indexed one: no text keys from it.
                None if source.row_count() != self.row_count => continue,
                None => self.sort[col].get_or_init(|| SortColumn::build(kind, source, col)),
            };
            seen.push(col);
            keys.push(ResolvedKey {
                ranks: column.ranks(),
                descending: key.descending,
            });
        }
        keys
    }

    fn masks(&self, query: &Query) -> Masks {
        let n = self.row_count;
        let base = self
            .search
            .matches(&query.search, n)
            .unwrap_or_else(|| Bitset::full(n));
        let selections: Vec<Option<Bitset>> = self
            .facets
            .iter()
            .map(|facet| {
                let field = &self.specs[facet.column].name;
                query
                    .filters
                    .get(field)
                    .filter(|v| !v.is_empty())
                    .map(|values| facet.selection(values))
            })
            .collect();
        let mut all = base.clone();
        for sel in selections.iter().flatten() {
            all.and_with(sel);
        }
        Masks {
            base,
            selections,
            all,
        }
    }
}

struct Masks {
    /// Rows matching the search (all rows without one).
    base: Bitset,
    /// Each facet's selection, when it has one.
    selections: Vec<Option<Bitset>>,
    /// Rows matching everything.
    all: Bitset,
}

impl Masks {
    /// Rows matching the search and every selection but facet `i`'s.
    fn for_facet(&self, i: usize) -> std::borrow::Cow<'_, Bitset> {
        if self.selections[i].is_none() {
            return std::borrow::Cow::Borrowed(&self.all);
        }
        let mut mask = self.base.clone();
        for (j, sel) in self.selections.iter().enumerate() {
            if let (true, Some(sel)) = (j != i, sel) {
                mask.and_with(sel);
            }
        }
        std::borrow::Cow::Owned(mask)
    }
}
