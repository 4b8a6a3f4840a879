//! One pending suggestion: who sent it and why, its diff, and the accept and
//! reject actions. A failed action keeps the card, its typed reason and
//! shows why it failed.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::api::{Api, ApiError};
use super::diff::build_diff;
use super::error_box::ErrorBox;
use super::model::{SharedSchema, Suggestion, short_time};
use super::strings::moderation_strings;
use super::suggestion_diff::SuggestionDiff;
use crate::i18n::Lang;

/// A decision the server recorded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    Accepted(i64),
    Rejected(i64),
}

#[derive(Properties, PartialEq)]
pub struct SuggestionCardProps {
    pub lang: Lang,
    pub api: Api,
    pub suggestion: Rc<Suggestion>,
    /// The dataset's full schema, when it could be fetched.
    pub schema: Option<SharedSchema>,
    pub on_decided: Callback<Decision>,
}

#[derive(Clone, PartialEq)]
enum Failure {
    Api(ApiError),
    ReasonRequired,
}

#[function_component(SuggestionCard)]
pub fn suggestion_card(props: &SuggestionCardProps) -> Html {
    let s = moderation_strings(props.lang);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<Failure>);
    let rejecting = use_state(|| false);
    let reason = use_state(String::new);
    let suggestion = &props.suggestion;
    let sid = suggestion.id;

    let projects = {
        let (suggestion, schema, lang) = (suggestion.clone(), props.schema.clone(), props.lang);
        use_memo((suggestion, schema, lang), |(sg, sc, lang)| {
            build_diff(sg, sc.as_ref().map(|s| &*s.0), *lang)
        })
    };

    let accept = {
        let (api, busy, failure, on_decided) = (
            props.api.clone(),
            busy.clone(),
            failure.clone(),
            props.on_decided.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (api, busy, failure, on_decided) = (
                api.clone(),
                busy.clone(),
                failure.clone(),
                on_decided.clone(),
            );
            busy.set(true);
            failure.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                // On success the card stays disabled until the list reloads without it.
                match api.accept(sid).await {
                    Ok(()) => on_decided.emit(Decision::Accepted(sid)),
                    Err(e) => {
                        busy.set(false);
                        failure.set(Some(Failure::Api(e)));
                    }
                }
            });
        })
    };
    let open_reject = {
        let rejecting = rejecting.clone();
        Callback::from(move |_: MouseEvent| rejecting.set(true))
    };
    let cancel_reject = {
        let (rejecting, failure) = (rejecting.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            rejecting.set(false);
            failure.set(None);
        })
    };
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |e: InputEvent| {
            reason.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let reject = {
        let (api, busy, failure, reason, on_decided) = (
            props.api.clone(),
            busy.clone(),
            failure.clone(),
            reason.clone(),
            props.on_decided.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = reason.trim().to_string();
            if text.is_empty() {
                failure.set(Some(Failure::ReasonRequired));
                return;
            }
            let (api, busy, failure, on_decided) = (
                api.clone(),
                busy.clone(),
                failure.clone(),
                on_decided.clone(),
            );
            busy.set(true);
            failure.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match api.reject(sid, &text).await {
                    Ok(()) => on_decided.emit(Decision::Rejected(sid)),
                    Err(e) => {
                        busy.set(false);
                        failure.set(Some(Failure::Api(e)));
                    }
                }
            });
        })
    };

    let stale = suggestion
        .current_version
        .as_deref()
        .is_some_and(|v| !suggestion.dataset_version.is_empty() && v != suggestion.dataset_version);
    let author = suggestion
        .author
        .as_ref()
        .map(|a| {
            [a.name.as_deref(), a.email.as_deref()]
                .into_iter()
                .flatten()
                .filter(|t| !t.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" — ")
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| s.anonymous.to_string());

    html! {
        <article class="suggestion" data-suggestion-id={sid.to_string()}>
            <header>
                <h3>{ format!("{} {sid}", s.suggestion) }</h3>
                <dl>
                    <dt>{ s.dataset }</dt><dd>{ suggestion.dataset.clone() }</dd>
                    <dt>{ s.sent_at }</dt><dd>{ short_time(&suggestion.created_at) }</dd>
                    <dt>{ s.author }</dt><dd class="author">{ author }</dd>
                    if !suggestion.message.is_empty() {
                        <dt>{ s.message }</dt><dd class="message">{ suggestion.message.clone() }</dd>
                    }
                </dl>
                if stale { <p class="note">{ s.older_version }</p> }
                if suggestion.restricted { <p class="note">{ s.restricted }</p> }
            </header>
            <SuggestionDiff lang={props.lang} projects={(*projects).clone()} />
            if let Some(f) = &*failure {
                { match f {
                    Failure::Api(e) => html! { <ErrorBox lang={props.lang} error={e.clone()} /> },
                    Failure::ReasonRequired => html! {
                        <p class="error" role="alert">{ s.reason_required }</p>
                    },
                } }
            }
            <div class="actions">
                if *rejecting {
                    <form class="reject-form" onsubmit={reject}>
                        <label for={format!("reason-{sid}")}>{ s.reject_reason }</label>
                        <textarea id={format!("reason-{sid}")} rows="2"
                            value={(*reason).clone()} oninput={on_reason} />
                        <button type="submit" class="danger" disabled={*busy}>{ s.confirm_reject }</button>
                        <button type="button" class="secondary" onclick={cancel_reject} disabled={*busy}>
                            { s.cancel }
                        </button>
                    </form>
                } else {
                    <button type="button" class="accept" onclick={accept} disabled={*busy}>{ s.accept }</button>
                    <button type="button" class="reject" onclick={open_reject} disabled={*busy}>{ s.reject }</button>
                }
                if *busy { <span class="busy">{ s.working }</span> }
            </div>
        </article>
    }
}
