//! Browser tests of suggested edits (wasm-bindgen-test in headless
//! Chromium): inline editing with validation while typing, edited cells
//! marked, the draft kept in localStorage, undo, and the read-only mode.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const SCHEMA: &str = r#"{"primaryKey": ["id"], "fields": [
  {"name": "id", "constraints": {"required": true}},
  {"name": "nom", "title": "Nom", "constraints": {"required": true}},
  {"name": "siret", "title": "SIRET", "vitrine:siret": true},
  {"name": "statut", "constraints": {"enum": ["En cours", "Abandonné"]}},
  {"name": "motif", "vitrine:requiredWhen": {"field": "statut", "in": ["Abandonné"]}}
]}"#;

const CSV: &str = "id,nom,siret,statut,motif\n\
p1,Alpha,21380412300015,En cours,\n\
p2,Beta,21380412300015,En cours,\n";

/// Focuses a cell (the grid acts on its focused cell) and lets yew re-render.
async fn focus(cell: &Element) {
    cell.clone()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    gloo_timers::future::sleep(Duration::from_millis(50)).await;
}

fn type_into(input: &Element, value: &str) {
    let input: HtmlInputElement = input.clone().dyn_into().unwrap();
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

async fn mounted(extra: &[(&str, &str)]) -> (Element, vitrine_widget::VitrineApp, String) {
    let root = shadow_container(None);
    let (app, src) = mount_rows(&root, CSV, SCHEMA, extra).await;
    (root, app, src)
}

/// The text a cell shows (without its "open" button).
fn shown(cell: &Element) -> String {
    text_of(cell, ".vt-cell-text").trim().to_string()
}

/// The body cell of row 1 under the header titled `title`.
fn cell_under(root: &Element, title: &str) -> Element {
    let headers = root.query_selector_all("th").unwrap();
    let col = (0..headers.length())
        .map(|i| headers.get(i).unwrap().dyn_into::<Element>().unwrap())
        .find(|h| h.text_content().unwrap_or_default().starts_with(title))
        .and_then(|h| h.get_attribute("aria-colindex"))
        .expect("column shown");
    let c: usize = col.parse().unwrap();
    find(root, &format!("td[data-cell='1-{}']", c - 1)).unwrap()
}

#[wasm_bindgen_test]
async fn inline_editing_validates_while_typing_and_keeps_the_draft() {
    clear_storage();
    let (root, _app, src) = mounted(&[]).await;
    let td = cell_under(&root, "SIRET");
    focus(&td).await;
    press_key(&td, "Enter");
    assert!(eventually(&root, |r| find(r, ".vt-inline input").is_some()).await);
    let input = find(&root, ".vt-inline input").unwrap();
    type_into(&input, "123");
    assert!(
        eventually(&root, |r| text_of(r, ".vt-field-error")
            .contains("SIRET invalide"))
        .await
    );
    let input = find(&root, ".vt-inline input").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("vt-inline-editor-msg")
    );
    // Fixed: the message goes.
    type_into(&input, "73282932000074");
    assert!(eventually(&root, |r| find(r, ".vt-field-error").is_none()).await);
    press_key(&find(&root, ".vt-inline input").unwrap(), "Enter");
    assert!(eventually(&root, |r| find(r, ".vt-inline").is_none()).await);
    let td = cell_under(&root, "SIRET");
    assert!(td.has_attribute("data-edited"));
    assert_eq!(shown(&td), "73282932000074");
    assert!(text_of(&root, ".vt-review").contains("(1)"));
    // The draft is in localStorage under the dataset's key.
    let saved = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(&format!("vitrine:draft:{src}"))
        .unwrap()
        .unwrap_or_default();
    assert!(saved.contains("73282932000074"), "{saved}");
    // Undo from the toolbar reverts the cell.
    find(&root, ".vt-undo")
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    assert!(
        eventually(&root, |r| !cell_under(r, "SIRET")
            .has_attribute("data-edited"))
        .await
    );
    assert_eq!(shown(&cell_under(&root, "SIRET")), "21380412300015");
}

#[wasm_bindgen_test]
async fn escape_cancels_and_values_are_text() {
    clear_storage();
    let (root, _app, _) = mounted(&[]).await;
    let td = cell_under(&root, "Nom");
    focus(&td).await;
    press_key(&td, "Enter");
    assert!(eventually(&root, |r| find(r, ".vt-inline input").is_some()).await);
    let input = find(&root, ".vt-inline input").unwrap();
    type_into(&input, "Changed");
    press_key(&input, "Escape");
    assert!(eventually(&root, |r| find(r, ".vt-inline").is_none()).await);
    assert_eq!(shown(&cell_under(&root, "Nom")), "Alpha");
    focus(&cell_under(&root, "Nom")).await;
    press_key(&cell_under(&root, "Nom"), "Enter");
    assert!(eventually(&root, |r| find(r, ".vt-inline input").is_some()).await);
    let input = find(&root, ".vt-inline input").unwrap();
    type_into(&input, "<img src=x onerror=alert(1)>");
    press_key(&input, "Enter");
    assert!(eventually(&root, |r| find(r, ".vt-inline").is_none()).await);
    let td = cell_under(&root, "Nom");
    assert_eq!(shown(&td), "<img src=x onerror=alert(1)>");
    assert!(td.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn read_only_widgets_offer_no_editing() {
    let (root, _app, _) = mounted(&[("readonly", "")]).await;
    assert!(find(&root, ".vt-edit-toolbar").is_none());
    let td = cell_under(&root, "Nom");
    focus(&td).await;
    press_key(&td, "Enter");
    gloo_timers::future::sleep(Duration::from_millis(100)).await;
    assert!(find(&root, ".vt-inline").is_none());
}

/// The editor bundle opens what the reader bundle asked for when it
/// switched (the loader passes it as mount attributes, see `edit_start.rs`).
#[wasm_bindgen_test]
async fn the_editor_opens_what_the_reader_asked_for() {
    clear_storage();
    // A cell of the second row, in place, with the reader's columns.
    let (root, _app, _) = mounted(&[
        ("edit-start", "cell"),
        ("edit-row", "key:p2"),
        ("edit-field", "nom"),
        ("columns", "nom,statut"),
    ])
    .await;
    assert_eq!(count(&root, "th"), 2, "the reader's columns are kept");
    assert!(eventually(&root, |r| find(r, ".vt-inline input").is_some()).await);
    let input: HtmlInputElement = find(&root, ".vt-inline input").unwrap().dyn_into().unwrap();
    assert_eq!(input.value(), "Beta");
    let td = find(&root, "td[data-cell='2-0']").unwrap();
    assert!(
        td.contains(Some(&input)),
        "the editor is in row 2, column 1"
    );

    // The full form of a row, focusing the asked field.
    let (root, _app, _) = mounted(&[
        ("edit-start", "form"),
        ("edit-row", "key:p1"),
        ("edit-field", "siret"),
    ])
    .await;
    assert!(eventually(&root, |r| find(r, "#vt-edit-siret").is_some()).await);
    let nom: HtmlInputElement = find(&root, "#vt-edit-nom").unwrap().dyn_into().unwrap();
    assert_eq!(nom.value(), "Alpha");

    // The review of the proposal.
    let (root, _app, _) = mounted(&[("edit-start", "review")]).await;
    assert!(eventually(&root, |r| find(r, "#vt-review-title").is_some()).await);
}
