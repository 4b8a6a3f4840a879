//! The suggestion changeset as it travels over HTTP (documented in
//! docs/api.md). Values are cell texts exactly as written in the CSV.

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Author {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Author {
    pub fn is_empty(&self) -> bool {
        self.name.as_deref().is_none_or(|n| n.trim().is_empty())
            && self.email.as_deref().is_none_or(|e| e.trim().is_empty())
    }
}

/// Which row a change concerns: a 0-based row index (as the widget numbers
/// rows in file order), or the primary-key value when the schema has a
/// single-field primary key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum RowId {
    Index(u64),
    Key(String),
}

impl std::fmt::Display for RowId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowId::Index(i) => write!(f, "{i}"),
            RowId::Key(k) => write!(f, "{k}"),
        }
    }
}

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
        let back: Changeset = serde_json::from_str(&serde_json::to_string(&cs).unwrap()).unwrap();
        assert_eq!(back, cs);
    }

    #[test]
    fn unknown_keys_are_refused() {
        let json = r#"{"datasetVersion":"v","changes":[],"extra":1}"#;
        let err = serde_json::from_str::<Changeset>(json).unwrap_err();
        assert!(err.to_string().contains("extra"), "{err}");
    }
}
