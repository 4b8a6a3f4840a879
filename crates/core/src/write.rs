//! Writing a table back to CSV: untouched rows are copied byte for byte from
//! the source; edited and new rows are serialized with the table's dialect.

use crate::table::{Dialect, Row, Table};

fn needs_quotes(cell: &str, dialect: &Dialect) -> bool {
    cell.bytes()
        .any(|b| b == dialect.delimiter || b == dialect.quote || b == b'\n' || b == b'\r')
}

/// Appends one row, quoting only the cells that need it.
pub fn write_row(out: &mut Vec<u8>, row: &Row, dialect: &Dialect) {
    let single_empty = row.len() == 1 && row.get(0).is_some_and(|c| c.is_empty());
    for (i, cell) in row.iter().enumerate() {
        if i > 0 {
            out.push(dialect.delimiter);
        }
        if single_empty || needs_quotes(&cell, dialect) {
            out.push(dialect.quote);
            for b in cell.bytes() {
                if b == dialect.quote {
                    out.push(b);
                }
                out.push(b);
            }
            out.push(dialect.quote);
        } else {
            out.extend_from_slice(cell.as_bytes());
        }
    }
}

fn ends_with_newline(out: &[u8]) -> bool {
    matches!(out.last(), Some(b'\n') | Some(b'\r'))
}

/// Serializes the table to CSV bytes. A table loaded from CSV and not edited
/// is returned exactly as it was read.
pub fn write_csv(table: &Table) -> Vec<u8> {
    let mut out = Vec::with_capacity(table.heap_size().max(1024));
    let dialect = &table.dialect;
    if dialect.bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let terminator = dialect.terminator.as_bytes();
    let total = table.rows.len() + 1;
    for (i, row) in std::iter::once(&table.header)
        .chain(table.rows.iter())
        .enumerate()
    {
        if !out.is_empty() && out.len() > 3 * usize::from(dialect.bom) && !ends_with_newline(&out) {
            out.extend_from_slice(terminator);
        }
        match row.raw_bytes() {
            Some(raw) => out.extend_from_slice(raw.as_bytes()),
            None => {
                write_row(&mut out, row, dialect);
                if i + 1 < total || table.final_newline {
                    out.extend_from_slice(terminator);
                }
            }
        }
    }
    out
}
