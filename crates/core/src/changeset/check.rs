//! Judging edited rows with the validation the server uses: a row with its
//! pending values applied, its errors, and the errors the edits introduce
//! (an error the row already had is not the editor's fault).

use std::collections::{BTreeMap, HashSet};

use super::history::EditHistory;
use super::row_ref::RowRef;
use crate::validate::{RowValues, ValidationError, validate_row};
use crate::{Schema, Table};

/// A row's texts by field name, with pending values applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditedRow {
    values: BTreeMap<String, String>,
}

impl RowValues for EditedRow {
    fn value(&self, field: &str) -> Option<&str> {
        self.values.get(field).map(String::as_str)
    }
}

impl EditedRow {
    /// Row `row` of `table` as it is in the file (empty when `row` is `None`).
    pub fn original(table: &Table, row: Option<usize>) -> EditedRow {
        let values = match row {
            Some(r) => table
                .header()
                .iter()
                .enumerate()
                .map(|(c, label)| {
                    (
                        label.to_string(),
                        table.cell(r, c).unwrap_or_default().to_string(),
                    )
                })
                .collect(),
            None => BTreeMap::new(),
        };
        EditedRow { values }
    }

    /// The row `row` refers to, with the pending edits of `history` applied.
    pub fn of(schema: &Schema, table: &Table, history: &EditHistory, row: &RowRef) -> EditedRow {
        let mut edited = EditedRow::original(table, row.locate(schema, table));
        for e in history.row_edits(row) {
            edited.set(&e.field, &e.after);
        }
        edited
    }

    /// Sets one field's text.
    pub fn set(&mut self, field: &str, text: &str) {
        self.values.insert(field.to_string(), text.to_string());
    }

    /// One field's text ("" when absent).
    pub fn get(&self, field: &str) -> &str {
        self.value(field).unwrap_or("")
    }
}

/// Every error of a row, by vitrine-core's validation (messages in `lang`).
pub fn row_errors(schema: &Schema, row: &EditedRow, lang: &str) -> Vec<ValidationError> {
    validate_row(schema, row, lang)
}

/// The errors `after` has that `before` did not have (`before = None`: a
/// new row, every error counts).
pub fn introduced_errors(
    schema: &Schema,
    before: Option<&dyn RowValues>,
    after: &dyn RowValues,
    lang: &str,
) -> Vec<ValidationError> {
    let existing: HashSet<ErrorKey> = match before {
        Some(b) => validate_row(schema, b, lang)
            .iter()
            .map(error_key)
            .collect(),
        None => HashSet::new(),
    };
    validate_row(schema, after, lang)
        .into_iter()
        .filter(|e| !existing.contains(&error_key(e)))
        .collect()
}

/// The errors the pending edits of `row` introduce.
pub fn row_edit_errors(
    schema: &Schema,
    table: &Table,
    history: &EditHistory,
    row: &RowRef,
    lang: &str,
) -> Vec<ValidationError> {
    let after = EditedRow::of(schema, table, history, row);
    if row.is_new() {
        introduced_errors(schema, None, &after, lang)
    } else {
        let before = EditedRow::original(table, row.locate(schema, table));
        introduced_errors(schema, Some(&before), &after, lang)
    }
}

type ErrorKey = (&'static str, Option<String>, Option<String>);

/// Identifies an error independently of its row number.
pub fn error_key(e: &ValidationError) -> ErrorKey {
    (e.error_type.name(), e.field_name.clone(), e.cell.clone())
}
