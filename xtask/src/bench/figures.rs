//! The figures the bench measures, and the medians of the runs.

/// One measured figure: its key in the runs' JSON, its label, its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Millis,
    Bytes,
}

/// In report order. Lower is better for every one of them.
pub const FIGURES: &[Figure] = &[
    Figure {
        key: "first_paint_fetch_ms",
        label: "first rows painted, from the start of the data request",
        unit: Unit::Millis,
    },
    Figure {
        key: "first_paint_ms",
        label: "… the same, from navigation start",
        unit: Unit::Millis,
    },
    Figure {
        key: "ready_ms",
        label: "whole file loaded (filters, search, sort work), from navigation start",
        unit: Unit::Millis,
    },
    Figure {
        key: "noop_ms",
        label: "click on an inert area (nothing changes) → next paint: the floor of the figures below",
        unit: Unit::Millis,
    },
    Figure {
        key: "filter_ms",
        label: "filter theme = Mobilités → next paint",
        unit: Unit::Millis,
    },
    Figure {
        key: "search_ms",
        label: "full-text search → next paint",
        unit: Unit::Millis,
    },
    Figure {
        key: "sort_ms",
        label: "sort by Projet → next paint",
        unit: Unit::Millis,
    },
    Figure {
        key: "filter_dom_ms",
        label: "filter theme = Mobilités → DOM updated (the page's work, before the frame)",
        unit: Unit::Millis,
    },
    Figure {
        key: "search_dom_ms",
        label: "full-text search → DOM updated",
        unit: Unit::Millis,
    },
    Figure {
        key: "sort_dom_ms",
        label: "sort by Projet → DOM updated",
        unit: Unit::Millis,
    },
    Figure {
        key: "scroll_p50_ms",
        label: "scrolling 10,000 px at 60 Hz: frame time p50",
        unit: Unit::Millis,
    },
    Figure {
        key: "scroll_p95_ms",
        label: "scrolling 10,000 px at 60 Hz: frame time p95",
        unit: Unit::Millis,
    },
    Figure {
        key: "memory_bytes",
        label: "memory after load (after GC): total",
        unit: Unit::Bytes,
    },
    Figure {
        key: "js_heap_bytes",
        label: "… of which JS heap",
        unit: Unit::Bytes,
    },
    Figure {
        key: "embedder_bytes",
        label: "… of which DOM (Blink heap)",
        unit: Unit::Bytes,
    },
    Figure {
        key: "backing_bytes",
        label: "… of which array buffers and external strings",
        unit: Unit::Bytes,
    },
    Figure {
        key: "wasm_bytes",
        label: "… of which wasm memory",
        unit: Unit::Bytes,
    },
];

/// The median (mean of the two middle values for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if !sorted.len().is_multiple_of(2) {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    })
}

/// A value for people: "183 ms", "1.24 s", "412.5 MB", "0".
pub fn format_value(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Millis if value >= 10_000.0 => format!("{:.1} s", value / 1000.0),
        Unit::Millis if value >= 1_000.0 => format!("{:.2} s", value / 1000.0),
        Unit::Millis if value >= 100.0 => format!("{value:.0} ms"),
        Unit::Millis => format!("{value:.1} ms"),
        Unit::Bytes if value == 0.0 => "0".into(),
        Unit::Bytes => format!("{:.1} MB", value / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[f64::NAN, 5.0]), Some(5.0));
    }

    #[test]
    fn values_read_naturally() {
        assert_eq!(format_value(12.345, Unit::Millis), "12.3 ms");
        assert_eq!(format_value(183.4, Unit::Millis), "183 ms");
        assert_eq!(format_value(1240.0, Unit::Millis), "1.24 s");
        assert_eq!(format_value(31_000.0, Unit::Millis), "31.0 s");
        assert_eq!(format_value(412_500_000.0, Unit::Bytes), "412.5 MB");
        assert_eq!(format_value(0.0, Unit::Bytes), "0");
    }

    #[test]
    fn every_figure_has_a_distinct_key() {
        for (i, f) in FIGURES.iter().enumerate() {
            assert!(FIGURES[..i].iter().all(|g| g.key != f.key), "{}", f.key);
        }
    }
}
