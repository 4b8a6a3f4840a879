//! The active filters as removable chips, and "clear all".

use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use crate::state::Action;
use std::rc::Rc;
use vitrine_core::query::Query;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Before a click removes the focused button: moves the focus to the
/// "clear all" button when the bar stays, else to the search box, so that
/// keyboard and screen-reader users are not sent back to the page's start.
fn move_focus_before_removal(e: &MouseEvent, bar_stays: bool) {
    let Some(target) = e.target_dyn_into::<Element>() else {
        return;
    };
    let (scope, selector) = if bar_stays {
        (".vt-active-filters", ".vt-clear")
    } else {
        (".vt-reader", ".vt-search input")
    };
    let next = target
        .closest(scope)
        .ok()
        .flatten()
        .and_then(|el| el.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(next) = next {
        let _ = next.focus();
    }
}

#[derive(Properties, PartialEq)]
pub struct FilterChipsProps {
    pub dataset: Rc<Dataset>,
    pub query: Query,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

#[function_component(FilterChips)]
pub fn filter_chips(props: &FilterChipsProps) -> Html {
    let s = strings(props.lang);
    if !props.query.is_filtered() {
        return html! {};
    }
    let dataset = &props.dataset;
    let chips = props.query.active_filters().map(|(field, value)| {
        let title = dataset
            .field_index(field)
            .map(|f| dataset.title(f, props.lang))
            .unwrap_or(field);
        let label = dataset.label(field, value, props.lang);
        let onclick = {
            let bar_stays = props.query.remove_filter(field, value).is_filtered();
            let (field, value) = (field.to_string(), value.to_string());
            props.dispatch.reform(move |e: MouseEvent| {
                move_focus_before_removal(&e, bar_stays);
                Action::RemoveFilter {
                    field: field.clone(),
                    value: value.clone(),
                }
            })
        };
        html! {
            <li>
                <button type="button" class="vt-filter-chip" {onclick}
                    aria-label={format!("{} {title} : {label}", s.remove_filter)}>
                    <span>{ format!("{title} : {label}") }</span>
                    <span aria-hidden="true">{ " ×" }</span>
                </button>
            </li>
        }
    });
    let onclick = props.dispatch.reform(|e: MouseEvent| {
        move_focus_before_removal(&e, false);
        Action::ClearAll
    });
    html! {
        <div class="vt-active-filters">
            <h2 class="vt-visually-hidden">{ s.active_filters }</h2>
            <ul class="vt-filter-chips">{ for chips }</ul>
            <button type="button" class="vt-button vt-clear" {onclick}>{ s.clear_all }</button>
        </div>
    }
}
