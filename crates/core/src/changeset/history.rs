//! The editor's pending edits with undo and redo.
//!
//! Every edit is recorded as (row, field, value before, value after). Two
//! edits of one cell make one pending change that keeps the first `before`;
//! an edit back to the original value removes the change. Undo and redo
//! work on cells named by [`RowRef`], so they stay right whatever the
//! order in which rows are shown.

use serde::{Deserialize, Serialize};

use super::row_ref::RowRef;

/// One pending change of a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub row: RowRef,
    pub field: String,
    /// The cell's text in the dataset ("" for a new row).
    pub before: String,
    /// The proposed text.
    pub after: String,
}

/// One cell's pending state before and after a step (`None`: unchanged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct CellStep {
    row: RowRef,
    field: String,
    before: String,
    from: Option<String>,
    to: Option<String>,
}

/// The pending changes, in the order they were first made, and the undo
/// and redo stacks. One user action (an edit, a new row, a revert) is one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditHistory {
    edits: Vec<Edit>,
    undo: Vec<Vec<CellStep>>,
    redo: Vec<Vec<CellStep>>,
}

impl EditHistory {
    pub fn new() -> EditHistory {
        EditHistory::default()
    }

    /// The pending changes.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The pending change of a cell.
    pub fn edit(&self, row: &RowRef, field: &str) -> Option<&Edit> {
        self.edits
            .iter()
            .find(|e| &e.row == row && e.field == field)
    }

    /// The pending text of a cell, when it is edited.
    pub fn value(&self, row: &RowRef, field: &str) -> Option<&str> {
        self.edit(row, field).map(|e| e.after.as_str())
    }

    /// The pending changes of one row.
    pub fn row_edits<'a>(&'a self, row: &'a RowRef) -> impl Iterator<Item = &'a Edit> + 'a {
        self.edits.iter().filter(move |e| &e.row == row)
    }

    /// The rows with pending changes, each once, in the order of their first change.
    pub fn rows(&self) -> Vec<&RowRef> {
        let mut rows: Vec<&RowRef> = Vec::new();
        for e in &self.edits {
            if !rows.contains(&&e.row) {
                rows.push(&e.row);
            }
        }
        rows
    }

    /// The number the next new row gets.
    pub fn next_new_row(&self) -> u32 {
        let in_steps = self.undo.iter().chain(&self.redo).flatten().map(|s| &s.row);
        self.edits
            .iter()
            .map(|e| &e.row)
            .chain(in_steps)
            .filter_map(|r| match r {
                RowRef::New(n) => Some(n + 1),
                _ => None,
            })
            .max()
            .unwrap_or(0)
    }

    /// Records that the editor set cell (`row`, `field`), whose text in the
    /// dataset is `before`, to `after`. Returns false when nothing changed.
    pub fn record(&mut self, row: RowRef, field: &str, before: &str, after: &str) -> bool {
        self.record_all(vec![(
            row,
            field.to_string(),
            before.to_string(),
            after.to_string(),
        )])
    }

    /// Records several cells as one step (e.g. a whole new row), undone together.
    pub fn record_all(&mut self, cells: Vec<(RowRef, String, String, String)>) -> bool {
        let mut step = Vec::new();
        for (row, field, before, after) in cells {
            let existing = self.edit(&row, &field);
            let from = existing.map(|e| e.after.clone());
            let before = existing.map_or(before, |e| e.before.clone());
            let to = (after != before).then_some(after);
            if from != to {
                let cell = CellStep {
                    row,
                    field,
                    before,
                    from,
                    to,
                };
                self.set(&cell, cell.to.clone());
                step.push(cell);
            }
        }
        self.push_step(step)
    }

    /// Takes back the pending change of one cell (as an undoable step).
    pub fn revert(&mut self, row: &RowRef, field: &str) -> bool {
        match self.edit(row, field) {
            Some(e) => {
                let cell = CellStep {
                    row: e.row.clone(),
                    field: e.field.clone(),
                    before: e.before.clone(),
                    from: Some(e.after.clone()),
                    to: None,
                };
                self.set(&cell, None);
                self.push_step(vec![cell])
            }
            None => false,
        }
    }

    /// Takes back every pending change of one row (as one undoable step).
    pub fn revert_row(&mut self, row: &RowRef) -> bool {
        let cells: Vec<CellStep> = self
            .row_edits(row)
            .map(|e| CellStep {
                row: e.row.clone(),
                field: e.field.clone(),
                before: e.before.clone(),
                from: Some(e.after.clone()),
                to: None,
            })
            .collect();
        for cell in &cells {
            self.set(cell, None);
        }
        self.push_step(cells)
    }

    /// Undoes the last step; returns the cells it touched.
    pub fn undo(&mut self) -> Vec<(RowRef, String)> {
        let Some(step) = self.undo.pop() else {
            return Vec::new();
        };
        for cell in step.iter().rev() {
            self.set(cell, cell.from.clone());
        }
        let touched = step
            .iter()
            .map(|c| (c.row.clone(), c.field.clone()))
            .collect();
        self.redo.push(step);
        touched
    }

    /// Redoes the last undone step; returns the cells it touched.
    pub fn redo(&mut self) -> Vec<(RowRef, String)> {
        let Some(step) = self.redo.pop() else {
            return Vec::new();
        };
        for cell in &step {
            self.set(cell, cell.to.clone());
        }
        let touched = step
            .iter()
            .map(|c| (c.row.clone(), c.field.clone()))
            .collect();
        self.undo.push(step);
        touched
    }

    /// Forgets everything (after a successful submission).
    pub fn clear(&mut self) {
        *self = EditHistory::default();
    }

    fn push_step(&mut self, step: Vec<CellStep>) -> bool {
        if step.is_empty() {
            return false;
        }
        self.undo.push(step);
        self.redo.clear();
        true
    }

    /// Puts a cell in state `to` (`None`: no pending change).
    fn set(&mut self, cell: &CellStep, to: Option<String>) {
        let at = self
            .edits
            .iter()
            .position(|e| e.row == cell.row && e.field == cell.field);
        match (at, to) {
            (Some(i), Some(after)) => self.edits[i].after = after,
            (Some(i), None) => {
                self.edits.remove(i);
            }
            (None, Some(after)) => self.edits.push(Edit {
                row: cell.row.clone(),
                field: cell.field.clone(),
                before: cell.before.clone(),
                after,
            }),
            (None, None) => {}
        }
    }
}
