//! The moderation page (`/moderation`): a moderator pastes a token, reviews
//! pending suggestions as before/after diffs judged by `vitrine-core`,
//! accepts or rejects them, and reads each dataset's history.
//!
//! Mounted by `mount_moderation` (see `lib.rs`) from `www/moderation.html`.

pub mod api;
pub mod diff;
pub mod error_box;
pub mod history;
pub mod model;
pub mod strings;
pub mod suggestion_card;
pub mod suggestion_diff;
pub mod suggestion_list;
pub mod token_form;
pub mod token_store;

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use serde::Deserialize;
use yew::prelude::*;

use crate::i18n::Lang;
use api::{Api, ApiError};
use error_box::ErrorBox;
use history::History;
use model::{DatasetInfo, HistoryEntry, SharedSchema, Suggestion};
use strings::moderation_strings;
use suggestion_card::Decision;
use suggestion_list::SuggestionList;
use token_form::TokenForm;

/// What `mount_moderation` receives from the page.
#[derive(Debug, Default, Deserialize)]
pub struct ModerationAttributes {
    /// Candidate languages, best first (`<html lang>`, `navigator.language`).
    #[serde(default)]
    pub lang: Vec<String>,
    /// The server's origin; empty or absent: the page's own.
    #[serde(default)]
    pub api: Option<String>,
}

#[derive(Properties, Clone, PartialEq)]
pub struct ModerationProps {
    pub lang: Lang,
    #[prop_or_default]
    pub api_base: String,
}

impl ModerationProps {
    pub fn from_attributes(a: &ModerationAttributes) -> ModerationProps {
        ModerationProps {
            lang: Lang::pick(a.lang.iter().map(String::as_str)),
            api_base: a.api.clone().unwrap_or_default(),
        }
    }
}

/// Everything the page shows for one token.
#[derive(Clone, PartialEq, Default)]
struct Overview {
    suggestions: Rc<Vec<Rc<Suggestion>>>,
    schemas: Rc<HashMap<String, SharedSchema>>,
    /// Datasets whose schema could not be read, with why.
    schema_errors: Vec<(String, ApiError)>,
    histories: Vec<(DatasetInfo, Rc<Vec<HistoryEntry>>)>,
}

async fn load_overview(api: &Api) -> Result<Overview, ApiError> {
    let suggestions = api.pending().await?;
    let datasets = api.datasets().await?;
    let mut schemas = HashMap::new();
    let mut schema_errors = Vec::new();
    let mut histories = Vec::new();
    for dataset in datasets {
        match api.schema(&dataset.id).await {
            Ok(schema) => {
                schemas.insert(dataset.id.clone(), SharedSchema(Rc::new(schema)));
            }
            Err(e) => schema_errors.push((dataset.id.clone(), e)),
        }
        let history = api.history(&dataset.id).await?;
        histories.push((dataset, Rc::new(history)));
    }
    Ok(Overview {
        suggestions: Rc::new(suggestions.into_iter().map(Rc::new).collect()),
        schemas: Rc::new(schemas),
        schema_errors,
        histories,
    })
}

#[function_component(ModerationPage)]
pub fn moderation_page(props: &ModerationProps) -> Html {
    let s = moderation_strings(props.lang);
    let token = use_state(token_store::load);
    let overview = use_state(|| None::<Overview>);
    let error = use_state(|| None::<ApiError>);
    let loading = use_state(|| false);
    let notice = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    // Answers to an older request (previous token) are dropped.
    let generation = use_mut_ref(|| Cell::new(0u32));

    let api = (*token).as_deref().map(|t| Api::new(&props.api_base, t));
    {
        let (api, overview, error, loading, generation) = (
            api.clone(),
            overview.clone(),
            error.clone(),
            loading.clone(),
            generation.clone(),
        );
        use_effect_with((api, *reload), move |(api, _)| {
            let current = generation.borrow().get() + 1;
            generation.borrow().set(current);
            match api.clone() {
                None => {
                    overview.set(None);
                    loading.set(false);
                }
                Some(api) => {
                    loading.set(true);
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = load_overview(&api).await;
                        if generation.borrow().get() != current {
                            return;
                        }
                        loading.set(false);
                        match result {
                            Ok(o) => {
                                overview.set(Some(o));
                                error.set(None);
                            }
                            Err(e) => {
                                // Keep what is shown on a network error; a refused
                                // token must not leave data on screen.
                                if e.is_auth() {
                                    overview.set(None);
                                }
                                error.set(Some(e));
                            }
                        }
                    });
                }
            }
        });
    }

    let on_token = {
        let (token, notice, error, reload) =
            (token.clone(), notice.clone(), error.clone(), reload.clone());
        Callback::from(move |t: String| {
            token_store::save(&t);
            notice.set(None);
            error.set(None);
            token.set(Some(t));
            reload.set(*reload + 1);
        })
    };
    let on_forget = {
        let (token, notice, error) = (token.clone(), notice.clone(), error.clone());
        Callback::from(move |()| {
            token_store::forget();
            notice.set(None);
            error.set(None);
            token.set(None);
        })
    };
    let on_refresh = {
        let reload = reload.clone();
        Callback::from(move |_: MouseEvent| reload.set(*reload + 1))
    };
    let on_decided = {
        let (reload, notice) = (reload.clone(), notice.clone());
        Callback::from(move |d: Decision| {
            notice.set(Some(match d {
                Decision::Accepted(id) => (s.accepted_notice)(id),
                Decision::Rejected(id) => (s.rejected_notice)(id),
            }));
            reload.set(*reload + 1);
        })
    };

    html! {
        <div class="vitrine-moderation">
            <h1>{ s.title }</h1>
            <TokenForm lang={props.lang} has_token={token.is_some()}
                on_submit={on_token} on_forget={on_forget} />
            if let Some(e) = &*error {
                <ErrorBox lang={props.lang} error={e.clone()} />
            }
            if let Some(n) = &*notice {
                <p class="notice" role="status">{ n.clone() }</p>
            }
            if api.is_some() {
                <p class="toolbar">
                    <button type="button" class="secondary" onclick={on_refresh}>{ s.refresh }</button>
                    if *loading { <span class="busy" aria-live="polite">{ s.loading }</span> }
                </p>
            }
            if let (Some(api), Some(o)) = (api, &*overview) {
                { for o.schema_errors.iter().map(|(id, e)| html! {
                    <p class="note">{ format!("{} ({id}) : {}", s.schema_unavailable, e.describe(props.lang)) }</p>
                }) }
                <SuggestionList lang={props.lang} api={api}
                    suggestions={o.suggestions.clone()} schemas={o.schemas.clone()}
                    on_decided={on_decided} />
                { for o.histories.iter().map(|(d, entries)| html! {
                    <History lang={props.lang} dataset={d.clone()} entries={entries.clone()} />
                }) }
            }
        </div>
    }
}
