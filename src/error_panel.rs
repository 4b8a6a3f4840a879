//! A readable panel for errors that stop the widget from showing data.

use crate::i18n::{Lang, strings};
use crate::load::LoadError;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub error: LoadError,
    pub lang: Lang,
}

#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorPanelProps) -> Html {
    let s = strings(props.lang);
    html! {
        <div class="vt-error" role="alert">
            <p class="vt-error-title">{ s.load_failed }</p>
            if let Some(url) = props.error.url() {
                <p class="vt-error-url"><code>{ url }</code></p>
            }
            <p class="vt-error-detail">{ props.error.describe(props.lang) }</p>
        </div>
    }
}
