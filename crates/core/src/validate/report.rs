//! The validation report.

use serde::Serialize;

use super::errors::{ErrorType, ValidationError};

/// The result of validating a table: `{"valid": bool, "errors": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub valid: bool,
    pub errors: Vec<ValidationError>,
}

impl Report {
    pub(crate) fn new(mut errors: Vec<ValidationError>, lang: &str) -> Report {
        for e in &mut errors {
            e.localize(lang);
        }
        Report {
            valid: errors.is_empty(),
            errors,
        }
    }

    /// Re-renders every message in French (`"fr"`) or English.
    pub fn localize(&mut self, lang: &str) {
        for e in &mut self.errors {
            e.localize(lang);
        }
    }

    /// Number of errors of each type, in a stable order.
    pub fn counts(&self) -> Vec<(ErrorType, usize)> {
        let mut counts = std::collections::BTreeMap::new();
        for e in &self.errors {
            *counts.entry(e.error_type).or_insert(0) += 1;
        }
        counts.into_iter().collect()
    }

    /// The report as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"valid\":false,\"errors\":[]}".into())
    }
}
