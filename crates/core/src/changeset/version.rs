//! The dataset version a changeset is made against.

/// The bare version in an `ETag` or `X-Vitrine-Version` header value:
/// without `W/`, quotes, or a representation suffix (`"v.json"` → `v`).
pub fn version_from_etag(etag: &str) -> Option<String> {
    let t = etag.trim();
    let t = t.strip_prefix("W/").unwrap_or(t).trim_matches('"');
    let t = t.split('.').next().unwrap_or("").trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A version for data served without one: 16 hex digits of a 64-bit
/// FNV-1a hash of the data bytes.
pub fn content_version(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_server_etags() {
        assert_eq!(
            version_from_etag("\"a31d55f7fed96720\"").as_deref(),
            Some("a31d55f7fed96720")
        );
        assert_eq!(
            version_from_etag("W/\"a31d.full.json\"").as_deref(),
            Some("a31d")
        );
        assert_eq!(version_from_etag("  "), None);
    }

    #[test]
    fn content_versions_differ_with_content() {
        assert_eq!(content_version(b"a,b\n1,2\n").len(), 16);
        assert_eq!(content_version(b"x"), content_version(b"x"));
        assert_ne!(content_version(b"x"), content_version(b"y"));
    }
}
