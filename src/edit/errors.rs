//! The errors of the pending edits, as `vitrine-core` judges them: per row,
//! only the errors the edits introduce (a new row is judged whole).

use crate::dataset::Dataset;
use crate::i18n::Lang;
use vitrine_core::changeset::{EditHistory, EditedRow, RowRef, introduced_errors, row_edit_errors};

/// (field name, message) of each error the edits of `row` introduce.
pub fn row_messages(
    dataset: &Dataset,
    history: &EditHistory,
    row: &RowRef,
    lang: Lang,
) -> impl Iterator<Item = (String, String)> {
    if history.row_edits(row).next().is_none() {
        return Vec::new().into_iter();
    }
    row_edit_errors(dataset.schema(), dataset.table(), history, row, lang.code())
        .into_iter()
        .map(|e| (e.field_name.clone().unwrap_or_default(), e.message))
        .collect::<Vec<_>>()
        .into_iter()
}

/// Every error of the pending edits: (row, field name, message).
pub fn all_messages(
    dataset: &Dataset,
    history: &EditHistory,
    lang: Lang,
) -> Vec<(RowRef, String, String)> {
    history
        .rows()
        .into_iter()
        .flat_map(|row| {
            row_messages(dataset, history, row, lang).map(move |(f, m)| (row.clone(), f, m))
        })
        .collect()
}

/// The messages for `field` while the editor types `text` in it: the
/// field's own errors, and errors the value causes in other fields
/// (cross-field rules such as `vitrine:requiredWhen`).
pub fn typing_messages(
    dataset: &Dataset,
    history: &EditHistory,
    row: &RowRef,
    field: &str,
    text: &str,
    lang: Lang,
) -> Vec<String> {
    let (schema, table) = (dataset.schema(), dataset.table());
    let original = EditedRow::original(table, row.locate(schema, table));
    let pending = EditedRow::of(schema, table, history, row);
    let mut candidate = pending.clone();
    candidate.set(field, text);
    let own = introduced_errors(
        schema,
        (!row.is_new()).then_some(&original as &dyn vitrine_core::RowValues),
        &candidate,
        lang.code(),
    )
    .into_iter()
    .filter(|e| e.field_name.as_deref() == Some(field));
    let others = introduced_errors(schema, Some(&pending), &candidate, lang.code())
        .into_iter()
        .filter(|e| e.field_name.as_deref() != Some(field));
    own.chain(others).map(|e| e.message).collect()
}
