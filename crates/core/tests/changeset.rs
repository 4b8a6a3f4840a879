//! The changeset model: recording edits, merging, undo/redo, new rows,
//! serialisation, the wire form, and judging edited rows.

use proptest::prelude::*;
use vitrine_core::changeset::{
    Draft, EditHistory, EditedRow, InputKind, RowId, RowRef, date_hint, input_kind,
    introduced_errors, row_edit_errors,
};
use vitrine_core::{CsvOptions, Schema, Table, load_csv};

const SCHEMA: &str = r#"{
  "primaryKey": "id",
  "fields": [
    {"name": "id", "constraints": {"required": true}},
    {"name": "siret", "vitrine:siret": true},
    {"name": "statut", "constraints": {"required": true, "enum": ["En cours", "Abandonné"]}},
    {"name": "motif", "vitrine:requiredWhen": {"field": "statut", "in": ["Abandonné"]}},
    {"name": "debut", "vitrine:dateFormats": ["%d/%m/%Y", "%m/%Y"]},
    {"name": "publics", "type": "list", "delimiter": "|", "itemType": "string",
     "vitrine:itemConstraints": {"enum": ["Agents", "Usagers"]}},
    {"name": "contact", "format": "email"},
    {"name": "site", "format": "uri"},
    {"name": "budget", "type": "integer"},
    {"name": "note"}
  ]
}"#;

const DATA: &str = "id,siret,statut,motif,debut,publics,contact,site,budget,note\n\
a,21380412300015,En cours,,01/02/2023,Agents,x@y.fr,https://a.fr,10,\n\
b,21380412300015,En cours,,03/2022,Usagers,,,,\n\
c,123,En cours,,,Agents,,,,\n";

fn fixture() -> (Schema, Table) {
    (
        Schema::from_json(SCHEMA).unwrap(),
        load_csv(DATA.as_bytes(), CsvOptions::default()).unwrap(),
    )
}

fn key(k: &str) -> RowRef {
    RowRef::Key(k.into())
}

#[test]
fn edits_are_recorded_with_the_value_before() {
    let mut h = EditHistory::new();
    assert!(h.record(key("a"), "siret", "21380412300015", "123"));
    let e = &h.edits()[0];
    assert_eq!(
        (e.before.as_str(), e.after.as_str()),
        ("21380412300015", "123")
    );
    assert_eq!(h.value(&key("a"), "siret"), Some("123"));
    assert_eq!(h.value(&key("b"), "siret"), None);
    assert!(!h.record(key("a"), "note", "", ""), "no change, no step");
    assert!(h.can_undo() && !h.can_redo());
}

#[test]
fn two_edits_of_a_cell_merge_keeping_the_first_before() {
    let mut h = EditHistory::new();
    h.record(key("a"), "siret", "orig", "one");
    h.record(key("a"), "siret", "one", "two");
    assert_eq!(h.edits().len(), 1);
    assert_eq!(h.edits()[0].before, "orig");
    assert_eq!(h.edits()[0].after, "two");
    // Back to the original: the change disappears.
    h.record(key("a"), "siret", "two", "orig");
    assert!(h.is_empty());
    // Each step is still undoable.
    h.undo();
    assert_eq!(h.value(&key("a"), "siret"), Some("two"));
    h.undo();
    assert_eq!(h.value(&key("a"), "siret"), Some("one"));
    h.undo();
    assert!(h.is_empty());
    assert!(!h.can_undo());
}

#[test]
fn undo_and_redo_walk_the_steps_and_a_new_edit_drops_the_redo() {
    let mut h = EditHistory::new();
    h.record(key("a"), "note", "", "x");
    h.record(key("b"), "note", "", "y");
    assert_eq!(h.undo(), vec![(key("b"), "note".to_string())]);
    assert_eq!(h.value(&key("b"), "note"), None);
    h.redo();
    assert_eq!(h.value(&key("b"), "note"), Some("y"));
    h.undo();
    h.record(key("c"), "note", "", "z");
    assert!(!h.can_redo());
    assert!(h.redo().is_empty());
}

#[test]
fn a_new_row_is_one_step_and_reverts_are_undoable() {
    let mut h = EditHistory::new();
    let n = h.next_new_row();
    assert_eq!(n, 0);
    h.record_all(vec![
        (RowRef::New(n), "id".into(), String::new(), "d".into()),
        (
            RowRef::New(n),
            "statut".into(),
            String::new(),
            "En cours".into(),
        ),
    ]);
    assert_eq!(h.next_new_row(), 1);
    assert_eq!(h.row_edits(&RowRef::New(0)).count(), 2);
    h.undo();
    assert!(h.is_empty());
    assert_eq!(h.next_new_row(), 1, "a redoable new row keeps its number");
    h.redo();
    h.record(key("a"), "note", "", "x");
    assert!(h.revert(&key("a"), "note"));
    assert_eq!(h.value(&key("a"), "note"), None);
    h.undo();
    assert_eq!(h.value(&key("a"), "note"), Some("x"));
    assert!(h.revert_row(&RowRef::New(0)));
    assert_eq!(h.rows(), vec![&key("a")]);
}

#[test]
fn drafts_round_trip_through_json_and_make_the_documented_changeset() {
    let mut d = Draft {
        version: "a31d55f7fed96720".into(),
        message: " SIRET corrigé ".into(),
        name: "Camille".into(),
        consent: true,
        ..Draft::default()
    };
    d.history.record(key("a"), "siret", "21380412300015", "123");
    d.history.record(RowRef::New(0), "id", "", "d");
    d.history.record(key("b"), "note", "old", "");
    d.history.undo();
    d.history.record(key("b"), "note", "old", "");
    let back = Draft::from_json(&d.to_json()).unwrap();
    assert_eq!(back, d);
    assert_eq!(Draft::from_json("not json"), None);

    let cs = d.to_changeset();
    assert_eq!(cs.dataset_version, "a31d55f7fed96720");
    assert_eq!(cs.message, "SIRET corrigé");
    assert!(cs.consent);
    assert_eq!(cs.author.as_ref().unwrap().name.as_deref(), Some("Camille"));
    assert_eq!(cs.changes[0].row_id, Some(RowId::Key("a".into())));
    assert_eq!(cs.changes[0].before.as_deref(), Some("21380412300015"));
    assert_eq!(cs.changes[1].row_id, None);
    assert_eq!(cs.changes[1].new_row, Some(0));
    assert_eq!(cs.changes[1].before, None);
    assert_eq!(cs.changes[2].after, None, "an emptied cell is sent as null");
    let json = cs.to_json();
    assert!(
        json.contains("\"datasetVersion\":\"a31d55f7fed96720\""),
        "{json}"
    );
    assert!(json.contains("\"rowId\":null,\"newRow\":0"), "{json}");
}

#[test]
fn consent_is_needed_only_with_personal_data() {
    let mut d = Draft::default();
    assert!(d.consent_ok());
    d.email = "c@example.org".into();
    assert!(!d.consent_ok());
    d.consent = true;
    assert!(d.consent_ok());
    d.email.clear();
    assert!(
        !d.to_changeset().consent,
        "no personal data, no consent sent"
    );
}

#[test]
fn rows_are_referred_to_by_primary_key_or_position() {
    let (schema, table) = fixture();
    assert_eq!(RowRef::of_row(&schema, &table, 1), key("b"));
    assert_eq!(key("c").locate(&schema, &table), Some(2));
    assert_eq!(key("zz").locate(&schema, &table), None);
    let no_key = Schema::from_json(r#"{"fields": [{"name": "id"}]}"#).unwrap();
    assert_eq!(RowRef::of_row(&no_key, &table, 2), RowRef::Index(2));
    assert_eq!(RowRef::Index(2).locate(&no_key, &table), Some(2));
    assert_eq!(RowRef::Index(9).locate(&no_key, &table), None);
}

#[test]
fn only_errors_the_edits_introduce_count() {
    let (schema, table) = fixture();
    let mut h = EditHistory::new();
    // Row c already has a bad SIRET: editing its note is not at fault.
    h.record(key("c"), "note", "", "ok");
    assert!(row_edit_errors(&schema, &table, &h, &key("c"), "fr").is_empty());
    // A bad SIRET in row a is.
    h.record(key("a"), "siret", "21380412300015", "123");
    let errors = row_edit_errors(&schema, &table, &h, &key("a"), "fr");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field_name.as_deref(), Some("siret"));
    assert!(errors[0].message.contains("SIRET"), "{}", errors[0].message);
}

#[test]
fn cross_field_rules_see_the_edited_row() {
    let (schema, table) = fixture();
    let mut h = EditHistory::new();
    h.record(key("a"), "statut", "En cours", "Abandonné");
    let errors = row_edit_errors(&schema, &table, &h, &key("a"), "en");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field_name.as_deref(), Some("motif"));
    h.record(key("a"), "motif", "", "Budget coupé");
    assert!(row_edit_errors(&schema, &table, &h, &key("a"), "en").is_empty());
}

#[test]
fn a_new_row_is_judged_whole() {
    let (schema, table) = fixture();
    let mut h = EditHistory::new();
    h.record(RowRef::New(0), "note", "", "x");
    let errors = row_edit_errors(&schema, &table, &h, &RowRef::New(0), "fr");
    let fields: Vec<_> = errors
        .iter()
        .filter_map(|e| e.field_name.as_deref())
        .collect();
    assert_eq!(fields, ["id", "statut"]);
    let mut row = EditedRow::default();
    row.set("id", "z");
    row.set("statut", "En cours");
    assert!(introduced_errors(&schema, None, &row, "fr").is_empty());
}

#[test]
fn editors_follow_the_schema() {
    let (schema, _) = fixture();
    let kind = |name: &str, longest| input_kind(schema.field(name).unwrap(), longest);
    assert_eq!(
        kind("statut", 0),
        InputKind::Select(vec!["En cours".into(), "Abandonné".into()])
    );
    assert_eq!(
        kind("publics", 0),
        InputKind::MultiSelect {
            options: vec!["Agents".into(), "Usagers".into()],
            delimiter: "|".into()
        }
    );
    let InputKind::Date(patterns) = kind("debut", 0) else {
        panic!("a date input")
    };
    assert_eq!(date_hint(&patterns, "fr"), "JJ/MM/AAAA ou MM/AAAA");
    assert_eq!(date_hint(&patterns, "en"), "DD/MM/YYYY or MM/YYYY");
    assert_eq!(kind("contact", 0), InputKind::Email);
    assert_eq!(kind("site", 0), InputKind::Url);
    assert_eq!(kind("budget", 0), InputKind::Number);
    assert_eq!(kind("note", 10), InputKind::Text);
    assert_eq!(kind("note", 400), InputKind::TextArea);
}

/// An edit made by the editor in a random session.
#[derive(Debug, Clone)]
enum Op {
    Edit(usize, usize, u8),
    Undo,
    Redo,
    Revert(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..4usize, 0..3usize, 0..4u8).prop_map(|(r, f, v)| Op::Edit(r, f, v)),
        2 => Just(Op::Undo),
        1 => Just(Op::Redo),
        1 => (0..4usize, 0..3usize).prop_map(|(r, f)| Op::Revert(r, f)),
    ]
}

const FIELDS: [&str; 3] = ["x", "y", "z"];

fn original(r: usize, f: usize) -> String {
    format!("{r}{f}")
}

/// What the editor sees of every cell after the edits.
fn shown(h: &EditHistory, rows: &[RowRef]) -> Vec<String> {
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (f, field) in FIELDS.iter().enumerate() {
            out.push(
                h.value(row, field)
                    .map_or_else(|| original(r, f), str::to_string),
            );
        }
    }
    out
}

fn run(ops: &[Op], rows: &[RowRef], order: &[usize]) -> (EditHistory, Vec<Vec<String>>) {
    let mut h = EditHistory::new();
    let mut states = vec![shown(&h, rows)];
    for op in ops {
        match *op {
            Op::Edit(r, f, v) => {
                // The editor sees rows in `order`: position r is row order[r].
                let r = order[r];
                let value = if v == 0 {
                    original(r, f)
                } else {
                    format!("v{v}")
                };
                h.record(rows[r].clone(), FIELDS[f], &original(r, f), &value);
            }
            Op::Undo => {
                h.undo();
            }
            Op::Redo => {
                h.redo();
            }
            Op::Revert(r, f) => {
                h.revert(&rows[order[r]], FIELDS[f]);
            }
        }
        states.push(shown(&h, rows));
    }
    (h, states)
}

proptest! {
    /// Undoing every step gets back to the original data, whatever was done;
    /// redoing them all gets back to where the editor was.
    #[test]
    fn undo_all_then_redo_all(ops in prop::collection::vec(op(), 0..40)) {
        let rows: Vec<RowRef> = (0..4).map(|i| RowRef::Key(format!("k{i}"))).collect();
        let (mut h, states) = run(&ops, &rows, &[0, 1, 2, 3]);
        let end = states.last().unwrap().clone();
        let mut undone = 0;
        while h.can_undo() { h.undo(); undone += 1; }
        prop_assert_eq!(shown(&h, &rows), states[0].clone());
        prop_assert!(h.is_empty());
        for _ in 0..undone { h.redo(); }
        prop_assert_eq!(shown(&h, &rows), end);
    }

    /// No pending change keeps the original value, and each cell has at
    /// most one change whose `before` is the original.
    #[test]
    fn pending_changes_are_net(ops in prop::collection::vec(op(), 0..40)) {
        let rows: Vec<RowRef> = (0..4).map(|i| RowRef::Key(format!("k{i}"))).collect();
        let (h, _) = run(&ops, &rows, &[0, 1, 2, 3]);
        let mut seen = std::collections::HashSet::new();
        for e in h.edits() {
            prop_assert_ne!(&e.before, &e.after);
            prop_assert!(seen.insert((e.row.clone(), e.field.clone())));
            let RowRef::Key(k) = &e.row else { unreachable!() };
            let r: usize = k[1..].parse().unwrap();
            let f = FIELDS.iter().position(|x| *x == e.field).unwrap();
            prop_assert_eq!(&e.before, &original(r, f));
        }
    }

    /// The same edits made while the rows are shown in another order (sorted
    /// or filtered) give the same result, and undo reverts the same cells.
    #[test]
    fn undo_does_not_depend_on_row_order(
        ops in prop::collection::vec(op(), 0..30),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        undos in 0..10usize,
    ) {
        let rows: Vec<RowRef> = (0..4).map(|i| RowRef::Key(format!("k{i}"))).collect();
        // The editor's actions named by row identity, replayed in two orders.
        let by_identity: Vec<Op> = ops.iter().map(|op| match *op {
            Op::Edit(r, f, v) => Op::Edit(order[r], f, v),
            Op::Revert(r, f) => Op::Revert(order[r], f),
            ref other => other.clone(),
        }).collect();
        let (mut a, _) = run(&ops, &rows, &order);
        let (mut b, _) = run(&by_identity, &rows, &[0, 1, 2, 3]);
        for _ in 0..undos { a.undo(); b.undo(); }
        prop_assert_eq!(shown(&a, &rows), shown(&b, &rows));
    }

    /// A draft survives JSON (localStorage) unchanged, undo stack included.
    #[test]
    fn drafts_round_trip(ops in prop::collection::vec(op(), 0..30), message in ".{0,20}") {
        let rows: Vec<RowRef> = (0..4).map(|i| RowRef::Key(format!("k{i}"))).collect();
        let (history, _) = run(&ops, &rows, &[0, 1, 2, 3]);
        let draft = Draft { version: "v".into(), history, message, ..Draft::default() };
        prop_assert_eq!(Draft::from_json(&draft.to_json()), Some(draft));
    }
}
