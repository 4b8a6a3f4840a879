//! How each column's cells are checked: most cells of most files need far
//! less than the general cell check, and a file of 100,000 rows has millions
//! of cells.

use rustc_hash::FxHashSet;

use crate::schema::{Field, FieldType, Schema, StringFormat};
use crate::value::Value;

/// How a column's non-empty cells are checked before the general check.
pub(super) enum Plan<'a> {
    /// Every cell goes through the general check.
    General,
    /// The general check, skipped for a text already found valid in this
    /// column (see [`Seen`]).
    Remembered(Seen),
    /// Plain text: a non-empty cell is valid as it is.
    Plain,
    /// Plain text with an `enum`: a non-empty cell that is one of these is
    /// valid (any other goes through the general check, for its errors).
    Enum(Vec<&'a str>),
}

impl<'a> Plan<'a> {
    /// The plan of a column mapped to `field` (`None`: a column no field
    /// matches). `keyed`: the column's values take part in a uniqueness or
    /// key check, which needs each cell's value.
    pub(super) fn of(schema: &'a Schema, field: Option<&'a Field>, keyed: bool) -> Plan<'a> {
        match field {
            Some(f) if is_plain_text(schema, f) => Plan::Plain,
            Some(f) => match plain_enum(schema, f) {
                Some(allowed) => Plan::Enum(allowed),
                None if keyed => Plan::General,
                None => Plan::Remembered(Seen::default()),
            },
            None => Plan::General,
        }
    }

    /// The cell's text when it is valid without the general check.
    #[inline]
    pub(super) fn valid<'t>(&mut self, text: Option<&'t str>) -> Option<&'t str> {
        let t = text.filter(|t| !t.is_empty())?;
        match self {
            Plan::General => None,
            Plan::Remembered(seen) => seen.contains(t).then_some(t),
            Plan::Plain => Some(t),
            Plan::Enum(allowed) => allowed.contains(&t).then_some(t),
        }
    }

    /// Notes that the general check found `text` to be a valid value, not
    /// a missing one.
    #[inline]
    pub(super) fn found_valid(&mut self, text: &str) {
        if let Plan::Remembered(seen) = self {
            seen.insert(text);
        }
    }
}

/// The texts of one column the general check found to be valid values.
///
/// Whether a non-empty text is a valid value depends on the field and the
/// text only (the one rule that reads other cells of the row,
/// `vitrine:requiredWhen`, applies to missing values), so a text seen valid
/// once is valid again: dates, emails, lists and links repeat in most
/// columns of real files. A column whose texts hardly repeat (identifiers,
/// free text) stops being remembered once that is clear.
///
/// The texts are copied: compared where they lie in the file, each lookup
/// would read a line of memory far from the row being checked.
#[derive(Default)]
pub(super) struct Seen {
    texts: FxHashSet<Box<str>>,
    lookups: usize,
    hits: usize,
    off: bool,
}

/// Texts remembered per column at most.
const CAPACITY: usize = 16 << 10;

impl Seen {
    #[inline]
    fn contains(&mut self, text: &str) -> bool {
        if self.off {
            return false;
        }
        self.lookups += 1;
        let hit = self.texts.contains(text);
        self.hits += usize::from(hit);
        hit
    }

    /// Remembers a text [`contains`](Self::contains) did not find.
    fn insert(&mut self, text: &str) {
        if self.off {
            return;
        }
        if self.texts.len() < CAPACITY {
            self.texts.insert(Box::from(text));
        } else if self.hits * 4 < self.lookups {
            // Full, and fewer than one cell in four was found there.
            *self = Seen {
                off: true,
                ..Seen::default()
            };
        }
    }
}

/// True when an empty or missing cell of a field is a missing value with
/// nothing to report: the field is neither `required` nor
/// `vitrine:requiredWhen`, and `""` is one of its missing values. Such
/// cells (optional columns left blank) need no check at all.
pub(super) fn empty_is_valid(schema: &Schema, field: Option<&Field>) -> bool {
    field.is_some_and(|f| {
        !f.constraints.required
            && f.extensions.required_when.is_none()
            && schema.missing_values_of(f).iter().any(String::is_empty)
    })
}

/// True when a field is plain text whose only possible problem is being
/// empty while `required`: a non-empty cell of it is valid as it is.
fn is_plain_text(schema: &Schema, field: &Field) -> bool {
    matches!(
        field.field_type,
        FieldType::String(StringFormat::Default | StringFormat::Other(_))
    ) && field.constraints.enum_values.is_none()
        && no_text_rule(schema, field)
}

/// True when no constraint or extension of a field checks a non-empty text
/// (apart from its type and `enum`), and no text of it is a missing value
/// other than `""`.
fn no_text_rule(schema: &Schema, field: &Field) -> bool {
    let c = &field.constraints;
    let e = &field.extensions;
    c.min_length.is_none()
        && c.max_length.is_none()
        && c.pattern.is_none()
        && c.minimum.is_none()
        && c.maximum.is_none()
        && c.exclusive_minimum.is_none()
        && c.exclusive_maximum.is_none()
        && !e.siret
        && e.safe_url.is_none()
        && e.date_formats.is_empty()
        && e.item_constraints.is_none()
        && schema.missing_values_of(field).iter().all(String::is_empty)
}

/// The allowed texts of a field that is plain text apart from an `enum`
/// (a non-empty cell of it is valid when it is one of them), if it is one.
fn plain_enum<'a>(schema: &Schema, field: &'a Field) -> Option<Vec<&'a str>> {
    let plain = matches!(field.field_type, FieldType::String(StringFormat::Default))
        && no_text_rule(schema, field);
    if !plain {
        return None;
    }
    field
        .constraints
        .enum_values
        .as_ref()?
        .iter()
        .map(|v| match v {
            Value::String(s) => Some(s.as_str()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_of_distinct_texts_stops_being_remembered() {
        let texts: Vec<String> = (0..CAPACITY + 10).map(|i| format!("t{i}")).collect();
        let mut seen = Seen::default();
        for t in &texts {
            assert!(!seen.contains(t));
            seen.insert(t);
        }
        assert!(seen.off);
        assert!(!seen.contains("t1"));
    }

    #[test]
    fn a_column_of_repeated_texts_stays_remembered() {
        let texts: Vec<String> = (0..CAPACITY + 10).map(|i| format!("t{i}")).collect();
        let mut seen = Seen::default();
        // As the validator does: a text is inserted after a miss only.
        for round in 0..2 {
            for t in &texts[..CAPACITY] {
                let hit = seen.contains(t);
                assert_eq!(hit, round == 1);
                if !hit {
                    seen.insert(t);
                }
            }
        }
        for t in &texts[CAPACITY..] {
            assert!(!seen.contains(t));
            seen.insert(t);
        }
        assert!(!seen.off);
        assert!(seen.contains("t0"));
        assert!(!seen.contains(&texts[CAPACITY]));
    }
}
