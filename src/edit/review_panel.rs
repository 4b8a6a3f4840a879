//! The review of the proposal: pending changes grouped by project (before →
//! after, each undoable), undo/redo, the errors with a link to each field,
//! and the sending form.

use super::Edits;
use super::dialog::Dialog;
use super::errors::all_messages;
use super::row_form::row_label;
use super::send_form::SendForm;
use super::state::EditAction;
use super::strings::edit_strings;
use crate::i18n::strings;
use vitrine_core::changeset::RowRef;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReviewPanelProps {
    pub edits: Edits,
    pub title_field: String,
}

/// A row's name for the editor: its title (as edited), else its key.
fn row_name(edits: &Edits, row: &RowRef, title_field: &str) -> String {
    let dataset = &edits.dataset;
    let s = edit_strings(edits.lang);
    let title = dataset.schema().field_index(title_field).and_then(|f| {
        let text = edits.pending(row, f).or_else(|| {
            row.locate(dataset.schema(), dataset.table())
                .map(|r| dataset.text(r as u32, f).to_string())
        })?;
        Some(text.trim().to_string()).filter(|t| !t.is_empty())
    });
    match (title, row) {
        (Some(t), RowRef::New(_)) => format!("{t} ({})", s.new_row),
        (Some(t), _) => t,
        (None, RowRef::New(n)) => (s.new_title)(*n),
        (None, r) => row_label(r),
    }
}

#[function_component(ReviewPanel)]
pub fn review_panel(props: &ReviewPanelProps) -> Html {
    let edits = &props.edits;
    let dataset = &edits.dataset;
    let s = edit_strings(edits.lang);
    let history = &edits.state.draft.history;
    let title_of = |name: &str| {
        dataset
            .schema()
            .field_index(name)
            .map(|f| dataset.title(f, edits.lang).to_string())
            .unwrap_or_else(|| name.to_string())
    };
    let shown = |text: &str| {
        if text.is_empty() {
            html! { <span class="vt-empty">{ s.empty }</span> }
        } else {
            html! { <span class="vt-value">{ text.to_string() }</span> }
        }
    };
    let groups = history.rows().into_iter().map(|row| {
        let changes = history.row_edits(row).map(|e| {
            let revert = {
                let (edits, row, field) = (edits.clone(), e.row.clone(), e.field.clone());
                Callback::from(move |_: MouseEvent| {
                    edits.dispatch(EditAction::Revert(row.clone(), field.clone()))
                })
            };
            let field_title = title_of(&e.field);
            html! {
                <li class="vt-change">
                    <span class="vt-change-field">{ field_title.clone() }</span>
                    if !row.is_new() {
                        <del aria-label={s.before}>{ shown(&e.before) }</del>
                        <span aria-hidden="true">{ " → " }</span>
                    }
                    <ins aria-label={s.after}>{ shown(&e.after) }</ins>
                    <button type="button" class="vt-button vt-revert" onclick={revert}
                        aria-label={format!("{} : {field_title}", s.revert)}>{ strings(edits.lang).undo }</button>
                </li>
            }
        });
        html! {
            <li class="vt-change-group">
                <h3>{ row_name(edits, row, &props.title_field) }</h3>
                <ul>{ for changes }</ul>
            </li>
        }
    });
    let errors = all_messages(dataset, history, edits.lang);
    let server = edits.state.server_problems.iter().filter_map(|p| {
        Some((
            p.row.clone()?,
            p.field.clone(),
            p.problem.message_in(edits.lang.code()).to_string(),
        ))
    });
    let errors: Vec<(RowRef, String, String)> = errors.into_iter().chain(server).collect();
    let error_items = errors.iter().map(|(row, field, message)| {
        let onclick = {
            let (edits, row, field) = (edits.clone(), row.clone(), field.clone());
            Callback::from(move |_: MouseEvent| edits.open_form(row.clone(), Some(field.clone())))
        };
        html! {
            <li>
                <button type="button" class="vt-link vt-error-link" {onclick}>
                    { format!("{} — {}", row_name(edits, row, &props.title_field), title_of(field)) }
                </button>
                { format!(" : {message}") }
            </li>
        }
    });
    let step = |action: EditAction, label: &'static str, enabled: bool| {
        let edits = edits.clone();
        let onclick = Callback::from(move |_: MouseEvent| edits.dispatch(action.clone()));
        html! { <button type="button" class="vt-button" disabled={!enabled} {onclick}>{ label }</button> }
    };
    let close = {
        let edits = edits.clone();
        Callback::from(move |()| edits.dispatch(EditAction::CloseReview))
    };
    html! {
        <Dialog id="vt-review-title" title={s.review_title} close_label={s.close} on_close={close}>
            <div class="vt-history-actions">
                { step(EditAction::Undo, strings(edits.lang).undo, history.can_undo()) }
                { step(EditAction::Redo, strings(edits.lang).redo, history.can_redo()) }
            </div>
            if history.is_empty() {
                <p>{ s.nothing_pending }</p>
            } else {
                <ul class="vt-changes">{ for groups }</ul>
            }
            if !errors.is_empty() {
                <section class="vt-review-errors" role="alert">
                    <h3>{ (s.errors_title)(errors.len()) }</h3>
                    <ul>{ for error_items }</ul>
                </section>
            }
            <SendForm edits={edits.clone()} errors={errors.len()} />
        </Dialog>
    }
}
