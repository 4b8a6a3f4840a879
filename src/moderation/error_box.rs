//! An API error in words, with the conflicting fields of a 409 listed.

use yew::prelude::*;

use super::api::ApiError;
use super::strings::moderation_strings;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct ErrorBoxProps {
    pub lang: Lang,
    pub error: ApiError,
}

#[function_component(ErrorBox)]
pub fn error_box(props: &ErrorBoxProps) -> Html {
    let s = moderation_strings(props.lang);
    let status = props
        .error
        .status()
        .map(|n| n.to_string())
        .unwrap_or_default();
    html! {
        <div class="error" role="alert" data-status={status}>
            <p>{ props.error.describe(props.lang) }</p>
            if !props.error.conflicts().is_empty() {
                <ul class="conflicts">
                    { for props.error.conflicts().iter().map(|c| {
                        let row = c.row_id.as_ref().map(|r| format!("{} {r} — ", s.project)).unwrap_or_default();
                        html! {
                            <li>
                                <code>{ format!("{row}{}", c.field) }</code>
                                { format!(" — {} : « {} », {} : « {} », {} : « {} »",
                                    s.before, c.before,
                                    s.current_value, c.current.as_deref().unwrap_or(""),
                                    s.after, c.after) }
                            </li>
                        }
                    }) }
                </ul>
            }
            if !props.error.problems().is_empty() {
                <ul class="problems">
                    { for props.error.problems().iter().map(|p| html! {
                        <li><code>{ p.field.clone() }</code>{ format!(" — {}", p.message_in(props.lang.code())) }</li>
                    }) }
                </ul>
            }
        </div>
    }
}
