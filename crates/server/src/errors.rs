//! The JSON error body every endpoint answers with on failure.
//!
//! ```json
//! {"error": {"status": 404, "code": "dataset_not_found",
//!            "message": "…", "messageFr": "…", "details": …}}
//! ```
//! `code` is stable and meant for programs; `message` (English) and
//! `messageFr` (French) are for people; `details` is present when the error
//! concerns particular values (validation, conflicts).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value as Json, json};

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub message_fr: String,
    pub details: Option<Json>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<String>,
        message_fr: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            message_fr: message_fr.into(),
            details: None,
        }
    }

    pub fn with_details(mut self, details: Json) -> Self {
        self.details = Some(details);
        self
    }

    pub fn dataset_not_found(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "dataset_not_found",
            format!("No dataset with id `{id}`."),
            format!("Aucun jeu de données avec l'identifiant « {id} »."),
        )
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("Not found: {what}."),
            format!("Introuvable : {what}."),
        )
    }

    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!(%err, context, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            format!("Internal error while {context}; nothing was changed."),
            format!("Erreur interne ({context}) ; rien n'a été modifié."),
        )
    }

    pub fn body(&self) -> Json {
        let mut error = json!({
            "status": self.status.as_u16(),
            "code": self.code,
            "message": self.message,
            "messageFr": self.message_fr,
        });
        if let Some(details) = &self.details {
            error["details"] = details.clone();
        }
        json!({ "error": error })
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.body()).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"vitrine\""),
            );
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
