//! The full form of one row: every field the editor may change (restricted
//! fields only when the page allows it), required fields marked, the
//! schema's descriptions as help. For a new project it starts empty.

use super::Edits;
use super::dialog::Dialog;
use super::field_editor::{EditorMode, FieldEditor, editor_id};
use super::state::EditAction;
use super::strings::edit_strings;
use vitrine_core::changeset::RowRef;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RowFormProps {
    pub edits: Edits,
    pub row: RowRef,
    /// The field to focus first.
    #[prop_or_default]
    pub focus: Option<String>,
    pub title_field: String,
}

#[function_component(RowForm)]
pub fn row_form(props: &RowFormProps) -> Html {
    let edits = &props.edits;
    let dataset = &edits.dataset;
    let s = edit_strings(edits.lang);
    let fields: Vec<usize> = (0..dataset.schema().fields.len())
        .filter(|&f| {
            let field = dataset.field(f);
            dataset.table().column(&field.name).is_some()
                && (!field.is_restricted() || edits.restricted)
        })
        .collect();
    let title = match &props.row {
        RowRef::New(n) => (s.new_title)(*n),
        row => {
            let name = dataset
                .field_index(&props.title_field)
                .and_then(|f| {
                    row.locate(dataset.schema(), dataset.table())
                        .map(|r| (f, r))
                })
                .map(|(f, r)| dataset.text(r as u32, f).trim().to_string())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| row_label(row));
            format!("{} — {name}", s.form_title)
        }
    };
    let close = {
        let edits = edits.clone();
        Callback::from(move |()| edits.dispatch(EditAction::CloseForm))
    };
    let items = fields.iter().map(|&f| {
        html! {
            <FieldEditor key={f} edits={edits.clone()} row={props.row.clone()} field={f}
                mode={EditorMode::Form} />
        }
    });
    let done = close.reform(|_: MouseEvent| ());
    html! {
        <Dialog id="vt-form-title" title={title} close_label={s.close} on_close={close}
            focus={props.focus.as_deref().map(editor_id)}>
            <form class="vt-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for items }
                <div class="vt-form-actions">
                    <button type="button" class="vt-button vt-primary" onclick={done}>{ s.done }</button>
                </div>
            </form>
        </Dialog>
    }
}

/// A row's label when it has no title: its key or position.
pub fn row_label(row: &RowRef) -> String {
    match row {
        RowRef::Key(k) => k.clone(),
        RowRef::Index(i) => format!("#{}", i + 1),
        RowRef::New(n) => format!("+{}", n + 1),
    }
}
