//! From the runs' raw figures (written by `xtask/bench/run.mjs`) to the
//! report: medians per tool and size, the ratio Tabulator / Vitrine, the
//! goals, as markdown and JSON.

use super::figures::{FIGURES, Unit, format_value, median};
use super::goals::goal;
use serde_json::{Value, json};

pub const VITRINE: &str = "vitrine";
pub const TABULATOR: &str = "tabulator";

/// The medians of one size.
#[derive(Debug, Clone, PartialEq)]
pub struct SizeReport {
    pub rows: usize,
    pub bytes: Option<u64>,
    pub runs: usize,
    /// (figure key, Vitrine median, Tabulator median), in [`FIGURES`] order.
    pub medians: Vec<(&'static str, Option<f64>, Option<f64>)>,
    /// Median result counts (filter, search) per tool, for the reader of the report.
    pub filtered: (Option<f64>, Option<f64>),
    pub searched: (Option<f64>, Option<f64>),
    /// Median time at which the data request started, per tool (ms from
    /// navigation start).
    pub data_start: (Option<f64>, Option<f64>),
    /// Median time at which the data file had fully arrived, per tool (ms).
    pub data_received: (Option<f64>, Option<f64>),
}

fn runs_of<'a>(runs: &'a [Value], tool: &'a str, rows: usize) -> impl Iterator<Item = &'a Value> {
    runs.iter()
        .filter(move |r| r["tool"] == tool && r["rows"].as_u64() == Some(rows as u64))
}

fn median_of(runs: &[Value], tool: &str, rows: usize, section: &str, key: &str) -> Option<f64> {
    let values: Vec<f64> = runs_of(runs, tool, rows)
        .filter_map(|r| r[section][key].as_f64())
        .collect();
    median(&values)
}

/// Medians of every figure at every size found in `runs` (the `results` array).
pub fn summarise(runs: &[Value], sizes: &[(usize, Option<u64>)]) -> Vec<SizeReport> {
    sizes
        .iter()
        .map(|&(rows, bytes)| {
            let both = |section: &str, key: &str| {
                (
                    median_of(runs, VITRINE, rows, section, key),
                    median_of(runs, TABULATOR, rows, section, key),
                )
            };
            SizeReport {
                rows,
                bytes,
                runs: runs_of(runs, VITRINE, rows).count(),
                medians: FIGURES
                    .iter()
                    .map(|f| {
                        let (v, t) = both("figures", f.key);
                        (f.key, v, t)
                    })
                    .collect(),
                filtered: both("info", "filtered"),
                searched: both("info", "searched"),
                data_start: both("info", "data_start_ms"),
                data_received: both("info", "data_received_ms"),
            }
        })
        .collect()
}

/// Tabulator / Vitrine, when both are known and Vitrine's is not zero.
pub fn ratio(vitrine: Option<f64>, tabulator: Option<f64>) -> Option<f64> {
    let (v, t) = (vitrine?, tabulator?);
    (v > 0.0).then_some(t / v)
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn goal_cell(rows: usize, key: &str, v: Option<f64>, t: Option<f64>) -> String {
    match goal(rows, key) {
        None => "—".into(),
        Some(g) => match g.met(v, t) {
            Some(true) => format!("{}: **met**", g.describe()),
            Some(false) => format!("{}: **not met**", g.describe()),
            None => format!("{}: no figure", g.describe()),
        },
    }
}

/// The markdown tables, one per size.
pub fn markdown(sizes: &[SizeReport], query: &str) -> String {
    let mut out = String::new();
    for size in sizes {
        let file = size
            .bytes
            .map(|b| format!(", {:.1} MB", b as f64 / 1e6))
            .unwrap_or_default();
        out.push_str(&format!(
            "### {} rows{file} — median of {} run{}\n\n",
            thousands(size.rows),
            size.runs,
            if size.runs == 1 { "" } else { "s" }
        ));
        out.push_str("| figure | Vitrine | Tabulator 6.5 | Tabulator / Vitrine | goal |\n");
        out.push_str("|---|---:|---:|---:|---|\n");
        for (f, &(key, v, t)) in FIGURES.iter().zip(&size.medians) {
            let show = |x: Option<f64>| x.map_or("—".into(), |x| format_value(x, f.unit));
            // Tabulator has no wasm memory: no ratio for that line.
            let ratio = match key {
                "wasm_bytes" => "—".into(),
                _ => ratio(v, t).map_or("—".into(), |r| format!("{r:.1}×")),
            };
            let label = match key {
                "search_ms" => format!("full-text search \"{query}\" → next paint"),
                "search_dom_ms" => format!("full-text search \"{query}\" → DOM updated"),
                _ => f.label.to_string(),
            };
            out.push_str(&format!(
                "| {label} | {} | {} | {ratio} | {} |\n",
                show(v),
                show(t),
                goal_cell(size.rows, key, v, t)
            ));
        }
        let count = |x: Option<f64>| x.map_or("—".into(), |x| thousands(x.round() as usize));
        let ms = |x: Option<f64>| x.map_or("—".into(), |x| format_value(x, Unit::Millis));
        out.push_str(&format!(
            "\nRows kept: theme filter {} (Vitrine) / {} (Tabulator); search {} / {}. \
             Data request started at {} / {} and the file fully received at {} / {} \
             from navigation start.\n\n",
            count(size.filtered.0),
            count(size.filtered.1),
            count(size.searched.0),
            count(size.searched.1),
            ms(size.data_start.0),
            ms(size.data_start.1),
            ms(size.data_received.0),
            ms(size.data_received.1)
        ));
        out.push_str(&floor_note(size));
    }
    out
}

/// What the floor (a click that changes nothing → next paint) leaves for
/// the "→ next paint" goals: the figure each ratio goal asks of Vitrine, and
/// whether the floor alone is already above it.
fn floor_note(size: &SizeReport) -> String {
    let value = |key: &str| size.medians.iter().find(|m| m.0 == key).map(|m| (m.1, m.2));
    let Some((Some(floor), tab_floor)) = value("noop_ms") else {
        return String::new();
    };
    let ms = |x: f64| format_value(x, Unit::Millis);
    let mut out = format!(
        "The floor: a click on an inert area (nothing changes) → next paint takes {} in \
         Vitrine's page{}.",
        ms(floor),
        tab_floor.map_or(String::new(), |t| format!(", {} in Tabulator's", ms(t)))
    );
    for key in ["filter_ms", "search_ms", "sort_ms"] {
        let (Some(g), Some((_, Some(t)))) = (goal(size.rows, key), value(key)) else {
            continue;
        };
        let super::goals::Target::RatioAtLeast(r) = g.target else {
            continue;
        };
        let needed = t / r;
        let what = key.trim_end_matches("_ms");
        out.push_str(&format!(
            " The {what} goal ({}) asks for ≤ {}{}.",
            g.describe(),
            ms(needed),
            if floor > needed {
                ": below the floor, not reachable as measured"
            } else {
                ""
            }
        ));
    }
    out.push_str("\n\n");
    out
}

/// The report as JSON: the run's description, then per size each figure's
/// medians, ratio and goal.
pub fn to_json(meta: &Value, sizes: &[SizeReport]) -> Value {
    let sizes: Vec<Value> = sizes
        .iter()
        .map(|s| {
            let figures: serde_json::Map<String, Value> = s
                .medians
                .iter()
                .map(|&(key, v, t)| {
                    let goal = goal(s.rows, key).map(|g| {
                        json!({ "goal": g.describe(), "met": g.met(v, t) })
                    });
                    (
                        key.to_string(),
                        json!({ "vitrine": v, "tabulator": t, "ratio": ratio(v, t), "goal": goal }),
                    )
                })
                .collect();
            json!({
                "rows": s.rows,
                "file_bytes": s.bytes,
                "runs": s.runs,
                "figures": figures,
                "filtered": { "vitrine": s.filtered.0, "tabulator": s.filtered.1 },
                "searched": { "vitrine": s.searched.0, "tabulator": s.searched.1 },
                "data_start_ms": { "vitrine": s.data_start.0, "tabulator": s.data_start.1 },
                "data_received_ms": { "vitrine": s.data_received.0, "tabulator": s.data_received.1 },
            })
        })
        .collect();
    json!({ "meta": meta, "sizes": sizes })
}

/// Figures missing from some run (for `--check`): "tabulator, 1000 rows, run 1: sort_ms".
pub fn missing_figures(runs: &[Value]) -> Vec<String> {
    let mut missing = Vec::new();
    for r in runs {
        for f in FIGURES {
            if !r["figures"][f.key].as_f64().is_some_and(f64::is_finite) {
                missing.push(format!(
                    "{}, {} rows, run {}: {}",
                    r["tool"].as_str().unwrap_or("?"),
                    r["rows"],
                    r["run"],
                    f.key
                ));
            }
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(tool: &str, rows: usize, paint: f64, filter: f64) -> Value {
        let mut figures = serde_json::Map::new();
        for f in FIGURES {
            figures.insert(f.key.into(), json!(1.0));
        }
        figures.insert("first_paint_fetch_ms".into(), json!(paint));
        figures.insert("filter_ms".into(), json!(filter));
        json!({ "tool": tool, "rows": rows, "run": 1, "figures": figures,
                "info": { "filtered": 10, "searched": 5 } })
    }

    #[test]
    fn medians_ratios_and_goals_reach_the_markdown() {
        let runs = vec![
            run(VITRINE, 100_000, 1000.0, 10.0),
            run(VITRINE, 100_000, 3000.0, 30.0),
            run(VITRINE, 100_000, 2000.0, 20.0),
            run(TABULATOR, 100_000, 9000.0, 300.0),
            run(TABULATOR, 100_000, 5000.0, 500.0),
            run(TABULATOR, 100_000, 6000.0, 600.0),
        ];
        let sizes = summarise(&runs, &[(100_000, Some(165_000_000))]);
        assert_eq!(sizes[0].runs, 3);
        assert_eq!(
            sizes[0].medians[0],
            ("first_paint_fetch_ms", Some(2000.0), Some(6000.0))
        );
        let text = markdown(&sizes, "transport");
        assert!(
            text.contains("### 100,000 rows, 165.0 MB — median of 3 runs"),
            "{text}"
        );
        assert!(
            text.contains("| first rows painted, from the start of the data request | 2.00 s | 6.00 s | 3.0× | ≥ 3× faster: **met** |"),
            "{text}"
        );
        assert!(
            text.contains("| filter theme = Mobilités → next paint | 20.0 ms | 500 ms | 25.0× | ≥ 20× faster: **met** |"),
            "{text}"
        );
        assert!(text.contains("search \"transport\""));
        // Every other figure is 1.0 ms: the floor is above what the search's
        // goal asks (1.0 / 20), below the filter's (500 / 20).
        assert!(
            text.contains("The floor: a click on an inert area (nothing changes) → next paint takes 1.0 ms in Vitrine's page, 1.0 ms in Tabulator's. The filter goal (≥ 20× faster) asks for ≤ 25.0 ms. The search goal (≥ 20× faster) asks for ≤ 0.1 ms: below the floor, not reachable as measured."),
            "{text}"
        );
        assert!(
            text.contains("| … the same, from navigation start | 1.0 ms | 1.0 ms | 1.0× | — |"),
            "{text}"
        );
        let json = to_json(&json!({}), &sizes);
        assert_eq!(json["sizes"][0]["figures"]["filter_ms"]["ratio"], 25.0);
        assert_eq!(
            json["sizes"][0]["figures"]["filter_ms"]["goal"]["met"],
            true
        );
        assert_eq!(
            json["sizes"][0]["figures"]["scroll_p50_ms"]["goal"],
            Value::Null
        );
    }

    #[test]
    fn missing_figures_are_named() {
        let mut incomplete = run(TABULATOR, 1000, 1.0, 1.0);
        incomplete["figures"]["sort_ms"] = Value::Null;
        assert!(missing_figures(&[run(VITRINE, 1000, 1.0, 1.0)]).is_empty());
        assert_eq!(
            missing_figures(&[incomplete]),
            ["tabulator, 1000 rows, run 1: sort_ms"]
        );
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
    }
}
