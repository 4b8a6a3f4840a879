//! The moderation API's JSON, as the page reads it (see the server's
//! `records.rs`; changes, authors and problems are vitrine-core's
//! `changeset::wire` types). Every text is kept as it was sent and
//! rendered as text.

use serde::Deserialize;
pub use vitrine_core::changeset::{Author, Change, Problem as ReviewProblem, RowId};

/// The server's review of one change against the current data.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub index: usize,
    /// The cell's current text (`None` for a new row or a missing row).
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub conflict: bool,
    #[serde(default = "yes")]
    pub row_found: bool,
    #[serde(default = "yes")]
    pub field_known: bool,
    #[serde(default = "yes")]
    pub valid: bool,
    #[serde(default)]
    pub problems: Vec<ReviewProblem>,
}

fn yes() -> bool {
    true
}

/// The server's review of a suggestion: one entry per change, and the
/// problems of whole rows no single change is at fault for.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[serde(from = "ReviewWire")]
pub struct SuggestionReview {
    pub changes: Vec<Review>,
    pub row_problems: Vec<ReviewProblem>,
}

/// Both shapes the server has answered with: a bare list of change reviews,
/// or `{"changes": […], "rowProblems": […]}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum ReviewWire {
    Changes(Vec<Review>),
    Full {
        changes: Vec<Review>,
        #[serde(default, rename = "rowProblems")]
        row_problems: Vec<ReviewProblem>,
    },
}

impl From<ReviewWire> for SuggestionReview {
    fn from(wire: ReviewWire) -> Self {
        match wire {
            ReviewWire::Changes(changes) => SuggestionReview {
                changes,
                row_problems: Vec::new(),
            },
            ReviewWire::Full {
                changes,
                row_problems,
            } => SuggestionReview {
                changes,
                row_problems,
            },
        }
    }
}

/// A stored suggestion with its review (`GET /api/suggestions`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub id: i64,
    pub dataset: String,
    #[serde(default)]
    pub dataset_version: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub author: Option<Author>,
    #[serde(default)]
    pub changes: Vec<Change>,
    #[serde(default)]
    pub restricted: bool,
    #[serde(default)]
    pub review: SuggestionReview,
    #[serde(default)]
    pub current_version: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SuggestionList {
    pub suggestions: Vec<Suggestion>,
}

/// A dataset served by the server (`GET /api/datasets`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DatasetInfo {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DatasetList {
    pub datasets: Vec<DatasetInfo>,
}

/// One decision of the audit log (`GET /api/datasets/{id}/history`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub id: i64,
    pub suggestion_id: i64,
    /// `accepted` or `rejected`.
    pub action: String,
    #[serde(default)]
    pub moderator: String,
    #[serde(default)]
    pub at: String,
    #[serde(default)]
    pub version_before: Option<String>,
    #[serde(default)]
    pub version_after: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct History {
    pub history: Vec<HistoryEntry>,
}

/// A value the server reported as conflicting on accept (409).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    #[serde(default)]
    pub row_id: Option<RowId>,
    pub field: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub after: String,
}

/// A dataset's schema shared between components; two are equal when they
/// are the same fetched schema.
#[derive(Clone)]
pub struct SharedSchema(pub std::rc::Rc<vitrine_core::Schema>);

impl PartialEq for SharedSchema {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// An RFC 3339 UTC timestamp as `2026-11-22 04:10 UTC`; other text unchanged.
pub fn short_time(rfc3339: &str) -> String {
    let b = rfc3339.as_bytes();
    let looks_right =
        b.len() >= 16 && rfc3339.ends_with('Z') && b[10] == b'T' && rfc3339.is_char_boundary(16);
    if looks_right {
        format!("{} {} UTC", &rfc3339[..10], &rfc3339[11..16])
    } else {
        rfc3339.to_string()
    }
}
