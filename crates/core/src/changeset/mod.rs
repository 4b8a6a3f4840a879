//! Changesets: what editors propose and how it is judged.
//!
//! - [`wire`]: the JSON changeset of `POST /api/datasets/{id}/suggestions`
//!   (documented in `docs/api.md`), shared by the widget, the server and the
//!   moderation page.
//! - [`RowRef`]: a row by primary key (or file position), stable under
//!   sorting and filtering; new rows by number.
//! - [`EditHistory`]: pending edits with undo/redo and merging of edits of
//!   the same cell; [`Draft`] adds the editor's message and identity and
//!   serialises to JSON (for `localStorage`).
//! - [`EditedRow`], [`row_errors`], [`introduced_errors`]: rows with pending
//!   values judged by the same validation as the server.
//! - [`input_kind`]: which editor a field gets.
//! - [`version_from_etag`], [`content_version`]: the dataset version a
//!   changeset is made against.

mod check;
mod draft;
mod history;
mod input;
mod row_ref;
mod version;
pub mod wire;

pub use check::{EditedRow, error_key, introduced_errors, row_edit_errors, row_errors};
pub use draft::Draft;
pub use history::{Edit, EditHistory};
pub use input::{InputKind, date_hint, input_kind};
pub use row_ref::RowRef;
pub use version::{ContentVersion, content_version, version_from_etag};
pub use wire::{Author, Change, Changeset, Problem, RowId};
