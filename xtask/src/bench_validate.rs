//! `cargo xtask bench-validate [--rows N]`: load + validate throughput of
//! vitrine-core (criterion bench) and of `frictionless validate` on the same
//! generated IA-shaped file, and the ratio between them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SCHEMA: &str = "schema/bibliotheque-ia.schema.json";

fn rows_arg(args: &[String]) -> Result<usize, String> {
    match args {
        [] => Ok(100_000),
        [flag, n] if flag == "--rows" => {
            n.parse().map_err(|_| format!("--rows: not a number: {n}"))
        }
        _ => Err("usage: cargo xtask bench-validate [--rows N]".into()),
    }
}

/// Mean time of one load+validate in seconds, from criterion's estimates.
fn criterion_mean(root: &Path) -> Result<f64, String> {
    let path = root.join("target/criterion/ia/load+validate/new/estimates.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    json["mean"]["point_estimate"]
        .as_f64()
        .map(|ns| ns / 1e9)
        .ok_or_else(|| format!("{}: no mean estimate", path.display()))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let rows = rows_arg(args)?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let data = crate::bench::ensure_data(rows)?;
    let bytes = std::fs::metadata(&data).map_err(|e| e.to_string())?.len() as f64;
    let status = Command::new(env!("CARGO"))
        .args(["bench", "-p", "vitrine-core", "--bench", "load_validate"])
        .env("VITRINE_BENCH_DATA", &data)
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cargo bench: {e}"))?;
    if !status.success() {
        return Err("cargo bench failed".into());
    }
    let vitrine = criterion_mean(&root)?;
    println!(
        "\nvitrine-core load+validate: {:.3} s, {:.0} MB/s ({} rows, {:.1} MB)",
        vitrine,
        bytes / 1e6 / vitrine,
        rows,
        bytes / 1e6
    );

    let probe = Command::new("python3")
        .args(["-c", "import frictionless"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        println!(
            "frictionless: skipped (python3 with frictionless is not available; pip install frictionless)"
        );
        return Ok(());
    }
    let start = Instant::now();
    let out = Command::new("python3")
        .arg(root.join("tests/conformance/frictionless_errors.py"))
        .arg(root.join(SCHEMA))
        .arg(&data)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    let frictionless = start.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "frictionless failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    println!(
        "frictionless validate:      {:.1} s, {:.2} MB/s (one run, Python start-up included)",
        frictionless,
        bytes / 1e6 / frictionless
    );
    println!(
        "ratio: vitrine-core is {:.0}x faster",
        frictionless / vitrine
    );
    Ok(())
}
