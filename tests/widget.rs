//! Browser tests of the widget (wasm-bindgen-test in headless Chromium):
//! `cargo test -p vitrine-widget --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;

use vitrine_widget::{Attrs, Lang, mount};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SCHEMA: &str =
    r#"{"fields":[{"name":"id","type":"integer"},{"name":"nom","type":"string","title":"Nom"}]}"#;

#[wasm_bindgen_test]
async fn renders_rows_parsed_by_core() {
    let root = shadow_container(None);
    let csv = "id,nom\n1,Alpha\n2,\"Bravo, Charlie\"\n";
    let _app = mount(
        root.clone(),
        attributes(&[
            ("src", &data_url("text/csv", csv)),
            ("schema", &data_url("application/json", SCHEMA)),
            ("lang", "fr"),
        ]),
    )
    .unwrap();
    assert!(
        eventually(&root, |r| count(r, "tbody tr") == 2).await,
        "two rows rendered"
    );
    let text = root.text_content().unwrap();
    assert!(
        text.contains("Bravo, Charlie"),
        "quoted delimiter kept in one cell: {text}"
    );
    assert!(text.contains("Nom"), "header uses the schema title: {text}");
}

#[wasm_bindgen_test]
async fn hostile_text_is_rendered_as_text() {
    let root = shadow_container(None);
    let csv = "id,nom\n1,\"<img src=x onerror=\"\"window.pwned=1\"\">\"\n";
    let _app = mount(
        root.clone(),
        attributes(&[
            ("src", &data_url("text/csv", csv)),
            ("schema", &data_url("application/json", SCHEMA)),
        ]),
    )
    .unwrap();
    assert!(eventually(&root, |r| count(r, "tbody tr") == 1).await);
    assert_eq!(count(&root, "img"), 0);
    assert!(root.text_content().unwrap().contains("<img src=x"));
}

#[wasm_bindgen_test]
async fn missing_file_shows_url_and_status() {
    let root = shadow_container(None);
    let _app = mount(
        root.clone(),
        attributes(&[
            ("src", "/no-such-file.csv"),
            ("base", &page_url()),
            ("lang", "en"),
        ]),
    )
    .unwrap();
    assert!(
        eventually(&root, |r| count(r, "[role=alert]") == 1).await,
        "error panel shown"
    );
    let text = root.text_content().unwrap();
    assert!(text.contains("no-such-file.csv"), "{text}");
    assert!(text.contains("404"), "{text}");
}

#[wasm_bindgen_test]
async fn invalid_schema_is_reported() {
    let root = shadow_container(None);
    let _app = mount(
        root.clone(),
        attributes(&[
            ("src", &data_url("text/csv", "a\n1\n")),
            ("schema", &data_url("application/json", "{not json")),
            ("lang", "en"),
        ]),
    )
    .unwrap();
    assert!(eventually(&root, |r| count(r, "[role=alert]") == 1).await);
    assert!(root.text_content().unwrap().contains("Table Schema"));
}

#[wasm_bindgen_test]
async fn missing_src_is_reported() {
    let root = shadow_container(None);
    let _app = mount(root.clone(), attributes(&[("lang", "fr")])).unwrap();
    assert!(eventually(&root, |r| count(r, "[role=alert]") == 1).await);
    assert!(root.text_content().unwrap().contains("src"));
}

#[wasm_bindgen_test]
async fn attribute_update_reloads_and_destroy_unmounts() {
    let root = shadow_container(None);
    let schema = data_url("application/json", SCHEMA);
    let mut app = mount(
        root.clone(),
        attributes(&[
            ("src", &data_url("text/csv", "id,nom\n1,A\n")),
            ("schema", &schema),
        ]),
    )
    .unwrap();
    assert!(eventually(&root, |r| count(r, "tbody tr") == 1).await);
    app.update(attributes(&[
        ("src", &data_url("text/csv", "id,nom\n1,A\n2,B\n3,C\n")),
        ("schema", &schema),
    ]))
    .unwrap();
    assert!(
        eventually(&root, |r| count(r, "tbody tr") == 3).await,
        "updated to the new src"
    );
    app.destroy();
    assert!(
        eventually(&root, |r| count(r, "tbody tr") == 0).await,
        "destroy removes the rendered app"
    );
}

#[wasm_bindgen_test]
fn language_falls_back_to_page_then_browser() {
    let attrs = Attrs::from_raw(
        &[("page-lang", "de"), ("browser-lang", "en-US")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        |u, _| Some(u.to_string()),
    );
    assert_eq!(attrs.lang, Lang::En);
}

fn page_url() -> String {
    web_sys::window().unwrap().location().href().unwrap()
}

#[wasm_bindgen_test]
fn attributes_must_be_an_object_of_strings() {
    let error = |value: JsValue| {
        mount(shadow_container(None), value)
            .err()
            .and_then(|e| e.as_string())
            .unwrap_or_default()
    };
    assert!(error(JsValue::UNDEFINED).contains("invalid attributes"));
    let object = attributes(&[("lang", "fr")]);
    js_sys::Reflect::set(&object, &"page-size".into(), &JsValue::from_f64(12.0)).unwrap();
    assert!(error(object).contains("`page-size` is not a string"));
}
