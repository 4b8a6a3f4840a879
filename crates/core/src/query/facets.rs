//! Facet indexes: for each value of a facet column, the set of rows holding it.
//!
//! Selection semantics: OR between the selected values of one field, AND
//! across fields. Counts for a field are taken under every *other* active
//! filter (and the search), so each count says how many rows a click gives.

use rustc_hash::FxHashMap;

use super::bitset::Bitset;
use super::column::{Cell, for_each_facet_value};

/// The dictionary and row sets of one facet column.
#[derive(Debug, Clone)]
pub struct FacetIndex {
    /// Position of the column in the spec.
    pub column: usize,
    pub multi: bool,
    /// Values in display order: declared first, then first seen.
    values: Vec<String>,
    codes: FxHashMap<String, u32>,
    /// `rows[code]`: the rows holding `values[code]`.
    rows: Vec<Bitset>,
    row_count: usize,
}

impl FacetIndex {
    pub fn new(column: usize, multi: bool, declared: &[String], row_count: usize) -> Self {
        let mut index = FacetIndex {
            column,
            multi,
            values: Vec::new(),
            codes: FxHashMap::default(),
            rows: Vec::new(),
            row_count,
        };
        for value in declared {
            index.code_of(value);
        }
        index
    }

    /// The code of `value`, adding it to the dictionary when new.
    fn code_of(&mut self, value: &str) -> u32 {
        if let Some(&code) = self.codes.get(value) {
            return code;
        }
        let code = self.values.len() as u32;
        self.values.push(value.to_owned());
        self.codes.insert(value.to_owned(), code);
        self.rows.push(Bitset::new(self.row_count));
        code
    }

    /// Records that `row` holds `value`; returns the value's code.
    pub fn add(&mut self, row: u32, value: &str) -> u32 {
        let code = self.code_of(value);
        self.rows[code as usize].insert(row);
        code
    }

    /// Records the values of `cell` for `row`. Returns the code of its
    /// value in a single-valued facet (`None`: an empty cell, or a
    /// multi-valued facet).
    pub fn add_cell(&mut self, row: u32, cell: Cell<'_>) -> Option<u32> {
        let multi = self.multi;
        let mut single = None;
        for_each_facet_value(cell, multi, |value| single = Some(self.add(row, value)));
        single.filter(|_| !multi)
    }

    /// Forgets every value of `row`.
    pub fn clear_row(&mut self, row: u32) {
        for set in &mut self.rows {
            set.remove(row);
        }
    }

    /// Extends every set to `row_count` rows.
    pub fn grow(&mut self, row_count: usize) {
        self.row_count = self.row_count.max(row_count);
        for set in &mut self.rows {
            set.grow(row_count);
        }
    }

    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// The rows holding `value`, if it is in the dictionary.
    pub fn rows_of(&self, value: &str) -> Option<&Bitset> {
        self.codes.get(value).map(|&code| &self.rows[code as usize])
    }

    /// Rows holding at least one of `selected` (OR within the field).
    /// Values not in the dictionary select nothing.
    pub fn selection(&self, selected: &[String]) -> Bitset {
        let mut out = Bitset::new(self.row_count);
        for value in selected {
            if let Some(rows) = self.rows_of(value) {
                out.or_with(rows);
            }
        }
        out
    }

    /// For every value, in dictionary order, the number of rows of `mask`
    /// holding it.
    pub fn counts(&self, mask: &Bitset) -> Vec<u32> {
        self.rows
            .iter()
            .map(|rows| rows.intersection_count(mask) as u32)
            .collect()
    }

    /// Bytes held by the dictionary and row sets.
    pub fn heap_bytes(&self) -> usize {
        let strings: usize = self.values.iter().map(|v| v.capacity() * 2 + 24 + 8).sum();
        let sets: usize = self.rows.iter().map(Bitset::heap_bytes).sum();
        strings + sets + self.codes.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_values_come_first_and_unknown_values_select_nothing() {
        let declared = vec!["Eau".to_owned(), "Mobilité".to_owned()];
        let mut f = FacetIndex::new(0, false, &declared, 4);
        f.add(0, "Mobilité");
        f.add(1, "Déchets");
        f.add(2, "Mobilité");
        assert_eq!(f.values(), ["Eau", "Mobilité", "Déchets"]);
        assert_eq!(f.counts(&Bitset::full(4)), vec![0, 2, 1]);
        assert_eq!(
            f.selection(&["Mobilité".into(), "Déchets".into()]).to_vec(),
            vec![0, 1, 2]
        );
        assert!(f.selection(&["Inconnu".into()]).is_empty());
        f.clear_row(2);
        assert_eq!(f.counts(&Bitset::full(4)), vec![0, 1, 1]);
    }
}
