//! Checking a changeset against a dataset snapshot and reviewing it for
//! moderators. Values and rows are judged by vitrine-core's validation; this
//! module only locates rows and fields, and reports in the API's vocabulary.
//!
//! A change is judged in its row: the row's current values with every change
//! of the changeset to that row applied, so that cross-field rules
//! (`vitrine:requiredWhen`) see what the editor proposes. Only the errors the
//! changeset introduces are reported: an error the row already had is not
//! the editor's fault.

use std::collections::{BTreeMap, HashSet};

use crate::dataset::Snapshot;
use crate::errors::ApiError;
use axum::http::StatusCode;
use serde_json::{Value as Json, json};
use vitrine_core::changeset::{Change, EditedRow, Problem, RowId, introduced_errors};

pub use crate::dataset_apply::ApplyError;

/// What the checks learned about an acceptable changeset.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    pub touches_restricted: bool,
}

/// Which row a group of changes concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum RowKey {
    Existing(usize),
    New(u32),
}

impl Snapshot {
    /// The row a change designates (`None` for a new row); `Err` when it does not exist.
    pub(crate) fn locate(&self, change: &Change) -> Result<Option<usize>, ()> {
        let Some(row_id) = &change.row_id else {
            return Ok(None);
        };
        let index = match row_id {
            RowId::Index(i) => usize::try_from(*i).map_err(|_| ())?,
            RowId::Key(key) => {
                if let [pk] = self.schema.primary_key.as_slice() {
                    let col = self.table.column(pk).ok_or(())?;
                    return (0..self.table.len())
                        .find(|&r| self.table.cell(r, col).is_some_and(|t| t == key.as_str()))
                        .map(Some)
                        .ok_or(());
                }
                key.trim().parse().map_err(|_| ())?
            }
        };
        (index < self.table.len()).then_some(Some(index)).ok_or(())
    }

    pub(crate) fn row_key(&self, change: &Change) -> Result<RowKey, ()> {
        Ok(match self.locate(change)? {
            Some(r) => RowKey::Existing(r),
            None => RowKey::New(change.new_row.unwrap_or(0)),
        })
    }

    /// A row's values by field name (empty for a new row).
    pub(crate) fn row_values(&self, key: RowKey) -> EditedRow {
        let row = match key {
            RowKey::Existing(r) => Some(r),
            RowKey::New(_) => None,
        };
        EditedRow::original(&self.table, row)
    }

    /// The errors `changes` introduce in each row they touch, by vitrine-core.
    /// Errors on restricted fields no change touches are left out unless
    /// `restricted_visible` (the sender could not see or fix them).
    fn row_problems(&self, changes: &[Change], restricted_visible: bool) -> Vec<Problem> {
        let mut groups: BTreeMap<RowKey, Vec<usize>> = BTreeMap::new();
        for (i, change) in changes.iter().enumerate() {
            if let Ok(key) = self.row_key(change) {
                groups.entry(key).or_default().push(i);
            }
        }
        let mut problems = Vec::new();
        for (key, indexes) in groups {
            let before = self.row_values(key);
            let mut after = before.clone();
            for &i in &indexes {
                after.set(&changes[i].field, changes[i].after_text());
            }
            let before = match key {
                RowKey::Existing(_) => Some(&before as &dyn vitrine_core::RowValues),
                RowKey::New(_) => None,
            };
            for error in introduced_errors(&self.schema, before, &after, "en") {
                let field = error.field_name.clone().unwrap_or_default();
                let index = indexes.iter().copied().find(|&i| changes[i].field == field);
                if index.is_none() && self.is_restricted(&field) && !restricted_visible {
                    continue;
                }
                let first = &changes[index.unwrap_or(indexes[0])];
                problems.push(Problem {
                    index,
                    row_id: first.row_id.clone(),
                    new_row: matches!(key, RowKey::New(_)).then(|| first.new_row.unwrap_or(0)),
                    field,
                    code: "invalid_value".into(),
                    error_type: Some(error.error_type.name().into()),
                    message: error.message_in("en"),
                    message_fr: error.message_in("fr"),
                });
            }
        }
        problems
    }

    /// Checks a changeset sent by a client: every field known and present in
    /// the data, restricted fields only for allowed callers (403), rows that
    /// exist, no cell changed twice, no invalid value introduced (422).
    pub fn check_changes(
        &self,
        changes: &[Change],
        may_restricted: bool,
    ) -> Result<Checked, ApiError> {
        let mut problems = Vec::new();
        let mut restricted = Vec::new();
        let mut seen = HashSet::new();
        for (index, change) in changes.iter().enumerate() {
            let problem = |code: &str, message: String, message_fr: String| Problem {
                index: Some(index),
                row_id: change.row_id.clone(),
                new_row: change.new_row,
                field: change.field.clone(),
                code: code.into(),
                error_type: None,
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
            }
            let Ok(key) = self.row_key(change) else {
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
            if !seen.insert((key, field.clone())) {
                problems.push(problem(
                    "duplicate_change",
                    format!("The same cell ({field}) is changed twice."),
                    format!("La même cellule ({field}) est modifiée deux fois."),
                ));
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
        if problems.is_empty() {
            problems = self.row_problems(changes, may_restricted);
        }
        if !problems.is_empty() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_changes",
                format!("{} problem(s) in the suggested changes.", problems.len()),
                format!(
                    "{} problème(s) dans les modifications proposées.",
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
    /// and the problems it would introduce in its row now; plus the problems
    /// of whole rows (`rowProblems`: e.g. a required field missing from a new row).
    pub fn review(&self, changes: &[Change]) -> Json {
        let row_problems = self.row_problems(changes, true);
        let items: Vec<Json> = changes
            .iter()
            .enumerate()
            .map(|(index, change)| {
                let located = self.locate(change);
                let current = match (&located, self.table.column(&change.field)) {
                    (Ok(Some(r)), Some(c)) => {
                        Some(self.table.cell(*r, c).unwrap_or_default().to_string())
                    }
                    _ => None,
                };
                let conflict = located.is_err()
                    || current
                        .as_deref()
                        .is_some_and(|c| c != change.before_text());
                let problems: Vec<&Problem> = row_problems
                    .iter()
                    .filter(|p| p.index == Some(index))
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
        let whole_rows: Vec<&Problem> = row_problems.iter().filter(|p| p.index.is_none()).collect();
        json!({ "changes": items, "rowProblems": whole_rows })
    }
}
