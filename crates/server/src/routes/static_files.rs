//! The widget bundle and demo page, from the static folder (`dist/`).
//!
//! `/` serves `index.html`, `/moderation` serves `moderation.html` when the
//! folder has one. Hidden files, `..`, the folders of the configured data
//! files and the schema files are never served (even if the static folder
//! contains them).

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;
use crate::file_cache::is_safe_segment;
use crate::state::AppState;

pub async fn serve_static(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return ApiError::new(
            axum::http::StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            format!("{method} is not allowed on {}.", uri.path()),
            format!("{method} n'est pas permis sur {}.", uri.path()),
        )
        .into_response();
    }
    let Some(relative) = static_path(uri.path()) else {
        return ApiError::not_found(uri.path()).into_response();
    };
    let path = state.config.static_dir.join(&relative);
    if state.is_private(&path) {
        return ApiError::not_found(uri.path()).into_response();
    }
    match state.files.get(&path).await {
        Some(rep) => {
            let html = rep.content_type.as_bytes().starts_with(b"text/html");
            let mut response = rep.respond(&headers, "no-cache");
            let h = response.headers_mut();
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            if html {
                h.insert(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                );
            }
            if method == Method::HEAD {
                *response.body_mut() = axum::body::Body::empty();
            }
            response
        }
        None => ApiError::not_found(uri.path()).into_response(),
    }
}

/// The file a URL path names inside the static folder, or `None` when the
/// path is not acceptable.
fn static_path(url_path: &str) -> Option<PathBuf> {
    let trimmed = url_path.trim_start_matches('/');
    match trimmed {
        "" => return Some(PathBuf::from("index.html")),
        "moderation" | "moderation/" => return Some(PathBuf::from("moderation.html")),
        _ => {}
    }
    let mut path = PathBuf::new();
    let mut segments = trimmed.split('/').peekable();
    while let Some(segment) = segments.next() {
        if segment.is_empty() && segments.peek().is_none() {
            path.push("index.html");
            break;
        }
        if !is_safe_segment(segment) {
            return None;
        }
        path.push(segment);
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_urls_to_files() {
        assert_eq!(static_path("/"), Some(PathBuf::from("index.html")));
        assert_eq!(
            static_path("/moderation"),
            Some(PathBuf::from("moderation.html"))
        );
        assert_eq!(
            static_path("/snippets/a/b.js"),
            Some(PathBuf::from("snippets/a/b.js"))
        );
        assert_eq!(
            static_path("/docs/"),
            Some(PathBuf::from("docs/index.html"))
        );
        assert_eq!(static_path("/../etc/passwd"), None);
        assert_eq!(static_path("/a//b"), None);
        assert_eq!(static_path("/.git/config"), None);
        assert_eq!(static_path("/%2e%2e/x"), None);
    }
}
