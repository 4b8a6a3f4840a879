//! The detail of one row: every public field, grouped by the schema's
//! categories, with previous/next within the current results. Escape or the
//! close button closes it, and the focus returns where it was.

use crate::cell::text_content;
use crate::dataset::Dataset;
use crate::edit::Edits;
use crate::i18n::{Lang, strings};
use crate::state::Action;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DetailViewProps {
    pub dataset: Rc<Dataset>,
    pub row: u32,
    /// The current results, for previous/next.
    pub rows: Rc<Vec<u32>>,
    pub title_field: String,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// The focused element of the document or shadow root holding `node`.
fn focused_near(node: &Element) -> Option<Element> {
    let root = node.get_root_node();
    match root.dyn_ref::<ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => web_sys::window()?.document()?.active_element(),
    }
}

/// What Tab can reach inside the dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keeps Tab and Shift+Tab inside the dialog: past the last control the
/// focus goes back to the first, and the other way round.
fn trap_focus(dialog: &Element, event: &KeyboardEvent) {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let items: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        event.prevent_default();
        return;
    };
    let active = focused_near(dialog);
    let inside = active
        .as_ref()
        .is_some_and(|a| dialog.contains(Some(a.as_ref())));
    let at = |el: &HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<Element>())
    };
    if event.shift_key() && (!inside || at(first)) {
        event.prevent_default();
        let _ = last.focus();
    } else if !event.shift_key() && (!inside || at(last)) {
        event.prevent_default();
        let _ = first.focus();
    }
}

#[function_component(DetailView)]
pub fn detail_view(props: &DetailViewProps) -> Html {
    let s = strings(props.lang);
    let close_ref = use_node_ref();
    let edits = use_context::<Edits>();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            let button = close_ref.cast::<HtmlElement>();
            let previous = button.as_ref().and_then(|b| focused_near(b));
            if let Some(b) = &button {
                let _ = b.focus();
            }
            move || {
                if let Some(el) = previous.and_then(|p| p.dyn_into::<HtmlElement>().ok())
                    && el.is_connected()
                {
                    let _ = el.focus();
                }
            }
        });
    }
    let (dataset, row, lang) = (&props.dataset, props.row, props.lang);
    let position = props.rows.iter().position(|&r| r == row);
    let go = |to: Option<u32>| {
        to.map(|r| {
            let (dispatch, key) = (props.dispatch.clone(), dataset.row_key(r));
            Callback::from(move |_: MouseEvent| dispatch.emit(Action::Open(key.clone())))
        })
    };
    let previous = go(position
        .and_then(|p| p.checked_sub(1))
        .and_then(|p| props.rows.get(p).copied()));
    let next = go(position.and_then(|p| props.rows.get(p + 1).copied()));
    let close = props.dispatch.reform(|_: MouseEvent| Action::Close);
    let dialog_ref = use_node_ref();
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                dispatch.emit(Action::Close);
            }
            "Tab" => {
                if let Some(dialog) = dialog_ref.cast::<Element>() {
                    trap_focus(&dialog, &e);
                }
            }
            _ => {}
        })
    };
    let propose = edits.as_ref().map(|edits| {
        let (edits, row_ref) = (edits.clone(), dataset.row_ref(row));
        let onclick = Callback::from(move |_: MouseEvent| edits.open_form(row_ref.clone(), None));
        html! {
            <button type="button" class="vt-button vt-propose" {onclick}>
                { s.propose }
            </button>
        }
    });
    let title = dataset
        .field_index(&props.title_field)
        .map(|f| dataset.text(row, f).trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| dataset.row_key(row));

    // Categories in the schema's order, then the fields without a known one.
    let schema = dataset.schema();
    let mut groups: Vec<(String, Vec<usize>)> = schema
        .extensions
        .categories
        .iter()
        .map(|c| {
            (
                c.titles.get(lang.code()).unwrap_or(&c.name).to_string(),
                Vec::new(),
            )
        })
        .collect();
    let mut other = Vec::new();
    for &f in dataset.public_fields() {
        let category = dataset.field(f).extensions.category.as_deref();
        match category.and_then(|c| {
            schema
                .extensions
                .categories
                .iter()
                .position(|k| k.name == c)
        }) {
            Some(i) => groups[i].1.push(f),
            None => other.push(f),
        }
    }
    groups.push((s.other.to_string(), other));
    let sections = groups
        .into_iter()
        .filter(|(_, fields)| !fields.is_empty())
        .map(|(heading, fields)| {
            let items = fields.into_iter().map(|f| {
                let (text, edited) = match &edits {
                    Some(edits) => edits.shown(row, f),
                    None => (dataset.text(row, f).to_string(), false),
                };
                let help = dataset
                    .field(f)
                    .description_in(lang.code())
                    .map(str::to_string);
                html! {
                    <div class="vt-detail-field">
                        <dt>
                            { dataset.title(f, lang).to_string() }
                            { for help.map(|h| html! { <span class="vt-help">{ h }</span> }) }
                        </dt>
                        <dd data-edited={edited.then_some("")}>
                            { text_content(dataset, f, &text, lang) }
                        </dd>
                    </div>
                }
            });
            html! {
                <section class="vt-detail-section">
                    <h3>{ heading }</h3>
                    <dl>{ for items }</dl>
                </section>
            }
        });
    let nav = |label: &'static str, cb: Option<Callback<MouseEvent>>| match cb {
        Some(onclick) => {
            html! { <button type="button" class="vt-button" {onclick}>{ label }</button> }
        }
        None => html! { <button type="button" class="vt-button" disabled=true>{ label }</button> },
    };
    html! {
        <div class="vt-detail-backdrop">
            <section class="vt-detail" role="dialog" aria-modal="true" aria-labelledby="vt-detail-title"
                ref={dialog_ref} {onkeydown}>
                <header class="vt-detail-header">
                    <h2 id="vt-detail-title">{ title }</h2>
                    { for propose }
                    <button type="button" class="vt-button vt-close" ref={close_ref} onclick={close}
                        aria-label={s.close}>{ "×" }</button>
                </header>
                <nav class="vt-detail-nav" aria-label={s.details_of}>
                    { nav(s.previous, previous) }
                    { position.map(|p| html! { <span>{ (s.position)(p + 1, props.rows.len()) }</span> }).unwrap_or_default() }
                    { nav(s.next, next) }
                </nav>
                <div class="vt-detail-body">{ for sections }</div>
            </section>
        </div>
    }
}
