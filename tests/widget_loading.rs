//! Loading, errors, the `config` attribute and locale formatting, in
//! headless Chromium: `cargo test -p vitrine-widget --target
//! wasm32-unknown-unknown --test widget_loading`.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use vitrine_widget::{RawAttributes, mount};
use wasm_bindgen::JsValue;
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

fn data_url(mime: &str, body: &str) -> String {
    format!(
        "data:{mime};charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(body))
    )
}

fn container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    let mount_point = document.create_element("div").unwrap();
    root.append_child(&mount_point).unwrap();
    mount_point
}

fn attributes(pairs: &[(&str, &str)]) -> JsValue {
    let raw: RawAttributes = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    // A plain object (as the custom element passes), not a `Map`.
    let object = js_sys::Object::new();
    for (name, value) in &raw {
        js_sys::Reflect::set(&object, &name.into(), &value.into()).unwrap();
    }
    object.into()
}

/// Waits until `check` holds, up to ~10 s.
async fn eventually(root: &Element, check: impl Fn(&Element) -> bool) -> bool {
    for _ in 0..200 {
        if check(root) {
            return true;
        }
        gloo_timers::future::sleep(Duration::from_millis(50)).await;
    }
    false
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

const CSV: &str =
    "id,nom,budget,jour,mois\n1,Alpha,12345.5,2024-03-03,03/2024\n2,Bravo,,2023-12-01,01/12/2023\n";

async fn loaded(pairs: &[(&str, &str)]) -> (Element, vitrine_widget::VitrineApp) {
    let root = container();
    let app = mount(root.clone(), attributes(pairs)).unwrap();
    assert!(
        eventually(&root, |r| count(r, ".vt-count") == 1
            || count(r, "[role=alert]") == 1)
        .await,
        "loaded or failed"
    );
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
    let root = container();
    let _app = mount(
        root.clone(),
        attributes(&[
            ("src", &data_url("text/csv", &csv)),
            ("schema", &data_url("application/json", SCHEMA)),
            ("lang", "fr"),
        ]),
    )
    .unwrap();
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
