//! Sort keys and ranks built ahead of a column's first sort, in steps, so
//! that a page can build them after loading without a long task and the
//! reader's first sort of the column only orders rows.
//!
//! Each column goes through: its keys (text columns: a collation key per
//! row; number and date keys are built with the index), the rows paired
//! with their keys, runs of [`RUN`] pairs sorted one at a time, then one
//! merge of the runs that assigns the ranks. The result is the one the
//! first sort would build ([`Ranks::build`]). A sort of the column before
//! it is ready still works: it builds what it needs then, and the
//! preparation of that column is dropped.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::QueryIndex;
use super::column::{CellSource, SortKind};
use super::rank::{Projection, Ranks};
use super::sort::SortColumn;

/// Pairs sorted in one piece before the merge.
const RUN: usize = 4096;

/// The columns still to prepare, and the one under way.
///
/// ```
/// use vitrine_core::query::{IndexOptions, QueryIndex, SortPreparation, TableSource};
/// use vitrine_core::{CsvOptions, Schema, load_csv};
/// let schema = Schema::from_json(r#"{"fields":[{"name":"nom","type":"string"}]}"#).unwrap();
/// let table = load_csv("nom\nB\nA\nC\n".as_bytes(), CsvOptions::default()).unwrap();
/// let index = QueryIndex::from_table(&schema, &table, &IndexOptions::default());
/// let source = TableSource::new(&schema, &table, index.specs());
/// let mut preparation = SortPreparation::new([index.column("nom").unwrap()]);
/// while !preparation.step(&index, &source, 2) {} // yield to the page between steps
/// assert!(index.is_sort_ready(0));
/// ```
#[derive(Debug, Default)]
pub struct SortPreparation {
    /// Columns not started yet, in order.
    queue: std::collections::VecDeque<usize>,
    current: Option<Column>,
}

/// One column under way.
#[derive(Debug)]
struct Column {
    col: usize,
    /// Rows of the index when the column was started.
    rows: usize,
    /// The keys of a text column, built here; `None` when the index holds
    /// the column's keys (number and date columns, or a column sorted once).
    keys: Option<SortColumn>,
    stage: Stage,
}

#[derive(Debug)]
enum Stage {
    /// Building the keys of rows `next..`.
    Keys { next: usize, buffer: Vec<u8> },
    /// Pairing rows `next..` with their keys (empty cells left out).
    Pair {
        next: usize,
        pairs: Vec<(Projection, u32)>,
    },
    /// Sorting the runs from `next` on.
    SortRuns {
        next: usize,
        pairs: Vec<(Projection, u32)>,
    },
    /// Merging the sorted runs into the ranks.
    Merge {
        pairs: Vec<(Projection, u32)>,
        /// Next pair of each run (`ends[i]`: its end).
        cursors: Vec<usize>,
        ends: Vec<usize>,
        /// The smallest pair not yet taken of each run, with the run.
        heads: BinaryHeap<Reverse<(Projection, u32, usize)>>,
        ranks: Ranks,
    },
}

impl SortPreparation {
    /// Prepares `columns` (index column positions), in this order.
    /// Columns that cannot be sorted or are ready already are skipped.
    pub fn new(columns: impl IntoIterator<Item = usize>) -> SortPreparation {
        SortPreparation {
            queue: columns.into_iter().collect(),
            current: None,
        }
    }

    /// Nothing left to prepare.
    pub fn is_done(&self) -> bool {
        self.queue.is_empty() && self.current.is_none()
    }

    /// Does about `units` units of work (the keys of `units` rows, pairing
    /// or merging `units` rows, or sorting at least one run) for the index
    /// `index` of the table `source`; returns `true` once every column is
    /// ready. `source` must be the indexed table: with another number of
    /// rows, nothing is prepared.
    pub fn step(&mut self, index: &QueryIndex, source: &impl CellSource, units: usize) -> bool {
        let units = units.max(1);
        if source.row_count() != index.row_count {
            self.queue.clear();
            self.current = None;
            return true;
        }
        while let Some(col) = self
            .current
            .as_ref()
            .map(|c| c.col)
            .or_else(|| self.start(index))
        {
            let column = self.current.as_mut().expect("started");
            // Sorted meanwhile (ranks built by the sort), or the index changed.
            if index.is_sort_ready(col) || column.rows != index.row_count {
                self.current = None;
                continue;
            }
            if column.advance(index, source, units) {
                self.current = None;
            }
            return self.is_done();
        }
        true
    }

    /// Starts the next column that needs preparing; its position.
    fn start(&mut self, index: &QueryIndex) -> Option<usize> {
        while let Some(col) = self.queue.pop_front() {
            let Some(spec) = index.specs.get(col) else {
                continue;
            };
            if spec.sort == SortKind::None || index.is_sort_ready(col) {
                continue;
            }
            let rows = index.row_count;
            let (keys, stage) = match index.sort[col].get() {
                Some(_) => (None, Stage::pair()),
                None => (
                    Some(SortColumn::new(spec.sort, rows)),
                    Stage::Keys {
                        next: 0,
                        buffer: Vec::new(),
                    },
                ),
            };
            self.current = Some(Column {
                col,
                rows,
                keys,
                stage,
            });
            return Some(col);
        }
        None
    }
}

impl Stage {
    fn pair() -> Stage {
        Stage::Pair {
            next: 0,
            pairs: Vec::new(),
        }
    }
}

impl Column {
    /// One step of about `units` units; `true` when the column is ready.
    fn advance(&mut self, index: &QueryIndex, source: &impl CellSource, units: usize) -> bool {
        let rows = self.rows;
        match &mut self.stage {
            Stage::Keys { next, buffer } => {
                let keys = self.keys.as_mut().expect("a text column's keys");
                let end = (*next + units).min(rows);
                for row in *next..end {
                    keys.set_key(row as u32, source.cell(row, self.col), buffer);
                }
                *next = end;
                if end == rows {
                    self.stage = Stage::pair();
                }
            }
            Stage::Pair { next, pairs } => {
                let keys = match &self.keys {
                    Some(keys) => keys,
                    None => index.sort[self.col].get().expect("the index's keys"),
                };
                // Rows after the last key set are empty cells.
                let end = (*next + units).min(rows);
                let keyed = end.min(keys.key_count());
                pairs.extend(
                    (*next..keyed).filter_map(|r| keys.projection(r as u32).map(|k| (k, r as u32))),
                );
                *next = end;
                if end == rows {
                    let pairs = std::mem::take(pairs);
                    self.stage = Stage::SortRuns { next: 0, pairs };
                }
            }
            Stage::SortRuns { next, pairs } => {
                let stop = (*next + units).min(pairs.len());
                while *next < stop {
                    let end = (*next + RUN).min(pairs.len());
                    pairs[*next..end].sort_unstable();
                    *next = end;
                }
                if *next == pairs.len() {
                    let pairs = std::mem::take(pairs);
                    self.stage = Stage::merge(pairs, rows);
                }
            }
            Stage::Merge {
                pairs,
                cursors,
                ends,
                heads,
                ranks,
            } => {
                for _ in 0..units {
                    let Some(Reverse((key, row, run))) = heads.pop() else {
                        break;
                    };
                    ranks.push_sorted(key, row);
                    if cursors[run] < ends[run] {
                        let (key, row) = pairs[cursors[run]];
                        heads.push(Reverse((key, row, run)));
                        cursors[run] += 1;
                    }
                }
                if heads.is_empty() {
                    let ranks = std::mem::take(ranks);
                    self.finish(index, ranks);
                    return true;
                }
            }
        }
        false
    }

    /// Hands the ranks (and the keys built here) to the index.
    fn finish(&mut self, index: &QueryIndex, ranks: Ranks) {
        match self.keys.take() {
            Some(keys) => {
                keys.set_ranks(ranks);
                // A sort of the column meanwhile set its own: they are equal.
                let _ = index.sort[self.col].set(keys);
            }
            None => {
                if let Some(keys) = index.sort[self.col].get() {
                    keys.set_ranks(ranks);
                }
            }
        }
    }
}

impl Stage {
    fn merge(pairs: Vec<(Projection, u32)>, rows: usize) -> Stage {
        let starts: Vec<usize> = (0..pairs.len()).step_by(RUN).collect();
        let ends: Vec<usize> = starts.iter().map(|&s| (s + RUN).min(pairs.len())).collect();
        let heads = starts
            .iter()
            .enumerate()
            .map(|(run, &s)| Reverse((pairs[s].0, pairs[s].1, run)))
            .collect();
        Stage::Merge {
            cursors: starts.iter().map(|s| s + 1).collect(),
            ends,
            heads,
            pairs,
            ranks: Ranks::empty(rows),
        }
    }
}

impl QueryIndex {
    /// Column `column` can be sorted without building anything: its keys
    /// and ranks are there.
    pub fn is_sort_ready(&self, column: usize) -> bool {
        self.sort
            .get(column)
            .and_then(|c| c.get())
            .is_some_and(SortColumn::is_ranked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{ColumnSpec, Query, RowTable};
    use crate::value::Value;
    use proptest::prelude::*;

    /// A table of a text column, a number column and an unsortable one.
    fn table(names: &[String], numbers: &[Option<i64>]) -> (Vec<ColumnSpec>, RowTable) {
        let specs = vec![
            ColumnSpec::text("nom"),
            ColumnSpec::typed("budget", SortKind::Number),
            ColumnSpec::typed("autre", SortKind::None),
        ];
        let rows = names
            .iter()
            .zip(numbers)
            .map(|(name, n)| {
                vec![
                    (name.clone(), Value::String(name.clone())),
                    match n {
                        Some(n) => (n.to_string(), Value::Integer(*n)),
                        None => (String::new(), Value::Null),
                    },
                    ("x".to_string(), Value::String("x".into())),
                ]
            })
            .collect();
        (specs, RowTable { rows })
    }

    fn prepared(specs: &[ColumnSpec], table: &RowTable, units: usize) -> QueryIndex {
        let index = QueryIndex::build(specs.to_vec(), table);
        let mut preparation = SortPreparation::new([2, 0, 1, 7]);
        let mut steps = 0;
        while !preparation.step(&index, table, units) {
            steps += 1;
            assert!(steps < 1_000_000);
        }
        assert!(preparation.is_done());
        index
    }

    /// The index after a first sort by each column, the usual way.
    fn sorted_once(specs: &[ColumnSpec], table: &RowTable) -> QueryIndex {
        let index = QueryIndex::build(specs.to_vec(), table);
        for name in ["nom", "budget"] {
            index.execute(&Query::default().sort_by(name, false), table);
        }
        index
    }

    #[test]
    fn prepared_columns_are_those_a_first_sort_builds() {
        let names: Vec<String> = (0..10_000)
            .map(|i| match i % 13 {
                0 => String::new(),
                k => format!("Éc{} {}", ["o", "O", "ô"][k % 3], (i * 7919) % 1_009),
            })
            .collect();
        let numbers: Vec<Option<i64>> = (0..10_000)
            .map(|i| (i % 11 != 0).then_some((i * 31) % 500 - 250))
            .collect();
        let (specs, table) = table(&names, &numbers);
        let expected = format!("{:?}", sorted_once(&specs, &table));
        for units in [1, 333, RUN, 1_000_000] {
            let index = prepared(&specs, &table, units);
            assert!(index.is_sort_ready(0) && index.is_sort_ready(1));
            assert!(!index.is_sort_ready(2));
            assert_eq!(format!("{index:?}"), expected, "{units} units a step");
        }
    }

    #[test]
    fn a_sort_before_the_column_is_ready_builds_it_and_the_preparation_goes_on() {
        let names: Vec<String> = (0..9_000).map(|i| format!("p{}", (i * 13) % 997)).collect();
        let numbers: Vec<Option<i64>> = (0..9_000).map(|i| Some(i % 17)).collect();
        let (specs, table) = table(&names, &numbers);
        let index = QueryIndex::build(specs.clone(), &table);
        let mut preparation = SortPreparation::new([0, 1]);
        for _ in 0..5 {
            assert!(!preparation.step(&index, &table, 1_000));
        }
        assert!(!index.is_sort_ready(0));
        let by_name = Query::default().sort_by("nom", false);
        let first = index.execute(&by_name, &table);
        assert!(index.is_sort_ready(0));
        while !preparation.step(&index, &table, 1_000) {}
        assert!(index.is_sort_ready(1));
        assert_eq!(index.execute(&by_name, &table), first);
        assert_eq!(
            format!("{index:?}"),
            format!("{:?}", sorted_once(&specs, &table))
        );
    }

    #[test]
    fn another_table_prepares_nothing() {
        let (specs, table) = table(&["b".into(), "a".into()], &[Some(1), None]);
        let index = QueryIndex::build(specs, &table);
        let (_, other) = self::table(&["a".into()], &[None]);
        let mut preparation = SortPreparation::new([0]);
        assert!(preparation.step(&index, &other, 10));
        assert!(!index.is_sort_ready(0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn stepped_ranks_equal_the_one_shot_ranks(
            cells in proptest::collection::vec((0u8..40, proptest::option::of(-5i64..5)), 0..5_000),
            units in 1usize..3_000,
        ) {
            let names: Vec<String> = cells.iter()
                .map(|(k, _)| if *k == 0 { String::new() } else { format!("n{k}") })
                .collect();
            let numbers: Vec<Option<i64>> = cells.iter().map(|(_, n)| *n).collect();
            let (specs, table) = table(&names, &numbers);
            let index = prepared(&specs, &table, units);
            prop_assert_eq!(format!("{index:?}"), format!("{:?}", sorted_once(&specs, &table)));
        }
    }
}
