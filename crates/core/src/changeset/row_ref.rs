//! Which row an edit concerns, in a form that survives sorting, filtering
//! and reloading: the primary-key value when the schema has a single-field
//! primary key, else the row's position in the file; new rows by number.

use serde::{Deserialize, Serialize};

use super::wire::RowId;
use crate::{Schema, Table};

/// A row of the dataset, or a new row proposed by the editor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RowRef {
    /// The row whose single primary-key field holds this value.
    Key(String),
    /// The row at this 0-based position in the file (header excluded).
    Index(u64),
    /// The editor's n-th proposed new row.
    New(u32),
}

impl RowRef {
    /// The reference of row `row` (file position) of `table`.
    pub fn of_row(schema: &Schema, table: &Table, row: usize) -> RowRef {
        match key_column(schema, table) {
            Some(col) => RowRef::Key(table.cell(row, col).unwrap_or_default().to_string()),
            None => RowRef::Index(row as u64),
        }
    }

    /// The file position of the row this reference designates, when it exists.
    pub fn locate(&self, schema: &Schema, table: &Table) -> Option<usize> {
        match self {
            RowRef::Key(key) => {
                let col = key_column(schema, table)?;
                (0..table.len()).find(|&r| table.cell(r, col).is_some_and(|t| t == key.as_str()))
            }
            RowRef::Index(i) => usize::try_from(*i).ok().filter(|&i| i < table.len()),
            RowRef::New(_) => None,
        }
    }

    pub fn is_new(&self) -> bool {
        matches!(self, RowRef::New(_))
    }

    /// The wire form: `(rowId, newRow)`.
    pub fn to_wire(&self) -> (Option<RowId>, Option<u32>) {
        match self {
            RowRef::Key(k) => (Some(RowId::Key(k.clone())), None),
            RowRef::Index(i) => (Some(RowId::Index(*i)), None),
            RowRef::New(n) => (None, Some(*n)),
        }
    }
}

/// The table column of the schema's single-field primary key.
fn key_column(schema: &Schema, table: &Table) -> Option<usize> {
    match schema.primary_key.as_slice() {
        [pk] => table.column(pk),
        _ => None,
    }
}
