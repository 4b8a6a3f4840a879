//! Applying an accepted edit to the indexes without rebuilding them.

use super::QueryIndex;
use super::column::Cell;

/// Why a row could not be updated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateError {
    /// The row id is not in the table.
    NoSuchRow { row: u32, row_count: usize },
    /// The number of cells differs from the number of columns.
    WrongWidth { expected: usize, found: usize },
}

impl std::fmt::Display for UpdateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpdateError::NoSuchRow { row, row_count } => write!(
                f,
                "la ligne {row} n'existe pas (la table en compte {row_count}) / row {row} does not exist (the table has {row_count})"
            ),
            UpdateError::WrongWidth { expected, found } => write!(
                f,
                "{found} cellules reçues au lieu de {expected} / {found} cells given instead of {expected}"
            ),
        }
    }
}

impl std::error::Error for UpdateError {}

impl QueryIndex {
    /// Replaces the indexed content of `row` with `cells` (one per column,
    /// in spec order): facet sets, search postings and sort keys.
    pub fn update_row(&mut self, row: u32, cells: &[Cell<'_>]) -> Result<(), UpdateError> {
        if row as usize >= self.row_count {
            return Err(UpdateError::NoSuchRow {
                row,
                row_count: self.row_count,
            });
        }
        self.check_width(cells)?;
        for facet in &mut self.facets {
            facet.clear_row(row);
        }
        if self.specs.iter().any(|s| s.searchable) {
            self.search.remove_row(row);
        }
        self.index_row(row, cells);
        Ok(())
    }

    /// Appends a new row (a proposed addition once accepted); returns its id.
    pub fn push_row(&mut self, cells: &[Cell<'_>]) -> Result<u32, UpdateError> {
        self.check_width(cells)?;
        let row = self.row_count as u32;
        self.row_count += 1;
        for facet in &mut self.facets {
            facet.grow(self.row_count);
        }
        self.index_row(row, cells);
        Ok(row)
    }

    fn check_width(&self, cells: &[Cell<'_>]) -> Result<(), UpdateError> {
        if cells.len() != self.specs.len() {
            return Err(UpdateError::WrongWidth {
                expected: self.specs.len(),
                found: cells.len(),
            });
        }
        Ok(())
    }

    fn index_row(&mut self, row: u32, cells: &[Cell<'_>]) {
        for facet in &mut self.facets {
            facet.add_cell(row, cells[facet.column]);
        }
        for (col, spec) in self.specs.iter().enumerate() {
            if spec.searchable {
                self.search.add_text(row, cells[col].text);
            }
            if let Some(keys) = self.sort[col].get_mut() {
                keys.set(row, cells[col]);
            }
        }
    }
}
