//! Sending the proposal: the message, an optional name and email (consent
//! required only when one is given), send and retry, and "download my
//! proposal as JSON", which works without any server.

use super::Edits;
use super::send::send;
use super::state::{EditAction, SendError, SendStatus};
use super::strings::edit_strings;
use wasm_bindgen::JsValue;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SendFormProps {
    pub edits: Edits,
    /// Number of errors that remain (sending is impossible until 0).
    pub errors: usize,
}

#[function_component(SendForm)]
pub fn send_form(props: &SendFormProps) -> Html {
    let edits = &props.edits;
    let s = edit_strings(edits.lang);
    let state = &edits.state;
    let draft = &state.draft;
    let text = |action: fn(String) -> EditAction| {
        let edits = edits.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| {
                    e.target_dyn_into::<HtmlTextAreaElement>()
                        .map(|t| t.value())
                })
                .unwrap_or_default();
            edits.dispatch(action(value));
        })
    };
    let consent = {
        let edits = edits.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|i| i.checked());
            edits.dispatch(EditAction::Consent(on));
        })
    };
    let sending = state.send == SendStatus::Sending;
    let can_send = edits.url.is_some()
        && !draft.history.is_empty()
        && props.errors == 0
        && draft.consent_ok()
        && !sending;
    let submit = {
        let edits = edits.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(url) = edits.url.clone() else { return };
            let draft = &edits.state.draft;
            let changeset = draft.to_changeset();
            let rows: Vec<_> = draft
                .history
                .edits()
                .iter()
                .map(|e| e.row.clone())
                .collect();
            edits.dispatch(EditAction::Sending);
            let edits = edits.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match send(&url, &changeset, &rows).await {
                    Ok(reference) => edits.dispatch(EditAction::Sent(reference)),
                    Err((error, problems)) => edits.dispatch(EditAction::Failed(error, problems)),
                }
            });
        })
    };
    let download = {
        let edits = edits.clone();
        Callback::from(move |_: MouseEvent| {
            // Indented by the browser's JSON, so the bundle needs no pretty printer.
            let json = edits.state.draft.to_changeset().to_json();
            let pretty = js_sys::JSON::parse(&json)
                .ok()
                .and_then(|v| {
                    js_sys::JSON::stringify_with_replacer_and_space(
                        &v,
                        &JsValue::NULL,
                        &JsValue::from(2),
                    )
                    .ok()
                })
                .and_then(|s| s.as_string())
                .unwrap_or(json);
            crate::download::save(pretty.as_bytes(), "application/json", "proposition.json");
        })
    };
    let lang = edits.lang.code();
    let outcome = match &state.send {
        SendStatus::Idle | SendStatus::Sending => None,
        SendStatus::Sent(reference) => Some(html! {
            <p class="vt-sent" role="status">{ (s.sent)(reference) }</p>
        }),
        SendStatus::Failed(error) => {
            let text = match error {
                SendError::Offline => s.offline.to_string(),
                SendError::Status {
                    message: Some((en, fr)),
                    ..
                } => {
                    if lang == "fr" && !fr.is_empty() {
                        fr.clone()
                    } else {
                        en.clone()
                    }
                }
                SendError::Status { status, .. } => (s.server_error)(*status),
            };
            Some(html! {
                <div class="vt-send-error" role="alert">
                    <p>{ text }</p>
                    <p>{ s.kept }</p>
                    <button type="button" class="vt-button vt-retry" onclick={submit.clone()}
                        disabled={!can_send}>{ crate::i18n::strings(edits.lang).retry }</button>
                </div>
            })
        }
    };
    let personal = draft.gives_personal_data();
    html! {
        <section class="vt-send" aria-labelledby="vt-send-title">
            <h3 id="vt-send-title">{ s.send }</h3>
            <div class="vt-field">
                <label class="vt-label" for="vt-send-message">{ s.message }</label>
                <p class="vt-help" id="vt-send-message-help">{ s.message_help }</p>
                <textarea id="vt-send-message" class="vt-input" rows="3" value={draft.message.clone()}
                    aria-describedby="vt-send-message-help" oninput={text(EditAction::Message)} />
            </div>
            <div class="vt-field">
                <label class="vt-label" for="vt-send-name">{ format!("{} ({})", s.name, s.optional) }</label>
                <input id="vt-send-name" class="vt-input" type="text" autocomplete="name"
                    value={draft.name.clone()} oninput={text(EditAction::Name)} />
            </div>
            <div class="vt-field">
                <label class="vt-label" for="vt-send-email">{ format!("{} ({})", s.email, s.optional) }</label>
                <input id="vt-send-email" class="vt-input" type="email" autocomplete="email"
                    value={draft.email.clone()} oninput={text(EditAction::Email)} />
            </div>
            if personal {
                <label class="vt-check" for="vt-send-consent">
                    <input id="vt-send-consent" type="checkbox" checked={draft.consent}
                        aria-required="true" onchange={consent} />
                    { s.consent }
                </label>
                if !draft.consent {
                    <p class="vt-field-error">{ s.consent_needed }</p>
                }
            }
            if props.errors > 0 {
                <p class="vt-field-error">{ s.fix_first }</p>
            }
            if edits.url.is_none() {
                <p class="vt-help">{ s.no_server }</p>
            }
            <div class="vt-form-actions">
                if edits.url.is_some() {
                    <button type="button" class="vt-button vt-primary vt-submit" disabled={!can_send}
                        onclick={submit}>{ if sending { s.sending } else { s.send } }</button>
                }
                <button type="button" class="vt-button vt-download-proposal" onclick={download}
                    disabled={draft.history.is_empty()}>{ s.download }</button>
            </div>
            { outcome.unwrap_or_default() }
        </section>
    }
}
