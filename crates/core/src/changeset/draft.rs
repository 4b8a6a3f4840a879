//! The editor's whole draft: pending edits with their history, and what
//! they wrote for the moderators. It is what the widget keeps in
//! `localStorage` so that nothing typed is lost, and what becomes the
//! [`Changeset`] it sends.

use serde::{Deserialize, Serialize};

use super::history::EditHistory;
use super::wire::{Author, Change, Changeset};

/// Everything an editor has typed for one dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Draft {
    /// The dataset version the edits were made against.
    pub version: String,
    pub history: EditHistory,
    pub message: String,
    pub name: String,
    pub email: String,
    pub consent: bool,
}

impl Draft {
    /// The draft as JSON (for `localStorage`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A draft read back from JSON; `None` when the text is not one.
    pub fn from_json(text: &str) -> Option<Draft> {
        serde_json::from_str(text).ok()
    }

    /// True when the editor gives a name or an email (consent is then required).
    pub fn gives_personal_data(&self) -> bool {
        !self.name.trim().is_empty() || !self.email.trim().is_empty()
    }

    /// True when the author part may be sent: no personal data, or consent.
    pub fn consent_ok(&self) -> bool {
        self.consent || !self.gives_personal_data()
    }

    /// The changeset to send: one change per pending edit, with the value
    /// before (`null` for a new row's cells) and the proposed text (`null`
    /// when empty).
    pub fn to_changeset(&self) -> Changeset {
        let changes = self
            .history
            .edits()
            .iter()
            .map(|e| {
                let (row_id, new_row) = e.row.to_wire();
                Change {
                    row_id,
                    new_row,
                    field: e.field.clone(),
                    before: (!e.row.is_new()).then(|| e.before.clone()),
                    after: (!e.after.is_empty()).then(|| e.after.clone()),
                }
            })
            .collect();
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let author = Author {
            name: text(&self.name),
            email: text(&self.email),
        };
        Changeset {
            dataset_version: self.version.clone(),
            message: self.message.trim().to_string(),
            author: (!author.is_empty()).then_some(author),
            consent: self.consent && self.gives_personal_data(),
            changes,
        }
    }
}
