//! The active filters as removable chips, and "clear all".

use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use crate::state::Action;
use std::rc::Rc;
use vitrine_core::query::Query;
use yew::prelude::*;

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
            let (field, value) = (field.to_string(), value.to_string());
            props
                .dispatch
                .reform(move |_: MouseEvent| Action::RemoveFilter {
                    field: field.clone(),
                    value: value.clone(),
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
    let onclick = props.dispatch.reform(|_: MouseEvent| Action::ClearAll);
    html! {
        <div class="vt-active-filters">
            <h2 class="vt-visually-hidden">{ s.active_filters }</h2>
            <ul class="vt-filter-chips">{ for chips }</ul>
            <button type="button" class="vt-button vt-clear" {onclick}>{ s.clear_all }</button>
        </div>
    }
}
