//! Minifying the bundle's JavaScript and CSS with esbuild (from npm, in
//! `tools/`). The sources in `www/` stay readable; only `dist/` is minified.

use crate::cmd::{self, Result, root, run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Path to esbuild from npm, when installed.
pub fn esbuild() -> Option<PathBuf> {
    let path = root().join("tools/node_modules/.bin/esbuild");
    path.exists().then_some(path)
}

/// Minifies each of `files` (in `dir`) in place. JavaScript keeps ES2020
/// syntax (the loader's dynamic `import()` and the glue's module syntax).
/// Without esbuild, prints a notice and leaves the files as they are.
pub fn minify_in_place(dir: &Path, files: &[&str]) -> Result {
    let Some(esbuild) = esbuild() else {
        eprintln!(
            "notice: esbuild not available (npm ci in tools/); JavaScript and CSS are not minified"
        );
        return Ok(());
    };
    cmd::step("esbuild: minifying JavaScript and CSS");
    for name in files {
        let path = dir.join(name);
        let mut command = Command::new(&esbuild);
        command
            .arg(&path)
            .arg("--minify")
            .arg("--log-level=warning")
            .arg("--allow-overwrite")
            .arg(format!("--outfile={}", path.display()));
        if name.ends_with(".js") {
            command.arg("--target=es2020");
        }
        run(&mut command)?;
    }
    Ok(())
}
