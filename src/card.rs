//! One card of the card view.

use crate::attrs::CardRoles;
use crate::cell::text_content;
use crate::dataset::Dataset;
use crate::edit::Edits;
use crate::i18n::Lang;
use std::rc::Rc;
use vitrine_core::display::{CellDisplay, is_safe_resource};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub dataset: Rc<Dataset>,
    pub row: u32,
    pub roles: CardRoles,
    pub lang: Lang,
    pub on_open: Callback<u32>,
}

/// The image URL of a cell, resolved against the data URL, when core
/// judges it safe.
fn image_url(dataset: &Dataset, text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || !is_safe_resource(text) {
        return None;
    }
    web_sys::Url::new_with_base(text, &dataset.src)
        .ok()
        .map(|u| u.href())
}

#[function_component(Card)]
pub fn card(props: &CardProps) -> Html {
    let broken = use_state(|| false);
    let edits = use_context::<Edits>();
    let (dataset, row, lang) = (&props.dataset, props.row, props.lang);
    // The text shown for a field: the pending edit, else the dataset's.
    let shown = |f: usize| match &edits {
        Some(edits) => edits.shown(row, f),
        None => (dataset.text(row, f).to_string(), false),
    };
    let text_of = |name: &str| {
        dataset
            .field_index(name)
            .map(|f| shown(f).0.trim().to_string())
    };
    let edited_row = edits
        .as_ref()
        .is_some_and(|_| dataset.public_fields().iter().any(|&f| shown(f).1));
    let title = text_of(&props.roles.title)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| dataset.row_key(row));
    let subtitle: Vec<String> = props
        .roles
        .subtitle
        .iter()
        .filter_map(|name| {
            let f = dataset.field_index(name)?;
            match dataset.display_text(f, &shown(f).0, lang) {
                CellDisplay::Empty => None,
                CellDisplay::Chips(values) => Some(
                    values
                        .iter()
                        .map(|v| dataset.label(name, v, lang))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                CellDisplay::Text(text) => Some(text.trim().to_string()),
                _ => Some(shown(f).0.trim().to_string()),
            }
        })
        .collect();
    let image = text_of(&props.roles.image)
        .and_then(|t| image_url(dataset, &t))
        .filter(|_| !*broken);
    let onerror = {
        let broken = broken.clone();
        Callback::from(move |_: Event| broken.set(true))
    };
    let picture = match image {
        Some(src) => html! { <img class="vt-card-image" {src} alt="" loading="lazy" {onerror} /> },
        None => html! { <div class="vt-card-image vt-card-placeholder" aria-hidden="true"></div> },
    };
    let tags = props.roles.tags.iter().filter_map(|name| {
        let f = dataset.field_index(name)?;
        let (text, edited) = shown(f);
        match dataset.display_text(f, &text, lang) {
            CellDisplay::Empty => None,
            _ => Some(html! {
                <div class="vt-card-tags" data-edited={edited.then_some("")}
                    title={dataset.title(f, lang).to_string()}>
                    { text_content(dataset, f, &text, lang) }
                </div>
            }),
        }
    });
    let excerpt = ["usage_description", "description"]
        .iter()
        .find_map(|name| text_of(name).filter(|t| !t.is_empty()));
    let onclick = {
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(row))
    };
    html! {
        <li class="vt-card" data-edited={edited_row.then_some("")}>
            { picture }
            <div class="vt-card-body">
                <h3 class="vt-card-title">
                    <button type="button" class="vt-card-open" {onclick}>{ title }</button>
                </h3>
                if !subtitle.is_empty() {
                    <p class="vt-card-subtitle">{ subtitle.join(" · ") }</p>
                }
                { for tags }
                { for excerpt.map(|t| html! { <p class="vt-card-excerpt">{ t }</p> }) }
            </div>
        </li>
    }
}
