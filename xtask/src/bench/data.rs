//! The generated IA-shaped files the benchmarks read, made once and reused:
//! `target/bench-data/ia-N.csv` (`cargo xtask gen-data`, default seed).

use crate::cmd::root;
use std::path::PathBuf;

pub fn data_dir() -> PathBuf {
    root().join("target/bench-data")
}

/// The file name of the `rows`-row file inside [`data_dir`].
pub fn file_name(rows: usize) -> String {
    format!("ia-{rows}.csv")
}

/// The path of the `rows`-row file, generated when missing.
pub fn ensure(rows: usize) -> Result<PathBuf, String> {
    let path = data_dir().join(file_name(rows));
    if !path.exists() {
        // Written aside then renamed, so an interrupted run leaves no partial file.
        let partial = path.with_extension("csv.part");
        crate::gen_data::run(&[
            "--rows".into(),
            rows.to_string(),
            "--out".into(),
            partial.display().to_string(),
        ])?;
        std::fs::rename(&partial, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(path)
}
