//! Checking a changeset against a dataset snapshot, reviewing it for
//! moderators, and applying it to produce the new CSV bytes.
//!
//! Values are judged by vitrine-core; this module only locates rows and
//! fields and reports in the API's vocabulary.

use std::collections::{BTreeMap, HashSet};

use axum::http::StatusCode;
use serde::Serialize;
use serde_json::{Value as Json, json};
use vitrine_core::{CastError, write_csv};

use crate::changeset::{Change, RowId};
use crate::dataset::Snapshot;
use crate::errors::ApiError;

/// What the checks learned about an acceptable changeset.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    pub touches_restricted: bool,
}

/// One problem with one change.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Position of the change in `changes`.
    pub index: usize,
    pub row_id: Option<RowId>,
    pub field: String,
    pub code: &'static str,
    pub message: String,
    pub message_fr: String,
}

#[derive(Debug)]
pub enum ApplyError {
    /// Values before that no longer match the data.
    Conflicts(Vec<Json>),
    /// Values that are not valid (the schema may have changed).
    Invalid(Vec<Problem>),
    Internal(String),
}

impl Snapshot {
    /// The row a change designates (`None` for a new row); `Err` when it does not exist.
    fn locate(&self, change: &Change) -> Result<Option<usize>, ()> {
        let Some(row_id) = &change.row_id else {
            return Ok(None);
        };
        match row_id {
            RowId::Index(i) => {
                let i = usize::try_from(*i).map_err(|_| ())?;
                (i < self.table.len()).then_some(Some(i)).ok_or(())
            }
            RowId::Key(key) => {
                if let [pk] = self.schema.primary_key.as_slice() {
                    let col = self.table.column(pk).ok_or(())?;
                    return (0..self.table.len())
                        .find(|&r| self.table.cell(r, col) == Some(key.as_str()))
                        .map(Some)
                        .ok_or(());
                }
                let i: usize = key.trim().parse().map_err(|_| ())?;
                (i < self.table.len()).then_some(Some(i)).ok_or(())
            }
        }
    }

    /// Problems of `text` as a value of field `name` (by vitrine-core).
    fn value_problems(&self, name: &str, text: &str) -> Vec<(&'static str, String, String)> {
        let Some(index) = self.schema.field_index(name) else {
            return Vec::new();
        };
        match self.schema.cast(index, text) {
            Ok(_) => Vec::new(),
            Err(CastError::Type { expected }) => vec![(
                "invalid_value",
                format!("`{text}` is not a valid value for {name}: expected {expected}."),
                format!("« {text} » n'est pas une valeur valide pour {name} : {expected} attendu."),
            )],
            Err(CastError::DateFormats { formats }) => {
                let formats = formats.join(", ");
                vec![(
                    "invalid_value",
                    format!("`{text}` is not a date in the expected format ({formats})."),
                    format!("« {text} » n'est pas une date au format attendu ({formats})."),
                )]
            }
        }
    }

    /// Checks a changeset sent by a client: every field known and present in
    /// the data, restricted fields only for allowed callers (403), rows that
    /// exist, no cell changed twice, every value valid (422 with details).
    pub fn check_changes(
        &self,
        changes: &[Change],
        may_restricted: bool,
    ) -> Result<Checked, ApiError> {
        let mut problems = Vec::new();
        let mut restricted = Vec::new();
        let mut seen = HashSet::new();
        for (index, change) in changes.iter().enumerate() {
            let problem = |code, message: String, message_fr: String| Problem {
                index,
                row_id: change.row_id.clone(),
                field: change.field.clone(),
                code,
                message,
                message_fr,
            };
            let field = &change.field;
            if self.schema.field(field).is_none() || self.table.column(field).is_none() {
                problems.push(problem(
                    "unknown_field",
                    format!("Unknown field `{field}`."),
                    format!("Champ inconnu « {field} »."),
                ));
                continue;
            }
            if self.is_restricted(field) {
                restricted.push(field.clone());
                if !may_restricted {
                    continue;
                }
            }
            let Ok(row) = self.locate(change) else {
                let id = change
                    .row_id
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                problems.push(problem(
                    "unknown_row",
                    format!("No row `{id}` in the dataset."),
                    format!("Aucune ligne « {id} » dans le jeu de données."),
                ));
                continue;
            };
            let cell = (
                row.map_or(-1, |r| r as i64),
                change.new_row.unwrap_or(0),
                field.clone(),
            );
            if !seen.insert(cell) {
                problems.push(problem(
                    "duplicate_change",
                    format!("The same cell ({field}) is changed twice."),
                    format!("La même cellule ({field}) est modifiée deux fois."),
                ));
                continue;
            }
            for (code, en, fr) in self.value_problems(field, change.after_text()) {
                problems.push(problem(code, en, fr));
            }
        }
        if !restricted.is_empty() && !may_restricted {
            restricted.sort();
            restricted.dedup();
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "restricted_field",
                "Changes to restricted fields need a token allowed to read them.",
                "Modifier des champs restreints demande un jeton autorisé à les lire.",
            )
            .with_details(json!({ "fields": restricted })));
        }
        if !problems.is_empty() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_changes",
                format!("{} change(s) cannot be accepted.", problems.len()),
                format!(
                    "{} modification(s) ne peuvent pas être acceptées.",
                    problems.len()
                ),
            )
            .with_details(json!({ "problems": problems })));
        }
        Ok(Checked {
            touches_restricted: !restricted.is_empty(),
        })
    }

    /// For a moderator: per change, the current value, whether it conflicts
    /// and whether the proposed value is valid now.
    pub fn review(&self, changes: &[Change]) -> Json {
        let items: Vec<Json> = changes
            .iter()
            .enumerate()
            .map(|(index, change)| {
                let located = self.locate(change);
                let current = match (&located, self.table.column(&change.field)) {
                    (Ok(Some(r)), Some(c)) => Some(self.table.cell(*r, c).unwrap_or("").to_string()),
                    _ => None,
                };
                let conflict = current.as_deref().is_some_and(|c| c != change.before_text())
                    || located.is_err();
                let problems: Vec<Json> = self
                    .value_problems(&change.field, change.after_text())
                    .into_iter()
                    .map(|(code, message, message_fr)| json!({"code": code, "message": message, "messageFr": message_fr}))
                    .collect();
                json!({
                    "index": index,
                    "current": current,
                    "conflict": conflict,
                    "rowFound": located.is_ok(),
                    "fieldKnown": self.schema.field(&change.field).is_some(),
                    "valid": problems.is_empty(),
                    "problems": problems,
                })
            })
            .collect();
        Json::Array(items)
    }

    /// The new CSV bytes with the changes applied, untouched rows byte-identical;
    /// `Conflicts` when a value before differs from the current one.
    pub fn apply(&self, changes: &[Change]) -> Result<Vec<u8>, ApplyError> {
        let mut table = self.table.clone();
        let mut conflicts = Vec::new();
        let mut invalid = Vec::new();
        let mut new_rows: BTreeMap<u32, Vec<(usize, &str)>> = BTreeMap::new();
        for (index, change) in changes.iter().enumerate() {
            let Some(col) = table.column(&change.field) else {
                return Err(ApplyError::Internal(format!(
                    "field `{}` is not in the data",
                    change.field
                )));
            };
            for (code, message, message_fr) in
                self.value_problems(&change.field, change.after_text())
            {
                invalid.push(Problem {
                    index,
                    row_id: change.row_id.clone(),
                    field: change.field.clone(),
                    code,
                    message,
                    message_fr,
                });
            }
            match self.locate(change) {
                Ok(Some(row)) => {
                    let current = self.table.cell(row, col).unwrap_or("");
                    if current != change.before_text() {
                        conflicts.push(json!({
                            "index": index,
                            "rowId": change.row_id,
                            "field": change.field,
                            "before": change.before_text(),
                            "current": current,
                            "after": change.after_text(),
                        }));
                    } else {
                        table.set_cell(row, col, change.after_text());
                    }
                }
                Ok(None) => new_rows
                    .entry(change.new_row.unwrap_or(0))
                    .or_default()
                    .push((col, change.after_text())),
                Err(()) => conflicts.push(json!({
                    "index": index,
                    "rowId": change.row_id,
                    "field": change.field,
                    "before": change.before_text(),
                    "current": null,
                    "after": change.after_text(),
                })),
            }
        }
        if !conflicts.is_empty() {
            return Err(ApplyError::Conflicts(conflicts));
        }
        if !invalid.is_empty() {
            return Err(ApplyError::Invalid(invalid));
        }
        let width = table.header().len();
        for cells in new_rows.values() {
            let mut row = vec![""; width];
            for &(col, text) in cells {
                row[col] = text;
            }
            table.push_row(&row);
        }
        Ok(write_csv(&table))
    }
}
