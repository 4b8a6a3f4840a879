//! A JSON value's compact text: `{"a":1}`, `[1,2]`, `5`, `"s"`, `null`;
//! and the text of a value given in a schema or a data file ([`as_text`]).
//!
//! Written with `serde_json::to_string` rather than the value's `Display`
//! (`to_string()`), which gives the same text but also carries serde_json's
//! pretty printer (for `{:#}`) and an `io::Write` adapter whose error, a
//! boxed message, brings `str`'s `Debug` and its Unicode tables into the
//! WebAssembly bundle.

use serde_json::Value as Json;

/// `v` as compact JSON text.
pub fn compact(v: &Json) -> String {
    // Serialising a `Value` into memory cannot fail: its object keys are
    // strings and its numbers finite.
    serde_json::to_string(v).unwrap_or_default()
}

/// A JSON value as text: a string as it is, anything else as compact JSON
/// (`5` → `5`, `true` → `true`, `"a"` → `a`).
pub fn as_text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => compact(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn same_text_as_display() {
        for v in [
            json!(null),
            json!(true),
            json!(5),
            json!(-1.5),
            json!(1e300),
            json!("a \"b\" \u{e9}\n"),
            json!([1, "x", [null]]),
            json!({"b": 1, "a": {"c": [true]}}),
        ] {
            assert_eq!(compact(&v), v.to_string());
        }
        assert_eq!(as_text(&json!("a \"b\"")), "a \"b\"");
        assert_eq!(as_text(&json!(true)), "true");
        assert_eq!(as_text(&json!(5)), "5");
    }
}
