//! A readable panel for errors that stop the widget from showing data, and
//! a notice when the data's columns do not quite match the schema.

use crate::i18n::{Lang, strings};
use crate::load::LoadError;
use std::rc::Rc;
use vitrine_core::header_match::HeaderMatch;
use yew::prelude::*;

#[derive(Properties)]
pub struct ErrorPanelProps {
    pub error: Rc<LoadError>,
    pub lang: Lang,
}

/// The same error is the same `Rc`: an error is never rebuilt equal.
impl PartialEq for ErrorPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.error, &other.error) && self.lang == other.lang
    }
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

#[derive(Properties, PartialEq)]
pub struct HeaderNoticeProps {
    pub found: HeaderMatch,
    pub lang: Lang,
}

/// Lists the data's columns the schema does not describe (never shown) and
/// the schema's fields the data lacks; nothing when they match.
#[function_component(HeaderNotice)]
pub fn header_notice(props: &HeaderNoticeProps) -> Html {
    if props.found.is_exact() {
        return Html::default();
    }
    let s = strings(props.lang);
    html! {
        <div class="vt-notice" role="status">
            <p class="vt-error-title">{ s.header_notice }</p>
            <ul>
                { for props.found.messages(props.lang.code()).into_iter().map(|m| html! { <li>{ m }</li> }) }
            </ul>
        </div>
    }
}
