//! Opening the editing code on demand. The reader bundle (built without the
//! `edit` feature) shows the same editing controls as the editor bundle;
//! using one asks the loader (`www/vitrine.js`) to re-mount the element
//! with the editor bundle, telling it what to open first. This is that
//! request, shared by both bundles: what the editor opens (`EditStart`),
//! carried as attributes of the new mount, the events between the widget
//! and the loader, and the storage key of a saved draft (a draft left for
//! the dataset also makes the reader switch).

use crate::attrs::RawAttributes;
use vitrine_core::changeset::RowRef;

/// The event the reader bundle dispatches (bubbling to the loader's mount
/// element) to switch to the editor bundle; its `detail` is a plain object
/// of string attributes for the editor's mount.
#[cfg_attr(feature = "edit", allow(dead_code))] // sent by the reader bundle
pub const REQUEST_EVENT: &str = "vitrine-edit";
/// The event the loader dispatches back on the request's target when the
/// editor bundle cannot load; its `detail` is the error's text.
#[cfg_attr(feature = "edit", allow(dead_code))] // sent by the reader bundle
pub const FAILED_EVENT: &str = "vitrine-edit-failed";

/// Attribute names of the editor's mount (never set on the element itself).
const START: &str = "edit-start";
const ROW: &str = "edit-row";
const FIELD: &str = "edit-field";

/// What the editor opens once mounted.
#[derive(Clone, Debug, PartialEq)]
pub enum EditStart {
    /// Nothing: a saved draft brought the editor (its changes show).
    Resume,
    /// The full form of a row, focusing a field when given.
    Form(RowRef, Option<String>),
    /// The form of a new row.
    NewRow,
    /// The review of the proposal.
    Review,
    /// Inline editing of one cell of the table.
    Cell(RowRef, String),
}

#[cfg_attr(feature = "edit", allow(dead_code))] // sent by the reader bundle
fn encode_row(row: &RowRef) -> String {
    match row {
        RowRef::Key(key) => format!("key:{key}"),
        RowRef::Index(i) => format!("index:{i}"),
        RowRef::New(n) => format!("new:{n}"),
    }
}

#[cfg_attr(not(feature = "edit"), allow(dead_code))] // read by the editor bundle
fn decode_row(text: &str) -> Option<RowRef> {
    let (kind, value) = text.split_once(':')?;
    match kind {
        "key" => Some(RowRef::Key(value.to_string())),
        "index" => value.parse().ok().map(RowRef::Index),
        "new" => value.parse().ok().map(RowRef::New),
        _ => None,
    }
}

impl EditStart {
    /// The mount attributes that ask the editor for this.
    #[cfg_attr(feature = "edit", allow(dead_code))] // sent by the reader bundle
    pub fn to_attributes(&self) -> Vec<(&'static str, String)> {
        let (start, row, field) = match self {
            EditStart::Resume => ("resume", None, None),
            EditStart::Form(row, field) => ("form", Some(row), field.clone()),
            EditStart::NewRow => ("new", None, None),
            EditStart::Review => ("review", None, None),
            EditStart::Cell(row, field) => ("cell", Some(row), Some(field.clone())),
        };
        let mut out = vec![(START, start.to_string())];
        out.extend(row.map(|r| (ROW, encode_row(r))));
        out.extend(field.map(|f| (FIELD, f)));
        out
    }

    /// What the mount's attributes ask for (`None`: a plain mount).
    #[cfg_attr(not(feature = "edit"), allow(dead_code))] // read by the editor bundle
    pub fn from_attributes(raw: &RawAttributes) -> Option<EditStart> {
        let row = || raw.get(ROW).and_then(|r| decode_row(r));
        let field = raw.get(FIELD).cloned();
        Some(match raw.get(START)?.as_str() {
            "resume" => EditStart::Resume,
            "form" => EditStart::Form(row()?, field),
            "new" => EditStart::NewRow,
            "review" => EditStart::Review,
            "cell" => EditStart::Cell(row()?, field?),
            _ => return None,
        })
    }
}

/// The `localStorage` key of the draft of the dataset at `src`.
pub fn draft_key(src: &str) -> String {
    format!("vitrine:draft:{src}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(start: EditStart) {
        let raw: RawAttributes = start
            .to_attributes()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert_eq!(EditStart::from_attributes(&raw), Some(start));
    }

    #[test]
    fn every_start_survives_the_attributes() {
        round_trip(EditStart::Resume);
        round_trip(EditStart::NewRow);
        round_trip(EditStart::Review);
        round_trip(EditStart::Form(RowRef::Key("a:b\nc".into()), None));
        round_trip(EditStart::Form(RowRef::Index(7), Some("nom".into())));
        round_trip(EditStart::Cell(RowRef::New(2), "theme".into()));
    }

    #[test]
    fn unknown_or_incomplete_starts_are_a_plain_mount() {
        let raw = |pairs: &[(&str, &str)]| -> RawAttributes {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(EditStart::from_attributes(&raw(&[])), None);
        assert_eq!(EditStart::from_attributes(&raw(&[(START, "x")])), None);
        assert_eq!(EditStart::from_attributes(&raw(&[(START, "cell")])), None);
        let no_field = raw(&[(START, "cell"), (ROW, "index:1")]);
        assert_eq!(EditStart::from_attributes(&no_field), None);
        let bad_row = raw(&[(START, "form"), (ROW, "index:x")]);
        assert_eq!(EditStart::from_attributes(&bad_row), None);
    }
}
