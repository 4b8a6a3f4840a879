//! `cargo xtask bench`: Vitrine and Tabulator 6.5 side by side on the same
//! generated files, in one headless Chromium run.
//!
//! 1. npm tools (playwright-core, tabulator-tables, papaparse), Chromium;
//! 2. the bundle (`cargo xtask dist`), unless `--no-build`;
//! 3. the data files `target/bench-data/ia-N.csv` (generated once);
//! 4. `node xtask/bench/run.mjs`: a loopback static server, the two pages of
//!    `xtask/bench/pages`, every run's raw figures in `target/bench/runs.json`;
//! 5. the report: medians, ratios and goals in `target/bench/report.md` and
//!    `report.json`, printed on stdout.

mod data;
mod figures;
mod goals;
mod options;
mod report;

pub use data::ensure as ensure_data;

use crate::cmd::{self, Result, root, run};
use crate::{dist, tools};
use options::Options;
use serde_json::Value;
use std::fs;
use std::process::Command;

pub fn run_bench(args: &[String]) -> Result {
    let opts = Options::parse(args)?;
    if !tools::node_tools()? {
        return Err("the bench needs Node.js with npm (tools/node_modules)".into());
    }
    tools::chromium()?;
    let dist = dist::dist_dir();
    if opts.build {
        cmd::step("building the bundle (cargo xtask dist)");
        let rows = dist::build()?;
        crate::sizes::print_table(&rows);
    } else if !dist.join("vitrine_widget_bg.wasm").exists() {
        return Err(format!(
            "--no-build: {} has no bundle; run `cargo xtask dist` first",
            dist.display()
        ));
    }

    cmd::step("data files");
    let mut sizes = Vec::new();
    for &rows in &opts.rows {
        let path = data::ensure(rows)?;
        let bytes = fs::metadata(&path).ok().map(|m| m.len());
        eprintln!("{} ({} bytes)", path.display(), bytes.unwrap_or(0));
        sizes.push((rows, bytes));
    }

    // The smoke test writes aside, so it never replaces a real report.
    let out = match opts.check {
        true => root().join("target/bench/check"),
        false => root().join("target/bench"),
    };
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let runs_path = out.join("runs.json");
    cmd::step("measuring in headless Chromium");
    let rows_arg: Vec<String> = opts.rows.iter().map(usize::to_string).collect();
    let mut node = Command::new("node");
    node.arg(root().join("xtask/bench/run.mjs"))
        .args(["--rows", &rows_arg.join(",")])
        .args(["--runs", &opts.runs.to_string()])
        .args(["--query", &opts.query])
        .arg("--dist")
        .arg(&dist)
        .arg("--data")
        .arg(data::data_dir())
        .arg("--out")
        .arg(&runs_path)
        .args(["--chromium", tools::CHROMIUM]);
    if opts.check {
        node.arg("--check");
    }
    run(&mut node)?;

    let text =
        fs::read_to_string(&runs_path).map_err(|e| format!("{}: {e}", runs_path.display()))?;
    let raw: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", runs_path.display()))?;
    let runs = raw["results"].as_array().cloned().unwrap_or_default();
    if opts.check {
        let missing = report::missing_figures(&runs);
        if !missing.is_empty() {
            return Err(format!("figures missing:\n- {}", missing.join("\n- ")));
        }
    }

    let summary = report::summarise(&runs, &sizes);
    let meta = &raw["meta"];
    let mut text = format!(
        "## Vitrine vs Tabulator 6.5 ({})\n\nChromium {}, {} CPU(s) ({}), {} GiB, load average (1, 5, 15 min) \
         {} at the start and {} at the end; command: `{}`.\n\n",
        meta["date"].as_str().unwrap_or("?"),
        meta["chromium"].as_str().unwrap_or("?"),
        meta["cpus"],
        meta["cpu_model"].as_str().unwrap_or("?"),
        meta["memory_gib"],
        load(&meta["load_average_start"]),
        load(&meta["load_average"]),
        ["cargo xtask bench".to_string()]
            .into_iter()
            .chain(args.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ")
    );
    text.push_str(&method(&meta["frame_rate_hz"]));
    text.push_str(&report::markdown(&summary, &opts.query));
    let md_path = out.join("report.md");
    fs::write(&md_path, &text).map_err(|e| format!("{}: {e}", md_path.display()))?;
    let json_path = out.join("report.json");
    let json = serde_json::to_string_pretty(&report::to_json(meta, &summary))
        .map_err(|e| e.to_string())?;
    fs::write(&json_path, json).map_err(|e| format!("{}: {e}", json_path.display()))?;
    println!("{text}");
    eprintln!(
        "report: {} and {} (raw runs: {})",
        md_path.display(),
        json_path.display(),
        runs_path.display()
    );
    Ok(())
}

/// How the figures are taken, with the frame rates measured in this run.
fn method(rates: &Value) -> String {
    let hz = |key: &str| {
        rates[key]
            .as_f64()
            .map_or("?".into(), |x| format!("{x:.0} Hz"))
    };
    format!(
        "Method: the load, the memory and scrolling are measured in a Chromium paced at 60 Hz \
         ({} on an empty page), as on a usual screen. Filter, search and sort are measured in a \
         second Chromium without frame-rate limit (`--disable-frame-rate-limit \
         --disable-gpu-vsync --run-all-compositor-stages-before-draw`, {} on an empty page): \
         from the event to the frame drawn after the change, so the figure is the work plus \
         one frame, not a count of 16.7 ms frames. First rows painted is judged from the \
         start of the data request (Resource Timing), as the issue defines it; the same from \
         navigation start is the line under it.\n\n",
        hz("paced"),
        hz("unpaced")
    )
}

/// "1.20 0.80 0.50" from the JSON array of load averages.
fn load(value: &Value) -> String {
    value
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(Value::as_f64)
                .map(|x| format!("{x:.2}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "?".into())
}
