//! The reader bundle's editing controls (built without the `edit`
//! feature, in place of `src/edit/`): the same buttons and keys as the
//! editor bundle, with the same names, so the reader's components compile
//! and look the same in both bundles. Using one asks the loader to switch
//! the element to the editor bundle, which opens what was asked
//! (`crate::edit_start`); until then no cell has a pending edit.

mod controls;
mod layer;

pub use controls::{EditToolbar, EditorMode, FieldEditor};
pub use layer::EditLayer;

use crate::dataset::Dataset;
use crate::edit_start::EditStart;
use crate::i18n::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use vitrine_core::changeset::RowRef;
use yew::Callback;

/// What the reader's components use of the editing context (absent when
/// the widget is read-only).
#[derive(Clone, PartialEq)]
pub struct Edits {
    pub dataset: Rc<Dataset>,
    pub lang: Lang,
    /// Asks for the editor bundle, opening this first.
    request: Callback<EditStart>,
    /// The reader's columns (field names, comma-separated), handed to the
    /// editor's mount so the table keeps them.
    columns: Rc<RefCell<Option<String>>>,
    /// True while the editor bundle loads.
    pub opening: bool,
}

impl Edits {
    /// The text shown for a cell: the dataset's (nothing is pending before
    /// the editor loads; a saved draft loads it at once).
    pub fn shown(&self, row: u32, field: usize) -> (String, bool) {
        (self.dataset.text(row, field).to_string(), false)
    }

    /// No cell has an error its edits introduced before the editor loads.
    pub fn cell_invalid(&self, _row: &RowRef, _field: usize) -> bool {
        false
    }

    /// Opens the full form of a row, in the editor bundle.
    pub fn open_form(&self, row: RowRef, field: Option<String>) {
        self.request.emit(EditStart::Form(row, field));
    }

    /// Switches to the editor bundle, which then opens `start`.
    pub fn request(&self, start: EditStart) {
        self.request.emit(start);
    }

    /// Keeps the reader's columns for the editor's mount.
    pub fn keep_columns(&self, names: String) {
        *self.columns.borrow_mut() = Some(names);
    }

    /// The cell to edit inline on the first render of the table: never in
    /// the reader bundle.
    pub fn take_start_cell(&self) -> Option<(RowRef, String)> {
        None
    }
}
