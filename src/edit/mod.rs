//! "Proposer une modification": inline editing in the table, the full form
//! of a row (existing or new), the review of pending changes and sending.
//! Every rule (history, merging, validation, the changeset's JSON) is in
//! `vitrine_core::changeset`; these components render and handle events.

mod dialog;
mod errors;
mod field_editor;
mod layer;
mod review_panel;
mod row_form;
mod send;
mod send_form;
mod state;
mod storage;
mod strings;
mod toolbar;

pub use field_editor::{EditorMode, FieldEditor};
pub use layer::EditLayer;
pub use toolbar::EditToolbar;

use crate::dataset::Dataset;
use crate::i18n::Lang;
use state::{EditAction, EditState};
use std::cell::RefCell;
use std::rc::Rc;
use vitrine_core::changeset::RowRef;
use yew::UseReducerHandle;

/// What the reader's components need to show and make edits, shared as a
/// yew context (absent when the widget is read-only).
#[derive(Clone, PartialEq)]
pub struct Edits {
    state: UseReducerHandle<EditState>,
    pub dataset: Rc<Dataset>,
    pub lang: Lang,
    /// Restricted fields may be edited in the full form.
    pub restricted: bool,
    /// Where proposals are sent (`None`: download only).
    pub url: Option<String>,
    /// The cell to edit inline once the table shows (the reader bundle
    /// asked for it, see `crate::edit_start`), taken by the first table.
    start_cell: Rc<RefCell<Option<(RowRef, String)>>>,
}

impl Edits {
    /// The pending text of cell (`row`, `field`), when edited.
    pub fn pending(&self, row: &RowRef, field: usize) -> Option<String> {
        let name = &self.dataset.field(field).name;
        self.state
            .draft
            .history
            .value(row, name)
            .map(str::to_string)
    }

    /// The text shown for a cell: pending, else the dataset's.
    pub fn shown(&self, row: u32, field: usize) -> (String, bool) {
        match self.pending(&self.dataset.row_ref(row), field) {
            Some(text) => (text, true),
            None => (self.dataset.text(row, field).to_string(), false),
        }
    }

    /// True when cell (`row`, `field`) has an error the edits introduced.
    pub fn cell_invalid(&self, row: &RowRef, field: usize) -> bool {
        let name = &self.dataset.field(field).name;
        errors::row_messages(&self.dataset, &self.state.draft.history, row, self.lang)
            .any(|(f, _)| &f == name)
    }

    /// The cell (row, field name) to edit inline on the table's first
    /// render, once.
    pub fn take_start_cell(&self) -> Option<(RowRef, String)> {
        self.start_cell.borrow_mut().take()
    }

    pub fn dispatch(&self, action: EditAction) {
        self.state.dispatch(action);
    }

    /// Opens the full form of a row (focusing `field` when given).
    pub fn open_form(&self, row: RowRef, field: Option<String>) {
        self.dispatch(EditAction::OpenForm(row, field));
    }

    /// Sets a cell of `row` to `after`.
    pub fn set(&self, row: RowRef, field: usize, after: String) {
        let before = match &row {
            RowRef::New(_) => String::new(),
            existing => existing
                .locate(self.dataset.schema(), self.dataset.table())
                .map(|r| self.dataset.text(r as u32, field).to_string())
                .unwrap_or_default(),
        };
        self.dispatch(EditAction::Set {
            row,
            field: self.dataset.field(field).name.clone(),
            before,
            after,
        });
    }
}
