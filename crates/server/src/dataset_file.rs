//! Reading and atomically replacing a dataset file on disk, and the
//! dataset version derived from its bytes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

/// The version of a dataset: the first 16 hex digits of the SHA-256 of its
/// data file followed by its schema file. Any change to either gives a new version.
pub fn version_of(data: &[u8], schema: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update((data.len() as u64).to_le_bytes());
    hasher.update(data);
    hasher.update(schema);
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `bytes` so that a reader (or a crash) sees either the
/// old file or the new one, never a mix: write a temporary file in the same
/// folder, fsync it, rename it over the target, fsync the folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".into());
    let temp: PathBuf = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = file.set_permissions(meta.permissions());
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.csv");
        std::fs::write(&path, "a\n1\n").unwrap();
        write_atomically(&path, b"a\n2\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a\n2\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn version_changes_with_data_or_schema() {
        let v = version_of(b"a\n1\n", b"{}");
        assert_eq!(v.len(), 16);
        assert_ne!(v, version_of(b"a\n2\n", b"{}"));
        assert_ne!(v, version_of(b"a\n1\n", b"{ }"));
        assert_eq!(v, version_of(b"a\n1\n", b"{}"));
    }
}
