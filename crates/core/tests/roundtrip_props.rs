//! Property tests: parse → write → parse is lossless, untouched rows are
//! byte-identical, and any bytes that load are written back unchanged.

use proptest::prelude::*;
use vitrine_core::table::Dialect;
use vitrine_core::{CsvOptions, LineTerminator, Row, Table, load_csv, write_csv};

/// Cell text full of the characters CSV must escape, plus non-ASCII.
fn cell() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::char::range('a', 'z'),
            1 => Just(','), 1 => Just(';'), 1 => Just('\t'), 1 => Just('|'),
            1 => Just('"'), 1 => Just('\n'), 1 => Just('\r'), 1 => Just(' '),
            1 => Just('é'), 1 => Just('€'), 1 => Just('日'), 1 => Just('🦀'),
        ],
        0..8,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn rows(width: usize) -> impl Strategy<Value = Vec<Vec<String>>> {
    proptest::collection::vec(proptest::collection::vec(cell(), width..=width), 0..12)
}

fn table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>, Dialect)> {
    (1usize..6)
        .prop_flat_map(|w| (proptest::collection::vec(cell(), w..=w), rows(w)))
        .prop_flat_map(|(h, r)| {
            let dialect = (
                prop_oneof![Just(b','), Just(b';'), Just(b'\t'), Just(b'|')],
                prop_oneof![Just(LineTerminator::Lf), Just(LineTerminator::CrLf)],
                any::<bool>(),
            )
                .prop_map(|(delimiter, terminator, bom)| Dialect {
                    delimiter,
                    quote: b'"',
                    terminator,
                    bom,
                });
            (Just(h), Just(r), dialect)
        })
}

fn build(header: &[String], rows: &[Vec<String>], dialect: Dialect) -> Table {
    let mut t = Table::new(header, rows.iter().map(|r| Row::new(r)).collect());
    t.dialect = dialect;
    t
}

fn cells(t: &Table) -> (Vec<String>, Vec<Vec<String>>) {
    (
        t.header().to_vec(),
        t.rows().iter().map(Row::to_vec).collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn write_then_parse_is_lossless((header, rows, dialect) in table()) {
        let bytes = write_csv(&build(&header, &rows, dialect));
        let parsed = load_csv(&bytes, CsvOptions { delimiter: Some(dialect.delimiter) }).unwrap();
        prop_assert_eq!(cells(&parsed), (header, rows));
        prop_assert_eq!(parsed.dialect.bom, dialect.bom);
        // Untouched, the parsed table is written back byte for byte.
        prop_assert_eq!(write_csv(&parsed), bytes);
    }

    #[test]
    fn editing_one_row_leaves_the_others_byte_identical(
        (header, rows, dialect) in table(),
        pick in any::<prop::sample::Index>(),
        new_text in cell(),
    ) {
        prop_assume!(!rows.is_empty());
        let original = write_csv(&build(&header, &rows, dialect));
        let mut parsed = load_csv(&original, CsvOptions { delimiter: Some(dialect.delimiter) }).unwrap();
        let i = pick.index(rows.len());
        parsed.set_cell(i, 0, &new_text);
        let edited = write_csv(&parsed);
        // Same bytes before the edited row and after it.
        let mut expected_rows = rows.clone();
        expected_rows[i][0] = new_text.clone();
        let reference = write_csv(&build(&header, &expected_rows, dialect));
        prop_assert_eq!(&edited, &reference);
        let before = write_csv(&build(&header, &rows[..i], dialect));
        prop_assert!(edited.starts_with(&before));
        let reparsed = load_csv(&edited, CsvOptions { delimiter: Some(dialect.delimiter) }).unwrap();
        prop_assert_eq!(cells(&reparsed), (header, expected_rows));
    }

    #[test]
    fn any_text_that_loads_is_written_back_unchanged(text in "(\u{feff})?([a-c,;\"\r\n |\t]|é){0,60}") {
        if let Ok(t) = load_csv(text.as_bytes(), CsvOptions::default()) {
            prop_assert_eq!(write_csv(&t), text.as_bytes().to_vec());
        }
    }
}
