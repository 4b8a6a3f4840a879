//! A loaded table: header, rows of cell texts, and the original bytes so that
//! untouched rows are written back byte for byte.

mod block;
mod pack;
pub(crate) use pack::pack_block;
mod row;
mod text;
pub(crate) use block::Source;
pub use row::Row;
pub(crate) use row::{QUOTED, RowSpan};
pub use text::Text;

/// How lines end in a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineTerminator {
    #[default]
    Lf,
    CrLf,
    Cr,
}

impl LineTerminator {
    pub fn as_bytes(self) -> &'static [u8] {
        match self {
            LineTerminator::Lf => b"\n",
            LineTerminator::CrLf => b"\r\n",
            LineTerminator::Cr => b"\r",
        }
    }
}

/// The CSV dialect of a file, detected on load and reused on write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// `,` `;` tab or `|` (any byte when given explicitly).
    pub delimiter: u8,
    pub quote: u8,
    pub terminator: LineTerminator,
    /// The file started with a UTF-8 byte order mark.
    pub bom: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect {
            delimiter: b',',
            quote: b'"',
            terminator: LineTerminator::Lf,
            bom: false,
        }
    }
}

/// A table read from CSV or JSON.
///
/// Row `i` (0-based) is reported as frictionless row number `i + 2`: the
/// header is row 1, and empty lines count as (blank) rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub dialect: Dialect,
    pub(crate) header: Row,
    pub(crate) rows: Vec<Row>,
    /// The source ended with a line terminator.
    pub(crate) final_newline: bool,
}

impl Table {
    /// A table built in memory (written with the default dialect).
    pub fn new<S: AsRef<str>>(header: &[S], rows: Vec<Row>) -> Table {
        Table {
            header: Row::new(header),
            rows,
            final_newline: true,
            ..Table::default()
        }
    }

    /// The header labels.
    pub fn header(&self) -> &Row {
        &self.header
    }

    /// The data rows (header excluded).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn row(&self, i: usize) -> Option<&Row> {
        self.rows.get(i)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The column whose header label is `label`.
    pub fn column(&self, label: &str) -> Option<usize> {
        self.header.iter().position(|l| l == label)
    }

    /// The text of one cell (`None` when the row is shorter).
    pub fn cell(&self, row: usize, col: usize) -> Option<Text<'_>> {
        self.rows.get(row)?.get(col)
    }

    /// Replaces one cell's text; the row will be re-serialized on write.
    pub fn set_cell(&mut self, row: usize, col: usize, text: &str) -> bool {
        match self.rows.get_mut(row) {
            Some(r) => {
                r.set(col, text);
                true
            }
            None => false,
        }
    }

    /// Replaces a whole row.
    pub fn set_row(&mut self, row: usize, cells: &[&str]) -> bool {
        match self.rows.get_mut(row) {
            Some(r) => {
                let line = r.line;
                *r = Row::new(cells);
                r.line = line;
                true
            }
            None => false,
        }
    }

    /// Appends a row.
    pub fn push_row<S: AsRef<str>>(&mut self, cells: &[S]) {
        self.rows.push(Row::new(cells));
    }

    /// Removes a row (other rows keep their original bytes).
    pub fn remove_row(&mut self, row: usize) -> Option<Row> {
        (row < self.rows.len()).then(|| self.rows.remove(row))
    }

    /// A copy with only the given columns, in that order (all rows re-serialized on write).
    pub fn select_columns(&self, columns: &[usize]) -> Table {
        let pick = |r: &Row| {
            let cells: Vec<Text<'_>> = columns.iter().filter_map(|&c| r.get(c)).collect();
            let mut row = Row::new(&cells);
            row.line = r.line;
            row
        };
        Table {
            dialect: self.dialect,
            header: pick(&self.header),
            rows: self.rows.iter().map(pick).collect(),
            final_newline: self.final_newline,
        }
    }

    /// Bytes the table holds on the heap: the sources its rows were read
    /// from (each counted once, allocated capacity), the rows themselves,
    /// their cell ends and the texts they own. The schema, indexes and
    /// anything shared outside the table are not counted.
    pub fn heap_size(&self) -> usize {
        let mut blocks: Vec<&block::Block> = Vec::new();
        let mut bytes = self.rows.capacity() * size_of::<Row>();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            bytes += row.heap_size();
            if let Some(block) = row.source()
                && !blocks.last().is_some_and(|b| b.same(block))
                && !blocks.iter().any(|b| b.same(block))
            {
                blocks.push(block);
                bytes += block.heap_size();
            }
        }
        bytes
    }

    /// A copy without the columns of the schema's restricted fields.
    pub fn without_restricted(&self, schema: &crate::Schema) -> Table {
        let keep: Vec<usize> = (0..self.header.len())
            .filter(|&c| {
                let label = self.header.get_plain(c).unwrap_or("");
                !schema.field(label).is_some_and(|f| f.is_restricted())
            })
            .collect();
        self.select_columns(&keep)
    }
}
