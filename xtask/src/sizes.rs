//! Bundle sizes: raw and gzip bytes per file, and the gzip budget.

use crate::cmd::{Result, root};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::Path;

pub struct SizeRow {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
}

/// The budget file: one line `gzip_total_bytes = N`.
pub const BUDGET_FILE: &str = "size-budget.toml";

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

pub fn measure(dir: &Path, names: &[&str]) -> Result<Vec<SizeRow>> {
    names
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok(SizeRow {
                name: name.to_string(),
                raw: bytes.len(),
                gzip: gzip_len(&bytes),
            })
        })
        .collect()
}

pub fn gzip_total(rows: &[SizeRow]) -> usize {
    rows.iter().map(|r| r.gzip).sum()
}

pub fn print_table(rows: &[SizeRow]) {
    println!("\n| file | raw bytes | gzip bytes |");
    println!("|---|---:|---:|");
    for r in rows {
        println!("| {} | {} | {} |", r.name, r.raw, r.gzip);
    }
    let raw: usize = rows.iter().map(|r| r.raw).sum();
    println!("| **total** | {raw} | {} |", gzip_total(rows));
}

/// The budget recorded in the repository, in gzip bytes.
pub fn budget() -> Result<usize> {
    let path = root().join(BUDGET_FILE);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == "gzip_total_bytes")
        .and_then(|(_, v)| v.trim().replace('_', "").parse().ok())
        .ok_or_else(|| format!("{}: expected a line `gzip_total_bytes = N`", path.display()))
}

/// Fails when the gzip total of wasm + JS + CSS exceeds the recorded budget.
pub fn check_budget(rows: &[SizeRow]) -> Result {
    let budget = budget()?;
    let total = gzip_total(rows);
    if total > budget {
        return Err(format!(
            "bundle size budget exceeded: {total} bytes gzip > {budget} bytes ({BUDGET_FILE})"
        ));
    }
    println!("gzip total {total} bytes, within the budget of {budget} bytes ({BUDGET_FILE})");
    Ok(())
}
