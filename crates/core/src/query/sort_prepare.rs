//! Sort keys and ranks built ahead of a column's first sort, in steps, so
//! that a page can build them after loading without a long task and the
//! reader's first sort of the column only orders rows.
//!
//! A text column's keys (a collation key per row, the long part) are built
//! a few rows at a time; then the ranks in one step of their own (one sort
//! of the keys), announced by [`SortPreparation::ranks_next`]. Number and date keys
//! are built with the index, so those columns only need the ranks. The
//! result is what the first sort builds. A sort of the column before it is
//! ready still works: it builds what it needs then, and the preparation of
//! that column is dropped.

use super::QueryIndex;
use super::column::{CellSource, SortKind};
use super::sort::SortColumn;

/// The columns still to prepare, and the one under way.
///
/// ```
/// use vitrine_core::query::{IndexOptions, QueryIndex, SortPreparation, TableSource};
/// use vitrine_core::{CsvOptions, Schema, load_csv};
/// let schema = Schema::from_json(r#"{"fields":[{"name":"nom","type":"string"}]}"#).unwrap();
/// let table = load_csv("nom\nB\nA\nC\n".as_bytes(), CsvOptions::default()).unwrap();
/// let index = QueryIndex::from_table(&schema, &table, &IndexOptions::default());
/// let source = TableSource::new(&schema, &table, index.specs());
/// let mut preparation = SortPreparation::new(&[index.column("nom").unwrap()]);
/// while !preparation.step(&index, &source, 2) {} // yield to the page between steps
/// assert!(index.is_sort_ready(0));
/// ```
#[derive(Debug, Default)]
pub struct SortPreparation {
    /// Columns not started yet, the next one last.
    queue: Vec<usize>,
    /// The text column whose keys are being built, its keys, the next row.
    current: Option<(usize, SortColumn, usize)>,
}

impl SortPreparation {
    /// Prepares `columns` (index column positions), in this order. Columns
    /// that cannot be sorted or are ready already are skipped.
    pub fn new(columns: &[usize]) -> SortPreparation {
        let mut queue = columns.to_vec();
        queue.reverse();
        SortPreparation {
            queue,
            current: None,
        }
    }

    /// Nothing left to prepare.
    pub fn is_done(&self) -> bool {
        self.queue.is_empty() && self.current.is_none()
    }

    /// The next [`step`](Self::step) builds a column's ranks, in one piece
    /// (a sort of the column's keys, longer than a step of keys): a page
    /// that yields between slices starts it in a fresh one.
    pub fn ranks_next(&self, index: &QueryIndex) -> bool {
        match &self.current {
            Some((_, _, next)) => *next == index.row_count,
            None => {
                self.queue.iter().rev().find_map(|&col| {
                    let spec = index.specs.get(col)?;
                    if spec.sort == SortKind::None || index.is_sort_ready(col) {
                        return None;
                    }
                    Some(index.sort[col].get().is_some())
                }) == Some(true)
            }
        }
    }

    /// Does one step for the index `index` of the table `source`: the keys
    /// of up to `rows` rows, or a column's ranks. Returns `true` once every
    /// column is ready. With a table of another number of rows than the
    /// index, nothing is prepared. Edits to the index between steps are
    /// not followed: start a new preparation after them.
    pub fn step(&mut self, index: &QueryIndex, source: &impl CellSource, rows: usize) -> bool {
        if source.row_count() != index.row_count {
            *self = SortPreparation::default();
        }
        if let Some((col, mut keys, next)) = self.current.take() {
            // A sort of the column meanwhile built its own keys and ranks.
            if !index.is_sort_ready(col) {
                if next == index.row_count {
                    // The ranks, in a step of their own.
                    keys.ranks();
                    let _ = index.sort[col].set(keys);
                } else {
                    let end = (next + rows.max(1)).min(index.row_count);
                    let mut buffer = Vec::new();
                    keys.set_keys(source, col, next..end, &mut buffer);
                    self.current = Some((col, keys, end));
                }
            }
            return self.is_done();
        }
        while let Some(col) = self.queue.pop() {
            let Some(spec) = index.specs.get(col) else {
                continue;
            };
            if spec.sort == SortKind::None || index.is_sort_ready(col) {
                continue;
            }
            match index.sort[col].get() {
                // Number and date keys are there: their ranks only.
                Some(keys) => {
                    keys.ranks();
                }
                None => {
                    let keys = SortColumn::new(spec.sort, index.row_count);
                    self.current = Some((col, keys, 0));
                    // Its first keys in this step.
                    return self.step(index, source, rows);
                }
            }
            break;
        }
        self.is_done()
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

    fn prepared(specs: &[ColumnSpec], table: &RowTable, rows: usize) -> QueryIndex {
        let index = QueryIndex::build(specs.to_vec(), table);
        let mut preparation = SortPreparation::new(&[2, 0, 1, 7]);
        let mut steps = 0;
        while !preparation.step(&index, table, rows) {
            steps += 1;
            assert!(steps <= table.rows.len() + 10, "{steps} steps");
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
        for rows in [1, 333, 1_000_000] {
            let index = prepared(&specs, &table, rows);
            assert!(index.is_sort_ready(0) && index.is_sort_ready(1));
            assert!(!index.is_sort_ready(2));
            assert_eq!(format!("{index:?}"), expected, "{rows} rows a step");
        }
    }

    #[test]
    fn a_sort_before_the_column_is_ready_builds_it_and_the_preparation_goes_on() {
        let names: Vec<String> = (0..9_000).map(|i| format!("p{}", (i * 13) % 997)).collect();
        let numbers: Vec<Option<i64>> = (0..9_000).map(|i| Some(i % 17)).collect();
        let (specs, table) = table(&names, &numbers);
        let index = QueryIndex::build(specs.clone(), &table);
        let mut preparation = SortPreparation::new(&[0, 1]);
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
    fn the_ranks_come_in_a_step_announced_before() {
        let names: Vec<String> = (0..100).map(|i| format!("p{}", i % 7)).collect();
        let numbers: Vec<Option<i64>> = (0..100).map(|i| Some(i % 5)).collect();
        let (specs, table) = table(&names, &numbers);
        let index = QueryIndex::build(specs, &table);
        let mut preparation = SortPreparation::new(&[1, 0]);
        // The number column's keys are in the index: its ranks come first.
        assert!(preparation.ranks_next(&index));
        assert!(!preparation.step(&index, &table, 60));
        assert!(index.is_sort_ready(1));
        // Then the text column: keys in two steps, then its ranks.
        assert!(!preparation.ranks_next(&index));
        assert!(!preparation.step(&index, &table, 60));
        assert!(!preparation.ranks_next(&index));
        assert!(!preparation.step(&index, &table, 60));
        assert!(preparation.ranks_next(&index) && !index.is_sort_ready(0));
        assert!(preparation.step(&index, &table, 60));
        assert!(index.is_sort_ready(0) && !preparation.ranks_next(&index));
    }

    #[test]
    fn another_table_prepares_nothing() {
        let (specs, table) = table(&["b".into(), "a".into()], &[Some(1), None]);
        let index = QueryIndex::build(specs, &table);
        let (_, other) = self::table(&["a".into()], &[None]);
        let mut preparation = SortPreparation::new(&[0]);
        assert!(preparation.step(&index, &other, 10));
        assert!(!index.is_sort_ready(0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn stepped_keys_and_ranks_equal_the_first_sort_s(
            cells in proptest::collection::vec((0u8..40, proptest::option::of(-5i64..5)), 0..3_000),
            rows in 1usize..2_000,
        ) {
            let names: Vec<String> = cells.iter()
                .map(|(k, _)| if *k == 0 { String::new() } else { format!("n{k}") })
                .collect();
            let numbers: Vec<Option<i64>> = cells.iter().map(|(_, n)| *n).collect();
            let (specs, table) = table(&names, &numbers);
            let index = prepared(&specs, &table, rows);
            prop_assert_eq!(format!("{index:?}"), format!("{:?}", sorted_once(&specs, &table)));
        }
    }
}
