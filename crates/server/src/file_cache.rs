//! Files read from disk once, compressed once, and served from memory until
//! they change (size or modification time), with a content-hash ETag.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::representation::{Effort, Representation};

/// Files larger than this are not served.
const MAX_FILE_BYTES: u64 = 64 << 20;

#[derive(Default)]
pub struct FileCache {
    entries: RwLock<HashMap<PathBuf, Entry>>,
}

#[derive(Clone)]
struct Entry {
    modified: Option<SystemTime>,
    len: u64,
    representation: Arc<Representation>,
}

impl FileCache {
    /// The file's representation, or `None` when it does not exist, is not
    /// a regular file, or is too large.
    pub async fn get(self: &Arc<Self>, path: &Path) -> Option<Arc<Representation>> {
        let meta = tokio::fs::metadata(path).await.ok()?;
        if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
            return None;
        }
        let modified = meta.modified().ok();
        if let Some(entry) = self.entries.read().ok()?.get(path)
            && entry.modified == modified
            && entry.len == meta.len()
        {
            return Some(entry.representation.clone());
        }
        let path_buf = path.to_path_buf();
        let cache = self.clone();
        tokio::task::spawn_blocking(move || {
            let bytes = std::fs::read(&path_buf).ok()?;
            let digest = Sha256::digest(&bytes);
            let etag: String = digest[..10].iter().map(|b| format!("{b:02x}")).collect();
            let representation = Arc::new(Representation::new(
                mime_type(&path_buf),
                &etag,
                bytes,
                Effort::Best,
            ));
            representation.precompress();
            if let Ok(mut entries) = cache.entries.write() {
                entries.insert(
                    path_buf,
                    Entry {
                        modified,
                        len: meta.len(),
                        representation: representation.clone(),
                    },
                );
            }
            Some(representation)
        })
        .await
        .ok()?
    }
}

/// The MIME type served for a file name.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// True for a single path segment safe to join to a folder: no separator,
/// no `..`, no hidden file.
pub fn is_safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && !segment.starts_with('.')
        && segment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_and_js_types() {
        assert_eq!(
            mime_type(Path::new("a/vitrine_widget_bg.wasm")),
            "application/wasm"
        );
        assert!(mime_type(Path::new("vitrine.js")).starts_with("text/javascript"));
    }

    #[test]
    fn unsafe_segments_refused() {
        for bad in ["..", "../x", ".env", "a/b", "a\\b", "", "x%2f"] {
            assert!(!is_safe_segment(bad), "{bad}");
        }
        assert!(is_safe_segment("logo-1_v2.svg"));
    }
}
