//! Installs what the build and the tests need, when it is missing.
//!
//! Every step checks first and installs only what is absent, so a warm
//! machine pays nothing and a fresh one gets everything from the package
//! registries (rustup, crates.io, npm, Debian, PyPI).

use crate::cmd::{self, Result, have, output, root, run};
use std::path::PathBuf;
use std::process::Command;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// `rustup target add wasm32-unknown-unknown` when the target is missing.
pub fn wasm_target() -> Result {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    cmd::step("installing the wasm32-unknown-unknown target");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The nightly toolchain the wasm bundles are built with, pinned so that
/// their sizes are reproducible: it rebuilds the standard library for the
/// bundle (`-Zbuild-std`) with panics that abort at once, which leaves the
/// panic messages, their locations and their formatting code out (see
/// `dist.rs`). Only `cargo xtask dist` uses it; everything else is stable.
pub const WASM_NIGHTLY: &str = "nightly-2026-05-20";

/// Installs [`WASM_NIGHTLY`] with its standard library sources when missing
/// (a minimal profile: rustc, cargo and `rust-src`, about 100 MB).
pub fn wasm_nightly() -> Result {
    let installed = output(Command::new("rustup").args([
        "component",
        "list",
        "--installed",
        "--toolchain",
        WASM_NIGHTLY,
    ]))
    .unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "rust-src") {
        return Ok(());
    }
    cmd::step(&format!(
        "installing the {WASM_NIGHTLY} toolchain with rust-src (the bundle's standard library)"
    ));
    run(Command::new("rustup").args([
        "toolchain",
        "install",
        WASM_NIGHTLY,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
    ]))
}

/// The version of `package` recorded in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() != needle {
            continue;
        }
        if let Some(v) = lines
            .next()
            .and_then(|l| l.trim().strip_prefix("version = "))
        {
            return Ok(v.trim_matches('"').to_string());
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

/// `wasm-bindgen` (and its test runner) at exactly the version in Cargo.lock.
pub fn wasm_bindgen() -> Result {
    let wanted = locked_version("wasm-bindgen")?;
    let current = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if current.split_whitespace().nth(1) == Some(wanted.as_str())
        && have("wasm-bindgen-test-runner")
    {
        return Ok(());
    }
    cmd::step(&format!(
        "installing wasm-bindgen-cli {wanted} (a few minutes)"
    ));
    // Without --locked: one of the CLI's pinned dependencies is not on the registry.
    run(cmd::cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))
}

/// The project's npm tools (binaryen's wasm-opt, esbuild, playwright-core, axe-core,
/// and the benchmark's tabulator-tables and papaparse) in `tools/node_modules`.
/// Returns false, with a notice, when npm is not available.
pub fn node_tools() -> Result<bool> {
    let tools = root().join("tools");
    if tools.join("node_modules/.package-lock.json").exists()
        && tools.join("node_modules/binaryen").exists()
        && tools.join("node_modules/playwright-core").exists()
        && tools.join("node_modules/esbuild").exists()
        && tools.join("node_modules/tabulator-tables").exists()
        && tools.join("node_modules/papaparse").exists()
    {
        return Ok(true);
    }
    if !have("npm") {
        eprintln!("notice: npm not found; wasm-opt and the browser tests need Node.js with npm");
        return Ok(false);
    }
    cmd::step(
        "installing npm tools (binaryen, esbuild, playwright-core, axe-core, tabulator-tables, papaparse)",
    );
    let verb = if tools.join("package-lock.json").exists() {
        "ci"
    } else {
        "install"
    };
    run(Command::new("npm")
        .args([verb, "--no-audit", "--no-fund"])
        .current_dir(&tools))?;
    Ok(true)
}

/// Path to binaryen's `wasm-opt` from npm, when installed.
pub fn wasm_opt() -> Option<PathBuf> {
    let path = root().join("tools/node_modules/.bin/wasm-opt");
    path.exists().then_some(path)
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Debian's chromium and chromium-driver, installed with apt when running as root.
pub fn chromium() -> Result {
    if have(CHROMIUM) && have(CHROMEDRIVER) {
        return Ok(());
    }
    if !is_root_with_apt() {
        return Err(format!(
            "the browser tests need {CHROMIUM} and {CHROMEDRIVER}: install Debian's packages \
             `chromium` and `chromium-driver` (sudo apt-get install -y chromium chromium-driver)"
        ));
    }
    cmd::step("installing chromium and chromium-driver with apt");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn is_root_with_apt() -> bool {
    cmd::is_root() && have("apt-get")
}

/// Python's `frictionless` (the reference validator), installed with pip when possible.
/// Returns false when it is not available; the differential tests then say they skip.
pub fn frictionless() -> bool {
    let python = python();
    let ok = |p: &str| output(Command::new(p).args(["-c", "import frictionless"])).is_some();
    if ok(&python) {
        return true;
    }
    if !have(&python) {
        eprintln!("notice: python3 not found; differential tests against frictionless will skip");
        return false;
    }
    cmd::step("installing frictionless with pip");
    let installed =
        run(Command::new(&python).args(["-m", "pip", "install", "--quiet", "frictionless[json]"]));
    if let Err(e) = installed {
        eprintln!("notice: {e}; differential tests against frictionless will skip");
        return false;
    }
    ok(&python)
}

pub fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".into())
}
