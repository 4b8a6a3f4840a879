//! `GET /healthz`: the server is up and its database answers.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::state::AppState;

pub async fn healthz(State(state): State<Arc<AppState>>) -> (StatusCode, Json<Value>) {
    let database = state
        .store
        .read(|conn| conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0)))
        .await
        .is_ok();
    let status = if database {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = json!({
        "status": if database { "ok" } else { "degraded" },
        "database": database,
        "datasets": state.datasets.len(),
        "version": env!("CARGO_PKG_VERSION"),
    });
    (status, Json(body))
}
