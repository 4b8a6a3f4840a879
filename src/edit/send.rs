//! Sending the changeset: `POST` of core's JSON to `suggest-url`, and
//! reading the answer (the reference number, or the server's errors).

use super::state::{SendError, ServerProblem};
use gloo_net::http::Request;
use vitrine_core::changeset::{Changeset, Problem, RowRef};
use wasm_bindgen::{JsCast, JsValue};

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

/// One of `details.problems` (read by hand: no JSON decoder is added to the bundle).
fn problem(value: &JsValue) -> Problem {
    Problem {
        index: get(value, "index").as_f64().map(|i| i as usize),
        field: text(value, "field"),
        code: text(value, "code"),
        message: text(value, "message"),
        message_fr: text(value, "messageFr"),
        ..Problem::default()
    }
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
    let body = response.text().await.unwrap_or_default();
    let json = js_sys::JSON::parse(&body).ok();
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
    let error = get(&json.unwrap_or(JsValue::UNDEFINED), "error");
    let list: js_sys::Array = get(&get(&error, "details"), "problems")
        .dyn_into()
        .unwrap_or_default();
    let problems = list
        .iter()
        .map(|p| problem(&p))
        .map(|problem| ServerProblem {
            row: problem.index.and_then(|i| rows.get(i).cloned()),
            field: problem.field.clone(),
            problem,
        })
        .collect();
    let (en, fr) = (text(&error, "message"), text(&error, "messageFr"));
    let message = (!en.is_empty()).then_some((en, fr));
    Err((SendError::Status { status, message }, problems))
}
