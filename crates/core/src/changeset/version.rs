//! The dataset version a changeset is made against.

/// The bare version in an `ETag` or `X-Vitrine-Version` header value:
/// without `W/`, quotes, or a representation suffix (`"v.json"` → `v`).
pub fn version_from_etag(etag: &str) -> Option<String> {
    let t = etag.trim();
    let t = t.strip_prefix("W/").unwrap_or(t).trim_matches('"');
    let t = t.split('.').next().unwrap_or("").trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A version for data served without one: 16 hex digits of the XXH64 hash
/// (seed 0) of the data bytes.
pub fn content_version(bytes: &[u8]) -> String {
    let mut hasher = ContentVersion::new();
    hasher.update(bytes);
    hasher.finish()
}

/// [`content_version`] computed over bytes that arrive in chunks.
///
/// XXH64 reads the bytes eight at a time: at 100,000 catalogue rows (165 MB)
/// it takes 7 ms natively where FNV-1a, byte by byte, took 158 ms, and the
/// browser hashes the file on its main thread while it loads. The digest is
/// the published algorithm's, so the version of a file is the same in every
/// build and anyone can compute it (`xxhsum -H1`).
#[derive(Clone, Default)]
pub struct ContentVersion(twox_hash::XxHash64);

impl std::fmt::Debug for ContentVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ContentVersion")
            .field(&self.finish())
            .finish()
    }
}

impl ContentVersion {
    pub fn new() -> ContentVersion {
        ContentVersion(twox_hash::XxHash64::with_seed(0))
    }

    /// Adds the next chunk of the data.
    pub fn update(&mut self, bytes: &[u8]) {
        std::hash::Hasher::write(&mut self.0, bytes);
    }

    /// The version of all the bytes given so far.
    pub fn finish(&self) -> String {
        format!("{:016x}", std::hash::Hasher::finish(&self.0))
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
    fn content_versions_are_xxh64() {
        // The published test vectors of XXH64 with seed 0.
        assert_eq!(content_version(b""), "ef46db3751d8e999");
        assert_eq!(content_version(b"a"), "d24ec4f1a98c6e5b");
        assert_eq!(content_version(b"abc"), "44bc2cf5ad770999");
    }

    #[test]
    fn chunked_versions_equal_the_whole() {
        // Longer than XXH64's 32-byte stripes, cut anywhere.
        let data = b"id,nom\n1,\xc3\xa9cole\n2,b\n".repeat(5);
        let data = data.as_slice();
        for cut in 0..data.len() {
            let mut hasher = ContentVersion::new();
            hasher.update(&data[..cut]);
            hasher.update(&data[cut..]);
            assert_eq!(hasher.finish(), content_version(data));
        }
    }
}
