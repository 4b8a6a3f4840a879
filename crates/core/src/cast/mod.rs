//! Casting a cell's text into a typed [`Value`] against its field, with the
//! same acceptance rules as frictionless-py.

pub mod number;
pub mod strptime;
pub mod temporal;
pub mod text;

use crate::schema::{Field, FieldType, StringFormat};
use crate::value::Value;

/// Why a text could not be cast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CastError {
    /// Not a value of the field's type; `expected` is frictionless's
    /// `type/format` label (e.g. `integer/default`). A `type-error`.
    Type { expected: String },
    /// A string field with `vitrine:dateFormats` whose text matches none of
    /// them (or is not a real calendar date). A `constraint-error`.
    DateFormats { formats: Vec<String> },
}

/// A cast value that borrows the cell's text when the type is textual, so
/// validation does not allocate for string cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Typed<'a> {
    Text(&'a str),
    /// A `list` of plain strings, kept as its text until a value is needed.
    TextList {
        text: &'a str,
        delimiter: &'a str,
    },
    Value(Value),
}

impl Typed<'_> {
    pub(crate) fn into_value(self) -> Value {
        match self {
            Typed::Text(t) => Value::String(t.to_string()),
            Typed::TextList { text, delimiter } => Value::List(
                list_items(text, delimiter)
                    .map(|item| Value::String(item.to_string()))
                    .collect(),
            ),
            Typed::Value(v) => v,
        }
    }
}

impl Field {
    /// Casts a cell's text: a missing value (per the field's, else the default
    /// `[""]`, missing values) gives [`Value::Null`]; otherwise the text must be
    /// a value of the field's type. A string field with `vitrine:dateFormats`
    /// casts to a (possibly partial) [`Value::Date`].
    ///
    /// Use [`crate::Schema::cast`] to apply the schema's `missingValues`.
    pub fn cast(&self, text: &str) -> Result<Value, CastError> {
        let missing = self.missing_values.as_deref().unwrap_or(DEFAULT_MISSING);
        self.cast_with_missing(text, missing)
    }

    /// Like [`Field::cast`] with explicit missing values.
    pub fn cast_with_missing(&self, text: &str, missing: &[String]) -> Result<Value, CastError> {
        if missing.iter().any(|m| m == text) {
            return Ok(Value::Null);
        }
        let value = self.cast_standard(text)?;
        self.cast_date_formats(text).unwrap_or(Ok(value))
    }

    /// The value of a string field with `vitrine:dateFormats`, when it has some.
    pub(crate) fn cast_date_formats(&self, text: &str) -> Option<Result<Value, CastError>> {
        let formats = &self.extensions.date_formats;
        if formats.is_empty() || !matches!(self.field_type, FieldType::String(_)) {
            return None;
        }
        Some(
            formats
                .iter()
                .find_map(|p| p.parse_date(text))
                .map(Value::Date)
                .ok_or_else(|| CastError::DateFormats {
                    formats: formats.iter().map(|p| p.source().to_string()).collect(),
                }),
        )
    }

    /// Casts with the field's standard type only (no missing values, no extensions).
    pub(crate) fn cast_standard(&self, text: &str) -> Result<Value, CastError> {
        cast_type(&self.field_type, text)
            .map(Typed::into_value)
            .ok_or_else(|| CastError::Type {
                expected: self.type_label(),
            })
    }
}

/// The default missing values, `[""]`.
pub(crate) static DEFAULT_MISSING: &[String] = &[String::new()];

/// Casts a non-missing text with a type; `None` when it is not a value of it.
pub(crate) fn cast_type<'a>(ty: &'a FieldType, text: &'a str) -> Option<Typed<'a>> {
    use FieldType::*;
    Some(match ty {
        String(format) => {
            let ok = match format {
                StringFormat::Default | StringFormat::Other(_) => true,
                StringFormat::Email => text::is_email(text),
                StringFormat::Uri => text::is_uri(text),
                StringFormat::Uuid => text::is_uuid(text),
                StringFormat::Binary => text::is_base64(text),
            };
            if !ok {
                return None;
            }
            Typed::Text(text)
        }
        Any => Typed::Text(text),
        Integer { bare_number } => {
            Typed::Value(Value::Integer(number::parse_integer(text, *bare_number)?))
        }
        Number {
            decimal_char,
            group_char,
            bare_number,
            customized,
        } => Typed::Value(Value::Number(number::parse_number(
            text,
            decimal_char,
            group_char,
            *bare_number,
            *customized,
        )?)),
        Boolean {
            true_values,
            false_values,
        } => {
            if true_values.iter().any(|v| v == text) {
                Typed::Value(Value::Boolean(true))
            } else if false_values.iter().any(|v| v == text) {
                Typed::Value(Value::Boolean(false))
            } else {
                return None;
            }
        }
        Date(f) => Typed::Value(Value::Date(temporal::parse_date(f, text)?)),
        Time(f) => Typed::Value(Value::Time(temporal::parse_time(f, text)?)),
        DateTime(f) => {
            let (date, time, offset_minutes) = temporal::parse_datetime(f, text)?;
            Typed::Value(Value::DateTime {
                date,
                time,
                offset_minutes,
            })
        }
        Year => Typed::Value(Value::Year(temporal::parse_year(text)?)),
        YearMonth => {
            let (year, month) = temporal::parse_yearmonth(text)?;
            Typed::Value(Value::YearMonth { year, month })
        }
        Duration => {
            let (months, seconds) = temporal::parse_duration(text)?;
            Typed::Value(Value::Duration { months, seconds })
        }
        Object => Typed::Value(Value::Json(text::json_of_kind(text, b'{')?)),
        Array => Typed::Value(Value::Json(text::json_of_kind(text, b'[')?)),
        GeoPoint(f) => {
            let (lon, lat) = text::parse_geopoint(*f, text)?;
            Typed::Value(Value::GeoPoint { lon, lat })
        }
        List {
            delimiter,
            item_type,
        } => {
            if matches!(
                **item_type,
                String(StringFormat::Default | StringFormat::Other(_))
            ) {
                return Some(Typed::TextList { text, delimiter });
            }
            let mut items = Vec::new();
            for item in list_items(text, delimiter) {
                items.push(cast_type(item_type, item)?.into_value());
            }
            Typed::Value(Value::List(items))
        }
    })
}

/// The items of a `list` cell. A one-character delimiter (the usual case)
/// is split on that character, which is much faster than a substring search.
pub(crate) fn list_items<'a>(text: &'a str, delimiter: &'a str) -> ListItems<'a> {
    let mut chars = delimiter.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => ListItems::Char(text.split(c)),
        _ => ListItems::Str(text.split(delimiter)),
    }
}

/// The items of a `list` cell (no allocation: one per cell adds up over a file).
pub(crate) enum ListItems<'a> {
    Char(std::str::Split<'a, char>),
    Str(std::str::Split<'a, &'a str>),
}

impl<'a> Iterator for ListItems<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match self {
            ListItems::Char(items) => items.next(),
            ListItems::Str(items) => items.next(),
        }
    }
}

/// Number of items of a `list` cell.
pub(crate) fn count_items(text: &str, delimiter: &str) -> usize {
    match delimiter.as_bytes() {
        [b] if b.is_ascii() => 1 + memchr::memchr_iter(*b, text.as_bytes()).count(),
        _ => list_items(text, delimiter).count(),
    }
}
