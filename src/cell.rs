//! A cell's content as HTML, from the display `vitrine-core` decided:
//! text nodes only, chips for enum and list values (with the schema's
//! labels), links only for the URLs core judged safe.

use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use vitrine_core::display::CellDisplay;
use yew::prelude::*;

/// The content of a cell of field `field` holding `text` (e.g. an edited value).
pub fn text_content(dataset: &Dataset, field: usize, text: &str, lang: Lang) -> Html {
    let name = &dataset.field(field).name;
    match dataset.display_text(field, text, lang) {
        CellDisplay::Empty => html! {
            <span class="vt-empty">{ strings(lang).no_value }</span>
        },
        CellDisplay::Text(text) => html! { { text } },
        CellDisplay::Chips(values) => html! {
            <span class="vt-chips">
                { for values.iter().map(|v| html! {
                    <span class="vt-chip">{ dataset.label(name, v, lang).to_string() }</span>
                }) }
            </span>
        },
        CellDisplay::Link { href, text } => html! {
            <a href={href} target="_blank" rel="noopener noreferrer">{ text }</a>
        },
        CellDisplay::Email { href, text } => html! { <a href={href}>{ text }</a> },
    }
}

/// The cell's text for a `title` tooltip (the full text of a truncated cell).
pub fn cell_title(text: &str) -> Option<String> {
    let text = text.trim();
    (text.chars().count() > 40).then(|| text.to_string())
}
