//! The goals of the side-by-side benchmark (issue "Benchmarks side by side
//! with Tabulator"): shown in the report, never asserted by CI.

/// What a goal compares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// Tabulator's figure divided by Vitrine's is at least this.
    RatioAtLeast(f64),
    /// Vitrine's figure (ms or bytes) is below this.
    VitrineBelow(f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Goal {
    pub rows: usize,
    pub figure: &'static str,
    pub target: Target,
}

pub const GOALS: &[Goal] = &[
    // "Time from start of fetch to first rows painted".
    Goal {
        rows: 100_000,
        figure: "first_paint_fetch_ms",
        target: Target::RatioAtLeast(3.0),
    },
    Goal {
        rows: 100_000,
        figure: "filter_ms",
        target: Target::RatioAtLeast(20.0),
    },
    Goal {
        rows: 100_000,
        figure: "search_ms",
        target: Target::RatioAtLeast(20.0),
    },
    Goal {
        rows: 100_000,
        figure: "sort_ms",
        target: Target::RatioAtLeast(10.0),
    },
    // "Memory at most half" of Tabulator's.
    Goal {
        rows: 100_000,
        figure: "memory_bytes",
        target: Target::RatioAtLeast(2.0),
    },
    Goal {
        rows: 1_000,
        figure: "first_paint_fetch_ms",
        target: Target::VitrineBelow(200.0),
    },
];

/// The goal for a figure at a size, if there is one.
pub fn goal(rows: usize, figure: &str) -> Option<&'static Goal> {
    GOALS.iter().find(|g| g.rows == rows && g.figure == figure)
}

impl Goal {
    /// Whether the medians meet the goal; `None` when a median is missing.
    pub fn met(&self, vitrine: Option<f64>, tabulator: Option<f64>) -> Option<bool> {
        match self.target {
            Target::RatioAtLeast(min) => {
                let (v, t) = (vitrine?, tabulator?);
                (v > 0.0).then(|| t / v >= min)
            }
            Target::VitrineBelow(max) => Some(vitrine? < max),
        }
    }

    /// The goal in words: "≥ 20× faster", "< 200 ms".
    pub fn describe(&self) -> String {
        match (self.target, self.figure) {
            (Target::RatioAtLeast(r), "memory_bytes") => format!("≤ 1/{r:.0} of Tabulator's"),
            (Target::RatioAtLeast(r), _) => format!("≥ {r:.0}× faster"),
            (Target::VitrineBelow(max), _) => format!("< {max:.0} ms"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_goals_compare_tabulator_to_vitrine() {
        let filter = goal(100_000, "filter_ms").unwrap();
        assert_eq!(filter.met(Some(10.0), Some(250.0)), Some(true));
        assert_eq!(filter.met(Some(10.0), Some(150.0)), Some(false));
        assert_eq!(filter.met(None, Some(150.0)), None);
        assert_eq!(filter.describe(), "≥ 20× faster");
        let memory = goal(100_000, "memory_bytes").unwrap();
        assert_eq!(memory.met(Some(100.0), Some(200.0)), Some(true));
        assert_eq!(memory.met(Some(100.0), Some(199.0)), Some(false));
        assert_eq!(memory.describe(), "≤ 1/2 of Tabulator's");
    }

    #[test]
    fn first_paint_at_1000_rows_is_absolute() {
        let paint = goal(1_000, "first_paint_fetch_ms").unwrap();
        assert_eq!(paint.met(Some(199.0), None), Some(true));
        assert_eq!(paint.met(Some(200.0), Some(1.0)), Some(false));
        assert_eq!(paint.describe(), "< 200 ms");
        assert!(goal(10_000, "first_paint_fetch_ms").is_none());
        // Judged from the start of the data request, not of the navigation.
        assert!(goal(1_000, "first_paint_ms").is_none());
    }
}
