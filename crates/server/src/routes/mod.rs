//! The HTTP routes and the layers around them (CORS, tracing).

pub mod body;
pub mod datasets;
pub mod health;
pub mod moderation;
pub mod static_files;
pub mod suggestions;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

use crate::errors::ApiError;
use crate::state::AppState;

pub fn router(state: Arc<AppState>) -> Router {
    let api = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/datasets", get(datasets::list))
        .route("/api/datasets/{id}", get(datasets::data))
        .route("/api/datasets/{id}/data.csv", get(datasets::data_csv))
        .route("/api/datasets/{id}/data.json", get(datasets::data_json))
        .route("/api/datasets/{id}/schema", get(datasets::schema))
        .route("/api/datasets/{id}/logos/{file}", get(datasets::logo))
        .route("/api/datasets/{id}/history", get(datasets::history))
        .route("/api/datasets/{id}/suggestions", post(suggestions::create))
        .route("/api/suggestions", get(moderation::list))
        .route("/api/suggestions/{sid}", get(moderation::get))
        .route("/api/suggestions/{sid}/accept", post(moderation::accept))
        .route("/api/suggestions/{sid}/reject", post(moderation::reject))
        .route("/api", get(api_not_found).post(api_not_found))
        .route("/api/{*rest}", get(api_not_found).post(api_not_found))
        .method_not_allowed_fallback(method_not_allowed);
    api.fallback(static_files::serve_static)
        .layer(cors(&state.config.cors_origins))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn api_not_found(uri: axum::http::Uri) -> impl IntoResponse {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("No endpoint {}.", uri.path()),
        format!("Aucun point d'accès {}.", uri.path()),
    )
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> impl IntoResponse {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}.", uri.path()),
        format!("{method} n'est pas permis sur {}.", uri.path()),
    )
}

fn cors(origins: &[String]) -> CorsLayer {
    let allow_origin = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::OPTIONS])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::IF_NONE_MATCH,
            header::ACCEPT,
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            HeaderName::from_static("x-vitrine-version"),
        ])
        .max_age(std::time::Duration::from_secs(600))
}
