//! Applying an accepted changeset to a snapshot: conflict detection against
//! the values before, then vitrine-core's validation of the whole new table
//! (so table rules such as unique keys hold too), then the new CSV bytes with
//! untouched rows byte-identical.

use std::collections::{BTreeMap, HashSet};

use serde_json::{Value as Json, json};
use vitrine_core::validate::{ValidateOptions, validate_with};
use vitrine_core::write_csv;

use crate::dataset::Snapshot;
use crate::dataset_changes::RowKey;
use vitrine_core::changeset::Change;
use vitrine_core::changeset::Problem;

#[derive(Debug)]
pub enum ApplyError {
    /// Values before that no longer match the data (or rows that are gone).
    Conflicts(Vec<Json>),
    /// Errors the changes would introduce into the data.
    Invalid(Vec<Problem>),
    Internal(String),
}

impl Snapshot {
    /// The new CSV bytes with the changes applied; `Conflicts` when a value
    /// before differs from the current one, `Invalid` when the result has
    /// validation errors the current data does not have.
    pub fn apply(&self, changes: &[Change]) -> Result<Vec<u8>, ApplyError> {
        let mut table = self.table.clone();
        let mut conflicts = Vec::new();
        let mut new_rows: BTreeMap<u32, Vec<(usize, &str)>> = BTreeMap::new();
        let mut touched: HashSet<(usize, String)> = HashSet::new();
        for (index, change) in changes.iter().enumerate() {
            let Some(col) = table.column(&change.field) else {
                return Err(ApplyError::Internal(format!(
                    "field `{}` is not in the data",
                    change.field
                )));
            };
            let conflict = |current: Json| {
                json!({
                    "index": index,
                    "rowId": change.row_id,
                    "field": change.field,
                    "before": change.before_text(),
                    "current": current,
                    "after": change.after_text(),
                })
            };
            match self.row_key(change) {
                Ok(RowKey::Existing(row)) => {
                    let current = self.table.cell(row, col).unwrap_or_default();
                    if current != change.before_text() {
                        conflicts.push(conflict(Json::String(current.to_string())));
                    } else {
                        table.set_cell(row, col, change.after_text());
                        touched.insert((row, change.field.clone()));
                    }
                }
                Ok(RowKey::New(group)) => new_rows
                    .entry(group)
                    .or_default()
                    .push((col, change.after_text())),
                Err(()) => conflicts.push(conflict(Json::Null)),
            }
        }
        if !conflicts.is_empty() {
            return Err(ApplyError::Conflicts(conflicts));
        }
        let width = table.header().len();
        let labels = table.header().to_vec();
        for cells in new_rows.values() {
            let mut row = vec![""; width];
            for &(col, text) in cells {
                row[col] = text;
                touched.insert((table.len(), labels[col].clone()));
            }
            table.push_row(&row);
        }
        let introduced = self.introduced_errors(&table, &touched);
        if !introduced.is_empty() {
            return Err(ApplyError::Invalid(introduced));
        }
        Ok(write_csv(&table))
    }

    /// Errors of `new_table` that the current table does not have, leaving
    /// out those on restricted cells no change touched.
    fn introduced_errors(
        &self,
        new_table: &vitrine_core::Table,
        touched: &HashSet<(usize, String)>,
    ) -> Vec<Problem> {
        let options = ValidateOptions { lang: "en".into() };
        let key = |e: &vitrine_core::validate::ValidationError| {
            (
                e.error_type.name(),
                e.row_number,
                e.field_name.clone(),
                e.cell.clone(),
            )
        };
        let old: HashSet<_> = self.validation_errors().iter().map(key).collect();
        validate_with(&self.schema, new_table, &options)
            .errors
            .into_iter()
            .filter(|e| !old.contains(&key(e)))
            .filter(|e| {
                let field = e.field_name.clone().unwrap_or_default();
                let row = e
                    .row_number
                    .map(|n| n.saturating_sub(2))
                    .unwrap_or(usize::MAX);
                !self.is_restricted(&field) || touched.contains(&(row, field))
            })
            .map(|e| Problem {
                index: None,
                row_id: None,
                new_row: None,
                field: e.field_name.clone().unwrap_or_default(),
                code: "invalid_value".into(),
                error_type: Some(e.error_type.name().into()),
                message: format!("Row {}: {}", e.row_number.unwrap_or(0), e.message_in("en")),
                message_fr: format!(
                    "Ligne {} : {}",
                    e.row_number.unwrap_or(0),
                    e.message_in("fr")
                ),
            })
            .collect()
    }
}
