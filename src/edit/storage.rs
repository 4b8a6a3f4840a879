//! Keeping the draft in `localStorage`, one entry per dataset (keyed by
//! the data URL), so that a reload or a crash of the page loses nothing.

use crate::edit_start::draft_key as key;
use vitrine_core::changeset::Draft;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved draft of the dataset at `src`.
pub fn load(src: &str) -> Option<Draft> {
    Draft::from_json(&storage()?.get_item(&key(src)).ok()??)
}

/// Saves the draft (removes the entry when there is nothing to keep).
pub fn save(src: &str, draft: &Draft) {
    let Some(storage) = storage() else { return };
    let empty = draft.history.is_empty()
        && !draft.history.can_undo()
        && !draft.history.can_redo()
        && draft.message.is_empty()
        && !draft.gives_personal_data();
    let _ = if empty {
        storage.remove_item(&key(src))
    } else {
        storage.set_item(&key(src), &draft.to_json())
    };
}
