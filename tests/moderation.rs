//! Browser tests of the moderation page's pieces (wasm-bindgen-test in
//! headless Chromium): `cargo test -p vitrine-widget --features moderation --target wasm32-unknown-unknown`.
#![cfg(all(target_arch = "wasm32", feature = "moderation"))]

mod support;
use support::*;

use vitrine_widget::Lang;
use vitrine_widget::moderation::api::ApiError;
use vitrine_widget::moderation::diff::{Project, build_diff};
use vitrine_widget::moderation::model::Suggestion;
use vitrine_widget::moderation::suggestion_diff::{SuggestionDiff, SuggestionDiffProps};
use vitrine_widget::mount_moderation;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SCHEMA: &str = r#"{"fields":[
  {"name":"id","type":"string"},
  {"name":"nom","type":"string","title":"Nom","vitrine:titles":{"en":"Name"},"constraints":{"required":true}},
  {"name":"budget","type":"integer"}
],"primaryKey":["id"]}"#;

const XSS: &str = "<img src=x onerror=\"window.pwned=1\">";

fn suggestion(changes: &str, review: &str) -> Suggestion {
    serde_json::from_str(&format!(
        r#"{{"id":7,"dataset":"d","datasetVersion":"v1","status":"pending",
            "createdAt":"2026-11-22T05:00:00Z","message":"m","consent":false,
            "restricted":false,"changes":{changes},"review":{review},"currentVersion":"v1"}}"#
    ))
    .unwrap()
}

#[wasm_bindgen_test]
fn diff_groups_by_project_and_revalidates_with_the_schema() {
    let schema = vitrine_core::Schema::from_json(SCHEMA).unwrap();
    let s = suggestion(
        r#"[{"rowId":"a","field":"budget","before":"10","after":"douze"},
            {"rowId":"b","field":"nom","before":"B","after":"Bé"},
            {"rowId":"a","field":"nom","before":"A","after":""},
            {"rowId":null,"newRow":0,"field":"nouveau","before":null,"after":"x"}]"#,
        r#"[{"index":0,"current":"11","conflict":true,"rowFound":true,"fieldKnown":true,"valid":false,"problems":[]}]"#,
    );
    let diff = build_diff(&s, Some(&schema), Lang::En);
    let projects: Vec<&Project> = diff.iter().map(|p| &p.project).collect();
    assert_eq!(
        projects,
        [
            &Project::Row("a".into()),
            &Project::Row("b".into()),
            &Project::New(0)
        ]
    );
    let a = &diff[0].lines;
    assert_eq!(a.len(), 2);
    // Not an integer: invalid, and the server said the value before changed.
    assert_eq!(a[0].field, "budget");
    assert!(!a[0].is_valid() && !a[0].problems.is_empty(), "{:?}", a[0]);
    assert!(a[0].conflict);
    assert_eq!(a[0].current.as_deref(), Some("11"));
    // Required and emptied: invalid; titled in the interface language.
    assert_eq!(a[1].title, "Name");
    assert!(!a[1].is_valid(), "{:?}", a[1]);
    assert!(diff[1].lines[0].is_valid());
    assert!(!diff[2].lines[0].field_known);
}

#[wasm_bindgen_test]
fn without_a_schema_the_servers_review_is_shown() {
    let s = suggestion(
        r#"[{"rowId":1,"field":"budget","before":"1","after":"x"}]"#,
        r#"[{"index":0,"current":"1","conflict":false,"rowFound":true,"fieldKnown":true,"valid":false,
             "problems":[{"code":"invalid_value","message":"bad","messageFr":"mauvais"}]}]"#,
    );
    let diff = build_diff(&s, None, Lang::Fr);
    let line = &diff[0].lines[0];
    assert_eq!(diff[0].project, Project::Row("1".into()));
    assert!(line.server_checked);
    assert_eq!(line.problems, ["mauvais"]);
}

#[wasm_bindgen_test]
async fn hostile_values_render_as_text() {
    let schema = vitrine_core::Schema::from_json(SCHEMA).unwrap();
    let changes = serde_json::json!([
        {"rowId": XSS, "field": "nom", "before": "<b>old</b>", "after": XSS},
        {"rowId": "b", "field": "<svg onload=alert(1)>", "before": null, "after": "<script>window.pwned=2</script>"}
    ]);
    let s = suggestion(&changes.to_string(), "[]");
    let root = plain_container();
    let props = SuggestionDiffProps {
        lang: Lang::Fr,
        projects: build_diff(&s, Some(&schema), Lang::Fr),
    };
    let _app = yew::Renderer::<SuggestionDiff>::with_root_and_props(root.clone(), props).render();
    assert!(eventually(&root, |r| count(r, "tr.diff-line") == 2).await);
    for tag in ["img", "b", "svg", "script"] {
        assert_eq!(count(&root, tag), 0, "no <{tag}> element created");
    }
    let text = root.text_content().unwrap();
    assert!(text.contains(XSS), "{text}");
    assert!(text.contains("<b>old</b>"), "{text}");
    assert!(text.contains("<script>window.pwned=2</script>"), "{text}");
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
fn error_bodies_are_read_and_described() {
    let conflict = ApiError::from_status(
        409,
        r#"{"error":{"status":409,"code":"conflict","message":"changed","messageFr":"changé",
            "details":{"conflicts":[{"index":0,"rowId":"a","field":"nom","before":"A","current":"Z","after":"B"}]}}}"#,
    );
    assert_eq!(conflict.conflicts().len(), 1);
    assert_eq!(conflict.conflicts()[0].field, "nom");
    assert!(conflict.describe(Lang::En).contains("409"));
    let refused = ApiError::from_status(
        403,
        r#"{"error":{"code":"invalid_token","message":"This token is not valid.","messageFr":"Ce jeton n'est pas valide."}}"#,
    );
    assert!(refused.is_auth());
    let fr = refused.describe(Lang::Fr);
    assert!(
        fr.contains("403") && fr.contains("Ce jeton n'est pas valide."),
        "{fr}"
    );
    // Not JSON (a proxy's page): the status is still given.
    let proxy = ApiError::from_status(502, "<html>Bad gateway</html>");
    assert_eq!(proxy.status(), Some(502));
    assert!(proxy.describe(Lang::En).contains("502"));
}

fn session_storage() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

#[wasm_bindgen_test]
async fn page_asks_for_a_token_then_reports_server_errors() {
    session_storage().clear().unwrap();
    let root = plain_container();
    let options = js_sys::JSON::parse(r#"{"lang":["en"],"api":"/no-such-server"}"#).unwrap();
    let app = mount_moderation(root.clone(), options).unwrap();
    assert!(
        eventually(&root, |r| count(r, "form.token-form input[type=password]")
            == 1)
        .await
    );
    assert_eq!(
        count(&root, "[role=alert]"),
        0,
        "no request without a token"
    );
    app.destroy();

    session_storage()
        .set_item("vitrine-moderator-token", "vt_test")
        .unwrap();
    let root = plain_container();
    let _app = mount_moderation(root.clone(), JsValue::from(options_en())).unwrap();
    assert!(
        eventually(&root, |r| count(r, "[role=alert]") == 1).await,
        "the failed request is reported"
    );
    let text = root.text_content().unwrap();
    assert!(text.contains("404"), "{text}");
    assert!(
        !text.contains("vt_test"),
        "the token is never shown: {text}"
    );
    session_storage().clear().unwrap();
}

fn options_en() -> js_sys::Object {
    js_sys::JSON::parse(r#"{"lang":["en"],"api":"/no-such-server"}"#)
        .unwrap()
        .into()
}

#[wasm_bindgen_test]
fn the_review_object_with_row_problems_is_read() {
    let s = suggestion(
        r#"[{"rowId":null,"newRow":0,"field":"budget","before":null,"after":"3"}]"#,
        r#"{"changes":[{"index":0,"current":null,"conflict":false,"rowFound":true,"fieldKnown":true,"valid":true,"problems":[]}],
            "rowProblems":[{"index":null,"rowId":null,"newRow":0,"field":"nom","code":"invalid_value",
                            "message":"Nom is required","messageFr":"Nom est requis"}]}"#,
    );
    let diff = build_diff(&s, None, Lang::En);
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].project, Project::New(0));
    assert_eq!(diff[0].row_problems, ["Nom is required"]);
    assert!(diff[0].lines[0].is_valid());

    let invalid = ApiError::from_status(
        422,
        r#"{"error":{"code":"invalid_values","message":"invalid","messageFr":"invalide",
            "details":{"errors":[{"index":0,"rowId":"a","field":"budget","code":"invalid_value",
                                   "message":"not an integer","messageFr":"pas un entier"}]}}}"#,
    );
    assert_eq!(invalid.problems().len(), 1);
    assert_eq!(
        invalid.problems()[0].message_in(Lang::Fr.code()),
        "pas un entier"
    );
}

#[wasm_bindgen_test]
fn timestamps_are_shortened_and_other_text_kept() {
    use vitrine_widget::moderation::model::short_time;
    assert_eq!(
        short_time("2026-11-22T05:27:04.608138782Z"),
        "2026-11-22 05:27 UTC"
    );
    assert_eq!(short_time("hier"), "hier");
    assert_eq!(
        short_time("2026-11-22T05:27:04+01:00"),
        "2026-11-22T05:27:04+01:00"
    );
}
