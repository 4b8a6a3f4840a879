//! The loaded dataset as the components see it: the table and schema parsed
//! by `vitrine-core`, the query index built from them, and the public fields.

use crate::attrs::Attrs;
use crate::i18n::Lang;
use crate::load::{Fetched, LoadError, Progress};
use crate::slices::{Slice, yield_now};
use std::borrow::Cow;
use vitrine_core::changeset::RowRef;
use vitrine_core::display::{CellDisplay, display_cell_in, value_label};
use vitrine_core::header_match::{HeaderMatch, header_match};
use vitrine_core::query::{
    IndexOptions, Query, QueryIndex, QueryResult, SortPreparation, TableIndexer, TableSource,
    Window,
};
use vitrine_core::schema::Field;
use vitrine_core::table::Text;
use vitrine_core::untyped::text_schema;
use vitrine_core::{Schema, Table};

/// Rows indexed between two checks of the clock.
const ROWS_PER_STEP: usize = 200;
/// Search tokens whose postings are built between two checks of the clock.
const TOKENS_PER_STEP: usize = 2_000;
/// Rows keyed (or ranked) for a sort between two checks of the clock.
const SORT_ROWS_PER_STEP: usize = 1_024;

/// A loaded dataset. It is immutable once loaded, so two handles are equal
/// exactly when they are the same load (identity, not a deep comparison).
#[derive(Debug)]
pub struct Dataset {
    /// URL of the data, against which relative image URLs resolve.
    pub src: String,
    /// The dataset version edits are made against (server version, else a content hash).
    #[cfg_attr(not(feature = "edit"), allow(dead_code))]
    pub version: String,
    schema: Schema,
    table: Table,
    index: QueryIndex,
    /// Table column of each schema field.
    columns: Vec<Option<usize>>,
    /// Schema positions of the public fields, in schema order.
    public: Vec<usize>,
    header: HeaderMatch,
    /// The longest text of each field, measured once when an editor asks.
    #[cfg_attr(not(feature = "edit"), allow(dead_code))]
    longest: Vec<std::cell::OnceCell<usize>>,
    /// The row of each row key, built on the first look-up (reading every
    /// key decompresses the whole packed text: once, not on each render).
    keys: std::cell::OnceCell<rustc_hash::FxHashMap<Box<str>, u32>>,
    /// A result computed ahead (the first one, in its own task before the
    /// first render), taken by the run of the same query.
    ahead: std::cell::RefCell<Option<(Query, std::rc::Rc<QueryResult>)>>,
}

impl PartialEq for Dataset {
    fn eq(&self, other: &Dataset) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Comma-separated names of an attribute (`facets`, `search-fields`).
fn names(list: &Option<String>) -> Option<Vec<String>> {
    list.as_ref().map(|l| {
        l.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

/// How the table's columns match the schema; an error when none does.
fn checked_header(
    src: &str,
    schema: Option<&Schema>,
    table: &Table,
) -> Result<HeaderMatch, LoadError> {
    let Some(schema) = schema else {
        return Ok(HeaderMatch::default());
    };
    let header = header_match(schema, table.header());
    if !schema.fields.is_empty() && header.absent_fields.len() == schema.fields.len() {
        return Err(LoadError::Header {
            url: src.to_string(),
            found: header,
        });
    }
    Ok(header)
}

impl Dataset {
    /// Indexes a loaded table (in slices, reporting progress) and checks
    /// that its columns match the schema (the text schema of its header
    /// when none is given).
    pub async fn build(
        src: &str,
        schema: Option<Schema>,
        data: Fetched,
        attrs: &Attrs,
        on_progress: &dyn Fn(Progress),
    ) -> Result<Dataset, LoadError> {
        let Fetched { table, version } = data;
        let header = checked_header(src, schema.as_ref(), &table)?;
        let schema = schema.unwrap_or_else(|| text_schema(&table.header().to_vec()));
        let options = IndexOptions {
            facets: names(&attrs.facets),
            searchable: names(&attrs.search_fields),
        };
        let mut indexer = TableIndexer::new(&schema, &table, &options);
        loop {
            let slice = Slice::start();
            let mut done = false;
            while !done && !slice.is_over() {
                done = indexer.step(&schema, &table, ROWS_PER_STEP);
            }
            if done {
                break;
            }
            on_progress(Progress::Index {
                done: indexer.rows_done(),
                total: table.len(),
            });
            yield_now().await;
        }
        // Sorting the search tokens and building their postings, in slices.
        loop {
            let slice = Slice::start();
            let mut done = false;
            while !done && !slice.is_over() {
                done = indexer.finish_step(TOKENS_PER_STEP);
            }
            yield_now().await;
            if done {
                break;
            }
        }
        let index = indexer.finish();
        Ok(Dataset::assemble(
            src, version, schema, table, index, header,
        ))
    }

    /// The first rows of a file still loading, shown until the whole of it
    /// is read and indexed: no facets, search or sort; `None` when its columns
    /// do not match the schema (the full load reports it).
    pub fn preview(src: &str, schema: Option<Schema>, table: Table) -> Option<Dataset> {
        let header = checked_header(src, schema.as_ref(), &table).ok()?;
        let schema = schema.unwrap_or_else(|| text_schema(&table.header().to_vec()));
        // Nothing is queried: an index of no column.
        let index = QueryIndex::build(Vec::new(), &TableSource::new(&schema, &table, &[]));
        Some(Dataset::assemble(
            src,
            String::new(),
            schema,
            table,
            index,
            header,
        ))
    }

    fn assemble(
        src: &str,
        version: String,
        schema: Schema,
        table: Table,
        index: QueryIndex,
        header: HeaderMatch,
    ) -> Dataset {
        let columns = schema
            .fields
            .iter()
            .map(|f| table.column(&f.name))
            .collect();
        let public = (0..schema.fields.len())
            .filter(|&i| !schema.fields[i].is_restricted())
            .collect();
        let longest = vec![std::cell::OnceCell::new(); schema.fields.len()];
        Dataset {
            version,
            src: src.to_string(),
            schema,
            table,
            index,
            columns,
            public,
            longest,
            header,
            keys: Default::default(),
            ahead: Default::default(),
        }
    }

    /// How the data's columns differ from the schema's fields.
    pub fn header_match(&self) -> &HeaderMatch {
        &self.header
    }

    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Schema positions of the fields readers may see.
    pub fn public_fields(&self) -> &[usize] {
        &self.public
    }

    pub fn field(&self, field: usize) -> &Field {
        &self.schema.fields[field]
    }

    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.schema
            .field_index(name)
            .filter(|&i| !self.schema.fields[i].is_restricted())
    }

    /// A field's title in the interface language.
    pub fn title(&self, field: usize, lang: Lang) -> &str {
        self.schema.fields[field].title_in(lang.code())
    }

    /// How an enum value or a list item of the field named `name` is shown
    /// (decided by `vitrine-core`): its label, a typed item (a date…)
    /// written for the interface language, or the value.
    pub fn label<'a>(&'a self, name: &str, value: &'a str, lang: Lang) -> Cow<'a, str> {
        match self.schema.field(name) {
            Some(f) => value_label(f, value, lang.code(), lang.locale()),
            None => Cow::Borrowed(value),
        }
    }

    /// The original text of a cell ("" when the data lacks the column);
    /// it reads as a `&str` (the table keeps its text packed).
    pub fn text(&self, row: u32, field: usize) -> Text<'_> {
        self.columns
            .get(field)
            .copied()
            .flatten()
            .and_then(|c| self.table.cell(row as usize, c))
            .unwrap_or_default()
    }

    /// How `text` (the cell's or an edited value) is shown in field
    /// `field` (decided by `vitrine-core`), numbers and dates written for
    /// the interface language.
    pub fn display_text(&self, field: usize, text: &str, lang: Lang) -> CellDisplay {
        display_cell_in(&self.schema, field, text, lang.locale())
    }

    /// The row's reference in changesets (primary key, else file position).
    pub fn row_ref(&self, row: u32) -> RowRef {
        RowRef::of_row(&self.schema, &self.table, row as usize)
    }

    /// The longest text of a field in the data, in characters (scanned
    /// once per field: editors ask on every render).
    #[cfg(feature = "edit")]
    pub fn longest(&self, field: usize) -> usize {
        *self.longest[field].get_or_init(|| {
            (0..self.table.len() as u32)
                .map(|r| self.text(r, field).chars().count())
                .max()
                .unwrap_or(0)
        })
    }

    /// The row's identity in links: its primary key, else its line position.
    pub fn row_key(&self, row: u32) -> String {
        let key: Vec<Text<'_>> = self
            .schema
            .primary_key
            .iter()
            .filter_map(|name| self.schema.field_index(name))
            .map(|f| self.text(row, f))
            .collect();
        if key.is_empty() {
            (row + 1).to_string()
        } else {
            let key: Vec<&str> = key.iter().map(|k| k.as_str()).collect();
            key.join("|")
        }
    }

    /// The row whose key is `key` (the first one, when keys repeat).
    pub fn row_of_key(&self, key: &str) -> Option<u32> {
        let keys = self.keys.get_or_init(|| {
            let mut keys = rustc_hash::FxHashMap::default();
            for r in (0..self.table.len() as u32).rev() {
                keys.insert(self.row_key(r).into_boxed_str(), r);
            }
            keys
        });
        keys.get(key).copied()
    }

    /// Facet counts and every matching row, in sort order.
    pub fn run(&self, query: &Query) -> std::rc::Rc<QueryResult> {
        let mut ahead = self.ahead.borrow_mut();
        if let Some((done, result)) = ahead.take()
            && done == *query
        {
            return result;
        }
        let source = self.source();
        std::rc::Rc::new(
            self.index
                .execute(&query.set_window(Window::all()), &source),
        )
    }

    /// The preparation of the sorts of `fields` (schema positions, in
    /// order), ahead of a first sort by them.
    pub fn sort_preparation(&self, fields: &[usize]) -> SortPreparation {
        SortPreparation::new(fields)
    }

    /// The cells as the index reads them. Typed values are cast a whole
    /// column at a time on first use: keep one for a series of slices.
    pub fn source(&self) -> TableSource<'_> {
        TableSource::new(&self.schema, &self.table, self.index.specs())
    }

    /// Prepares sorts until the slice is over; `true` once every field of
    /// `preparation` is ready. `source` is this dataset's [`source`](Self::source).
    pub fn prepare_sorts(
        &self,
        preparation: &mut SortPreparation,
        source: &TableSource<'_>,
        slice: &Slice,
    ) -> bool {
        let mut done = preparation.is_done();
        let mut first = true;
        // A column's ranks (one longer step) only at the start of a slice.
        while !done && !slice.is_over() && (first || !preparation.ranks_next(&self.index)) {
            done = preparation.step(&self.index, source, SORT_ROWS_PER_STEP);
            first = false;
        }
        done
    }

    /// Computes the result of `query` now, for the next [`run`](Self::run)
    /// of it (the first render then only renders).
    pub fn run_ahead(&self, query: &Query) {
        let result = self.run(query);
        *self.ahead.borrow_mut() = Some((query.clone(), result));
    }
}
