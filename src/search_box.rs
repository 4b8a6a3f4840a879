//! The global search box.

use crate::i18n::{Lang, strings};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub value: String,
    pub lang: Lang,
    pub on_search: Callback<String>,
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let s = strings(props.lang);
    let oninput = props
        .on_search
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <div class="vt-search" role="search">
            <label class="vt-visually-hidden" for="vt-search-input">{ s.search }</label>
            <input id="vt-search-input" type="search" class="vt-input"
                placeholder={s.search_placeholder} value={props.value.clone()} {oninput} />
        </div>
    }
}
