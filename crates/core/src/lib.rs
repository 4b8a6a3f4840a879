//! `vitrine-core`: every rule about data in Vitrine.
//!
//! Pure Rust: no web, async or UI dependency. The widget (WebAssembly) and the
//! server both call into this crate, so a value is judged the same way in the
//! browser and on the server. The library never touches the filesystem: it
//! takes bytes and text.
//!
//! # Main entry points
//!
//! - [`Schema::from_json`] / [`Schema::from_slice`]: parse a Frictionless Table
//!   Schema (v1 + v2 `list`) with the `vitrine:*` extensions of
//!   `docs/schema-extensions.md` ([`Field::extensions`], [`Schema::extensions`]).
//! - [`Field::cast`] / [`Schema::cast`]: a cell's text → [`Value`] (or [`CastError`]).
//! - [`load_csv`]: CSV bytes → [`Table`] (dialect sniffed, BOM, CRLF, quoting).
//! - [`write_csv`]: [`Table`] → CSV bytes; untouched rows are byte-identical.
//! - [`load_json`] (array of objects or arrays, `{"data": [...]}`),
//!   [`load_datapackage`] (first tabular resource; files through a resolver
//!   closure), [`load_data`] (CSV or JSON by name/content).
//! - [`validate`] / [`validate_with`]: every row of a [`Table`] against a
//!   [`Schema`] → [`Report`] `{"valid", "errors": [{"type", "rowNumber",
//!   "fieldNumber", "fieldName", "cell", "note", "message"}]}` with
//!   frictionless-py's error types and numbering (header = row 1) and
//!   messages in French or English.
//! - [`validate_cell`] / [`validate_row`]: one value or one record, with the
//!   other values of its row ([`RowValues`]) for `vitrine:requiredWhen`.
//! - [`Schema::without_restricted`] / [`Table::without_restricted`]: the copy
//!   anonymous readers may see.
//!
//! Bad input never panics: unreadable schemas give a [`SchemaError`],
//! unreadable data a [`LoadError`] with line and byte offset; data that can
//! be read but breaks the schema gives a [`Report`].
//!
//! See `ARCHITECTURE.md` at the repository root for the invariants.

pub mod cast;
pub mod changeset;
pub mod decimal;
pub mod decimal_parse;
pub mod display;
pub mod export;
pub mod header_match;
pub mod json_text;
pub mod load;
pub mod locale_format;
pub mod name_map;
pub mod query;
pub mod reader_config;
pub mod schema;
pub mod siret;
pub mod table;
pub mod untyped;
pub mod url;
pub mod validate;
pub mod value;
pub mod write;

pub use cast::CastError;
pub use load::{
    CsvOptions, LoadError, Package, load_csv, load_csv_owned, load_data, load_datapackage,
    load_json,
};
pub use schema::{Field, FieldType, Schema, SchemaError};
pub use table::{Dialect, LineTerminator, Row, Table};
pub use validate::{
    ErrorType, Report, RowValues, ValidateOptions, ValidationError, validate, validate_cell,
    validate_row, validate_with,
};
pub use value::Value;
pub use write::write_csv;

impl Schema {
    /// Casts the text of field `field` (by index) with the missing values that
    /// apply to it (the field's own, else the schema's).
    ///
    /// # Panics
    /// When `field` is not a field index of this schema.
    pub fn cast(&self, field: usize, text: &str) -> Result<Value, CastError> {
        let f = &self.fields[field];
        f.cast_with_missing(text, self.missing_values_of(f))
    }
}
