//! Loading CSV (dialects, quoting, blank lines) and writing it back.

use vitrine_core::{CsvOptions, LineTerminator, LoadError, load_csv, write_csv};

fn load(bytes: &[u8]) -> vitrine_core::Table {
    load_csv(bytes, CsvOptions::default()).expect("loads")
}

#[test]
fn sniffs_semicolons_tabs_and_pipes() {
    for (d, text) in [
        (b';', "a;b;c\n1;\"x;y\";3\n"),
        (b'\t', "a\tb\n1,5\t2\n"),
        (b'|', "a|b\n1|2\n"),
        (b',', "a,b\n\"1;2\",3\n"),
    ] {
        let t = load(text.as_bytes());
        assert_eq!(t.dialect.delimiter, d, "{text:?}");
        assert!(t.header().len() >= 2);
    }
}

#[test]
fn delimiter_can_be_forced() {
    let t = load_csv(
        b"a;b,c\n1;2,3\n",
        CsvOptions {
            delimiter: Some(b','),
        },
    )
    .unwrap();
    assert_eq!(t.header().to_vec(), vec!["a;b", "c"]);
}

#[test]
fn bom_crlf_quotes_and_multiline_cells() {
    let bytes =
        "\u{feff}nom,desc\r\n\"Dupont, Jean\",\"ligne 1\r\nligne 2 \"\"citée\"\"\"\r\nÉlise,é\r\n"
            .as_bytes();
    let t = load(bytes);
    assert!(t.dialect.bom);
    assert_eq!(t.dialect.terminator, LineTerminator::CrLf);
    assert_eq!(t.header().to_vec(), vec!["nom", "desc"]);
    assert_eq!(t.cell(0, 0).as_deref(), Some("Dupont, Jean"));
    assert_eq!(
        t.cell(0, 1).as_deref(),
        Some("ligne 1\r\nligne 2 \"citée\"")
    );
    assert_eq!(t.cell(1, 0).as_deref(), Some("Élise"));
    assert_eq!(write_csv(&t), bytes);
}

#[test]
fn empty_lines_are_blank_rows_like_frictionless() {
    let bytes = b"a,b\n1,2\n\n3,4\n\n\n";
    let t = load(bytes);
    // Rows: "1,2", "", "3,4", "", "" — the final newline ends "3,4" and each
    // further newline is one blank row, as Python's csv module reads it.
    let widths: Vec<usize> = t.rows().iter().map(|r| r.len()).collect();
    assert_eq!(widths, vec![2, 0, 2, 0, 0]);
    assert_eq!(write_csv(&t), bytes);
}

#[test]
fn only_edited_rows_are_reserialized() {
    let bytes = b"a;b\n\"1\";\"x\"\n2;y\n\"3\";z";
    let mut t = load(bytes);
    t.set_cell(1, 1, "nouveau; texte");
    assert_eq!(
        write_csv(&t),
        b"a;b\n\"1\";\"x\"\n2;\"nouveau; texte\"\n\"3\";z".to_vec()
    );
    t.push_row(&["4", "w"]);
    assert_eq!(
        write_csv(&t),
        b"a;b\n\"1\";\"x\"\n2;\"nouveau; texte\"\n\"3\";z\n4;w".to_vec()
    );
}

#[test]
fn bad_bytes_give_positions() {
    assert_eq!(
        load_csv(b"a,b\n1,\xff\n", CsvOptions::default()).unwrap_err(),
        LoadError::InvalidUtf8 { byte: 6, line: 2 }
    );
    assert!(matches!(
        load_csv(b"a,b\n\x00\x01", CsvOptions::default()),
        Err(LoadError::Binary { byte: 4, line: 2 })
    ));
    assert_eq!(
        load_csv(b"a,b\n1,\"2\n3,4\n", CsvOptions::default()).unwrap_err(),
        LoadError::UnclosedQuote { line: 2, byte: 4 }
    );
}

#[test]
fn ragged_rows_load_as_they_are() {
    let t = load(b"a,b\n1\n1,2,3\n");
    assert_eq!(t.row(0).unwrap().len(), 1);
    assert_eq!(t.row(1).unwrap().len(), 3);
}
