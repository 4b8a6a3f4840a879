//! Browser tests of the reader bundle's editing controls (built without the
//! `edit` feature): using one asks the loader for the editor bundle with
//! what to open first, the widget shows that the editor is opening, and
//! when it cannot load, why, with a retry; a saved draft asks at once;
//! read-only widgets never ask. (`www/vitrine.js` answers these requests;
//! tests/e2e/edits.test.mjs covers the whole switch in a browser.)
#![cfg(all(target_arch = "wasm32", not(feature = "edit")))]

mod support;
use support::*;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use vitrine_widget::mount;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{CustomEvent, Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const SCHEMA: &str = r#"{"primaryKey": ["id"], "fields": [
  {"name": "id", "constraints": {"required": true}},
  {"name": "nom", "title": "Nom", "constraints": {"required": true}},
  {"name": "statut", "constraints": {"enum": ["En cours", "Abandonné"]}}
]}"#;

const CSV: &str = "id,nom,statut\np1,Alpha,En cours\np2,Beta,En cours\n";

/// The requests the widget sent, as (target, detail) pairs; when `answer`,
/// the test acts as the loader and takes them.
type Requests = Rc<RefCell<Vec<(Element, js_sys::Object)>>>;

fn listen(root: &Element, answer: bool) -> Requests {
    let requests: Requests = Rc::default();
    let seen = requests.clone();
    let listener = Closure::<dyn Fn(CustomEvent)>::new(move |e: CustomEvent| {
        if answer {
            e.prevent_default();
        }
        let target: Element = e.target().unwrap().dyn_into().unwrap();
        seen.borrow_mut()
            .push((target, e.detail().dyn_into().unwrap()));
    });
    root.add_event_listener_with_callback("vitrine-edit", listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    requests
}

fn detail(requests: &Requests, index: usize, name: &str) -> Option<String> {
    let object = requests.borrow()[index].1.clone();
    js_sys::Reflect::get(&object, &name.into())
        .unwrap()
        .as_string()
}

async fn mounted(extra: &[(&str, &str)], answer: bool) -> (Element, Requests, String) {
    let root = shadow_container(None);
    let requests = listen(&root, answer);
    let (app, src) = mount_rows(&root, CSV, SCHEMA, extra).await;
    std::mem::forget(app);
    (root, requests, src)
}

#[wasm_bindgen_test]
async fn editing_a_cell_asks_for_the_editor_and_shows_why_it_failed() {
    clear_storage();
    let (root, requests, _) = mounted(&[], true).await;
    // The same controls as the editor bundle's, with nothing pending.
    assert!(text_of(&root, ".vt-review").contains("(0)"));
    assert!(find(&root, ".vt-new-project").is_some());
    assert!(
        requests.borrow().is_empty(),
        "no request before a control is used"
    );

    let td = find(&root, "td[data-cell='2-0']").unwrap();
    td.clone()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    gloo_timers::future::sleep(Duration::from_millis(50)).await;
    press_key(&td, "Enter");
    assert!(eventually(&root, |_| !requests.borrow().is_empty()).await);
    assert_eq!(detail(&requests, 0, "edit-start").as_deref(), Some("cell"));
    assert_eq!(detail(&requests, 0, "edit-row").as_deref(), Some("key:p2"));
    assert_eq!(detail(&requests, 0, "edit-field").as_deref(), Some("nom"));
    // The reader's columns go with it.
    assert_eq!(
        detail(&requests, 0, "columns").as_deref(),
        Some("nom,statut")
    );
    assert!(
        eventually(&root, |r| text_of(r, ".vt-edit-switch")
            .contains("Ouverture de l'éditeur"))
        .await
    );
    assert!(text_of(&root, "td[data-cell='2-0']").contains("Ouverture de l'éditeur"));

    // The loader could not load the editor bundle: the reason shows, the
    // cell is back, and "Réessayer" asks again for the same thing.
    let target = requests.borrow()[0].0.clone();
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&"HTTP 404".into());
    let failed = CustomEvent::new_with_event_init_dict("vitrine-edit-failed", &init).unwrap();
    target.dispatch_event(&failed).unwrap();
    assert!(eventually(&root, |r| find(r, ".vt-edit-switch-failed").is_some()).await);
    let alert = find(&root, ".vt-edit-switch-failed").unwrap();
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("L'éditeur n'a pas pu se charger"), "{text}");
    assert!(text.contains("HTTP 404"), "{text}");
    assert!(
        eventually(&root, |r| text_of(r, "td[data-cell='2-0'] .vt-cell-text")
            == "Beta")
        .await
    );
    click(&root, ".vt-edit-switch-failed .vt-edit-switch-retry");
    assert!(eventually(&root, |_| requests.borrow().len() == 2).await);
    assert_eq!(detail(&requests, 1, "edit-start").as_deref(), Some("cell"));
    assert_eq!(detail(&requests, 1, "edit-row").as_deref(), Some("key:p2"));
}

#[wasm_bindgen_test]
async fn every_entry_point_says_what_to_open() {
    clear_storage();
    let (root, requests, _) = mounted(&[("lang", "en")], false).await;
    // No loader answers here: the widget says the editor could not load.
    click(&root, ".vt-new-project");
    assert!(eventually(&root, |r| find(r, ".vt-edit-switch-failed").is_some()).await);
    assert!(text_of(&root, ".vt-edit-switch-failed").contains("The editor could not load"));
    assert_eq!(detail(&requests, 0, "edit-start").as_deref(), Some("new"));
    click(&root, ".vt-review");
    assert!(eventually(&root, |_| requests.borrow().len() == 2).await);
    assert_eq!(
        detail(&requests, 1, "edit-start").as_deref(),
        Some("review")
    );
    // The detail's "Suggest a change" opens the row's form.
    let td = find(&root, "td[data-cell='1-0']").unwrap();
    td.clone()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    gloo_timers::future::sleep(Duration::from_millis(50)).await;
    press_key(&td, " ");
    assert!(eventually(&root, |r| find(r, ".vt-propose").is_some()).await);
    click(&root, ".vt-propose");
    assert!(eventually(&root, |_| requests.borrow().len() == 3).await);
    assert_eq!(detail(&requests, 2, "edit-start").as_deref(), Some("form"));
    assert_eq!(detail(&requests, 2, "edit-row").as_deref(), Some("key:p1"));
    assert_eq!(detail(&requests, 2, "edit-field"), None);
}

#[wasm_bindgen_test]
async fn a_saved_draft_asks_for_the_editor_at_once() {
    clear_storage();
    let src = data_url("text/csv", CSV);
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(&format!("vitrine:draft:{src}"), "{}")
        .unwrap();
    let (root, requests, _) = mounted(&[], true).await;
    assert!(eventually(&root, |_| !requests.borrow().is_empty()).await);
    assert_eq!(
        detail(&requests, 0, "edit-start").as_deref(),
        Some("resume")
    );
    clear_storage();
}

#[wasm_bindgen_test]
async fn read_only_widgets_never_ask_for_the_editor() {
    clear_storage();
    let src = data_url("text/csv", CSV);
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(&format!("vitrine:draft:{src}"), "{}")
        .unwrap();
    for extra in [("readonly", ""), ("suggest", "off")] {
        let (root, requests, _) = mounted(&[extra], true).await;
        assert!(find(&root, ".vt-edit-toolbar").is_none());
        let td = find(&root, "td[data-cell='1-0']").unwrap();
        td.clone()
            .dyn_into::<HtmlElement>()
            .unwrap()
            .focus()
            .unwrap();
        press_key(&td, "Enter");
        gloo_timers::future::sleep(Duration::from_millis(200)).await;
        assert!(requests.borrow().is_empty(), "{extra:?}");
        assert!(find(&root, ".vt-edit-switch").is_none());
    }
    clear_storage();
}

/// The reader never validates, so it does not compile `pattern` constraints
/// (vitrine-core without `check-patterns`): a schema whose pattern
/// `regex-lite` rejects still shows its data.
#[wasm_bindgen_test]
async fn the_reader_shows_data_whose_schema_has_an_invalid_pattern() {
    clear_storage();
    let root = shadow_container(None);
    let schema = r#"{"fields": [
      {"name": "id"}, {"name": "nom", "constraints": {"pattern": "(unclosed"}}
    ]}"#;
    let app = mount(
        root.clone(),
        attributes(&[
            ("src", &data_url("text/csv", "id,nom\n1,Alpha\n")),
            ("schema", &data_url("application/json", schema)),
            ("lang", "fr"),
            ("readonly", ""),
        ]),
    )
    .unwrap();
    assert!(eventually(&root, |r| text_of(r, "tbody").contains("Alpha")).await);
    app.destroy();
}
