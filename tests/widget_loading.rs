//! Loading, errors, the `config` attribute and locale formatting, in
//! headless Chromium: `cargo test -p vitrine-widget --target
//! wasm32-unknown-unknown --test widget_loading`.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;

use vitrine_widget::mount;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const SCHEMA: &str = r#"{"fields":[
    {"name":"id","type":"integer"},
    {"name":"nom","type":"string","title":"Nom"},
    {"name":"budget","type":"number","title":"Budget"},
    {"name":"jour","type":"date","title":"Jour"},
    {"name":"mois","type":"string","title":"Mois","vitrine:dateFormats":["%d/%m/%Y","%m/%Y"]}
]}"#;

const CSV: &str =
    "id,nom,budget,jour,mois\n1,Alpha,12345.5,2024-03-03,03/2024\n2,Bravo,,2023-12-01,01/12/2023\n";

async fn loaded(pairs: &[(&str, &str)]) -> (Element, vitrine_widget::VitrineApp) {
    let root = shadow_container(None);
    let app = mount(root.clone(), attributes(pairs)).unwrap();
    assert!(
        eventually(&root, |r| count(r, ".vt-count") == 1
            || count(r, "[role=alert]") == 1)
        .await,
        "loaded or failed"
    );
    (root, app)
}

/// Mounts `csv` with the test schema, in French, without waiting.
fn mounted_fr(csv: &str) -> (Element, vitrine_widget::VitrineApp) {
    let root = shadow_container(None);
    let app = mount(
        root.clone(),
        attributes(&[
            ("src", &data_url("text/csv", csv)),
            ("schema", &data_url("application/json", SCHEMA)),
            ("lang", "fr"),
        ]),
    )
    .unwrap();
    (root, app)
}

#[wasm_bindgen_test]
async fn numbers_and_dates_follow_the_language() {
    let (schema, csv) = (
        data_url("application/json", SCHEMA),
        data_url("text/csv", CSV),
    );
    let (fr, _a) = loaded(&[("src", &csv), ("schema", &schema), ("lang", "fr")]).await;
    let text = text_of(&fr, "tbody");
    for expected in [
        "12\u{202F}345,5",
        "3 mars 2024",
        "mars 2024",
        "1er décembre 2023",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains("2024-03-03"), "{text}");
    let (en, _b) = loaded(&[("src", &csv), ("schema", &schema), ("lang", "en")]).await;
    let text = text_of(&en, "tbody");
    for expected in [
        "12,345.5",
        "March 3, 2024",
        "March 2024",
        "December 1, 2023",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

#[wasm_bindgen_test]
async fn csv_errors_give_their_line() {
    let csv = data_url("text/csv", "id,nom\n1,Alpha\n2,\"Bravo\n3,Charlie\n");
    let (root, _app) = loaded(&[("src", &csv), ("lang", "fr")]).await;
    let text = text_of(&root, "[role=alert]");
    assert!(text.contains("guillemet non fermé"), "{text}");
    assert!(text.contains("ligne 3"), "{text}");
}

#[wasm_bindgen_test]
async fn columns_missing_from_the_schema_are_listed_and_hidden() {
    let csv = data_url("text/csv", "id,nom,note_interne\n1,Alpha,SECRET\n");
    let schema = data_url("application/json", SCHEMA);
    let (root, _app) = loaded(&[("src", &csv), ("schema", &schema), ("lang", "en")]).await;
    let notice = text_of(&root, ".vt-notice");
    assert!(
        notice.contains("missing from the schema (not shown): note_interne"),
        "{notice}"
    );
    assert!(notice.contains("budget, jour, mois"), "{notice}");
    assert!(!root.text_content().unwrap().contains("SECRET"));

    let csv = data_url("text/csv", "a,b\n1,2\n");
    let (root, _app) = loaded(&[("src", &csv), ("schema", &schema), ("lang", "fr")]).await;
    let text = text_of(&root, "[role=alert]");
    assert!(text.contains("aucune colonne des données"), "{text}");
}

#[wasm_bindgen_test]
async fn inline_config_under_the_attributes() {
    let config = format!(
        r#"{{"src": "{}", "schema": "{}", "view": "cards", "page-size": 1, "card-title": "nom"}}"#,
        data_url("text/csv", CSV),
        data_url("application/json", SCHEMA)
    );
    let (root, _app) = loaded(&[("config", &config), ("lang", "fr")]).await;
    assert!(eventually(&root, |r| count(r, ".vt-card") == 1).await);
    assert_eq!(text_of(&root, ".vt-card-title"), "Alpha");

    let (root, _app) = loaded(&[("config", &config), ("view", "table")]).await;
    assert!(eventually(&root, |r| count(r, "tbody tr") == 2).await);
}

#[wasm_bindgen_test]
async fn config_from_a_url() {
    let config = format!(
        r#"{{"src": "{}", "columns": ["nom", "budget"]}}"#,
        data_url("text/csv", CSV)
    );
    let (root, _app) = loaded(&[("config", &data_url("application/json", &config))]).await;
    assert!(eventually(&root, |r| count(r, "tbody tr") == 2).await);
    assert_eq!(count(&root, "thead th"), 2);
}

#[wasm_bindgen_test]
async fn config_errors_name_the_key() {
    for (config, lang, expected) in [
        (r#"{"views": "cards"}"#, "fr", "clé inconnue « views »"),
        (r#"{"view": "grid"}"#, "en", "\"view\" cannot be \"grid\""),
        (
            r#"{"facets": 3}"#,
            "en",
            "\"facets\" must be a list of field names",
        ),
        (r#"{"view": "#, "fr", "JSON invalide"),
    ] {
        let (root, _app) = loaded(&[("config", config), ("lang", lang)]).await;
        let text = text_of(&root, "[role=alert]");
        assert!(text.contains(expected), "{config}: {text}");
    }
}

#[wasm_bindgen_test]
async fn a_large_file_shows_progress_then_its_rows() {
    let mut csv = String::from("id,nom,budget,jour,mois\n");
    for i in 0..5_000 {
        csv.push_str(&format!("{i},Projet {i},{}.5,2024-03-03,03/2024\n", i * 3));
    }
    let (root, _app) = mounted_fr(&csv);
    assert!(
        eventually(&root, |r| count(r, "[role=progressbar]") == 1).await,
        "progress bar while loading"
    );
    assert!(eventually(&root, |r| count(r, ".vt-count") == 1).await);
    assert_eq!(count(&root, "[role=progressbar]"), 0);
    assert_eq!(
        text_of(&root, ".vt-count"),
        "5\u{202F}000 résultats sur 5\u{202F}000"
    );
}

#[wasm_bindgen_test]
async fn a_file_over_1_mib_shows_its_first_rows_busy_until_the_reader_is_ready() {
    let mut csv = String::from("id,nom,budget,jour,mois\n");
    let filler = "x".repeat(150);
    for i in 0..8_000 {
        csv.push_str(&format!(
            "{i},Projet {i} {filler},{},2024-03-03,03/2024\n",
            i * 3
        ));
    }
    assert!(csv.len() > 1 << 20);
    let (root, _app) = mounted_fr(&csv);
    // The first rows, in file order, in a table marked busy under the
    // progress bar; no count, filter or search while the rest loads.
    assert!(
        eventually(&root, |r| count(r, "table[aria-busy=true] tbody tr") > 0).await,
        "the first rows while loading"
    );
    assert_eq!(count(&root, "[role=progressbar]"), 1);
    assert_eq!(count(&root, ".vt-count"), 0);
    assert_eq!(count(&root, "input[type=search]"), 0);
    assert!(text_of(&root, "tbody tr").contains("Projet 0 "));
    // Then the reader, with the final count.
    assert!(eventually(&root, |r| count(r, ".vt-count") == 1).await);
    assert_eq!(count(&root, "table[aria-busy=true]"), 0);
    assert_eq!(
        text_of(&root, ".vt-count"),
        "8\u{202F}000 résultats sur 8\u{202F}000"
    );
}

/// Records whether `check` ever holds for `root`, checked after each batch
/// of changes to its DOM (before the browser renders them): a state shown
/// briefly is not missed between two polls.
fn ever(root: &Element, check: impl Fn(&Element) -> bool + 'static) -> Ever {
    use wasm_bindgen::JsCast;
    let seen = std::rc::Rc::new(std::cell::Cell::new(false));
    let (flag, target) = (seen.clone(), root.clone());
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        if check(&target) {
            flag.set(true);
        }
    });
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    observer.observe_with_options(root, &options).unwrap();
    Ever {
        seen,
        _observer: observer,
        _callback: callback,
    }
}

/// What [`ever`] watches with: whether the check held, and the observer
/// and its callback, kept alive as long as this is.
struct Ever {
    seen: std::rc::Rc<std::cell::Cell<bool>>,
    _observer: web_sys::MutationObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

#[wasm_bindgen_test]
async fn a_catalogue_of_a_few_hundred_rows_shows_its_first_rows_before_the_reader() {
    // About 500 KB, as the first user's catalogue (under 1 MiB).
    let mut csv = String::from("id,nom,budget,jour,mois\n");
    let filler = "x".repeat(1_200);
    for i in 0..400 {
        csv.push_str(&format!(
            "{i},Projet {i} {filler},{},2024-03-03,03/2024\n",
            i * 3
        ));
    }
    assert!(csv.len() > 256 << 10 && csv.len() < 1 << 20);
    let root = shadow_container(None);
    // The first rows, in file order, busy, while there is no count yet.
    let early = ever(&root, |r| {
        count(r, "table[aria-busy=true] tbody tr") > 0
            && count(r, ".vt-count") == 0
            && text_of(r, "tbody tr").contains("Projet 0 ")
    });
    let _app = mount(
        root.clone(),
        attributes(&[
            ("src", &data_url("text/csv", &csv)),
            ("schema", &data_url("application/json", SCHEMA)),
            ("lang", "fr"),
        ]),
    )
    .unwrap();
    assert!(eventually(&root, |r| count(r, ".vt-count") == 1).await);
    assert!(early.seen.get(), "the first rows before the reader");
    assert_eq!(count(&root, "table[aria-busy=true]"), 0);
    assert_eq!(text_of(&root, ".vt-count"), "400 résultats sur 400");
}
