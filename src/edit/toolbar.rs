//! The editing buttons of the reader's toolbar: a new project, the review
//! of the proposal (with the number of pending changes), undo and redo.

use super::Edits;
use super::state::EditAction;
use crate::i18n::strings;
use yew::prelude::*;

#[function_component(EditToolbar)]
pub fn edit_toolbar() -> Html {
    let Some(edits) = use_context::<Edits>() else {
        return Html::default();
    };
    let s = strings(edits.lang);
    let history = &edits.state.draft.history;
    let button = |action: EditAction, label: String, enabled: bool, class: &'static str| {
        let edits = edits.clone();
        let onclick = Callback::from(move |_: MouseEvent| edits.dispatch(action.clone()));
        html! {
            <button type="button" class={classes!("vt-button", class)} disabled={!enabled} {onclick}>
                { label }
            </button>
        }
    };
    html! {
        <div class="vt-edit-toolbar" role="group" aria-label={s.propose}>
            { button(EditAction::NewRow, s.new_project.into(), true, "vt-new-project") }
            { button(EditAction::OpenReview, (s.my_proposal)(history.edits().len()), true, "vt-review") }
            { button(EditAction::Undo, s.undo.into(), history.can_undo(), "vt-undo") }
            { button(EditAction::Redo, s.redo.into(), history.can_redo(), "vt-redo") }
        </div>
    }
}
