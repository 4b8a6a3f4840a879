//! Reading datasets: list, data (CSV or JSON), schema, logos and history.
//! Anonymous callers get the public view (restricted fields removed from
//! data, schema and history); a token allowed by the dataset gets the full view.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{ApiError, ApiResult};
use crate::file_cache::is_safe_segment;
use crate::records::Status;
use crate::state::{AppState, DatasetHandle};

const LOGO_EXTENSIONS: &[&str] = &["svg", "png", "jpg", "jpeg", "webp", "gif"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

pub async fn list(State(state): State<Arc<AppState>>) -> Json<Value> {
    let items: Vec<Value> = state
        .datasets
        .values()
        .map(|d| {
            let s = d.snapshot();
            let id = &d.config.id;
            json!({
                "id": id,
                "title": s.title(),
                "version": s.version(),
                "rows": s.row_count(),
                "data": format!("/api/datasets/{id}/data.csv"),
                "schema": format!("/api/datasets/{id}/schema"),
            })
        })
        .collect();
    Json(json!({ "datasets": items }))
}

pub async fn data(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let format = if prefers_json(&headers) {
        Format::Json
    } else {
        Format::Csv
    };
    respond_data(&state, &id, &headers, format).await
}

pub async fn data_csv(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    respond_data(&state, &id, &headers, Format::Csv).await
}

pub async fn data_json(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    respond_data(&state, &id, &headers, Format::Json).await
}

pub async fn schema(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let dataset = state.dataset(&id)?;
    let full = full_view(&state, dataset, &headers).await?;
    let snapshot = dataset.snapshot();
    let response = snapshot
        .view(full)
        .schema
        .respond(&headers, cache_control(full));
    Ok(decorate(response, snapshot.version(), full))
}

async fn respond_data(
    state: &AppState,
    id: &str,
    headers: &HeaderMap,
    format: Format,
) -> ApiResult<Response> {
    let dataset = state.dataset(id)?;
    let full = full_view(state, dataset, headers).await?;
    let snapshot = dataset.snapshot();
    let view = snapshot.view(full);
    let representation = match format {
        Format::Csv => &view.csv,
        Format::Json => &view.json,
    };
    let response = representation.respond(headers, cache_control(full));
    Ok(decorate(response, snapshot.version(), full))
}

/// Whether the caller gets the full view; a bad token is an error, never
/// a silent downgrade.
async fn full_view(
    state: &AppState,
    dataset: &DatasetHandle,
    headers: &HeaderMap,
) -> ApiResult<bool> {
    let caller = state.auth.caller(headers).await?;
    Ok(dataset.may_read_restricted(&caller))
}

fn cache_control(full: bool) -> &'static str {
    if full {
        "private, no-cache"
    } else {
        "no-cache"
    }
}

fn decorate(mut response: Response, version: &str, full: bool) -> Response {
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(version) {
        h.insert("x-vitrine-version", v);
    }
    h.insert(
        header::VARY,
        HeaderValue::from_static("Accept, Accept-Encoding, Authorization"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        "x-vitrine-view",
        HeaderValue::from_static(if full { "full" } else { "public" }),
    );
    response
}

fn prefers_json(headers: &HeaderMap) -> bool {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    match (accept.find("application/json"), accept.find("text/csv")) {
        (Some(j), Some(c)) => j < c,
        (Some(_), None) => true,
        _ => false,
    }
}

pub async fn logo(
    State(state): State<Arc<AppState>>,
    Path((id, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let dataset = state.dataset(&id)?;
    let extension = file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let allowed = extension.is_some_and(|e| LOGO_EXTENSIONS.contains(&e.as_str()));
    if !is_safe_segment(&file) || !allowed {
        return Err(ApiError::not_found(&format!("logos/{file}")));
    }
    let folder = dataset
        .config
        .data
        .parent()
        .map(|p| p.join("logos"))
        .ok_or_else(|| ApiError::not_found(&format!("logos/{file}")))?;
    let representation = state
        .files
        .get(&folder.join(&file))
        .await
        .ok_or_else(|| ApiError::not_found(&format!("logos/{file}")))?;
    let mut response = representation.respond(&headers, "public, max-age=3600");
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // An SVG opened directly must not run scripts on this origin.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    Ok(response)
}

#[derive(Deserialize)]
pub struct HistoryQuery {
    limit: Option<String>,
}

pub async fn history(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(query): Query<HistoryQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let dataset = state.dataset(&id)?;
    let caller = state.auth.caller(&headers).await?;
    let full = dataset.may_read_restricted(&caller);
    let limit = crate::routes::moderation::parse_limit(query.limit.as_deref(), 100)?;
    let mut entries = state
        .store
        .history(id.clone(), limit)
        .await
        .map_err(|e| ApiError::internal("reading the history", e))?;
    let snapshot = dataset.snapshot();
    if !full {
        entries.retain(|e| e.action == Status::Accepted);
        for entry in &mut entries {
            entry.changes.retain(|c| !snapshot.is_restricted(&c.field));
            entry.reason = None;
        }
        // An entry that only touched restricted fields says nothing public.
        entries.retain(|e| !e.changes.is_empty());
    }
    let mut response = Json(json!({ "dataset": id, "history": entries })).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if full {
            "private, no-store"
        } else {
            "no-cache"
        }),
    );
    Ok(response)
}
