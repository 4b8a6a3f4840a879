//! A JSON value's compact text: `{"a":1}`, `[1,2]`, `5`, `"s"`, `null`.
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
    }
}
