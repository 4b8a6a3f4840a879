//! Validation errors with frictionless-py's vocabulary.

use serde::Serialize;

use crate::siret::SiretError;
use crate::url::UrlError;

/// The error types, named as frictionless names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorType {
    BlankHeader,
    ExtraLabel,
    MissingLabel,
    BlankLabel,
    DuplicateLabel,
    BlankRow,
    TypeError,
    ConstraintError,
    ExtraCell,
    MissingCell,
    UniqueError,
    PrimaryKey,
}

impl ErrorType {
    /// The frictionless name (`type-error`, `constraint-error`, …).
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::BlankHeader => "blank-header",
            ErrorType::ExtraLabel => "extra-label",
            ErrorType::MissingLabel => "missing-label",
            ErrorType::BlankLabel => "blank-label",
            ErrorType::DuplicateLabel => "duplicate-label",
            ErrorType::BlankRow => "blank-row",
            ErrorType::TypeError => "type-error",
            ErrorType::ConstraintError => "constraint-error",
            ErrorType::ExtraCell => "extra-cell",
            ErrorType::MissingCell => "missing-cell",
            ErrorType::UniqueError => "unique-error",
            ErrorType::PrimaryKey => "primary-key",
        }
    }

    /// True for errors about the header row.
    pub fn is_label_error(self) -> bool {
        matches!(
            self,
            ErrorType::BlankHeader
                | ErrorType::ExtraLabel
                | ErrorType::MissingLabel
                | ErrorType::BlankLabel
                | ErrorType::DuplicateLabel
        )
    }
}

/// What exactly was wrong, with what was expected: the source of the
/// French and English messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// Not a value of the field's type.
    Type {
        type_name: &'static str,
        format: String,
    },
    Required,
    Enum {
        allowed: Vec<String>,
    },
    MinLength {
        min: usize,
        actual: usize,
        items: bool,
    },
    MaxLength {
        max: usize,
        actual: usize,
        items: bool,
    },
    /// A bound (`minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`).
    Bound {
        constraint: &'static str,
        bound: String,
    },
    Pattern {
        pattern: String,
    },
    /// Same value as in an earlier row.
    Unique {
        previous_row: usize,
    },
    /// Primary key repeated (`previous_row`) or entirely empty (`None`).
    PrimaryKey {
        fields: Vec<String>,
        previous_row: Option<usize>,
    },
    /// A `uniqueKeys` combination repeated.
    UniqueKey {
        fields: Vec<String>,
        previous_row: usize,
    },
    MissingCell,
    ExtraCell,
    BlankRow,
    BlankHeader,
    MissingLabel,
    ExtraLabel {
        label: String,
    },
    BlankLabel,
    DuplicateLabel {
        label: String,
        positions: Vec<usize>,
    },
    /// `vitrine:siret` failed.
    Siret(SiretError),
    /// `vitrine:safeUrl` failed.
    SafeUrl(UrlError),
    /// None of `vitrine:dateFormats` matched.
    DateFormats {
        formats: Vec<String>,
    },
    /// `vitrine:requiredWhen`: required because `field` is `value`.
    RequiredWhen {
        field: String,
        value: String,
    },
    /// `vitrine:itemConstraints`: one item of a list is not allowed.
    ItemEnum {
        item: String,
        allowed: Vec<String>,
    },
    ItemPattern {
        item: String,
        pattern: String,
    },
    ItemLength {
        item: String,
        min: Option<usize>,
        max: Option<usize>,
    },
}

/// One validation error, shaped like frictionless's (`type`, `rowNumber`,
/// `fieldNumber`, `fieldName`, `cell`, `note`) plus a human `message`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationError {
    #[serde(rename = "type")]
    pub error_type: ErrorType,
    /// Row number counting the header as row 1 (`None` for header errors).
    pub row_number: Option<usize>,
    /// 1-based column position.
    pub field_number: Option<usize>,
    pub field_name: Option<String>,
    /// The cell's text as read.
    pub cell: Option<String>,
    /// frictionless's note (e.g. `constraint "pattern" is "^\d{9}$"`).
    pub note: String,
    /// The message in the language of the report (see [`ValidationError::message_in`]).
    pub message: String,
    #[serde(skip)]
    pub detail: Detail,
    /// The field's title in French and English, for messages.
    #[serde(skip)]
    pub(crate) titles: (String, String),
}

impl ValidationError {
    pub(crate) fn new(error_type: ErrorType, detail: Detail, note: String) -> ValidationError {
        ValidationError {
            error_type,
            row_number: None,
            field_number: None,
            field_name: None,
            cell: None,
            note,
            message: String::new(),
            detail,
            titles: (String::new(), String::new()),
        }
    }

    /// The message in French (`"fr"`) or English (anything else).
    pub fn message_in(&self, lang: &str) -> String {
        super::messages::message(self, lang)
    }

    /// Sets [`ValidationError::message`] to the given language.
    pub fn localize(&mut self, lang: &str) {
        self.message = self.message_in(lang);
    }
}

/// A Python-style rendering of a JSON value, as frictionless prints
/// constraints in notes (`True`, `['a', 'b']`).
pub fn py_repr(v: &serde_json::Value) -> String {
    use serde_json::Value as J;
    match v {
        J::Null => "None".into(),
        J::Bool(true) => "True".into(),
        J::Bool(false) => "False".into(),
        J::Number(n) => n.to_string(),
        J::String(s) => {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{s}\"")
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
        J::Array(items) => format!(
            "[{}]",
            items.iter().map(py_repr).collect::<Vec<_>>().join(", ")
        ),
        J::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&J::String(k.clone())), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// frictionless's constraint note: `constraint "name" is "value"`.
pub(crate) fn constraint_note(name: &str, value: &str) -> String {
    format!("constraint \"{name}\" is \"{value}\"")
}
