//! The moderation API calls (gloo-net), each with the moderator token in
//! `Authorization: Bearer …`, and their errors in words.

use gloo_net::http::{Request, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::model::{
    Conflict, DatasetInfo, DatasetList, HistoryEntry, ReviewProblem, Suggestion, SuggestionList,
};
use super::strings::moderation_strings;
use crate::i18n::Lang;

/// Why a call failed. Nothing the moderator typed is lost on failure: the
/// components keep their state and show this.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request did not complete (network down, server stopped, CORS).
    Network(String),
    /// The server answered with an error status and its JSON error body.
    Status {
        status: u16,
        code: String,
        message: String,
        message_fr: String,
        conflicts: Vec<Conflict>,
        /// Invalid values (422 on accept when the data changed under the suggestion).
        problems: Vec<ReviewProblem>,
    },
    /// The answer could not be read.
    Body(String),
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    message_fr: String,
    #[serde(default)]
    details: Option<ErrorDetails>,
}

#[derive(Deserialize)]
struct ErrorDetails {
    #[serde(default)]
    conflicts: Vec<Conflict>,
    #[serde(default)]
    errors: Vec<ReviewProblem>,
}

impl ApiError {
    /// Reads the server's JSON error body; a body that is not one still
    /// gives the status.
    pub fn from_status(status: u16, body: &str) -> ApiError {
        match serde_json::from_str::<ErrorEnvelope>(body) {
            Ok(ErrorEnvelope { error }) => {
                let (conflicts, problems) = error
                    .details
                    .map(|d| (d.conflicts, d.errors))
                    .unwrap_or_default();
                ApiError::Status {
                    status,
                    code: error.code,
                    message: error.message,
                    message_fr: error.message_fr,
                    conflicts,
                    problems,
                }
            }
            Err(_) => ApiError::Status {
                status,
                code: String::new(),
                message: body.chars().take(300).collect(),
                message_fr: String::new(),
                conflicts: Vec::new(),
                problems: Vec::new(),
            },
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// 401 or 403: the token is missing, wrong or may not moderate.
    pub fn is_auth(&self) -> bool {
        matches!(self.status(), Some(401 | 403))
    }

    /// The values in conflict (409 on accept).
    pub fn conflicts(&self) -> &[Conflict] {
        match self {
            ApiError::Status { conflicts, .. } => conflicts,
            _ => &[],
        }
    }

    /// The invalid values (422 on accept).
    pub fn problems(&self) -> &[ReviewProblem] {
        match self {
            ApiError::Status { problems, .. } => problems,
            _ => &[],
        }
    }

    /// What went wrong, in the interface language.
    pub fn describe(&self, lang: Lang) -> String {
        let s = moderation_strings(lang);
        match self {
            ApiError::Network(detail) => format!("{} ({detail})", s.error_network),
            ApiError::Body(detail) => format!("{} : {detail}", s.error_body),
            ApiError::Status {
                status,
                message,
                message_fr,
                conflicts,
                ..
            } => {
                let server = match lang {
                    Lang::Fr if !message_fr.is_empty() => message_fr,
                    _ => message,
                };
                match status {
                    401 => format!("{} {server}", s.error_unauthorized),
                    403 => format!("{} {server}", s.error_forbidden),
                    409 if !conflicts.is_empty() => s.error_conflict.to_string(),
                    _ => format!("{} {status} : {server}", s.error_status),
                }
            }
        }
    }
}

/// The API of one server, called with one moderator token.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    base: String,
    token: String,
}

impl Api {
    /// `base` is the server's origin (empty: the page's own).
    pub fn new(base: &str, token: &str) -> Api {
        Api {
            base: base.trim_end_matches('/').to_string(),
            token: token.trim().to_string(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let response = Request::get(&self.url(path))
            .header("Authorization", &self.bearer())
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        read_json(response).await
    }

    async fn post<T: DeserializeOwned>(&self, path: &str, body: String) -> Result<T, ApiError> {
        let response = Request::post(&self.url(path))
            .header("Authorization", &self.bearer())
            .header("Content-Type", "application/json")
            .body(body)
            .map_err(|e| ApiError::Network(e.to_string()))?
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        read_json(response).await
    }

    /// Every pending suggestion, oldest first: `GET /api/suggestions?status=pending`
    /// page after page (`after` = the last id seen).
    pub async fn pending(&self) -> Result<Vec<Suggestion>, ApiError> {
        const PAGE: usize = 200;
        let mut all: Vec<Suggestion> = Vec::new();
        loop {
            let after = all.last().map_or(0, |s| s.id);
            let list: SuggestionList = self
                .get(&format!(
                    "/api/suggestions?status=pending&limit={PAGE}&after={after}"
                ))
                .await?;
            let count = list.suggestions.len();
            all.extend(list.suggestions);
            if count < PAGE || all.last().map_or(0, |s| s.id) <= after {
                return Ok(all);
            }
        }
    }

    /// `GET /api/datasets`.
    pub async fn datasets(&self) -> Result<Vec<DatasetInfo>, ApiError> {
        let list: DatasetList = self.get("/api/datasets").await?;
        Ok(list.datasets)
    }

    /// `GET /api/datasets/{id}/schema` with the token: restricted fields included.
    pub async fn schema(&self, dataset: &str) -> Result<vitrine_core::Schema, ApiError> {
        let json: serde_json::Value = self
            .get(&format!("/api/datasets/{}/schema", encode(dataset)))
            .await?;
        vitrine_core::Schema::from_json(&json.to_string())
            .map_err(|e| ApiError::Body(e.message("en")))
    }

    /// `GET /api/datasets/{id}/history`, newest first.
    pub async fn history(&self, dataset: &str) -> Result<Vec<HistoryEntry>, ApiError> {
        let history: super::model::History = self
            .get(&format!("/api/datasets/{}/history", encode(dataset)))
            .await?;
        Ok(history.history)
    }

    /// `POST /api/suggestions/{sid}/accept`.
    pub async fn accept(&self, sid: i64) -> Result<(), ApiError> {
        let _: serde_json::Value = self
            .post(&format!("/api/suggestions/{sid}/accept"), String::new())
            .await?;
        Ok(())
    }

    /// `POST /api/suggestions/{sid}/reject` with `{"reason": …}`.
    pub async fn reject(&self, sid: i64, reason: &str) -> Result<(), ApiError> {
        let body = serde_json::json!({ "reason": reason }).to_string();
        let _: serde_json::Value = self
            .post(&format!("/api/suggestions/{sid}/reject"), body)
            .await?;
        Ok(())
    }
}

async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_status(status, &text));
    }
    let text = if text.trim().is_empty() {
        "null"
    } else {
        &text
    };
    serde_json::from_str(text).map_err(|e| ApiError::Body(e.to_string()))
}

fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}
