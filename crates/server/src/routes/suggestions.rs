//! `POST /api/datasets/{id}/suggestions`: receive a changeset, check it
//! against the dataset with vitrine-core, store it durably, answer 201.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::auth::Caller;
use crate::errors::{ApiError, ApiResult};
use crate::limits::client_ip;
use crate::records::{NewSuggestion, now_rfc3339};
use crate::routes::body::read_json;
use crate::state::AppState;
use vitrine_core::changeset::Changeset;

const MAX_MESSAGE_CHARS: usize = 10_000;
const MAX_AUTHOR_CHARS: usize = 320;

pub async fn create(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let dataset = state.dataset(&id)?.clone();
    let caller = state.auth.caller(&headers).await?;
    if caller == Caller::Anonymous {
        let ip = client_ip(peer, &headers, state.config.limits.trust_forwarded_for);
        if let Err(wait) = state.limiter.check(ip) {
            let seconds = wait.as_secs() + 1;
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_suggestions",
                format!("Too many suggestions from this address; retry in {seconds} s."),
                format!("Trop de propositions depuis cette adresse ; réessayez dans {seconds} s."),
            )
            .with_details(json!({ "retryAfter": seconds }))
            .into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            return Ok(response);
        }
    }
    let changeset: Changeset =
        read_json(&headers, body, state.config.limits.max_body_bytes).await?;
    check_envelope(&changeset, state.config.limits.max_changes)?;
    let snapshot = dataset.snapshot();
    let may_restricted = dataset.may_read_restricted(&caller);
    let checked = snapshot.check_changes(&changeset.changes, may_restricted)?;
    let author = changeset.author.clone().unwrap_or_default();
    let record = NewSuggestion {
        dataset: id.clone(),
        dataset_version: crate::dataset::normalize_version(&changeset.dataset_version),
        created_at: now_rfc3339(),
        message: changeset.message.clone(),
        author_name: author.name.filter(|n| !n.trim().is_empty()),
        author_email: author.email.filter(|e| !e.trim().is_empty()),
        consent: changeset.consent,
        changes_json: serde_json::to_string(&changeset.changes)
            .map_err(|e| ApiError::internal("encoding the changes", e))?,
        restricted: checked.touches_restricted,
    };
    let sid = state
        .store
        .insert_suggestion(record)
        .await
        .map_err(|e| ApiError::internal("storing the suggestion", e))?;
    tracing::info!(dataset = %id, suggestion = sid, changes = changeset.changes.len(), "suggestion stored");
    let location = format!("/api/suggestions/{sid}");
    let mut response = (
        StatusCode::CREATED,
        Json(json!({
            "id": sid,
            "status": "pending",
            "dataset": id,
            "datasetVersion": snapshot.version(),
            "stale": crate::dataset::normalize_version(&changeset.dataset_version) != snapshot.version(),
            "location": location,
        })),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// Checks that do not need the dataset: sizes, consent, an empty changeset.
fn check_envelope(changeset: &Changeset, max_changes: usize) -> Result<(), ApiError> {
    let unprocessable = |code, en: String, fr: String| {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, en, fr)
    };
    if changeset.changes.is_empty() {
        return Err(unprocessable(
            "empty_changeset",
            "The changeset has no changes.".into(),
            "La proposition ne contient aucune modification.".into(),
        ));
    }
    if changeset.changes.len() > max_changes {
        return Err(unprocessable(
            "too_many_changes",
            format!(
                "At most {max_changes} changes per suggestion ({} sent).",
                changeset.changes.len()
            ),
            format!(
                "Au plus {max_changes} modifications par proposition ({} envoyées).",
                changeset.changes.len()
            ),
        ));
    }
    if changeset.message.chars().count() > MAX_MESSAGE_CHARS {
        return Err(unprocessable(
            "message_too_long",
            format!("The message is longer than {MAX_MESSAGE_CHARS} characters."),
            format!("Le message dépasse {MAX_MESSAGE_CHARS} caractères."),
        ));
    }
    if let Some(author) = &changeset.author {
        let too_long = [&author.name, &author.email].iter().any(|v| {
            v.as_deref()
                .is_some_and(|s| s.chars().count() > MAX_AUTHOR_CHARS)
        });
        if too_long {
            return Err(unprocessable(
                "author_too_long",
                format!(
                    "The author's name and email are limited to {MAX_AUTHOR_CHARS} characters."
                ),
                format!(
                    "Le nom et l'adresse de l'auteur sont limités à {MAX_AUTHOR_CHARS} caractères."
                ),
            ));
        }
        if let Some(email) = author.email.as_deref().filter(|e| !e.trim().is_empty()) {
            let plausible = email
                .split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
            if !plausible {
                return Err(unprocessable(
                    "invalid_email",
                    format!("`{email}` is not an email address."),
                    format!("« {email} » n'est pas une adresse électronique."),
                ));
            }
        }
        if !author.is_empty() && !changeset.consent {
            return Err(unprocessable(
                "consent_required",
                "A name or email is given: consent to keep them is required (\"consent\": true).".into(),
                "Un nom ou une adresse est donné : le consentement à leur conservation est requis (« consent » : true).".into(),
            ));
        }
    }
    Ok(())
}
