//! The pending suggestions, one card each.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::api::Api;
use super::model::{SharedSchema, Suggestion};
use super::strings::moderation_strings;
use super::suggestion_card::{Decision, SuggestionCard};
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct SuggestionListProps {
    pub lang: Lang,
    pub api: Api,
    pub suggestions: Rc<Vec<Rc<Suggestion>>>,
    /// Full schemas by dataset id.
    pub schemas: Rc<HashMap<String, SharedSchema>>,
    pub on_decided: Callback<Decision>,
}

#[function_component(SuggestionList)]
pub fn suggestion_list(props: &SuggestionListProps) -> Html {
    let s = moderation_strings(props.lang);
    html! {
        <section class="pending" aria-labelledby="pending-heading">
            <h2 id="pending-heading">{ format!("{} ({})", s.pending_heading, props.suggestions.len()) }</h2>
            if props.suggestions.is_empty() {
                <p class="none">{ s.no_pending }</p>
            }
            { for props.suggestions.iter().map(|sg| html! {
                <SuggestionCard key={sg.id}
                    lang={props.lang}
                    api={props.api.clone()}
                    suggestion={sg.clone()}
                    schema={props.schemas.get(&sg.dataset).cloned()}
                    on_decided={props.on_decided.clone()} />
            }) }
        </section>
    }
}
