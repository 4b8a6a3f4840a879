//! Field constraints (`required`, `unique`, `enum`, lengths, bounds, `pattern`).

use serde_json::{Map, Value as Json};

use crate::schema::types::FieldType;
use crate::value::Value;

/// A `pattern` constraint: the whole value must match, as in frictionless
/// (which compiles `^pattern$` and matches from the start).
///
/// The syntax accepted is `regex-lite`'s everywhere. In WebAssembly that
/// engine also matches; natively the `regex` crate matches (much faster on
/// large files) after `\d \w \s` and their negations are rewritten to the
/// ASCII classes `regex-lite` uses, so the widget and the server accept
/// exactly the same values. In WebAssembly without the `check-patterns`
/// feature (the widget's reader bundle, which never validates), a pattern
/// is compiled on its first match instead of when the schema loads, so
/// `regex-lite`'s parser stays out of the bundle; an invalid pattern then
/// matches nothing rather than making the schema invalid.
#[derive(Debug, Clone)]
pub struct FullMatch {
    source: String,
    regex: Compiled,
}

#[cfg(all(target_arch = "wasm32", feature = "check-patterns"))]
type Compiled = regex_lite::Regex;
#[cfg(all(target_arch = "wasm32", not(feature = "check-patterns")))]
type Compiled = std::cell::OnceCell<Option<regex_lite::Regex>>;
#[cfg(not(target_arch = "wasm32"))]
type Compiled = regex::Regex;

/// `^(?:^p$)` anchors every top-level alternative at the start, like
/// Python's `re.match("^p$")`.
fn anchored(pattern: &str) -> String {
    format!("^(?:^{pattern}$)")
}

impl FullMatch {
    pub fn new(pattern: &str) -> Result<Self, String> {
        Ok(Self {
            source: pattern.to_string(),
            regex: compile(pattern)?,
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn is_match(&self, text: &str) -> bool {
        #[cfg(all(target_arch = "wasm32", not(feature = "check-patterns")))]
        let regex = self
            .regex
            .get_or_init(|| regex_lite::Regex::new(&anchored(&self.source)).ok())
            .as_ref();
        #[cfg(any(not(target_arch = "wasm32"), feature = "check-patterns"))]
        let regex = Some(&self.regex);
        regex.is_some_and(|r| r.is_match(text))
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "check-patterns")))]
fn compile(_pattern: &str) -> Result<Compiled, String> {
    Ok(std::cell::OnceCell::new())
}

#[cfg(any(not(target_arch = "wasm32"), feature = "check-patterns"))]
fn compile(pattern: &str) -> Result<Compiled, String> {
    let anchored = anchored(pattern);
    let invalid = |e: &dyn std::fmt::Display| format!("invalid pattern \"{pattern}\": {e}");
    let lite = regex_lite::Regex::new(&anchored).map_err(|e| invalid(&e))?;
    #[cfg(target_arch = "wasm32")]
    return Ok(lite);
    #[cfg(not(target_arch = "wasm32"))]
    {
        drop(lite);
        regex::Regex::new(&ascii_classes(&anchored)).map_err(|e| invalid(&e))
    }
}

/// Rewrites the Perl classes to `regex-lite`'s ASCII definitions; nested
/// classes (`[[0-9]_]`) keep the rewrite valid inside brackets too.
#[cfg(not(target_arch = "wasm32"))]
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str("[0-9]"),
            Some('D') => out.push_str("[^0-9]"),
            Some('w') => out.push_str("[0-9A-Za-z_]"),
            Some('W') => out.push_str("[^0-9A-Za-z_]"),
            Some('s') => out.push_str("[\\t\\n\\x0B\\x0C\\r ]"),
            Some('S') => out.push_str("[^\\t\\n\\x0B\\x0C\\r ]"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

impl PartialEq for FullMatch {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// The constraints of one field. Bounds and enum values are cast with the
/// field's type; the original JSON is kept for error notes.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub required: bool,
    pub unique: bool,
    /// Allowed values as written in the schema.
    pub enum_raw: Option<Vec<Json>>,
    /// Allowed values cast with the field's type (values that do not cast are dropped).
    pub enum_values: Option<Vec<Value>>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub exclusive_minimum: Option<Bound>,
    pub exclusive_maximum: Option<Bound>,
    pub pattern: Option<FullMatch>,
}

/// A bound constraint: its JSON text and its value cast with the field's type.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub raw: Json,
    pub value: Value,
}

/// The constraint names each type supports, as in frictionless.
pub(crate) fn supports(ty: &FieldType, name: &str) -> bool {
    use FieldType::*;
    match name {
        "required" => true,
        "unique" => true,
        "enum" => !matches!(ty, List { .. } | Any),
        "minLength" | "maxLength" => matches!(ty, String(_) | Array | List { .. } | Object),
        "pattern" => matches!(ty, String(_)),
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => matches!(
            ty,
            Integer { .. } | Number { .. } | Date(_) | Time(_) | DateTime(_) | Year | YearMonth
        ),
        _ => false,
    }
}

impl Constraints {
    pub(crate) fn parse(
        obj: Option<&Json>,
        ty: &FieldType,
        cast: &dyn Fn(&str) -> Option<Value>,
    ) -> Result<Self, String> {
        let mut c = Constraints::default();
        let Some(obj) = obj else { return Ok(c) };
        let obj: &Map<String, Json> = obj.as_object().ok_or("\"constraints\" must be an object")?;
        let flag = |k: &str| -> Result<bool, String> {
            match obj.get(k) {
                None => Ok(false),
                Some(Json::Bool(b)) => Ok(*b),
                Some(_) => Err(format!("constraint \"{k}\" must be true or false")),
            }
        };
        c.required = flag("required")?;
        c.unique = flag("unique")?;
        let length = |k: &str| -> Result<Option<usize>, String> {
            match obj.get(k) {
                None => Ok(None),
                Some(v) => v
                    .as_u64()
                    .map(|n| Some(n as usize))
                    .ok_or_else(|| format!("constraint \"{k}\" must be a non-negative integer")),
            }
        };
        if supports(ty, "minLength") {
            c.min_length = length("minLength")?;
            c.max_length = length("maxLength")?;
        }
        if supports(ty, "enum")
            && let Some(v) = obj.get("enum")
        {
            let list = v.as_array().ok_or("constraint \"enum\" must be a list")?;
            c.enum_values = Some(
                list.iter()
                    .filter_map(|item| cast_json(item, cast))
                    .collect(),
            );
            c.enum_raw = Some(list.clone());
        }
        if supports(ty, "minimum") {
            let bound = |k: &str| -> Result<Option<Bound>, String> {
                let Some(raw) = obj.get(k) else {
                    return Ok(None);
                };
                let value = cast_json(raw, cast).ok_or_else(|| {
                    let raw = crate::json_text::compact(raw);
                    format!("constraint \"{k}\" ({raw}) is not a valid {}", ty.name())
                })?;
                Ok(Some(Bound {
                    raw: raw.clone(),
                    value,
                }))
            };
            c.minimum = bound("minimum")?;
            c.maximum = bound("maximum")?;
            c.exclusive_minimum = bound("exclusiveMinimum")?;
            c.exclusive_maximum = bound("exclusiveMaximum")?;
        }
        if supports(ty, "pattern")
            && let Some(p) = obj.get("pattern")
        {
            let p = p
                .as_str()
                .ok_or("constraint \"pattern\" must be a string")?;
            c.pattern = Some(FullMatch::new(p)?);
        }
        Ok(c)
    }
}

fn cast_json(v: &Json, cast: &dyn Fn(&str) -> Option<Value>) -> Option<Value> {
    match v {
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                cast(&i.to_string()).or(Some(Value::Number(i as f64)))
            } else {
                n.as_f64().map(Value::Number)
            }
        }
        other => cast(&crate::json_text::as_text(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::FullMatch;
    use crate::Schema;

    #[test]
    fn pattern_matches_the_whole_value() {
        let siret = FullMatch::new(r"\d{14}").unwrap();
        assert!(siret.is_match("21690123100011"));
        assert!(!siret.is_match("2169012310001"));
        assert!(!siret.is_match("x21690123100011"));
        // As frictionless's `re.match("^a|bc$")`: each alternative is
        // anchored at the start, only the last one at the end.
        let alt = FullMatch::new("a|bc").unwrap();
        assert!(alt.is_match("a") && alt.is_match("bc") && alt.is_match("abc"));
        assert!(!alt.is_match("xbc") && !alt.is_match("bcx"));
    }

    #[test]
    fn digit_class_is_ascii_only() {
        let digits = FullMatch::new(r"\d+").unwrap();
        assert!(digits.is_match("0123"));
        assert!(!digits.is_match("١٢٣"), "Arabic-Indic digits are not \\d");
    }

    #[test]
    fn perl_classes_are_ascii_inside_and_outside_brackets() {
        let word = FullMatch::new(r"[\w-]+\s\S").unwrap();
        assert!(word.is_match("ab_9-x y"));
        assert!(!word.is_match("é x"), "é is not \\w");
        let escaped = FullMatch::new(r"a\\d").unwrap();
        assert!(
            escaped.is_match(r"a\d"),
            "an escaped backslash stays literal"
        );
        assert!(!FullMatch::new(r"\D").unwrap().is_match("5"));
    }

    #[test]
    fn unicode_property_classes_are_refused_naming_the_field() {
        let schema =
            r#"{"fields":[{"name":"nom","type":"string","constraints":{"pattern":"\\p{L}+"}}]}"#;
        let error = Schema::from_json(schema).unwrap_err().message("en");
        assert!(error.contains("nom"), "{error}");
        assert!(error.contains(r"\p{L}+"), "{error}");
    }
}
