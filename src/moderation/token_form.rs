//! Where the moderator pastes a token.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::strings::moderation_strings;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct TokenFormProps {
    pub lang: Lang,
    /// True when a token is saved for this tab.
    pub has_token: bool,
    pub on_submit: Callback<String>,
    pub on_forget: Callback<()>,
}

#[function_component(TokenForm)]
pub fn token_form(props: &TokenFormProps) -> Html {
    let s = moderation_strings(props.lang);
    let draft = use_state(String::new);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let onsubmit = {
        let draft = draft.clone();
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let token = draft.trim().to_string();
            if !token.is_empty() {
                on_submit.emit(token);
                draft.set(String::new());
            }
        })
    };
    let forget = {
        let on_forget = props.on_forget.clone();
        Callback::from(move |_: MouseEvent| on_forget.emit(()))
    };
    html! {
        <form class="token-form" {onsubmit}>
            <label for="vitrine-token">{ s.token_label }</label>
            <input id="vitrine-token" name="token" type="password" autocomplete="off"
                spellcheck="false" value={(*draft).clone()} {oninput} />
            <button type="submit">{ s.token_submit }</button>
            if props.has_token {
                <span class="token-saved">{ s.token_saved }</span>
                <button type="button" class="secondary" onclick={forget}>{ s.token_forget }</button>
            }
            <p class="help">{ s.token_help }</p>
        </form>
    }
}
