//! The editing layer around the reader: holds the editor's state (restored
//! from and saved to `localStorage`), shares it as a context, answers
//! Ctrl+Z / Ctrl+Shift+Z, and shows the row form and the review.

use super::Edits;
use super::review_panel::ReviewPanel;
use super::row_form::RowForm;
use super::state::{EditAction, EditState};
use super::storage;
use crate::attrs::Attrs;
use crate::dataset::Dataset;
use crate::edit_start::EditStart;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditLayerProps {
    pub dataset: Rc<Dataset>,
    pub attrs: Attrs,
    #[prop_or_default]
    pub children: Html,
}

/// True when the key event comes from a text field, whose own undo applies.
fn in_text_field(e: &KeyboardEvent) -> bool {
    let path = e.composed_path();
    path.get(0)
        .dyn_into::<web_sys::Element>()
        .is_ok_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

#[function_component(EditLayer)]
pub fn edit_layer(props: &EditLayerProps) -> Html {
    let src = props.dataset.src.clone();
    // What the reader bundle asked to open, when it switched to this one.
    let start = use_memo((), |_| EditStart::from_attributes(&props.attrs.raw));
    let state = {
        let (src, version) = (src.clone(), props.dataset.version.clone());
        let start = start.clone();
        use_reducer(move || {
            let mut draft = storage::load(&src).unwrap_or_default();
            if draft.history.is_empty() {
                draft.version = version;
            }
            let state = EditState::new(draft);
            match (*start).clone() {
                Some(EditStart::Form(row, field)) => state.apply(EditAction::OpenForm(row, field)),
                Some(EditStart::NewRow) => state.apply(EditAction::NewRow),
                Some(EditStart::Review) => state.apply(EditAction::OpenReview),
                _ => state,
            }
        })
    };
    let start_cell = use_mut_ref(|| match (*start).clone() {
        Some(EditStart::Cell(row, field)) => Some((row, field)),
        _ => None,
    });
    {
        let src = src.clone();
        use_effect_with(state.draft.clone(), move |draft| storage::save(&src, draft));
    }
    let edits = Edits {
        state: state.clone(),
        dataset: props.dataset.clone(),
        lang: props.attrs.lang,
        restricted: props.attrs.suggest_restricted,
        url: props.attrs.suggest_url.clone(),
        start_cell,
    };
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key().to_ascii_lowercase();
            if !(e.ctrl_key() || e.meta_key()) || in_text_field(&e) {
                return;
            }
            let action = match (key.as_str(), e.shift_key()) {
                ("z", false) => EditAction::Undo,
                ("z", true) | ("y", false) => EditAction::Redo,
                _ => return,
            };
            e.prevent_default();
            state.dispatch(action);
        })
    };
    let title_field = props.attrs.card.title.clone();
    let dialog = if let Some((row, focus)) = &state.form {
        html! {
            <RowForm key={format!("{row:?}")} edits={edits.clone()} row={row.clone()}
                focus={focus.clone()} title_field={title_field} />
        }
    } else if state.review_open {
        html! { <ReviewPanel edits={edits.clone()} {title_field} /> }
    } else {
        Html::default()
    };
    html! {
        <ContextProvider<Edits> context={edits}>
            <div class="vt-edit-layer" {onkeydown}>
                { props.children.clone() }
                { dialog }
            </div>
        </ContextProvider<Edits>>
    }
}
