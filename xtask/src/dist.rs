//! `cargo xtask dist`: the release bundle in `dist/` and its size table.

use crate::cmd::{self, Result, root, run};
use crate::minify;
use crate::sizes::{self, SizeRow};
use crate::tools;
use crate::wasm_names::{self, Renames};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files copied from `www/` into the bundle as they are.
const WWW_FILES: &[&str] = &[
    "vitrine.js",
    "vitrine.css",
    "index.html",
    "moderation.html",
    "moderation.css",
];
/// wasm-opt levels tried; the one with the smallest gzip output wins (the
/// speed levels -O2/-O3 never did, so they are no longer tried).
const OPT_LEVELS: &[&str] = &["-Oz", "-Os"];
/// wasm-opt flags for every level: run the passes until the size stops
/// shrinking, and assume the first 1 KB of memory is unused (Rust places no
/// data there), which lets constant addresses fold into load/store offsets.
const OPT_FLAGS: &[&str] = &["--converge", "--low-memory-unused"];

pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// A wasm bundle built from the widget crate.
struct Bundle {
    /// Output name: `NAME.js` and `NAME_bg.wasm` in `dist/`.
    name: &'static str,
    /// Cargo features of `vitrine-widget` for this bundle.
    features: &'static str,
}

/// What partner pages load (`vitrine.js` loads `vitrine_widget.js`): the
/// reader, without the editing code.
const EMBED: Bundle = Bundle {
    name: "vitrine_widget",
    features: "",
};
/// The same widget with the editing code: `vitrine.js` swaps it in when a
/// reader starts editing (or a draft of the dataset waits).
const EDITOR: Bundle = Bundle {
    name: "vitrine_widget_edit",
    features: "edit",
};
/// The moderation page's bundle, kept out of what partner pages download.
const MODERATION: Bundle = Bundle {
    name: "vitrine_moderation",
    features: "moderation",
};

/// Builds the bundles and returns the size table of what partner pages load
/// (the one the budget applies to).
pub fn build() -> Result<Vec<SizeRow>> {
    tools::wasm_nightly()?;
    tools::wasm_bindgen()?;
    let have_npm = tools::node_tools()?;

    let out = dist_dir();
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clean {}: {e}", out.display()))?;
    }
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    for bundle in [&EMBED, &EDITOR, &MODERATION] {
        build_bundle(bundle, &out, have_npm)?;
    }

    for name in WWW_FILES {
        let from = root().join("www").join(name);
        fs::copy(&from, out.join(name))
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    }

    minify::minify_in_place(
        &out,
        &[
            "vitrine.js",
            "vitrine_widget.js",
            "vitrine_widget_edit.js",
            "vitrine.css",
            "vitrine_moderation.js",
            "moderation.css",
        ],
    )?;

    let moderation = sizes::measure(
        &out,
        &[
            "vitrine_moderation_bg.wasm",
            "vitrine_moderation.js",
            "moderation.css",
        ],
    )?;
    println!("\nModeration page (not loaded by partner pages):");
    sizes::print_table(&moderation);
    let editor = sizes::measure(
        &out,
        &["vitrine_widget_edit_bg.wasm", "vitrine_widget_edit.js"],
    )?;
    println!("\nEditor bundle (loaded on top of the embed bundle when a reader starts editing):");
    sizes::print_table(&editor);
    println!("\nEmbed bundle (what partner pages load):");
    sizes::measure(
        &out,
        &[
            "vitrine_widget_bg.wasm",
            "vitrine_widget.js",
            "vitrine.js",
            "vitrine.css",
        ],
    )
}

/// Where the bundles' nightly build keeps its artifacts, apart from the
/// stable builds of the tests and lints (another compiler, another cache).
const NIGHTLY_TARGET_DIR: &str = "target/wasm-nightly";
/// Rust flags of the bundles: a panic aborts at once (a WebAssembly trap)
/// instead of formatting its message for the default hook, whose output
/// `wasm32-unknown-unknown` drops anyway; the messages, their source
/// locations and the formatting code they need leave the bundle. The source
/// locations that `#[track_caller]` functions still take (wasm-bindgen's
/// `unwrap_throw`, `RefCell` borrows) are left out too: their file names
/// and lines were only ever written into a developer's console message.
const BUNDLE_RUSTFLAGS: &[&str] = &[
    "-Zunstable-options",
    "-Cpanic=immediate-abort",
    "-Zlocation-detail=none",
];

/// cargo build (wasm-release, standard library rebuilt with the bundle) +
/// wasm-bindgen + wasm-opt for one bundle.
fn build_bundle(bundle: &Bundle, out: &Path, have_npm: bool) -> Result {
    cmd::step(&format!(
        "building {} (wasm32, profile wasm-release, {}, features [{}])",
        bundle.name,
        tools::WASM_NIGHTLY,
        bundle.features
    ));
    run(Command::new("rustup")
        .args(["run", tools::WASM_NIGHTLY, "cargo", "build"])
        .args([
            "--package",
            "vitrine-widget",
            "--lib",
            "--target",
            tools::WASM_TARGET,
            "--profile",
            "wasm-release",
            "--features",
            bundle.features,
            "--target-dir",
            NIGHTLY_TARGET_DIR,
            // The standard library compiled with the bundle's profile
            // (`opt-level = "z"`, fat LTO) and panic strategy.
            "-Zbuild-std=std,panic_abort",
        ])
        .env("CARGO_ENCODED_RUSTFLAGS", BUNDLE_RUSTFLAGS.join("\x1f"))
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO")
        .env_remove("RUSTC"))?;
    let wasm_in = root()
        .join(NIGHTLY_TARGET_DIR)
        .join("wasm32-unknown-unknown/wasm-release/vitrine_widget.wasm");

    cmd::step(&format!("wasm-bindgen --target web ({})", bundle.name));
    run(Command::new("wasm-bindgen")
        .arg(&wasm_in)
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--remove-name-section",
            "--remove-producers-section",
            "--out-name",
            bundle.name,
        ])
        .arg("--out-dir")
        .arg(out))?;

    let wasm = out.join(format!("{}_bg.wasm", bundle.name));
    match (have_npm, tools::wasm_opt()) {
        (true, Some(wasm_opt)) => {
            let renames = optimise(&wasm_opt, &wasm, bundle.name)?;
            shorten_glue_names(out, bundle.name, &wasm, &renames)
        }
        _ => {
            eprintln!("notice: wasm-opt not available (needs npm); the .wasm is not optimised");
            Ok(())
        }
    }
}

/// Runs wasm-opt at each level and keeps the output with the smallest gzip
/// size; returns the renames of its imports and exports (see `wasm_names`).
fn optimise(wasm_opt: &Path, wasm: &Path, bundle: &str) -> Result<Renames> {
    cmd::step("wasm-opt: choosing the level with the smallest gzip size");
    let mut best: Option<(usize, &str, Vec<u8>, Renames)> = None;
    for level in OPT_LEVELS {
        let candidate = wasm.with_extension(format!("opt{}.wasm", level.trim_start_matches('-')));
        let mapping = cmd::stdout_of(
            Command::new(wasm_opt)
                .arg(level)
                .args(OPT_FLAGS)
                .arg(wasm_names::WASM_OPT_FLAG)
                .arg("--strip-debug")
                .arg("--strip-producers")
                .arg(wasm)
                .arg("-o")
                .arg(&candidate),
        )?;
        let renames = Renames::parse(&mapping, bundle)?;
        let bytes = fs::read(&candidate)
            .map_err(|e| format!("cannot read {}: {e}", candidate.display()))?;
        let _ = fs::remove_file(&candidate);
        let gz = sizes::gzip_len(&bytes);
        eprintln!("    {level}: {} bytes, {gz} gzip", bytes.len());
        if best.as_ref().is_none_or(|(b, _, _, _)| gz < *b) {
            best = Some((gz, level, bytes, renames));
        }
    }
    let (gz, level, bytes, renames) = best.expect("at least one level");
    eprintln!("    kept {level} ({gz} bytes gzip)");
    fs::write(wasm, bytes).map_err(|e| format!("cannot write {}: {e}", wasm.display()))?;
    Ok(renames)
}

/// Gives the bundle's glue the short import and export names of its
/// minified `.wasm`.
fn shorten_glue_names(out: &Path, bundle: &str, wasm: &Path, renames: &Renames) -> Result {
    let bytes = fs::read(wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
    let module = wasm_names::check_wasm(&bytes, renames)?;
    let glue = out.join(format!("{bundle}.js"));
    let js =
        fs::read_to_string(&glue).map_err(|e| format!("cannot read {}: {e}", glue.display()))?;
    let js = wasm_names::rewrite_glue(&js, bundle, renames, &module)?;
    fs::write(&glue, js).map_err(|e| format!("cannot write {}: {e}", glue.display()))
}

pub fn main() -> Result {
    let rows = build()?;
    sizes::print_table(&rows);
    sizes::check_budget(&rows)
}
