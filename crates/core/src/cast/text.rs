//! Checks for string formats (`email`, `uri`, `uuid`, `binary`) and the JSON
//! based types (`object`, `array`, `geopoint`).

use crate::schema::GeoPointFormat;

/// An email address: `local@domain` with a dotted domain of letter/digit/hyphen labels.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let domain_ok = domain.contains('.')
        && domain.len() <= 253
        && domain.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && domain.rsplit('.').next().is_some_and(|tld| {
            tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit())
        });
    local_ok && domain_ok
}

/// A URI with a scheme, read like the `rfc3986` package frictionless uses:
/// a non-empty scheme before the first `:` that contains none of `/?#`.
pub fn is_uri(text: &str) -> bool {
    let end = text.find([':', '/', '?', '#']);
    match end {
        Some(i) if i > 0 => text.as_bytes()[i] == b':',
        _ => false,
    }
}

/// A UUID as Python's `uuid.UUID` reads it (hyphens, braces and `urn:uuid:` allowed).
pub fn is_uuid(text: &str) -> bool {
    let s = text.replace("urn:", "").replace("uuid:", "");
    let s = s.trim_matches(['{', '}']);
    let mut n = 0;
    for c in s.chars() {
        if c == '-' {
            continue;
        }
        if !c.is_ascii_hexdigit() {
            return false;
        }
        n += 1;
    }
    n == 32
}

/// Base64 as Python's lenient `b64decode` reads it: characters outside the
/// alphabet are skipped, the data must be correctly padded.
pub fn is_base64(text: &str) -> bool {
    let mut data = 0usize;
    let mut pad = 0usize;
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => {
                if pad > 0 {
                    // Data after padding: Python stops at complete quanta.
                    return data.is_multiple_of(4) || data % 4 + pad >= 4;
                }
                data += 1;
            }
            b'=' => pad += 1,
            _ => {}
        }
    }
    match data % 4 {
        0 => true,
        1 => false,
        r => r + pad >= 4,
    }
}

/// JSON text whose top level is an object (`kind == b'{'`) or array (`b'['`).
pub fn json_of_kind(text: &str, kind: u8) -> Option<String> {
    let first = text.bytes().find(|b| !b.is_ascii_whitespace())?;
    if first != kind {
        return None;
    }
    serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
    Some(text.to_string())
}

fn json_number(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => super::number::parse_number(s, ".", "", true, false),
        _ => None,
    }
}

/// A `geopoint` as (longitude, latitude), within ±180 / ±90.
pub fn parse_geopoint(format: GeoPointFormat, text: &str) -> Option<(f64, f64)> {
    let (lon, lat) = match format {
        GeoPointFormat::Default => {
            let (a, b) = text.split_once(',')?;
            if b.contains(',') {
                return None;
            }
            let n = |s: &str| super::number::parse_number(s, ".", "", true, false);
            (n(a)?, n(b)?)
        }
        GeoPointFormat::Array => {
            // Read as any JSON value, then matched: a typed read would bring
            // serde's type-mismatch messages (and a float formatter) into
            // the bundle for errors that are dropped here.
            let serde_json::Value::Array(v) = serde_json::from_str(text).ok()? else {
                return None;
            };
            if v.len() != 2 {
                return None;
            }
            (json_number(&v[0])?, json_number(&v[1])?)
        }
        GeoPointFormat::Object => {
            let serde_json::Value::Object(v) = serde_json::from_str(text).ok()? else {
                return None;
            };
            if v.len() != 2 {
                return None;
            }
            (json_number(v.get("lon")?)?, json_number(v.get("lat")?)?)
        }
    };
    ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)).then_some((lon, lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_email("contact@exemple.fr"));
        assert!(!is_email("contact@exemple"));
        assert!(!is_email("exemple.fr"));
        assert!(is_uri("https://exemple.fr/a?b#c"));
        assert!(is_uri("mailto:a@b.fr"));
        assert!(!is_uri("www.exemple.fr"));
        assert!(!is_uri("/chemin:x"));
        assert!(is_uuid("0a1b2c3d-4e5f-6789-abcd-ef0123456789"));
        assert!(!is_uuid("0a1b2c3d-4e5f-6789-abcd-ef012345678"));
        assert!(is_base64("aGVsbG8="));
        assert!(!is_base64("aGVsbG8"));
    }

    #[test]
    fn geopoints() {
        assert_eq!(
            parse_geopoint(GeoPointFormat::Default, "2.35, 48.85"),
            Some((2.35, 48.85))
        );
        assert_eq!(
            parse_geopoint(GeoPointFormat::Array, "[2.35,48.85]"),
            Some((2.35, 48.85))
        );
        assert_eq!(parse_geopoint(GeoPointFormat::Array, "[200,48.85]"), None);
        assert_eq!(
            parse_geopoint(GeoPointFormat::Object, r#"{"lon":1,"lat":2}"#),
            Some((1.0, 2.0))
        );
        // JSON of the other shape, or not JSON, is no point.
        for (format, text) in [
            (GeoPointFormat::Array, r#"{"lon":1,"lat":2}"#),
            (GeoPointFormat::Array, "2.35"),
            (GeoPointFormat::Array, "[2.35,48.85"),
            (GeoPointFormat::Array, "[2.35,48.85,1]"),
            (GeoPointFormat::Object, "[1,2]"),
            (GeoPointFormat::Object, r#""lon""#),
            (GeoPointFormat::Object, r#"{"lon":1,"lat":2,"alt":3}"#),
            (GeoPointFormat::Object, r#"{"lon":1,"lat":true}"#),
        ] {
            assert_eq!(parse_geopoint(format, text), None, "{text}");
        }
    }
}
