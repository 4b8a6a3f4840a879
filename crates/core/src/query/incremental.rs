//! Indexing a loaded table a slice of rows at a time, so the page stays
//! responsive while a large file is indexed. The finished index is the one
//! [`QueryIndex::from_table`] builds.

use super::cast_memo::CastColumn;
use super::column::{Cell, CellSource, SortKind};
use super::from_table::{MISSING, PRESENT, column_specs};
use super::{IndexOptions, QueryIndex, QueryIndexBuilder};
use crate::schema::Schema;
use crate::table::{Table, Text};
use crate::value::Value;

/// A [`QueryIndex`] of a table, built in steps.
///
/// ```
/// use vitrine_core::query::{IndexOptions, TableIndexer};
/// use vitrine_core::{CsvOptions, Schema, load_csv};
/// let schema = Schema::from_json(r#"{"fields":[{"name":"nom","type":"string"}]}"#).unwrap();
/// let table = load_csv(b"nom\nA\nB\nC\n", CsvOptions::default()).unwrap();
/// let mut indexer = TableIndexer::new(&schema, &table, &IndexOptions::default());
/// while !indexer.step(&schema, &table, 2) {} // yield to the page between steps
/// while !indexer.finish_step(1_000) {} // here too
/// assert_eq!(indexer.finish().row_count(), 3);
/// ```
pub struct TableIndexer {
    builder: QueryIndexBuilder,
    /// Table column of each schema field.
    columns: Vec<Option<usize>>,
    /// Fields whose typed value the index reads (list facets, number and
    /// date sort keys); the others are only checked for missing values.
    needs_value: Vec<bool>,
    /// The typed values of the rows of the current step, by field.
    values: Vec<CastColumn>,
}

impl TableIndexer {
    pub fn new(schema: &Schema, table: &Table, options: &IndexOptions) -> TableIndexer {
        let specs = column_specs(schema, options);
        let needs_value = specs
            .iter()
            .map(|s| {
                s.facet.as_ref().is_some_and(|f| f.multi)
                    || matches!(s.sort, SortKind::Number | SortKind::Temporal)
            })
            .collect();
        TableIndexer {
            values: specs.iter().map(|_| CastColumn::default()).collect(),
            builder: QueryIndexBuilder::new(specs, table.len()),
            columns: schema
                .fields
                .iter()
                .map(|f| table.column(&f.name))
                .collect(),
            needs_value,
        }
    }

    /// Rows indexed so far.
    pub fn rows_done(&self) -> usize {
        self.builder.rows_done()
    }

    /// Indexes up to `rows` more rows of `table` (the one given to
    /// [`new`](Self::new)); returns `true` once every row is indexed.
    pub fn step(&mut self, schema: &Schema, table: &Table, rows: usize) -> bool {
        let start = self.builder.rows_done();
        let end = start.saturating_add(rows).min(table.len());
        for (field, values) in self.values.iter_mut().enumerate() {
            values.clear();
            if !self.needs_value[field] {
                continue;
            }
            let column = self.columns[field];
            for row in start..end {
                let text = column.and_then(|c| table.cell(row, c)).unwrap_or_default();
                values.push(&text, |text| {
                    schema.cast(field, text).unwrap_or(Value::Null)
                });
            }
        }
        let mut builder =
            std::mem::replace(&mut self.builder, QueryIndexBuilder::new(Vec::new(), 0));
        let slice = Slice {
            indexer: self,
            schema,
            table,
            start,
        };
        builder.add_rows(&slice, end);
        self.builder = builder;
        end >= table.len()
    }

    /// Does a part of [`finish`](Self::finish), about `tokens` units of
    /// work (sorting or merging `tokens` search tokens, or building the
    /// postings of up to `tokens` tokens); returns `true` once `finish` has
    /// nothing long left to do. Call after the last
    /// [`step`](Self::step).
    pub fn finish_step(&mut self, tokens: usize) -> bool {
        self.builder.finish_step(tokens)
    }

    /// The finished index (rows not yet indexed are left out).
    pub fn finish(self) -> QueryIndex {
        self.builder.finish()
    }

    fn text<'t>(&self, table: &'t Table, row: usize, field: usize) -> Text<'t> {
        self.columns[field]
            .and_then(|c| table.cell(row, c))
            .unwrap_or_default()
    }
}

/// The cells of rows `start..` of a table, typed values cast for the slice
/// (in the indexer).
struct Slice<'a> {
    indexer: &'a TableIndexer,
    schema: &'a Schema,
    table: &'a Table,
    start: usize,
}

impl CellSource for Slice<'_> {
    fn row_count(&self) -> usize {
        self.table.len()
    }

    fn with_text<R>(&self, row: usize, column: usize, f: impl FnOnce(&str) -> R) -> R {
        f(&self.indexer.text(self.table, row, column))
    }

    fn with_cell<R>(&self, row: usize, column: usize, f: impl FnOnce(Cell<'_>) -> R) -> R {
        let text = self.indexer.text(self.table, row, column);
        let value = if self.indexer.needs_value[column] {
            self.indexer.values[column].get(row - self.start)
        } else {
            let field = &self.schema.fields[column];
            if self
                .schema
                .missing_values_of(field)
                .iter()
                .any(|m| *m == *text)
            {
                &MISSING
            } else {
                &PRESENT
            }
        };
        f(Cell { text: &text, value })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CsvOptions, load_csv};

    #[test]
    fn the_index_built_in_steps_is_the_one_shot_index() {
        let schema = Schema::from_json(
            r#"{"fields":[
            {"name":"nom","type":"string"},
            {"name":"theme","type":"string","constraints":{"enum":["Eau","Mobilité"]}},
            {"name":"tags","type":"list","delimiter":";","vitrine:itemConstraints":{"enum":["a","b"]}},
            {"name":"budget","type":"number"},
            {"name":"quand","type":"string","vitrine:dateFormats":["%m/%Y"]}
            ],"missingValues":["","NA"]}"#,
        )
        .unwrap();
        let mut csv = String::from("nom,theme,tags,budget,quand\n");
        for i in 0..250 {
            let theme = ["Eau", "Mobilité", "NA", "Autre"][i % 4];
            csv.push_str(&format!(
                "Projet {i} école,{theme},a;b,{},{:02}/20{:02}\n",
                i * 37 % 101,
                i % 12 + 1,
                i % 30
            ));
        }
        let table = load_csv(csv.as_bytes(), CsvOptions::default()).unwrap();
        let options = IndexOptions::default();
        let whole = QueryIndex::from_table(&schema, &table, &options);
        for rows in [1, 7, 100, 1000] {
            let mut indexer = TableIndexer::new(&schema, &table, &options);
            let mut steps = 0;
            while !indexer.step(&schema, &table, rows) {
                steps += 1;
                assert!(indexer.rows_done() <= table.len());
            }
            assert_eq!(steps, (250usize).div_ceil(rows).saturating_sub(1));
            assert_eq!(
                format!("{:?}", indexer.finish()),
                format!("{whole:?}"),
                "{rows}"
            );
        }
        for tokens in [1, 3, 50, usize::MAX] {
            let mut indexer = TableIndexer::new(&schema, &table, &options);
            while !indexer.step(&schema, &table, 64) {}
            let mut steps = 0;
            while !indexer.finish_step(tokens) {
                steps += 1;
            }
            assert!(steps >= 1, "the tokens are sorted in a step of their own");
            assert_eq!(
                format!("{:?}", indexer.finish()),
                format!("{whole:?}"),
                "finished {tokens} tokens at a time"
            );
        }
    }
}
