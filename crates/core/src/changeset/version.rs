//! The dataset version a changeset is made against.

use std::hash::{DefaultHasher, Hasher};

/// The bare version in an `ETag` or `X-Vitrine-Version` header value:
/// without `W/`, quotes, or a representation suffix (`"v.json"` → `v`).
pub fn version_from_etag(etag: &str) -> Option<String> {
    let t = etag.trim();
    let t = t.strip_prefix("W/").unwrap_or(t).trim_matches('"');
    let t = t.split('.').next().unwrap_or("").trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A version for data served without one: 16 hex digits of a 64-bit hash
/// of the data bytes, the standard library's `DefaultHasher` with its
/// fixed keys (SipHash-1-3 today; the same on every platform, as bytes are
/// read little-endian). It names the data drafts and suggestions were made
/// against, so any change of the bytes is meant to change it and every
/// byte is hashed; SipHash reads 8 bytes a round (FNV-1a, used before,
/// read one: 1.7 s of a page's main thread at 165 MB). The hasher is
/// already in the widget for its maps, so it costs no bundle size; should
/// a Rust release change it, the same data would get another version,
/// which only makes versions taken before and after incomparable.
pub fn content_version(bytes: &[u8]) -> String {
    let mut hasher = ContentVersion::new();
    hasher.update(bytes);
    hasher.finish()
}

/// The bytes are hashed in blocks of this size (the last one shorter),
/// whatever the chunks they arrive in: `Hasher::write` does not promise
/// that writing two pieces equals writing them joined.
const BLOCK: usize = 64 << 10;

/// [`content_version`] computed over bytes that arrive in chunks.
#[derive(Clone, Debug, Default)]
pub struct ContentVersion {
    hasher: DefaultHasher,
    /// The start of the next block, when a chunk ended inside it.
    pending: Vec<u8>,
}

impl ContentVersion {
    pub fn new() -> ContentVersion {
        ContentVersion::default()
    }

    /// Adds the next chunk of the data.
    pub fn update(&mut self, mut bytes: &[u8]) {
        if !self.pending.is_empty() {
            let take = (BLOCK - self.pending.len()).min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() < BLOCK {
                return;
            }
            self.hasher.write(&self.pending);
            self.pending.clear();
        }
        let mut blocks = bytes.chunks_exact(BLOCK);
        for block in &mut blocks {
            self.hasher.write(block);
        }
        self.pending.extend_from_slice(blocks.remainder());
    }

    /// The version of all the bytes given so far.
    pub fn finish(&self) -> String {
        let mut hasher = self.hasher.clone();
        if !self.pending.is_empty() {
            hasher.write(&self.pending);
        }
        format!("{:016x}", hasher.finish())
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
        // Over several blocks, in chunks of any size.
        let data: Vec<u8> = (0..3 * BLOCK + 123).map(|i| (i * 7 % 251) as u8).collect();
        let whole = content_version(&data);
        for size in [1, 1000, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 5] {
            let mut hasher = ContentVersion::new();
            for chunk in data.chunks(size) {
                hasher.update(chunk);
            }
            assert_eq!(hasher.finish(), whole, "chunks of {size}");
        }
        let mut changed = data.clone();
        changed[2 * BLOCK + 7] ^= 1;
        assert_ne!(content_version(&changed), whole);
    }
}
