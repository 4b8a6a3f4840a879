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
    let dispatch = |action: EditAction| {
        let edits = edits.clone();
        Callback::from(move |_: MouseEvent| edits.dispatch(action.clone()))
    };
    // Literal classes: a class computed at run time is built as yew
    // `Classes`, whose code the bundle would then carry.
    html! {
        <div class="vt-edit-toolbar" role="group" aria-label={s.propose}>
            <button type="button" class="vt-button vt-new-project"
                onclick={dispatch(EditAction::NewRow)}>{ s.new_project }</button>
            <button type="button" class="vt-button vt-review"
                onclick={dispatch(EditAction::OpenReview)}>
                { (s.my_proposal)(history.edits().len()) }
            </button>
            <button type="button" class="vt-button vt-undo" disabled={!history.can_undo()}
                onclick={dispatch(EditAction::Undo)}>{ s.undo }</button>
            <button type="button" class="vt-button vt-redo" disabled={!history.can_redo()}
                onclick={dispatch(EditAction::Redo)}>{ s.redo }</button>
        </div>
    }
}
