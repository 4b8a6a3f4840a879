//! A table whose rows' text is packed reads, edits, validates and writes
//! back exactly as the same table held as it is.

use proptest::prelude::*;
use vitrine_core::query::{IndexOptions, Query, QueryIndex, TableSource};
use vitrine_core::{CsvOptions, Schema, Table, load_csv, validate, write_csv};

/// Every cell, the header and the bytes written back are the same.
fn assert_same(plain: &Table, packed: &Table) {
    assert_eq!(plain.header(), packed.header());
    assert_eq!(plain.len(), packed.len());
    for (a, b) in plain.rows().iter().zip(packed.rows()) {
        assert_eq!(a, b);
        assert_eq!(a.to_vec(), b.to_vec());
        for i in 0..a.len() + 1 {
            assert_eq!(a.get(i).as_deref(), b.get(i).as_deref());
        }
    }
    assert_eq!(write_csv(plain), write_csv(packed), "written back");
}

/// A CSV file of `rows` rows of a few hundred bytes (several packed
/// blocks); one row in ten has a doubled quote (and owns its text).
fn file(rows: usize) -> String {
    let mut out = String::from("id,nom,texte\n");
    for i in 0..rows {
        let quote = if i % 10 == 0 { "\"\"" } else { "" };
        out.push_str(&format!(
            "{i},Projet n°{i},\"Texte {i}, {quote}cité{quote}\navec {} mots\"\n\n",
            "des ".repeat(i % 90)
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn any_table_reads_and_writes_back_the_same_packed(
        body in proptest::collection::vec(
            prop::sample::select(b"ab,;\"\r\n \xc3\xa9".to_vec()), 0..300),
        repeat in 1usize..400,
    ) {
        let mut bytes = body.clone();
        // Repeated, the text spans several packed blocks.
        for _ in 1..repeat {
            bytes.extend_from_slice(&body);
        }
        let Ok(plain) = load_csv(&bytes, CsvOptions::default()) else {
            return Ok(());
        };
        let mut packed = plain.clone();
        packed.pack();
        prop_assert!(packed.is_packed());
        assert_same(&plain, &packed);
        assert_same(&plain, &packed.unpacked());
    }

    #[test]
    fn edits_after_packing_are_the_edits_of_the_plain_table(
        edits in proptest::collection::vec((0usize..300, 0usize..4, "[a-zé,\"\n]{0,8}"), 0..20),
        removed in proptest::collection::vec(0usize..300, 0..5),
    ) {
        let mut plain = load_csv(file(300).as_bytes(), CsvOptions::default()).unwrap();
        let mut packed = plain.clone();
        packed.pack();
        for (row, col, text) in &edits {
            prop_assert_eq!(plain.set_cell(*row, *col, text), packed.set_cell(*row, *col, text));
        }
        for &row in &removed {
            prop_assert_eq!(plain.remove_row(row).is_some(), packed.remove_row(row).is_some());
        }
        plain.push_row(&["new", "ligne", "ajoutée"]);
        packed.push_row(&["new", "ligne", "ajoutée"]);
        assert_same(&plain, &packed);
    }
}

#[test]
fn a_packed_table_is_smaller_and_its_header_stays_plain() {
    let plain = load_csv(file(3000).as_bytes(), CsvOptions::default()).unwrap();
    let mut packed = plain.clone();
    packed.pack();
    assert!(
        packed.heap_size() * 2 < plain.heap_size(),
        "{} vs {}",
        packed.heap_size(),
        plain.heap_size()
    );
    assert_eq!(packed.header().to_vec(), ["id", "nom", "texte"]);
    assert_same(&plain, &packed);
}

#[test]
fn a_packed_table_validates_and_queries_as_the_plain_one() {
    let schema = Schema::from_json(
        r#"{"fields":[{"name":"id","type":"integer","constraints":{"unique":true}},
        {"name":"nom","type":"string"},{"name":"texte","type":"string"}]}"#,
    )
    .unwrap();
    let mut bytes = file(2000);
    bytes.push_str("7,doublon,x\n");
    let plain = load_csv(bytes.as_bytes(), CsvOptions::default()).unwrap();
    let mut packed = plain.clone();
    packed.pack();
    let report = validate(&schema, &plain);
    assert!(!report.errors.is_empty());
    assert_eq!(report.errors, validate(&schema, &packed).errors);

    let options = IndexOptions::default();
    let query = Query::default()
        .set_search("cité mots")
        .sort_by("nom", false);
    let results: Vec<Vec<u32>> = [&plain, &packed]
        .iter()
        .map(|table| {
            let index = QueryIndex::from_table(&schema, table, &options);
            let source = TableSource::new(&schema, table, index.specs());
            index.matching_rows(&query, &source)
        })
        .collect();
    assert!(!results[0].is_empty());
    assert_eq!(results[0], results[1]);
}
