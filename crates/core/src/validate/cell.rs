//! Checks on one cell: type, constraints, then Vitrine's extensions.

use std::cmp::Ordering;

use super::RowValues;
use super::errors::{Detail, ErrorType, ValidationError, constraint_note, py_repr};
use crate::cast::{Typed, cast_type};
use crate::schema::{Bound, Field, FieldType, Schema};
use crate::value::Value;

/// The outcome of checking a cell, for row-level checks (blank rows, keys).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellState<'a> {
    /// Missing or one of the missing values.
    Null,
    /// Not a value of the field's type.
    TypeError,
    Value(Typed<'a>),
}

fn error(
    field: &Field,
    text: Option<&str>,
    error_type: ErrorType,
    detail: Detail,
    note: String,
) -> ValidationError {
    let mut e = ValidationError::new(error_type, detail, note);
    e.field_name = Some(field.name.clone());
    e.cell = Some(text.unwrap_or("").to_string());
    e.titles = (
        field.title_in("fr").to_string(),
        field.title_in("en").to_string(),
    );
    e
}

fn constraint(field: &Field, text: Option<&str>, name: &str, detail: Detail) -> ValidationError {
    let raw = field
        .descriptor
        .get("constraints")
        .and_then(|c| c.get(name))
        .or_else(|| field.descriptor.get(name));
    let shown = match raw {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => py_repr(v),
        None => String::new(),
    };
    error(
        field,
        text,
        ErrorType::ConstraintError,
        detail,
        constraint_note(name, &shown),
    )
}

fn compare(value: &Typed<'_>, bound: &Bound) -> Option<Ordering> {
    let Typed::Value(v) = value else { return None };
    match (v, &bound.value) {
        (Value::Number(a), _) if a.is_nan() => None,
        (Value::Integer(a), Value::Integer(b)) => Some(a.cmp(b)),
        (Value::Integer(a), Value::Number(b)) => (*a as f64).partial_cmp(b),
        (Value::Number(a), Value::Integer(b)) => a.partial_cmp(&(*b as f64)),
        (Value::Number(a), Value::Number(b)) => a.partial_cmp(b),
        (a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => Some(a.sort_cmp(b)),
        _ => None,
    }
}

fn length_of(field: &Field, value: &Typed<'_>) -> Option<(usize, bool)> {
    let c = &field.constraints;
    match (value, &field.field_type) {
        // No more bytes than `maxLength`: no more characters either.
        (Typed::Text(t), _)
            if c.min_length.is_none() && c.max_length.is_some_and(|max| t.len() <= max) =>
        {
            None
        }
        (Typed::Text(t), _) => Some((t.chars().count(), false)),
        (Typed::Value(Value::List(items)), _) => Some((items.len(), true)),
        (Typed::TextList { text, delimiter }, _) => {
            Some((crate::cast::count_items(text, delimiter), true))
        }
        (Typed::Value(Value::Json(j)), _) => {
            match serde_json::from_str::<serde_json::Value>(j).ok()? {
                serde_json::Value::Array(a) => Some((a.len(), true)),
                serde_json::Value::Object(o) => Some((o.len(), true)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn in_enum(value: &Typed<'_>, allowed: &[Value]) -> bool {
    match value {
        Typed::Text(t) => allowed
            .iter()
            .any(|a| matches!(a, Value::String(s) if s == t)),
        Typed::Value(v) => allowed.iter().any(|a| a == v),
        Typed::TextList { .. } => false,
    }
}

/// Checks one cell of field `fi`; pushes its errors (row and column numbers
/// are left for the caller) and returns what the cell holds.
pub(crate) fn check_cell<'a>(
    schema: &'a Schema,
    fi: usize,
    text: Option<&'a str>,
    row: &dyn RowValues,
    out: &mut Vec<ValidationError>,
) -> CellState<'a> {
    let field = &schema.fields[fi];
    let missing = schema.missing_values_of(field);
    let null = match text {
        None => true,
        Some(t) => missing
            .iter()
            .any(|m| m.len() == t.len() && (m.is_empty() || m.as_str() == t)),
    };
    let before = out.len();
    let value = if null {
        None
    } else {
        let t = text.unwrap_or("");
        let cast = match &field.field_type {
            FieldType::String(crate::schema::StringFormat::Default) => Some(Typed::Text(t)),
            ty => cast_type(ty, t),
        };
        match cast {
            Some(v) => Some(v),
            None => {
                let detail = Detail::Type {
                    type_name: field.field_type.name(),
                    format: field.field_type.format_name(),
                };
                let note = format!("type is \"{}\"", field.type_label());
                out.push(error(field, text, ErrorType::TypeError, detail, note));
                return CellState::TypeError;
            }
        }
    };
    let c = &field.constraints;
    if c.required && null {
        out.push(constraint(field, text, "required", Detail::Required));
    }
    if let Some(v) = &value {
        if (c.min_length.is_some() || c.max_length.is_some())
            && let Some((n, items)) = length_of(field, v)
        {
            if let Some(min) = c.min_length.filter(|m| n < *m) {
                out.push(constraint(
                    field,
                    text,
                    "minLength",
                    Detail::MinLength {
                        min,
                        actual: n,
                        items,
                    },
                ));
            }
            if let Some(max) = c.max_length.filter(|m| n > *m) {
                out.push(constraint(
                    field,
                    text,
                    "maxLength",
                    Detail::MaxLength {
                        max,
                        actual: n,
                        items,
                    },
                ));
            }
        }
        if let (Some(p), Typed::Text(t)) = (&c.pattern, v)
            && !p.is_match(t)
        {
            out.push(constraint(
                field,
                text,
                "pattern",
                Detail::Pattern {
                    pattern: p.source().to_string(),
                },
            ));
        }
        let has_bounds = c.minimum.is_some()
            || c.maximum.is_some()
            || c.exclusive_minimum.is_some()
            || c.exclusive_maximum.is_some();
        let bounds = [
            ("minimum", &c.minimum, Ordering::Less, true),
            ("maximum", &c.maximum, Ordering::Greater, true),
            (
                "exclusiveMinimum",
                &c.exclusive_minimum,
                Ordering::Less,
                false,
            ),
            (
                "exclusiveMaximum",
                &c.exclusive_maximum,
                Ordering::Greater,
                false,
            ),
        ];
        for (name, bound, bad, inclusive) in bounds.into_iter().filter(|_| has_bounds) {
            if let Some(b) = bound {
                let ok = match compare(v, b) {
                    None => false,
                    Some(o) => o != bad && (inclusive || o != Ordering::Equal),
                };
                if !ok {
                    let shown = crate::json_text::as_text(&b.raw);
                    out.push(constraint(
                        field,
                        text,
                        name,
                        Detail::Bound {
                            constraint: name,
                            bound: shown,
                        },
                    ));
                }
            }
        }
        if let (Some(allowed), Some(raw)) = (&c.enum_values, &c.enum_raw)
            && !in_enum(v, allowed)
        {
            let allowed = raw.iter().map(crate::json_text::as_text).collect();
            out.push(constraint(field, text, "enum", Detail::Enum { allowed }));
        }
    }
    if out.len() == before {
        check_extensions(schema, field, text, value.as_ref(), row, out);
    }
    match value {
        None => CellState::Null,
        Some(v) => CellState::Value(v),
    }
}

/// Vitrine's checks, run only on cells that pass the standard ones, so a cell
/// gets either frictionless's errors or Vitrine's, never both.
fn check_extensions(
    schema: &Schema,
    field: &Field,
    text: Option<&str>,
    value: Option<&Typed<'_>>,
    row: &dyn RowValues,
    out: &mut Vec<ValidationError>,
) {
    let ext = &field.extensions;
    if value.is_none() {
        if let Some(rw) = &ext.required_when
            && let Some(other) = row.value(&rw.field)
            && rw.values.iter().any(|v| v == other)
            && schema.field(&rw.field).is_some()
        {
            let detail = Detail::RequiredWhen {
                field: rw.field.clone(),
                value: other.to_string(),
            };
            out.push(constraint(field, text, "vitrine:requiredWhen", detail));
        }
        return;
    }
    let t = text.unwrap_or("");
    if ext.siret
        && let Err(e) = crate::siret::check_siret(t)
    {
        out.push(constraint(field, text, "vitrine:siret", Detail::Siret(e)));
    }
    if let Some(rule) = ext.safe_url
        && let Err(e) = crate::url::check_safe_url(t, rule)
    {
        out.push(constraint(
            field,
            text,
            "vitrine:safeUrl",
            Detail::SafeUrl(e),
        ));
    }
    if let Some(Err(crate::CastError::DateFormats { formats })) = field.cast_date_formats(t) {
        out.push(constraint(
            field,
            text,
            "vitrine:dateFormats",
            Detail::DateFormats { formats },
        ));
    }
    if let (Some(ic), FieldType::List { delimiter, .. }) =
        (&ext.item_constraints, &field.field_type)
    {
        for item in crate::cast::list_items(t, delimiter) {
            let detail =
                if let Some(allowed) = ic.enum_values.as_ref().filter(|_| !ic.allows(item)) {
                    Some((
                        "enum",
                        Detail::ItemEnum {
                            item: item.to_string(),
                            allowed: allowed.clone(),
                        },
                    ))
                } else if let Some(p) = ic.pattern.as_ref().filter(|p| !p.is_match(item)) {
                    Some((
                        "pattern",
                        Detail::ItemPattern {
                            item: item.to_string(),
                            pattern: p.source().to_string(),
                        },
                    ))
                } else {
                    let n = item.chars().count();
                    (ic.min_length.is_some_and(|m| n < m) || ic.max_length.is_some_and(|m| n > m))
                        .then(|| {
                            (
                                "length",
                                Detail::ItemLength {
                                    item: item.to_string(),
                                    min: ic.min_length,
                                    max: ic.max_length,
                                },
                            )
                        })
                };
            if let Some((name, detail)) = detail {
                let mut e = constraint(field, text, "vitrine:itemConstraints", detail);
                let raw = field
                    .descriptor
                    .get("vitrine:itemConstraints")
                    .and_then(|ic| {
                        ic.get(if name == "length" { "maxLength" } else { name })
                            .or(Some(ic))
                    })
                    .map(py_repr)
                    .unwrap_or_default();
                e.note = constraint_note(&format!("vitrine:itemConstraints.{name}"), &raw);
                out.push(e);
            }
        }
    }
}
