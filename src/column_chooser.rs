//! The table's column chooser: a disclosure with one checkbox per public field.

use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ColumnChooserProps {
    pub dataset: Rc<Dataset>,
    /// Schema positions of the shown columns, in order.
    pub shown: Vec<usize>,
    pub lang: Lang,
    pub on_change: Callback<Vec<usize>>,
}

#[function_component(ColumnChooser)]
pub fn column_chooser(props: &ColumnChooserProps) -> Html {
    let s = strings(props.lang);
    let options = props.dataset.public_fields().iter().map(|&field| {
        let checked = props.shown.contains(&field);
        let onchange = {
            let (shown, on_change) = (props.shown.clone(), props.on_change.clone());
            Callback::from(move |_: Event| {
                let mut next = shown.clone();
                if checked {
                    // The last column stays: an empty grid helps no one.
                    if next.len() > 1 {
                        next.retain(|&f| f != field);
                    }
                } else {
                    next.push(field);
                }
                on_change.emit(next);
            })
        };
        let id = format!("vt-column-{field}");
        html! {
            <li>
                <input type="checkbox" id={id.clone()} {checked} {onchange} />
                <label for={id}>{ props.dataset.title(field, props.lang).to_string() }</label>
            </li>
        }
    });
    html! {
        <details class="vt-column-chooser">
            <summary class="vt-button">{ s.columns }</summary>
            <ul>{ for options }</ul>
        </details>
    }
}

/// Columns shown first in the table.
const DEFAULT_COLUMNS: usize = 7;

/// The columns shown before the reader picks: the configured ones, exactly
/// (public fields only), else the card's fields, then the others.
pub fn initial_columns(dataset: &Dataset, attrs: &crate::attrs::Attrs) -> Vec<usize> {
    let card = &attrs.card;
    match attrs.columns.as_deref() {
        Some(list) => {
            let names: Vec<&str> = list.split(',').map(str::trim).collect();
            default_columns(dataset, &names, &card.image, names.len().max(1))
        }
        None => {
            let mut preferred = vec![card.title.as_str()];
            preferred.extend(card.subtitle.iter().map(String::as_str));
            preferred.extend(card.tags.iter().map(String::as_str));
            default_columns(dataset, &preferred, &card.image, DEFAULT_COLUMNS)
        }
    }
}

/// The columns shown first: the card's title, subtitle and tag fields, then
/// the other public fields, without the primary key and the image; at most `max`.
pub fn default_columns(
    dataset: &Dataset,
    preferred: &[&str],
    image: &str,
    max: usize,
) -> Vec<usize> {
    let key = &dataset.schema().primary_key;
    let mut columns: Vec<usize> = Vec::new();
    for f in preferred.iter().filter_map(|n| dataset.field_index(n)) {
        if !columns.contains(&f) {
            columns.push(f);
        }
    }
    for &f in dataset.public_fields() {
        let name = &dataset.field(f).name;
        if !key.contains(name) && name != image && !columns.contains(&f) {
            columns.push(f);
        }
    }
    columns.truncate(max);
    if columns.is_empty() {
        columns.extend(dataset.public_fields().first());
    }
    columns
}
