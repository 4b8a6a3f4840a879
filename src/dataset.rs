//! The loaded dataset as the components see it: the table and schema parsed
//! by `vitrine-core`, and the columns to show.

use crate::i18n::Lang;
use crate::load::{Fetched, LoadError};
use vitrine_core::{CsvOptions, Schema, Table, load_csv};

/// A column shown by the widget: a schema field (or a bare header when there
/// is no schema) and where its cells are in the table.
#[derive(Debug, PartialEq)]
struct Column {
    /// Index of the field in the schema, when there is one.
    field: Option<usize>,
    /// Index of the column in the table, when the data has it.
    table_column: Option<usize>,
    /// The header text, used as the title without a schema.
    header: String,
}

/// A loaded dataset. It is immutable once loaded, so two handles are equal
/// exactly when they are the same load (identity, not a deep comparison).
#[derive(Debug)]
pub struct Dataset {
    schema: Option<Schema>,
    table: Table,
    columns: Vec<Column>,
}

impl PartialEq for Dataset {
    fn eq(&self, other: &Dataset) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Dataset {
    /// Parses fetched data (and schema text) with `vitrine-core`.
    pub fn parse(
        src: &str,
        data: &Fetched,
        schema: Option<(&str, &str)>,
    ) -> Result<Dataset, LoadError> {
        let schema = schema
            .map(|(url, text)| {
                Schema::from_json(text).map_err(|error| LoadError::Schema {
                    url: url.to_string(),
                    error,
                })
            })
            .transpose()?;
        let table =
            load_csv(&data.bytes, CsvOptions::default()).map_err(|error| LoadError::Data {
                url: src.to_string(),
                error,
            })?;
        let columns = match &schema {
            // Readers see the schema's public fields, in the schema's order.
            Some(schema) => schema
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.is_restricted())
                .map(|(i, f)| Column {
                    field: Some(i),
                    table_column: table.column(&f.name),
                    header: f.name.clone(),
                })
                .collect(),
            None => table
                .header()
                .iter()
                .enumerate()
                .map(|(i, h)| Column {
                    field: None,
                    table_column: Some(i),
                    header: h.to_string(),
                })
                .collect(),
        };
        Ok(Dataset {
            schema,
            table,
            columns,
        })
    }

    pub fn row_count(&self) -> usize {
        self.table.len()
    }

    /// Column titles in the interface language (the schema's translations).
    pub fn column_titles(&self, lang: Lang) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| match (&self.schema, c.field) {
                (Some(schema), Some(i)) => schema.fields[i].title_in(lang.code()).to_string(),
                _ => c.header.clone(),
            })
            .collect()
    }

    /// The original text of a cell ("" when the data lacks the column).
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.columns
            .get(column)
            .and_then(|c| c.table_column)
            .and_then(|col| self.table.cell(row, col))
            .unwrap_or("")
    }
}
