//! Rows of the store (suggestions and audit entries) and their JSON form.

use rusqlite::Row;
use serde::Serialize;

use vitrine_core::changeset::{Author, Change};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pending,
    Accepted,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "pending" => Some(Status::Pending),
            "accepted" => Some(Status::Accepted),
            "rejected" => Some(Status::Rejected),
            _ => None,
        }
    }
}

/// A suggestion about to be stored.
#[derive(Debug, Clone)]
pub struct NewSuggestion {
    pub dataset: String,
    pub dataset_version: String,
    pub created_at: String,
    pub message: String,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub consent: bool,
    pub changes_json: String,
    /// True when a change touches a restricted field.
    pub restricted: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredSuggestion {
    pub id: i64,
    pub dataset: String,
    pub dataset_version: String,
    pub status: Status,
    pub created_at: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    pub consent: bool,
    pub changes: Vec<Change>,
    pub restricted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn parse_changes(json: &str, column: usize) -> rusqlite::Result<Vec<Change>> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl StoredSuggestion {
    pub fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let status: String = row.get(3)?;
        let author = Author {
            name: row.get(6)?,
            email: row.get(7)?,
        };
        let changes: String = row.get(9)?;
        Ok(StoredSuggestion {
            id: row.get(0)?,
            dataset: row.get(1)?,
            dataset_version: row.get(2)?,
            status: Status::parse(&status).unwrap_or(Status::Pending),
            created_at: row.get(4)?,
            message: row.get(5)?,
            author: (!author.is_empty()).then_some(author),
            consent: row.get(8)?,
            changes: parse_changes(&changes, 9)?,
            restricted: row.get(10)?,
            decided_at: row.get(11)?,
            decided_by: row.get(12)?,
            reason: row.get(13)?,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    pub dataset: String,
    pub suggestion_id: i64,
    pub action: Status,
    pub moderator: String,
    pub at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip)]
    pub changes_json: String,
    pub changes: Vec<Change>,
}

impl AuditEntry {
    /// The record of a moderator's decision on `suggestion`, made now.
    pub fn decision(
        suggestion: &StoredSuggestion,
        action: Status,
        moderator: &str,
        versions: (Option<String>, Option<String>),
        reason: Option<String>,
    ) -> Self {
        AuditEntry {
            id: 0,
            dataset: suggestion.dataset.clone(),
            suggestion_id: suggestion.id,
            action,
            moderator: moderator.to_string(),
            at: now_rfc3339(),
            version_before: versions.0,
            version_after: versions.1,
            reason,
            changes_json: serde_json::to_string(&suggestion.changes).unwrap_or_default(),
            changes: Vec::new(),
        }
    }

    pub fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let action: String = row.get(3)?;
        let changes_json: String = row.get(9)?;
        Ok(AuditEntry {
            id: row.get(0)?,
            dataset: row.get(1)?,
            suggestion_id: row.get(2)?,
            action: Status::parse(&action).unwrap_or(Status::Accepted),
            moderator: row.get(4)?,
            at: row.get(5)?,
            version_before: row.get(6)?,
            version_after: row.get(7)?,
            reason: row.get(8)?,
            changes: parse_changes(&changes_json, 9)?,
            changes_json,
        })
    }
}

/// The current time as RFC 3339 UTC (`2026-11-22T04:10:00.123Z`).
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}
