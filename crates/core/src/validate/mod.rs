//! Validation of a table against a schema, with frictionless-py's error
//! vocabulary and numbering (the header is row 1).
//!
//! Columns are matched to fields by name. When the header lists the schema's
//! fields in order, the errors are those of `frictionless validate`; a
//! reordered header is accepted (frictionless reports `incorrect-label`).

mod cell;
pub mod errors;
mod expected;
mod header;
mod keys;
pub mod messages;
mod plan;
pub mod report;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use cell::{CellState, check_cell};
pub use errors::{Detail, ErrorType, ValidationError, py_repr};
pub use expected::human_pattern;
use header::check_header;
use keys::{single_key, unique_key};
use plan::Plan;
pub use report::Report;

use crate::cast::Typed;
use crate::schema::Schema;
use crate::table::{Row, Table};

/// The other values of a row, by field name (for `vitrine:requiredWhen`).
pub trait RowValues {
    fn value(&self, field: &str) -> Option<&str>;
}

impl RowValues for HashMap<String, String> {
    fn value(&self, field: &str) -> Option<&str> {
        self.get(field).map(String::as_str)
    }
}

impl RowValues for BTreeMap<String, String> {
    fn value(&self, field: &str) -> Option<&str> {
        self.get(field).map(String::as_str)
    }
}

impl RowValues for [(&str, &str)] {
    fn value(&self, field: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == field).map(|(_, v)| *v)
    }
}

/// No row context: rules that depend on other fields do not apply.
pub struct NoRow;

impl RowValues for NoRow {
    fn value(&self, _: &str) -> Option<&str> {
        None
    }
}

struct TableRow<'a> {
    columns: &'a FxHashMap<&'a str, usize>,
    row: &'a Row,
}

impl RowValues for TableRow<'_> {
    fn value(&self, field: &str) -> Option<&str> {
        self.row.get_plain(*self.columns.get(field)?)
    }
}

/// Options for [`validate_with`].
#[derive(Debug, Clone)]
pub struct ValidateOptions {
    /// Language of the messages: `"fr"` (default) or `"en"`.
    pub lang: String,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions { lang: "fr".into() }
    }
}

/// Validates every row of a table; messages in French.
pub fn validate(schema: &Schema, table: &Table) -> Report {
    validate_with(schema, table, &ValidateOptions::default())
}

/// Validates one cell of field `field_name` given the other values of its row.
/// Errors have no row number; `fieldNumber` is the field's schema position.
/// Uniqueness is a table-level rule and is not checked here.
pub fn validate_cell(
    schema: &Schema,
    field_name: &str,
    text: &str,
    row: &dyn RowValues,
    lang: &str,
) -> Vec<ValidationError> {
    let Some(fi) = schema.field_index(field_name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    check_cell(schema, fi, Some(text), row, &mut out);
    for e in &mut out {
        e.field_number = Some(fi + 1);
        e.localize(lang);
    }
    out
}

/// Validates a whole record given as field name → text (absent fields are
/// empty). Errors have no row number; `fieldNumber` is the schema position.
pub fn validate_row(schema: &Schema, row: &dyn RowValues, lang: &str) -> Vec<ValidationError> {
    let mut out = Vec::new();
    for (fi, f) in schema.fields.iter().enumerate() {
        let start = out.len();
        check_cell(
            schema,
            fi,
            Some(row.value(&f.name).unwrap_or("")),
            row,
            &mut out,
        );
        for e in &mut out[start..] {
            e.field_number = Some(fi + 1);
            e.localize(lang);
        }
    }
    out
}

/// Validates every row of a table.
pub fn validate_with(schema: &Schema, table: &Table, options: &ValidateOptions) -> Report {
    // Errors and keys borrow the cells' texts: a packed table is read from
    // an unpacked copy.
    validate_plain(schema, &table.unpacked(), options)
}

/// [`validate_with`] for a table whose rows hold no packed text.
fn validate_plain<'t>(schema: &'t Schema, table: &'t Table, options: &ValidateOptions) -> Report {
    let mut out = Vec::new();
    let columns = check_header(schema, table.header(), &mut out);
    let ncols = columns.len();
    let column_of = |name: &str| {
        let fi = schema.field_index(name)?;
        columns.iter().position(|m| *m == Some(fi))
    };
    let unique_cols: Vec<usize> = (0..ncols)
        .filter(|&c| columns[c].is_some_and(|fi| schema.fields[fi].constraints.unique))
        .collect();
    // Keys seen, per unique column and key: `FxHashMap` (several times faster
    // than SipHash on 100,000 keys; the input is the validated file itself).
    let rows = table.len();
    let mut unique_seen: Vec<FxHashMap<Cow<'_, str>, usize>> = (0..unique_cols.len())
        .map(|_| FxHashMap::with_capacity_and_hasher(rows, Default::default()))
        .collect();
    let key_cols =
        |names: &[String]| -> Option<Vec<usize>> { names.iter().map(|n| column_of(n)).collect() };
    let pk_cols = if schema.primary_key.is_empty() {
        None
    } else {
        key_cols(&schema.primary_key)
    };
    let mut pk_seen: FxHashMap<Cow<'_, str>, usize> = FxHashMap::with_capacity_and_hasher(
        if pk_cols.is_some() { rows } else { 0 },
        Default::default(),
    );
    let uk_cols: Vec<(usize, Vec<usize>)> = schema
        .unique_keys
        .iter()
        .enumerate()
        .filter_map(|(k, names)| Some((k, key_cols(names)?)))
        .collect();
    let mut uk_seen: Vec<FxHashMap<Cow<'_, str>, usize>> = (0..uk_cols.len())
        .map(|_| FxHashMap::with_capacity_and_hasher(rows, Default::default()))
        .collect();
    // The values of the cells of unique and key columns, each column in its
    // slot (the other cells' values are not kept).
    let mut key_column = vec![false; ncols];
    for &c in unique_cols
        .iter()
        .chain(pk_cols.iter().flatten())
        .chain(uk_cols.iter().flat_map(|(_, c)| c))
    {
        key_column[c] = true;
    }
    let slot: Vec<usize> = key_column
        .iter()
        .scan(0, |next, &keyed| {
            *next += usize::from(keyed);
            Some(if keyed { *next - 1 } else { usize::MAX })
        })
        .collect();
    let mut states: Vec<CellState<'_>> =
        vec![CellState::Null; key_column.iter().filter(|k| **k).count()];
    let mut plans: Vec<Plan<'_>> = columns
        .iter()
        .zip(&key_column)
        .map(|(m, &keyed)| Plan::of(schema, m.map(|fi| &schema.fields[fi]), keyed))
        .collect();
    let empty_is_valid: Vec<bool> = columns
        .iter()
        .map(|m| plan::empty_is_valid(schema, m.map(|fi| &schema.fields[fi])))
        .collect();
    let mut key = String::new();
    let mut by_label: FxHashMap<&str, usize> = FxHashMap::default();
    for c in 0..table.header().len() {
        by_label
            .entry(table.header().get_plain(c).unwrap_or(""))
            .or_insert(c);
    }

    for (i, row) in table.rows().iter().enumerate() {
        let rn = i + 2;
        let start = out.len();
        let ctx = TableRow {
            columns: &by_label,
            row,
        };
        let mut blank = true;
        for (c, mapped) in columns.iter().enumerate() {
            if matches!(plans[c], Plan::Plain) && !key_column[c] && row.text_len(c) > Some(0) {
                // A non-empty plain text cell: valid, and not read at all.
                blank = false;
                continue;
            }
            let text = row.get_plain(c);
            if empty_is_valid[c] && text.is_none_or(str::is_empty) {
                // A blank optional cell: a missing value, nothing to report.
                if key_column[c] {
                    states[slot[c]] = CellState::Null;
                }
                continue;
            }
            let state = match mapped {
                Some(_) if let Some(t) = plans[c].valid(text) => CellState::Value(Typed::Text(t)),
                Some(fi) => {
                    let k = out.len();
                    let st = check_cell(schema, *fi, text, &ctx, &mut out);
                    if out.len() == k
                        && matches!(st, CellState::Value(_))
                        && let Some(t) = text
                    {
                        plans[c].found_valid(t);
                    }
                    for e in &mut out[k..] {
                        e.row_number = Some(rn);
                        e.field_number = Some(c + 1);
                    }
                    st
                }
                None => match text {
                    Some(t) if !schema.missing_values.iter().any(|m| m == t) => {
                        CellState::Value(Typed::Text(t))
                    }
                    _ => CellState::Null,
                },
            };
            if !matches!(state, CellState::Null) {
                blank = false;
            }
            if key_column[c] {
                states[slot[c]] = state;
            }
        }
        for c in ncols..row.len() {
            let mut e =
                ValidationError::new(ErrorType::ExtraCell, Detail::ExtraCell, String::new());
            e.row_number = Some(rn);
            e.field_number = Some(c + 1);
            e.field_name = Some(String::new());
            e.cell = row.get_plain(c).map(String::from);
            out.push(e);
        }
        for (c, mapped) in columns.iter().enumerate().skip(row.len()) {
            let mut e =
                ValidationError::new(ErrorType::MissingCell, Detail::MissingCell, String::new());
            let label = table.header().get_plain(c).unwrap_or("");
            let f = mapped.map(|fi| &schema.fields[fi]);
            e.row_number = Some(rn);
            e.field_number = Some(c + 1);
            e.field_name = Some(f.map_or(label, |f| f.name.as_str()).to_string());
            e.cell = Some(String::new());
            e.titles = f.map_or((label.to_string(), label.to_string()), |f| {
                (f.title_in("fr").to_string(), f.title_in("en").to_string())
            });
            out.push(e);
        }
        if blank && ncols > 0 {
            out.truncate(start);
            let mut e = ValidationError::new(ErrorType::BlankRow, Detail::BlankRow, String::new());
            e.row_number = Some(rn);
            out.push(e);
            continue;
        }
        for (u, &c) in unique_cols.iter().enumerate() {
            if let Some(key) = single_key(&states[slot[c]]) {
                let previous = unique_seen[u].insert(key, rn);
                if let Some(p) = previous {
                    let fi = columns[c].unwrap_or(0);
                    let f = &schema.fields[fi];
                    let note = format!("the same as in the row at position {p}");
                    let mut e = ValidationError::new(
                        ErrorType::UniqueError,
                        Detail::Unique { previous_row: p },
                        note,
                    );
                    e.row_number = Some(rn);
                    e.field_number = Some(c + 1);
                    e.field_name = Some(f.name.clone());
                    e.cell = row.get_plain(c).map(String::from);
                    e.titles = (f.title_in("fr").to_string(), f.title_in("en").to_string());
                    out.push(e);
                }
            }
        }
        let mut composite = |cols: &[usize],
                             seen: &mut FxHashMap<Cow<'t, str>, usize>|
         -> Result<(), Option<usize>> {
            let key = if let [c] = cols {
                single_key(&states[slot[*c]]).ok_or(None)?
            } else {
                key.clear();
                let mut any = false;
                for &c in cols {
                    any |= unique_key(&states[slot[c]], &mut key);
                    key.push('\u{1f}');
                }
                if !any {
                    return Err(None);
                }
                Cow::Owned(key.clone())
            };
            match seen.insert(key, rn) {
                Some(p) => Err(Some(p)),
                None => Ok(()),
            }
        };
        if let Some(cols) = &pk_cols
            && let Err(previous_row) = composite(cols, &mut pk_seen)
        {
            let note = match previous_row {
                Some(p) => format!("the same as in the row at position {p}"),
                None => "cells composing the primary keys are all \"None\"".to_string(),
            };
            let detail = Detail::PrimaryKey {
                fields: schema.primary_key.clone(),
                previous_row,
            };
            let mut e = ValidationError::new(ErrorType::PrimaryKey, detail, note);
            e.row_number = Some(rn);
            out.push(e);
        }
        for (u, (k, cols)) in uk_cols.iter().enumerate() {
            if let Err(Some(p)) = composite(cols, &mut uk_seen[u]) {
                let fields = schema.unique_keys[*k].clone();
                let note = format!("uniqueKeys {fields:?}: the same as in the row at position {p}");
                let mut e = ValidationError::new(
                    ErrorType::UniqueError,
                    Detail::UniqueKey {
                        fields,
                        previous_row: p,
                    },
                    note,
                );
                e.row_number = Some(rn);
                e.field_number = Some(cols[0] + 1);
                e.field_name = Some(schema.unique_keys[*k][0].clone());
                out.push(e);
            }
        }
    }
    Report::new(out, &options.lang)
}
