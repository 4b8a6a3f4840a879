//! Every query result (count, ordered window, facet counts) equals the one
//! of a naive scan-filter-sort implementation, on random tables and queries,
//! including after in-place row edits.

use std::cmp::Ordering;

use proptest::prelude::*;
use vitrine_core::query::{
    Cell, ColumnSpec, FacetValueCount, Query, QueryIndex, QueryIndexBuilder, RowTable, SortKey,
    SortKind, Window, collation_key, tokens,
};
use vitrine_core::value::{Date, Value};

const THEMES: [&str; 4] = ["Eau", "Mobilité", "Déchets", "École"];
const AUDIENCES: [&str; 3] = ["agent", "élu", "grand public"];
const WORDS: [&str; 11] = [
    "\u{1}",
    "eau",
    "Eaux",
    "transport",
    "Transports",
    "école",
    "ecoles",
    "lot 2",
    "lot 10",
    "déchets",
    "",
];

fn specs() -> Vec<ColumnSpec> {
    vec![
        // Searched too: its cells are told apart by their facet value.
        ColumnSpec::single_facet(
            "theme",
            vec!["Eau".into(), "Mobilité".into(), "Absent".into()],
        )
        .searchable(true),
        ColumnSpec::multi_facet(
            "audience",
            AUDIENCES.iter().map(|s| s.to_string()).collect(),
        ),
        ColumnSpec::text("nom"),
        ColumnSpec::text("description"),
        ColumnSpec::typed("budget", SortKind::Number),
        ColumnSpec::typed("date", SortKind::Temporal),
    ]
}

fn cell_theme() -> impl Strategy<Value = (String, Value)> {
    prop_oneof![
        1 => Just((String::new(), Value::Null)),
        // A missing value: no facet value, but searched as text.
        1 => Just(("NA".to_owned(), Value::Null)),
        4 => prop::sample::select(THEMES.to_vec()).prop_map(|t| (t.to_string(), Value::String(t.to_string()))),
        1 => prop::sample::select(THEMES.to_vec()).prop_map(|t| (format!(" {t}\u{a0}"), Value::String(t.to_string()))),
    ]
}

fn cell_audience() -> impl Strategy<Value = (String, Value)> {
    prop::sample::subsequence(AUDIENCES.to_vec(), 0..=3).prop_map(|items| {
        let value = if items.is_empty() {
            Value::Null
        } else {
            Value::List(items.iter().map(|s| Value::String(s.to_string())).collect())
        };
        (items.join(","), value)
    })
}

fn cell_text() -> impl Strategy<Value = (String, Value)> {
    prop::collection::vec(prop::sample::select(WORDS.to_vec()), 0..4).prop_map(|ws| {
        let text = ws.join(" ");
        let value = if text.trim().is_empty() {
            Value::Null
        } else {
            Value::String(text.clone())
        };
        (text, value)
    })
}

fn cell_budget() -> impl Strategy<Value = (String, Value)> {
    prop_oneof![
        1 => Just((String::new(), Value::Null)),
        3 => (-5i64..5).prop_map(|n| (n.to_string(), Value::Integer(n))),
        1 => (-5.0f64..5.0).prop_map(|n| (n.to_string(), Value::Number(n))),
    ]
}

fn cell_date() -> impl Strategy<Value = (String, Value)> {
    prop_oneof![
        1 => Just((String::new(), Value::Null)),
        4 => (2022i32..2025, prop::option::of(1u8..3), prop::option::of(1u8..3)).prop_map(|(year, month, day)| {
            let day = month.and(day);
            (format!("{year}-{month:?}-{day:?}"), Value::Date(Date { year, month, day }))
        }),
    ]
}

fn row() -> impl Strategy<Value = Vec<(String, Value)>> {
    (
        cell_theme(),
        cell_audience(),
        cell_text(),
        cell_text(),
        cell_budget(),
        cell_date(),
    )
        .prop_map(|(a, b, c, d, e, f)| vec![a, b, c, d, e, f])
}

fn query() -> impl Strategy<Value = Query> {
    let fields = ["theme", "audience", "nom", "budget", "date", "inconnu"];
    let values: Vec<&str> = THEMES
        .iter()
        .chain(&AUDIENCES)
        .copied()
        .chain(["Absent", "Autre"])
        .collect();
    (
        prop::collection::btree_map(
            prop::sample::select(vec!["theme", "audience", "nom"]),
            prop::sample::subsequence(values, 1..3),
            0..3,
        ),
        prop::collection::vec(
            prop::sample::select(vec![
                "ea", "eau", "TRANSP", "éco", "lot 1", "d", "zz", "x", "na", "mob",
            ]),
            0..3,
        ),
        prop::collection::vec((prop::sample::select(fields.to_vec()), any::<bool>()), 0..6),
        (0usize..30, 0usize..30),
    )
        .prop_map(|(filters, words, sort, (offset, limit))| Query {
            filters: filters
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.into_iter().map(str::to_string).collect()))
                .collect(),
            search: words.join(" "),
            sort: sort
                .into_iter()
                .map(|(f, descending)| SortKey {
                    field: f.to_string(),
                    descending,
                })
                .collect(),
            window: Window { offset, limit },
            ..Query::default()
        })
}

/// The naive implementation: scan every row, then sort with `Value::sort_cmp`.
struct Reference<'a> {
    rows: &'a [Vec<(String, Value)>],
}

impl Reference<'_> {
    fn facet_values(&self, row: usize, col: usize) -> Vec<String> {
        let (text, value) = &self.rows[row][col];
        match value {
            Value::Null => vec![],
            Value::List(items) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    _ => unreachable!(),
                })
                .collect(),
            _ => vec![text.trim().to_string()],
        }
    }

    fn matches_search(&self, row: usize, search: &str) -> bool {
        let row_tokens: Vec<String> = [0, 2, 3]
            .iter()
            .flat_map(|&c| tokens(&self.rows[row][c].0))
            .collect();
        tokens(search)
            .iter()
            .all(|w| row_tokens.iter().any(|t| t.starts_with(w.as_str())))
    }

    fn matches(&self, row: usize, q: &Query, except: Option<usize>) -> bool {
        for (field, selected) in &q.filters {
            let col = match field.as_str() {
                "theme" => 0,
                "audience" => 1,
                _ => continue, // not a facet: ignored
            };
            if Some(col) == except {
                continue;
            }
            if !self
                .facet_values(row, col)
                .iter()
                .any(|v| selected.contains(v))
            {
                return false;
            }
        }
        self.matches_search(row, &q.search)
    }

    fn cmp(&self, a: usize, b: usize, q: &Query) -> Ordering {
        let mut seen = vec![];
        for key in &q.sort {
            let col = match key.field.as_str() {
                "theme" => 0,
                "audience" => 1,
                "nom" => 2,
                "budget" => 4,
                "date" => 5,
                _ => continue,
            };
            if seen.contains(&col) {
                continue;
            }
            seen.push(col);
            let (ta, va) = &self.rows[a][col];
            let (tb, vb) = &self.rows[b][col];
            let ord = if col <= 2 {
                // A text with no visible character (empty collation key) is empty.
                let text_key = |t: &str, v: &Value| {
                    Some(collation_key(t))
                        .filter(|k| !v.is_null() && !t.trim().is_empty() && !k.is_empty())
                };
                let (ka, kb) = (text_key(ta, va), text_key(tb, vb));
                match (ka, kb) {
                    (None, None) => Ordering::Equal,
                    (None, _) => Ordering::Greater,
                    (_, None) => Ordering::Less,
                    (Some(x), Some(y)) => {
                        if key.descending {
                            y.cmp(&x)
                        } else {
                            x.cmp(&y)
                        }
                    }
                }
            } else {
                match (va.is_null(), vb.is_null()) {
                    (false, false) => {
                        if key.descending {
                            vb.sort_cmp(va)
                        } else {
                            va.sort_cmp(vb)
                        }
                    }
                    _ => va.sort_cmp(vb), // Null last either way
                }
            };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        a.cmp(&b)
    }

    fn facet_counts(&self, col: usize, values: &[String], q: &Query) -> Vec<u32> {
        values
            .iter()
            .map(|v| {
                (0..self.rows.len())
                    .filter(|&r| {
                        self.matches(r, q, Some(col)) && self.facet_values(r, col).contains(v)
                    })
                    .count() as u32
            })
            .collect()
    }
}

fn check(index: &QueryIndex, table: &RowTable, q: &Query) -> Result<(), TestCaseError> {
    let rows = &table.rows;
    let reference = Reference { rows };
    let result = index.execute(q, table);
    let mut expected: Vec<usize> = (0..rows.len())
        .filter(|&r| reference.matches(r, q, None))
        .collect();
    expected.sort_by(|&a, &b| reference.cmp(a, b, q));
    prop_assert_eq!(result.total, rows.len());
    prop_assert_eq!(result.matching, expected.len());
    let window: Vec<u32> = expected
        .iter()
        .skip(q.window.offset)
        .take(q.window.limit)
        .map(|&r| r as u32)
        .collect();
    prop_assert_eq!(&result.rows, &window);
    let all: Vec<u32> = expected.iter().map(|&r| r as u32).collect();
    prop_assert_eq!(index.matching_rows(q, table), all);
    prop_assert_eq!(result.facets.len(), 2);
    for (facet, col) in result.facets.iter().zip([0, 1]) {
        let values: Vec<String> = facet.values.iter().map(|v| v.value.clone()).collect();
        // Declared values come first, even when absent from the data.
        let declared: &[&str] = if col == 0 {
            &["Eau", "Mobilité", "Absent"]
        } else {
            &AUDIENCES
        };
        prop_assert_eq!(&values[..declared.len()], declared);
        let counts: Vec<u32> = facet
            .values
            .iter()
            .map(|v: &FacetValueCount| v.count)
            .collect();
        prop_assert_eq!(counts, reference.facet_counts(col, &values, q));
        for v in &facet.values {
            prop_assert_eq!(v.selected, q.is_selected(&facet.field, &v.value));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn engine_agrees_with_naive_scan(rows in prop::collection::vec(row(), 0..40), queries in prop::collection::vec(query(), 1..6)) {
        let table = RowTable { rows: rows.clone() };
        let index = QueryIndex::build(specs(), &table);
        for q in &queries {
            check(&index, &table, q)?;
        }
    }

    #[test]
    fn edits_and_additions_agree_with_a_rebuild(
        rows in prop::collection::vec(row(), 1..30),
        edits in prop::collection::vec((any::<prop::sample::Index>(), row()), 1..6),
        added in prop::collection::vec(row(), 0..3),
        q in query(),
    ) {
        let mut rows = rows;
        let mut index = QueryIndex::build(specs(), &RowTable { rows: rows.clone() });
        // Text sort keys and every column's ranks are built on first use:
        // build them before editing, so that edits must update them.
        let sorted = Query::default().sort_by("nom", false).sort_by("theme", true).sort_by("audience", true);
        index.execute(&sorted, &RowTable { rows: rows.clone() });
        let sorted = Query::default().sort_by("budget", false).sort_by("date", true).sort_by("description", true);
        index.execute(&sorted, &RowTable { rows: rows.clone() });
        for (at, new_row) in edits {
            let r = at.index(rows.len());
            let cells: Vec<Cell> = new_row.iter().map(|(t, v)| Cell { text: t, value: v }).collect();
            index.update_row(r as u32, &cells).unwrap();
            rows[r] = new_row.clone();
        }
        for new_row in added {
            let cells: Vec<Cell> = new_row.iter().map(|(t, v)| Cell { text: t, value: v }).collect();
            let id = index.push_row(&cells).unwrap();
            prop_assert_eq!(id as usize, rows.len());
            rows.push(new_row.clone());
        }
        check(&index, &RowTable { rows }, &q)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn building_in_slices_gives_the_same_index(
        rows in prop::collection::vec(row(), 0..40),
        slice in 1usize..10,
        expected in 0usize..50,
        q in query(),
    ) {
        let table = RowTable { rows: rows.clone() };
        let mut builder = QueryIndexBuilder::new(specs(), expected);
        while builder.rows_done() < rows.len() {
            let end = builder.rows_done() + slice;
            builder.add_rows(&table, end);
        }
        let index = builder.finish();
        prop_assert_eq!(index.row_count(), rows.len());
        check(&index, &table, &q)?;
    }
}

#[test]
fn bad_edits_are_reported() {
    let rows = vec![vec![(String::new(), Value::Null); 6]];
    let mut index = QueryIndex::build(specs(), &RowTable { rows });
    let null = Value::Null;
    let cell = Cell {
        text: "",
        value: &null,
    };
    assert!(index.update_row(1, &[cell; 6]).is_err());
    assert!(index.update_row(0, &[cell; 5]).is_err());
    assert!(index.push_row(&[cell; 7]).is_err());
    assert_eq!(index.row_count(), 1);
}
