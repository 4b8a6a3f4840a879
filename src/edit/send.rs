//! Sending the changeset: `POST` of core's JSON to `suggest-url`, and
//! reading the answer (the reference number, or the server's errors).

use super::state::{SendError, ServerProblem};
use gloo_net::http::Request;
use vitrine_core::changeset::{Changeset, Problem, RowRef};
use wasm_bindgen::JsValue;

/// The server's answer to a failed sending: its messages and problems.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    message_fr: String,
    #[serde(default)]
    details: Option<Details>,
}

#[derive(serde::Deserialize, Default)]
struct Details {
    #[serde(default)]
    problems: Vec<Problem>,
}

#[derive(serde::Deserialize)]
struct Envelope {
    error: ErrorBody,
}

fn parse_json(text: &str) -> Option<JsValue> {
    js_sys::JSON::parse(text).ok()
}

/// Sends `changeset` (whose changes are the edits on `rows`, in order);
/// `Ok(reference)` or the error with the problems located on cells.
pub async fn send(
    url: &str,
    changeset: &Changeset,
    rows: &[RowRef],
) -> Result<String, (SendError, Vec<ServerProblem>)> {
    let request = Request::post(url)
        .header("Content-Type", "application/json")
        .body(changeset.to_json())
        .map_err(|_| (SendError::Offline, Vec::new()))?;
    let response = request
        .send()
        .await
        .map_err(|_| (SendError::Offline, Vec::new()))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let json = parse_json(&text);
    if response.ok() {
        let id = json
            .and_then(|j| js_sys::Reflect::get(&j, &JsValue::from_str("id")).ok())
            .map(|id| {
                id.as_f64()
                    .map_or_else(|| id.as_string().unwrap_or_default(), |n| n.to_string())
            })
            .unwrap_or_default();
        return Ok(id);
    }
    let body = json
        .and_then(|j| serde_wasm_bindgen::from_value::<Envelope>(j).ok())
        .map(|e| e.error)
        .unwrap_or_default();
    let problems = body
        .details
        .map(|d| d.problems)
        .unwrap_or_default()
        .into_iter()
        .map(|problem| ServerProblem {
            row: problem.index.and_then(|i| rows.get(i).cloned()),
            field: problem.field.clone(),
            problem,
        })
        .collect();
    let message = (!body.message.is_empty()).then_some((body.message, body.message_fr));
    Err((SendError::Status { status, message }, problems))
}
