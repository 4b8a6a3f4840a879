//! Building the query index from a loaded [`Schema`] and [`Table`].
//!
//! Defaults, each overridable with [`IndexOptions`]:
//! * facets: `enum` fields (one value per row) and `list` fields whose items
//!   have an enum (`vitrine:itemConstraints.enum`), each item one value;
//! * searched: public text fields (`string` without email/uri/uuid/binary
//!   format, and `list` fields) whose `vitrine:visibility` is not restricted,
//!   except dates (`vitrine:dateFormats`) and links (`vitrine:safeUrl`);
//! * sort: numbers, booleans and dates by value (a string field with
//!   `vitrine:dateFormats` sorts as the partial dates it holds), everything
//!   else by French collation of its text.

use std::cell::OnceCell;

use super::cast_memo::CastColumn;
use super::column::{Cell, CellSource, ColumnSpec, FacetSpec, SortKind};
use super::{QueryIndex, UpdateError};
use crate::schema::{Field, FieldType, Schema, StringFormat};
use crate::table::{Table, Text};
use crate::value::Value;

/// Which fields are facets and which are searched (`None`: the defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexOptions {
    /// Facet fields, by name. A `list` field is multi-valued.
    pub facets: Option<Vec<String>>,
    /// Searched fields, by name.
    pub searchable: Option<Vec<String>>,
}

/// One column spec per schema field, in schema order.
pub fn column_specs(schema: &Schema, options: &IndexOptions) -> Vec<ColumnSpec> {
    let chosen = |list: &Option<Vec<String>>, field: &Field, default: bool| match list {
        Some(names) => names.contains(&field.name),
        None => default,
    };
    schema
        .fields
        .iter()
        .map(|field| {
            let is_list = matches!(field.field_type, FieldType::List { .. });
            let facet = chosen(&options.facets, field, default_facet(field)).then(|| FacetSpec {
                multi: is_list,
                values: declared_values(field),
            });
            ColumnSpec {
                name: field.name.clone(),
                facet,
                searchable: chosen(&options.searchable, field, default_searchable(field)),
                sort: sort_kind(field),
            }
        })
        .collect()
}

fn default_facet(field: &Field) -> bool {
    match &field.field_type {
        FieldType::List { .. } => field
            .extensions
            .item_constraints
            .as_ref()
            .is_some_and(|c| c.enum_values.is_some()),
        _ => field.constraints.enum_values.is_some(),
    }
}

fn declared_values(field: &Field) -> Vec<String> {
    if let FieldType::List { .. } = field.field_type {
        let items = field.extensions.item_constraints.as_ref();
        return items
            .and_then(|c| c.enum_values.clone())
            .unwrap_or_default();
    }
    let raw = field.constraints.enum_raw.as_deref().unwrap_or_default();
    raw.iter().map(crate::json_text::as_text).collect()
}

fn default_searchable(field: &Field) -> bool {
    let ext = &field.extensions;
    !field.is_restricted()
        && ext.date_formats.is_empty()
        && ext.safe_url.is_none()
        && match &field.field_type {
            FieldType::String(format) => {
                matches!(format, StringFormat::Default | StringFormat::Other(_))
            }
            FieldType::List { .. } => true,
            _ => false,
        }
}

fn sort_kind(field: &Field) -> SortKind {
    match &field.field_type {
        FieldType::Integer { .. } | FieldType::Number { .. } | FieldType::Boolean { .. } => {
            SortKind::Number
        }
        FieldType::Date(_)
        | FieldType::Time(_)
        | FieldType::DateTime(_)
        | FieldType::Year
        | FieldType::YearMonth => SortKind::Temporal,
        FieldType::String(_) if !field.extensions.date_formats.is_empty() => SortKind::Temporal,
        _ => SortKind::Text,
    }
}

/// The value given for cells of columns that are only read as text: any
/// value but `Null` means "present".
pub(super) static PRESENT: Value = Value::String(String::new());
pub(super) static MISSING: Value = Value::Null;

/// A [`CellSource`] over a loaded table, columns in schema order.
///
/// Cheap to create: cells are cast only for the columns whose value the
/// engine reads (list facets, number and date sort keys), once per column,
/// on first access. Other cells are only checked against missing values.
pub struct TableSource<'a> {
    schema: &'a Schema,
    table: &'a Table,
    /// Table column of each schema field (matched by header label).
    columns: Vec<Option<usize>>,
    needs_value: Vec<bool>,
    /// The missing values of each field.
    missing: Vec<&'a [String]>,
    values: Vec<OnceCell<CastColumn>>,
}

impl<'a> TableSource<'a> {
    /// `specs` are the index's column specs ([`QueryIndex::specs`]).
    pub fn new(schema: &'a Schema, table: &'a Table, specs: &[ColumnSpec]) -> Self {
        let needs_value: Vec<bool> = specs
            .iter()
            .map(|s| {
                s.facet.as_ref().is_some_and(|f| f.multi)
                    || matches!(s.sort, SortKind::Number | SortKind::Temporal)
            })
            .collect();
        TableSource {
            schema,
            table,
            columns: schema
                .fields
                .iter()
                .map(|f| table.column(&f.name))
                .collect(),
            values: needs_value.iter().map(|_| OnceCell::new()).collect(),
            needs_value,
            missing: (schema.fields.iter())
                .map(|f| schema.missing_values_of(f))
                .collect(),
        }
    }

    fn text(&self, row: usize, field: usize) -> Text<'a> {
        self.columns[field]
            .and_then(|c| self.table.cell(row, c))
            .unwrap_or_default()
    }
}

impl CellSource for TableSource<'_> {
    fn row_count(&self) -> usize {
        self.table.len()
    }

    /// Reads one byte of each cache line of the rows' bytes, in order. Only
    /// rows held plain: a packed row is read from its block's decompressed
    /// copy, which decompressing writes in order.
    fn warm_rows(&self, rows: std::ops::Range<usize>) {
        let mut sum = 0u8;
        for row in &self.table.rows()[rows] {
            if let Some(bytes) = row.plain_raw_bytes() {
                for b in bytes.iter().step_by(64) {
                    sum = sum.wrapping_add(*b);
                }
            }
        }
        std::hint::black_box(sum);
    }

    fn with_text<R>(&self, row: usize, column: usize, f: impl FnOnce(&str) -> R) -> R {
        f(&TableSource::text(self, row, column))
    }

    fn with_cell<R>(&self, row: usize, column: usize, f: impl FnOnce(Cell<'_>) -> R) -> R {
        let text = TableSource::text(self, row, column);
        let value = if self.needs_value[column] {
            let values = self.values[column].get_or_init(|| {
                let mut values = CastColumn::default();
                for r in 0..self.table.len() {
                    // A cell that does not cast counts as empty.
                    values.push(&self.text(r, column), |text| {
                        self.schema.cast(column, text).unwrap_or(Value::Null)
                    });
                }
                values
            });
            values.get(row)
        } else {
            if self.missing[column].iter().any(|m| *m == *text) {
                &MISSING
            } else {
                &PRESENT
            }
        };
        f(Cell { text: &text, value })
    }
}

impl QueryIndex {
    /// The index of a loaded table, with the default or chosen facets and
    /// searched fields.
    pub fn from_table(schema: &Schema, table: &Table, options: &IndexOptions) -> QueryIndex {
        let specs = column_specs(schema, options);
        let source = TableSource::new(schema, table, &specs);
        QueryIndex::build(specs, &source)
    }

    /// Re-indexes row `row` of `table` after an accepted edit; a row past
    /// the indexed ones is appended (rows must be appended in order).
    pub fn refresh_row(
        &mut self,
        schema: &Schema,
        table: &Table,
        row: usize,
    ) -> Result<(), UpdateError> {
        let fields = schema.fields.len();
        let values: Vec<Value> = (0..fields)
            .map(|f| {
                let text = table
                    .column(&schema.fields[f].name)
                    .and_then(|c| table.cell(row, c))
                    .unwrap_or_default();
                schema.cast(f, &text).unwrap_or(Value::Null)
            })
            .collect();
        let texts: Vec<Text<'_>> = (0..fields)
            .map(|f| {
                table
                    .column(&schema.fields[f].name)
                    .and_then(|c| table.cell(row, c))
                    .unwrap_or_default()
            })
            .collect();
        let cells: Vec<Cell<'_>> = texts
            .iter()
            .zip(&values)
            .map(|(text, value)| Cell { text, value })
            .collect();
        if row < self.row_count() {
            self.update_row(row as u32, &cells)
        } else if row == self.row_count() {
            self.push_row(&cells).map(|_| ())
        } else {
            Err(UpdateError::NoSuchRow {
                row: row as u32,
                row_count: self.row_count(),
            })
        }
    }
}
