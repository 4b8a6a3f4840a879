//! `cargo xtask test`: every check CI runs, in order, failing fast.

use crate::cmd::{self, Result, have, root, run};
use crate::{dist, sizes, tools};
use std::process::Command;

pub fn main() -> Result {
    cmd::step("cargo fmt --check");
    run(cmd::cargo().args(["fmt", "--all", "--", "--check"]))?;

    tools::wasm_target()?;
    tools::wasm_bindgen()?;
    let have_node = tools::node_tools()?;
    tools::chromium()?;
    let have_frictionless = tools::frictionless();

    cmd::step("clippy (native, all targets)");
    run(cmd::cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ]))?;
    cmd::step("clippy (widget, wasm32)");
    run(cmd::cargo().args([
        "clippy",
        "--package",
        "vitrine-widget",
        "--all-targets",
        "--all-features",
        "--target",
        tools::WASM_TARGET,
        "--",
        "-D",
        "warnings",
    ]))?;

    cmd::step("native tests");
    let mut native = cmd::cargo();
    native.args(["test", "--workspace", "--all-features"]);
    if !have_frictionless {
        native.env("VITRINE_SKIP_FRICTIONLESS", "1");
    }
    run(&mut native)?;

    cmd::step("widget tests in headless Chromium (wasm-bindgen-test)");
    run(cmd::cargo()
        .args([
            "test",
            "--package",
            "vitrine-widget",
            // Not `bench-wasm`: that feature builds a measurement, not a test
            // (`cargo xtask bench-query-wasm` runs it).
            "--features",
            "moderation,edit",
            "--target",
            tools::WASM_TARGET,
        ])
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;
    cmd::step("reader bundle's editing controls in headless Chromium (without `edit`)");
    run(cmd::cargo()
        .args([
            "test",
            "--package",
            "vitrine-widget",
            "--target",
            tools::WASM_TARGET,
            "--test",
            "widget_edit_switch",
        ])
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;

    cmd::step("bundle and size budget");
    let rows = dist::build()?;
    sizes::print_table(&rows);
    sizes::check_budget(&rows)?;

    differential_scripts(have_frictionless)?;

    if !have_node {
        return Err("the end-to-end browser tests need Node.js with npm".into());
    }
    cmd::step("end-to-end browser tests (node --test tests/e2e)");
    run(cmd::cargo().args(["build", "--package", "vitrine-server", "--bin", "vitrine"]))?;
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .env("VITRINE_BIN", root().join("target/debug/vitrine"))
        .env("VITRINE_DIST", dist::dist_dir())
        .env("CHROMIUM", tools::CHROMIUM))?;

    cmd::step("benchmark harness smoke test (cargo xtask bench --rows 1000 --runs 1 --check)");
    crate::bench::run_bench(&[
        "--rows".into(),
        "1000".into(),
        "--runs".into(),
        "1".into(),
        "--check".into(),
        "--no-build".into(),
    ])?;

    eprintln!("\nall checks passed");
    Ok(())
}

/// Python scripts that compare the sample data's errors with frictionless.
fn differential_scripts(have_frictionless: bool) -> Result {
    let scripts = root().join("tests/ia-dataset");
    let Ok(entries) = std::fs::read_dir(&scripts) else {
        return Ok(());
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.starts_with("check_") && name.ends_with(".py")
        })
        .collect();
    paths.sort();
    for script in paths {
        if !have_frictionless || !have(&tools::python()) {
            eprintln!(
                "SKIP {}: python3 with frictionless is not available",
                script.display()
            );
            continue;
        }
        cmd::step(&format!("frictionless comparison: {}", script.display()));
        run(Command::new(tools::python()).arg(&script))?;
    }
    Ok(())
}
