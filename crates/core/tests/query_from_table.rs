//! The query index built from the IA catalogue's schema and sample data.

use vitrine_core::query::{IndexOptions, Query, QueryIndex, TableSource, column_specs, tokens};
use vitrine_core::{CsvOptions, Schema, Table, load_csv};

fn load() -> (Schema, Table) {
    let schema =
        Schema::from_json(include_str!("../../../schema/bibliotheque-ia.schema.json")).unwrap();
    let table = load_csv(
        include_bytes!("../../../data/projets.csv"),
        CsvOptions::default(),
    )
    .unwrap();
    (schema, table)
}

fn column(table: &Table, name: &str) -> Vec<String> {
    let c = table.column(name).unwrap();
    (0..table.len())
        .map(|r| table.cell(r, c).unwrap_or_default().to_string())
        .collect()
}

#[test]
fn defaults_follow_the_schema() {
    let (schema, _) = load();
    let specs = column_specs(&schema, &IndexOptions::default());
    let facets: Vec<&str> = specs
        .iter()
        .filter(|s| s.facet.is_some())
        .map(|s| s.name.as_str())
        .collect();
    for name in [
        "theme",
        "sous_theme",
        "audience_service",
        "coll_type",
        "projet_status",
        "type_algorithme",
        "mise_en_oeuvre",
    ] {
        assert!(facets.contains(&name), "{name} is a facet");
    }
    assert!(!facets.contains(&"nom_projet"));
    let multi: Vec<&str> = specs
        .iter()
        .filter(|s| s.facet.as_ref().is_some_and(|f| f.multi))
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(multi, ["sous_theme", "audience_service"]);
    let searched: Vec<&str> = specs
        .iter()
        .filter(|s| s.searchable)
        .map(|s| s.name.as_str())
        .collect();
    assert!(searched.contains(&"usage_description") && searched.contains(&"nom_projet"));
    for restricted in [
        "algorithme_description",
        "financement",
        "projet_contact",
        "nom_algorithme",
    ] {
        assert!(
            !searched.contains(&restricted),
            "{restricted} is restricted"
        );
    }
    assert!(!searched.contains(&"url_infos"), "URLs are not searched");
    let theme = specs.iter().find(|s| s.name == "theme").unwrap();
    assert_eq!(
        theme.facet.as_ref().unwrap().values.len(),
        schema
            .field("theme")
            .unwrap()
            .constraints
            .enum_raw
            .as_ref()
            .unwrap()
            .len()
    );
}

#[test]
fn options_choose_facets_and_searched_fields() {
    let (schema, table) = load();
    let options = IndexOptions {
        facets: Some(vec!["theme".into()]),
        searchable: Some(vec!["nom_algorithme".into()]),
    };
    let index = QueryIndex::from_table(&schema, &table, &options);
    let source = TableSource::new(&schema, &table, index.specs());
    assert_eq!(index.facet_fields().collect::<Vec<_>>(), ["theme"]);
    let names = column(&table, "nom_algorithme");
    let word = names[0].split_whitespace().next().unwrap();
    let result = index.execute(&Query::default().set_search(word), &source);
    let expected = names
        .iter()
        .filter(|n| {
            vitrine_core::query::tokens(n)
                .iter()
                .any(|t| t.starts_with(&vitrine_core::query::fold(word)))
        })
        .count();
    assert_eq!(result.matching, expected);
    assert!(expected > 0);
}

#[test]
fn facets_counts_search_and_sort_on_the_sample() {
    let (schema, table) = load();
    let index = QueryIndex::from_table(&schema, &table, &IndexOptions::default());
    let source = TableSource::new(&schema, &table, index.specs());
    assert_eq!(index.row_count(), table.len());

    let themes = column(&table, "theme");
    let q = Query::default().toggle_facet("theme", "Mobilités");
    let result = index.execute(&q, &source);
    assert_eq!(
        result.matching,
        themes.iter().filter(|t| *t == "Mobilités").count()
    );
    let theme_counts = result.facets.iter().find(|f| f.field == "theme").unwrap();
    let total: u32 = theme_counts.values.iter().map(|v| v.count).sum();
    assert_eq!(
        total as usize,
        table.len(),
        "the theme facet is counted without its own filter"
    );

    // List facet: "Agents" among the audience items.
    let audiences = column(&table, "audience_service");
    let agents = audiences
        .iter()
        .filter(|a| a.split('|').any(|i| i == "Agents"))
        .count();
    let q = Query::default().toggle_facet("audience_service", "Agents");
    assert_eq!(index.execute(&q, &source).matching, agents);

    // Restricted fields are not searched: a word found only in them finds nothing.
    let public_tokens: Vec<String> = index
        .specs()
        .iter()
        .filter(|s| s.searchable)
        .flat_map(|s| column(&table, &s.name))
        .flat_map(|text| tokens(&text))
        .collect();
    let secret = column(&table, "algorithme_operations")
        .iter()
        .flat_map(|text| tokens(text))
        .find(|w| w.len() > 4 && !public_tokens.iter().any(|t| t.starts_with(w.as_str())))
        .expect("a word used only in a restricted field");
    assert_eq!(
        index
            .execute(&Query::default().set_search(&secret), &source)
            .matching,
        0,
        "{secret}"
    );
    let public_word = &public_tokens[0];
    assert!(
        index
            .execute(&Query::default().set_search(public_word), &source)
            .matching
            > 0
    );

    // Partial dates (MM/AAAA and JJ/MM/AAAA) sort chronologically, empty last.
    let dates = column(&table, "projet_date");
    let order = index.matching_rows(&Query::default().sort_by("projet_date", false), &source);
    let key = |d: &str| -> (i32, u8, u8) {
        let p: Vec<&str> = d.split('/').collect();
        match p.len() {
            3 => (
                p[2].parse().unwrap(),
                p[1].parse().unwrap(),
                p[0].parse().unwrap(),
            ),
            2 => (p[1].parse().unwrap(), p[0].parse().unwrap(), 0),
            _ => (i32::MAX, 0, 0),
        }
    };
    let sorted: Vec<(i32, u8, u8)> = order.iter().map(|&r| key(&dates[r as usize])).collect();
    assert!(sorted.windows(2).all(|w| w[0] <= w[1]), "{sorted:?}");
}

#[test]
fn an_accepted_edit_is_reflected_without_rebuilding() {
    let (schema, mut table) = load();
    let mut index = QueryIndex::from_table(&schema, &table, &IndexOptions::default());
    let col = table.column("theme").unwrap();
    let before = index
        .execute(
            &Query::default().toggle_facet("theme", "Mobilités"),
            &TableSource::new(&schema, &table, index.specs()),
        )
        .matching;
    let row = (0..table.len())
        .find(|&r| table.cell(r, col).as_deref() != Some("Mobilités"))
        .unwrap();
    table.set_cell(row, col, "Mobilités");
    let name_col = table.column("nom_projet").unwrap();
    table.set_cell(row, name_col, "Zygomatique transhumance");
    index.refresh_row(&schema, &table, row).unwrap();
    let source = TableSource::new(&schema, &table, index.specs());
    let after = index.execute(
        &Query::default().toggle_facet("theme", "Mobilités"),
        &source,
    );
    assert_eq!(after.matching, before + 1);
    let found = index.execute(&Query::default().set_search("zygom transh"), &source);
    assert_eq!(found.rows, [row as u32]);
    let rebuilt = QueryIndex::from_table(&schema, &table, &IndexOptions::default());
    let q = Query::default()
        .toggle_facet("audience_service", "Agents")
        .sort_by("nom_projet", false)
        .set_window(vitrine_core::query::Window::all());
    assert_eq!(index.execute(&q, &source), rebuilt.execute(&q, &source));
}

/// A facet on a list of dates counts the dates under their ISO 8601 text,
/// which a reader can read and a URL can carry.
#[test]
fn list_of_dates_facets_on_iso_dates() {
    let schema = Schema::from_json(
        r#"{"fields": [
            {"name": "id", "type": "integer"},
            {"name": "jalons", "type": "list", "delimiter": ";", "itemType": "date"}
        ]}"#,
    )
    .unwrap();
    let table = load_csv(
        b"id,jalons\n1,2024-03-01;2024-06-15\n2,2024-03-01\n3,\n",
        CsvOptions::default(),
    )
    .unwrap();
    let options = IndexOptions {
        facets: Some(vec!["jalons".into()]),
        searchable: None,
    };
    let index = QueryIndex::from_table(&schema, &table, &options);
    let source = TableSource::new(&schema, &table, index.specs());
    let result = index.execute(&Query::default(), &source);
    let facet = result.facets.iter().find(|f| f.field == "jalons").unwrap();
    let mut counts: Vec<(&str, _)> = facet
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    counts.sort();
    assert_eq!(counts, [("2024-03-01", 2), ("2024-06-15", 1)]);
    let picked = index.execute(
        &Query::default().toggle_facet("jalons", "2024-06-15"),
        &source,
    );
    assert_eq!(picked.matching, 1);
}
