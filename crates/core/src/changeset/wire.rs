//! The suggestion changeset as it travels over HTTP (documented in
//! `docs/api.md`): what the widget sends, what the server checks and
//! stores, what the moderation page reads. Values are cell texts exactly as
//! written in the CSV.

use serde::{Deserialize, Serialize};

/// A proposal: the edits of one editor, made against one dataset version.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Changeset {
    /// The dataset version (ETag, without quotes) the edits were made against.
    pub dataset_version: String,
    /// What the editor says about the proposal.
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// Required (true) when the author gives a name or an email.
    #[serde(default)]
    pub consent: bool,
    pub changes: Vec<Change>,
}

impl Changeset {
    /// The changeset as JSON (the body of `POST …/suggestions`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The changeset as indented JSON (the editor's downloadable copy).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Who proposes (both optional; personal data needs consent).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Author {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Author {
    /// True when neither a name nor an email is given.
    pub fn is_empty(&self) -> bool {
        self.name.as_deref().is_none_or(|n| n.trim().is_empty())
            && self.email.as_deref().is_none_or(|e| e.trim().is_empty())
    }
}

/// Which row a change concerns: a 0-based row index (file order, header
/// excluded), or the primary-key value when the schema has a single-field
/// primary key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(untagged)]
pub enum RowId {
    Index(u64),
    Key(String),
}

impl std::fmt::Display for RowId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowId::Index(i) => write!(f, "{i}"),
            RowId::Key(k) => f.write_str(k),
        }
    }
}

/// One edited cell.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Change {
    /// The row, or `null` for a new row.
    pub row_id: Option<RowId>,
    /// Groups the changes of one new row when a changeset adds several
    /// (`rowId: null`); 0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_row: Option<u32>,
    pub field: String,
    /// The value the editor saw (`null` or `""`: empty).
    #[serde(default)]
    pub before: Option<String>,
    /// The proposed value (`null` or `""`: empty).
    #[serde(default)]
    pub after: Option<String>,
}

impl Change {
    pub fn before_text(&self) -> &str {
        self.before.as_deref().unwrap_or("")
    }
    pub fn after_text(&self) -> &str {
        self.after.as_deref().unwrap_or("")
    }
}

/// One problem the server found with a changeset (`details.problems` of a
/// 422 answer, and the moderators' review).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Position of the change in `changes`; `null` when no change is at
    /// fault alone (e.g. a required field missing from a new row).
    #[serde(default)]
    pub index: Option<usize>,
    #[serde(default)]
    pub row_id: Option<RowId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_row: Option<u32>,
    #[serde(default)]
    pub field: String,
    /// `unknown_field`, `unknown_row`, `duplicate_change`, `invalid_value`.
    #[serde(default)]
    pub code: String,
    /// The frictionless error type for `invalid_value` (`constraint-error`…).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub message_fr: String,
}

impl Problem {
    /// The message in `lang` (`"fr"` or English), falling back to the other.
    pub fn message_in(&self, lang: &str) -> &str {
        if lang == "fr" && !self.message_fr.is_empty() || self.message.is_empty() {
            &self.message_fr
        } else {
            &self.message
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let json = r#"{
          "datasetVersion": "3f2a9c1d0e4b5a67",
          "message": "SIRET corrigé",
          "author": {"name": "Camille", "email": "camille@example.org"},
          "consent": true,
          "changes": [
            {"rowId": 4, "field": "coll_siret", "before": "123", "after": "21350045800013"},
            {"rowId": null, "newRow": 0, "field": "nom_projet", "before": null, "after": "Chatbot"}
          ]
        }"#;
        let cs: Changeset = serde_json::from_str(json).unwrap();
        assert_eq!(cs.changes[0].row_id, Some(RowId::Index(4)));
        assert_eq!(cs.changes[1].row_id, None);
        assert_eq!(cs.changes[1].before_text(), "");
        let back: Changeset = serde_json::from_str(&cs.to_json()).unwrap();
        assert_eq!(back, cs);
    }

    #[test]
    fn unknown_keys_are_refused() {
        let json = r#"{"datasetVersion":"v","changes":[],"extra":1}"#;
        let err = serde_json::from_str::<Changeset>(json).unwrap_err();
        assert!(err.to_string().contains("extra"), "{err}");
    }

    #[test]
    fn problems_read_partial_answers_and_pick_a_language() {
        let p: Problem =
            serde_json::from_str(r#"{"field":"coll_siret","message":"bad","messageFr":"faux"}"#)
                .unwrap();
        assert_eq!(p.message_in("fr"), "faux");
        assert_eq!(p.message_in("en"), "bad");
        assert_eq!(p.index, None);
    }
}
