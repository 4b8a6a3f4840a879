//! Reading a JSON request body with a size limit and precise errors:
//! 413 when too large, 400 when not JSON (with line and column) or not the
//! expected shape (naming the key).

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::errors::ApiError;

pub async fn read_json<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<T, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("The request body is larger than {limit} bytes."),
            format!("Le corps de la requête dépasse {limit} octets."),
        )
        .with_details(json!({ "limit": limit }))
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(e) => {
            let is_limit = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            return Err(if is_limit {
                too_large()
            } else {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "body_unreadable",
                    format!("The request body could not be read: {e}."),
                    format!("Le corps de la requête n'a pas pu être lu : {e}."),
                )
            });
        }
    };
    serde_json::from_slice(&bytes).map_err(json_error)
}

fn json_error(e: serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    let details = json!({ "line": line, "column": column, "reason": e.to_string() });
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            format!("The body is not valid JSON: {e}."),
            format!("Le corps n'est pas un JSON valide : {e}."),
        ),
        Category::Data => ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_body",
            format!("The JSON does not have the expected shape: {e}."),
            format!("Le JSON n'a pas la forme attendue : {e}."),
        ),
    }
    .with_details(details)
}
