//! The reader bundle's editing controls: the toolbar's buttons and the
//! inline editor of a cell, which ask for the editor bundle.

use super::Edits;
use crate::edit_start::EditStart;
use crate::i18n::strings;
use vitrine_core::changeset::RowRef;
use yew::prelude::*;

/// The toolbar's editing buttons, as the editor bundle shows them with no
/// pending change: a new project and the review open the editor.
#[function_component(EditToolbar)]
pub fn edit_toolbar() -> Html {
    let Some(edits) = use_context::<Edits>() else {
        return Html::default();
    };
    let s = strings(edits.lang);
    let busy = edits.opening.then_some("true");
    let request = |start: EditStart| {
        let edits = edits.clone();
        Callback::from(move |_: MouseEvent| edits.request(start.clone()))
    };
    // Literal classes: a class computed at run time is built as yew
    // `Classes`, whose code the bundle would then carry.
    html! {
        <div class="vt-edit-toolbar" role="group" aria-label={s.propose}>
            <button type="button" class="vt-button vt-new-project" aria-busy={busy}
                onclick={request(EditStart::NewRow)}>{ s.new_project }</button>
            <button type="button" class="vt-button vt-review" aria-busy={busy}
                onclick={request(EditStart::Review)}>{ (s.my_proposal)(0) }</button>
            <button type="button" class="vt-button vt-undo" disabled=true aria-busy={busy}>
                { s.undo }
            </button>
            <button type="button" class="vt-button vt-redo" disabled=true aria-busy={busy}>
                { s.redo }
            </button>
        </div>
    }
}

/// Where an editor sits (only inline in a table cell in the reader bundle).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EditorMode {
    Inline,
}

#[derive(Properties, PartialEq)]
pub struct FieldEditorProps {
    pub edits: Edits,
    pub row: RowRef,
    /// Schema position of the field.
    pub field: usize,
    pub mode: EditorMode,
    /// The editor is done: the editor bundle could not load.
    #[prop_or_default]
    pub on_done: Callback<()>,
}

/// A cell being opened for editing, marked busy while the editor bundle
/// loads (which then edits this cell).
#[function_component(FieldEditor)]
pub fn field_editor(props: &FieldEditorProps) -> Html {
    let edits = &props.edits;
    {
        let edits = edits.clone();
        let start = EditStart::Cell(
            props.row.clone(),
            edits.dataset.field(props.field).name.clone(),
        );
        use_effect_with((), move |_| edits.request(start));
    }
    // Loading stopped (it failed): the cell is no longer being edited.
    {
        let on_done = props.on_done.clone();
        let started = use_mut_ref(|| false);
        use_effect_with(edits.opening, move |&opening| {
            if opening {
                *started.borrow_mut() = true;
            } else if *started.borrow() {
                on_done.emit(());
            }
        });
    }
    html! {
        <div class="vt-cell-text vt-cell-opening" aria-busy="true">
            { strings(edits.lang).opening_editor }
        </div>
    }
}
