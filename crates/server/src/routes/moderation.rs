//! Moderation, behind a moderator token: list and read suggestions (with
//! their current validation and conflict state), accept (apply to the data
//! file) or reject them. Every decision is recorded in the audit log.

use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::dataset::{ApplyError, Snapshot};
use crate::dataset_file::write_atomically;
use crate::errors::{ApiError, ApiResult};
use crate::records::{AuditEntry, Status, StoredSuggestion};
use crate::routes::body::read_json;
use crate::state::{AppState, DatasetHandle};

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    dataset: Option<String>,
    limit: Option<String>,
    after: Option<String>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    state.auth.moderator(&headers).await?;
    let status = match query.status.as_deref() {
        None | Some("all") => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_status",
                format!("Unknown status `{s}`: use pending, accepted, rejected or all."),
                format!("Statut inconnu « {s} » : pending, accepted, rejected ou all."),
            )
        })?),
    };
    let limit = parse_limit(query.limit.as_deref(), 200)?;
    let after = match query.after.as_deref() {
        None => 0,
        Some(t) => t.parse::<i64>().map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_after",
                format!("`after` must be a suggestion id, not `{t}`."),
                format!("`after` doit être un numéro de proposition, pas « {t} »."),
            )
        })?,
    };
    let items = state
        .store
        .suggestions(status, query.dataset, after, limit)
        .await
        .map_err(|e| ApiError::internal("listing suggestions", e))?;
    let items: Vec<Value> = items.iter().map(|s| with_review(&state, s)).collect();
    Ok(Json(json!({ "suggestions": items })))
}

pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(sid): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    state.auth.moderator(&headers).await?;
    let suggestion = load(&state, parse_sid(&sid)?).await?;
    Ok(Json(with_review(&state, &suggestion)))
}

/// The suggestion with, per change, the current value in the dataset, whether
/// it conflicts and whether the value is valid.
fn with_review(state: &AppState, suggestion: &StoredSuggestion) -> Value {
    let mut value = serde_json::to_value(suggestion).unwrap_or(Value::Null);
    if let Some(dataset) = state.datasets.get(&suggestion.dataset) {
        let snapshot = dataset.snapshot();
        value["review"] = snapshot.review(&suggestion.changes);
        value["currentVersion"] = json!(snapshot.version());
    }
    value
}

fn parse_sid(text: &str) -> ApiResult<i64> {
    text.parse::<i64>()
        .map_err(|_| ApiError::not_found(&format!("suggestion {text}")))
}

/// `?limit=`: 1 to 1000, `default` when absent.
pub fn parse_limit(text: Option<&str>, default: u32) -> ApiResult<u32> {
    match text {
        None => Ok(default),
        Some(t) => t.parse::<u32>().map(|n| n.clamp(1, 1000)).map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_limit",
                format!("`limit` must be a number, not `{t}`."),
                format!("`limit` doit être un nombre, pas « {t} »."),
            )
        }),
    }
}

async fn load(state: &AppState, sid: i64) -> ApiResult<StoredSuggestion> {
    state
        .store
        .suggestion(sid)
        .await
        .map_err(|e| ApiError::internal("reading the suggestion", e))?
        .ok_or_else(|| ApiError::not_found(&format!("suggestion {sid}")))
}

fn already_decided(s: &StoredSuggestion) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "already_decided",
        format!("Suggestion {} was already {}.", s.id, s.status.as_str()),
        format!(
            "La proposition {} a déjà été traitée ({}).",
            s.id,
            s.status.as_str()
        ),
    )
    .with_details(
        json!({ "status": s.status, "decidedBy": s.decided_by, "decidedAt": s.decided_at }),
    )
}

fn dataset_of<'a>(state: &'a AppState, s: &StoredSuggestion) -> ApiResult<&'a Arc<DatasetHandle>> {
    state.datasets.get(&s.dataset).ok_or_else(|| {
        ApiError::new(
            StatusCode::CONFLICT,
            "dataset_unavailable",
            format!("Dataset `{}` is no longer served.", s.dataset),
            format!("Le jeu de données « {} » n'est plus servi.", s.dataset),
        )
    })
}

pub async fn accept(
    State(state): State<Arc<AppState>>,
    Path(sid): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let moderator = state.auth.moderator(&headers).await?;
    let sid = parse_sid(&sid)?;
    let suggestion = load(&state, sid).await?;
    let dataset = dataset_of(&state, &suggestion)?.clone();
    let _guard = dataset.write_lock.lock().await;
    // Decided while we waited for the lock?
    let suggestion = load(&state, sid).await?;
    if suggestion.status != Status::Pending {
        return Err(already_decided(&suggestion));
    }
    let before = dataset.snapshot();
    let new_bytes = before.apply(&suggestion.changes).map_err(|e| match e {
        ApplyError::Conflicts(conflicts) => ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            "The dataset changed since the suggestion was made: some values before no longer match.",
            "Le jeu de données a changé depuis la proposition : certaines valeurs d'origine ne correspondent plus.",
        )
        .with_details(json!({ "conflicts": conflicts })),
        ApplyError::Invalid(errors) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_values",
            "Applied to the current data, the suggestion gives invalid values.",
            "Appliquée aux données actuelles, la proposition donne des valeurs invalides.",
        )
        .with_details(json!({ "errors": errors })),
        ApplyError::Internal(message) => ApiError::internal("applying the suggestion", message),
    })?;
    let config = dataset.config.clone();
    let schema_bytes = before.schema_bytes().to_vec();
    let next = tokio::task::spawn_blocking(move || -> Result<Snapshot, String> {
        write_atomically(&config.data, &new_bytes).map_err(|e| e.to_string())?;
        Snapshot::from_bytes(&config, new_bytes, schema_bytes).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| ApiError::internal("writing the dataset", e))?
    .map_err(|e| ApiError::internal("writing the dataset", e))?;
    let version_after = next.version().to_string();
    dataset.replace(next);
    let entry = AuditEntry::decision(
        &suggestion,
        Status::Accepted,
        &moderator,
        (
            Some(before.version().to_string()),
            Some(version_after.clone()),
        ),
        None,
    );
    let recorded = state
        .store
        .decide(entry)
        .await
        .map_err(|e| ApiError::internal("recording the decision", e))?;
    if !recorded {
        // Cannot happen while decisions hold the dataset lock; say so loudly.
        tracing::error!(
            suggestion = sid,
            "applied a suggestion that was no longer pending"
        );
    }
    tracing::info!(suggestion = sid, %moderator, version = %version_after, "suggestion accepted");
    Ok(Json(json!({
        "id": sid,
        "status": "accepted",
        "dataset": suggestion.dataset,
        "versionBefore": before.version(),
        "version": version_after,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectBody {
    reason: String,
}

pub async fn reject(
    State(state): State<Arc<AppState>>,
    Path(sid): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<Value>> {
    let moderator = state.auth.moderator(&headers).await?;
    let sid = parse_sid(&sid)?;
    let RejectBody { reason } =
        read_json(&headers, body, state.config.limits.max_body_bytes).await?;
    if reason.trim().is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "reason_required",
            "A reason is required to reject a suggestion.",
            "Un motif est requis pour refuser une proposition.",
        ));
    }
    let suggestion = load(&state, sid).await?;
    let dataset = state.datasets.get(&suggestion.dataset).cloned();
    let _guard = match &dataset {
        Some(d) => Some(d.write_lock.lock().await),
        None => None,
    };
    let version = dataset.as_ref().map(|d| d.snapshot().version().to_string());
    let entry = AuditEntry::decision(
        &suggestion,
        Status::Rejected,
        &moderator,
        (version.clone(), version),
        Some(reason.clone()),
    );
    let recorded = state
        .store
        .decide(entry)
        .await
        .map_err(|e| ApiError::internal("recording the decision", e))?;
    if !recorded {
        let current = load(&state, sid).await?;
        return Err(already_decided(&current));
    }
    tracing::info!(suggestion = sid, %moderator, "suggestion rejected");
    Ok(Json(
        json!({ "id": sid, "status": "rejected", "reason": reason }),
    ))
}
