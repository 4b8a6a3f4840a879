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
    let mut hasher = ContentVersion::new();
    hasher.update(bytes);
    hasher.finish()
}

/// [`content_version`] computed over bytes that arrive in chunks.
#[derive(Clone, Debug)]
pub struct ContentVersion(u64);

impl Default for ContentVersion {
    fn default() -> Self {
        ContentVersion::new()
    }
}

impl ContentVersion {
    pub fn new() -> ContentVersion {
        ContentVersion(0xcbf2_9ce4_8422_2325)
    }

    /// Adds the next chunk of the data.
    pub fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The version of all the bytes given so far.
    pub fn finish(&self) -> String {
        format!("{:016x}", self.0)
    }
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

    #[test]
    fn chunked_versions_equal_the_whole() {
        let data = b"id,nom\n1,\xc3\xa9cole\n2,b\n";
        for cut in 0..data.len() {
            let mut hasher = ContentVersion::new();
            hasher.update(&data[..cut]);
            hasher.update(&data[cut..]);
            assert_eq!(hasher.finish(), content_version(data));
        }
    }
}
