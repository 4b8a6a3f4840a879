//! Browser tests of the reader (wasm-bindgen-test in headless Chromium):
//! virtualization, facets with live counts, sorting and the detail panel.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;

use vitrine_widget::mount;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const SCHEMA: &str = r#"{"fields":[
  {"name":"id","type":"integer"},
  {"name":"nom","type":"string","title":"Nom"},
  {"name":"couleur","type":"string","title":"Couleur","constraints":{"enum":["rouge","vert","bleu"]},
   "vitrine:enumLabels":{"rouge":{"en":"red"}}},
  {"name":"secret","type":"string","vitrine:visibility":"restricted"}
], "primaryKey":["id"]}"#;

/// 600 rows: colours cycle rouge, vert, bleu.
fn csv() -> String {
    let mut out = String::from("id,nom,couleur,secret\n");
    for i in 0..600 {
        let colour = ["rouge", "vert", "bleu"][i % 3];
        out.push_str(&format!("{i},Projet {i:03},{colour},caché{i}\n"));
    }
    out
}

/// A mount point with the widget's layout rules that bound the grid's
/// viewport (vitrine.css).
fn container() -> Element {
    shadow_container(Some(
        ".vt-grid-scroll{overflow:auto;max-height:400px}\
         .vt-grid,.vt-grid thead,.vt-grid tbody{display:block}\
         .vt-grid tbody{position:relative}\
         .vt-grid tr{display:block;height:44px}\
         .vt-grid tbody tr{position:absolute;left:0;right:0}",
    ))
}

async fn mounted(lang: &str, id: &str) -> (Element, vitrine_widget::VitrineApp) {
    mounted_with(&csv(), SCHEMA, lang, id, &[("card-title", "nom")]).await
}

/// The page URL's query string.
fn page_search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

/// The widget on `csv` described by `schema`, read-only (a click on a row
/// opens its detail; editing has its own tests in widget_edits.rs), once
/// rows are rendered.
async fn mounted_with(
    csv: &str,
    schema: &str,
    lang: &str,
    id: &str,
    more: &[(&str, &str)],
) -> (Element, vitrine_widget::VitrineApp) {
    let root = container();
    let (src, schema) = (
        data_url("text/csv", csv),
        data_url("application/json", schema),
    );
    let mut pairs = vec![
        ("src", src.as_str()),
        ("schema", schema.as_str()),
        ("lang", lang),
        ("id", id),
        ("readonly", ""),
    ];
    pairs.extend_from_slice(more);
    let app = mount(root.clone(), attributes(&pairs)).unwrap();
    assert!(
        eventually(&root, |r| count(r, "tbody tr") > 0).await,
        "rows rendered"
    );
    (root, app)
}

#[wasm_bindgen_test]
async fn only_rows_in_view_are_rendered_with_their_indexes() {
    let (root, _app) = mounted("fr", "v").await;
    let rendered = count(&root, "tbody tr");
    assert!(rendered < 60, "virtualized: {rendered} rows in the DOM");
    let grid = root.query_selector("[role=grid]").unwrap().unwrap();
    assert_eq!(grid.get_attribute("aria-rowcount").as_deref(), Some("601"));
    let first = root.query_selector("tbody tr").unwrap().unwrap();
    assert_eq!(first.get_attribute("aria-rowindex").as_deref(), Some("2"));
    assert_eq!(text_of(&root, ".vt-count"), "600 résultats sur 600");
    assert!(
        !root.text_content().unwrap().contains("caché"),
        "restricted field shown"
    );
}

#[wasm_bindgen_test]
async fn a_facet_value_filters_and_counts_follow() {
    let (root, _app) = mounted("en", "f").await;
    let labels = text_of(&root, ".vt-facet");
    assert!(labels.contains("red") && labels.contains("200"), "{labels}");
    click(&root, ".vt-facet input[type=checkbox]");
    assert!(eventually(&root, |r| text_of(r, ".vt-count") == "200 of 600 results").await);
    assert_eq!(count(&root, ".vt-filter-chip"), 1);
    click(&root, ".vt-clear");
    assert!(eventually(&root, |r| text_of(r, ".vt-count") == "600 of 600 results").await);
}

#[wasm_bindgen_test]
async fn header_click_sorts_and_a_row_opens_its_detail() {
    let (root, _app) = mounted("fr", "t").await;
    click(&root, "th[aria-colindex='1']");
    click(&root, "th[aria-colindex='1']");
    assert!(
        eventually(&root, |r| {
            r.query_selector("th[aria-colindex='1']")
                .unwrap()
                .and_then(|h| h.get_attribute("aria-sort"))
                .as_deref()
                == Some("descending")
        })
        .await
    );
    assert!(eventually(&root, |r| text_of(r, "tbody td").contains("Projet 599")).await);
    click(&root, "tbody td");
    assert!(eventually(&root, |r| count(r, "[role=dialog]") == 1).await);
    assert!(text_of(&root, "[role=dialog] h2").contains("Projet 599"));
    // The URL is written once the change is painted.
    assert!(
        eventually(&root, |_| page_search().contains("t-row=599")).await,
        "{}",
        page_search()
    );
    click(&root, ".vt-close");
    assert!(eventually(&root, |r| count(r, "[role=dialog]") == 0).await);
}

/// The element that has the focus in the widget's shadow root.
fn focused(root: &Element) -> Option<Element> {
    let shadow: web_sys::ShadowRoot = root.get_root_node().dyn_into().unwrap();
    shadow.active_element()
}

fn focus(root: &Element, selector: &str) {
    let el: web_sys::HtmlElement = find(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    el.focus().unwrap();
}

#[wasm_bindgen_test]
async fn a_new_result_updates_the_rows_in_place_and_keeps_the_focused_cell() {
    let (root, _app) = mounted("fr", "k").await;
    let first_row = find(&root, "tbody tr").unwrap();
    focus(&root, "td[data-cell='1-1']");
    // The focused cell becomes the grid's one tab stop.
    assert!(
        eventually(&root, |r| {
            find(r, "td[data-cell='1-1']").and_then(|td| td.get_attribute("tabindex"))
                == Some("0".into())
        })
        .await
    );
    let cell = find(&root, "td[data-cell='1-1']").unwrap();
    // "vert": the second value of the colour facet (a click that does not
    // move the focus).
    let boxes = root
        .query_selector_all(".vt-facet input[type=checkbox]")
        .unwrap();
    let vert: web_sys::HtmlElement = boxes.item(1).unwrap().dyn_into().unwrap();
    vert.click();
    assert!(
        eventually(&root, |r| text_of(r, ".vt-count")
            == "200 résultats sur 600")
        .await
    );
    assert!(
        eventually(&root, |r| text_of(r, "td[data-cell='1-1']") == "vert").await,
        "{}",
        text_of(&root, "tbody tr")
    );
    // The same row and cell elements show the new result, and keep the focus.
    let row_now = find(&root, "tbody tr").unwrap();
    assert!(
        row_now.is_same_node(Some(&first_row)),
        "the row was re-created"
    );
    let cell_now = find(&root, "td[data-cell='1-1']").unwrap();
    assert!(
        cell_now.is_same_node(Some(&cell)),
        "the cell was re-created"
    );
    assert_eq!(cell_now.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(
        focused(&root).is_some_and(|f| f.is_same_node(Some(&cell))),
        "the focus left the cell"
    );
    // The arrow keys move on from there.
    press_key(&cell, "ArrowDown");
    assert!(
        eventually(&root, |r| focused(r)
            .and_then(|f| f.get_attribute("data-cell"))
            .as_deref()
            == Some("2-1"))
        .await
    );
}

#[wasm_bindgen_test]
async fn removing_the_filters_moves_the_focus_to_what_stays() {
    let (root, _app) = mounted("fr", "r").await;
    let boxes = root
        .query_selector_all(".vt-facet input[type=checkbox]")
        .unwrap();
    for i in [0, 1] {
        let b: web_sys::HtmlElement = boxes.item(i).unwrap().dyn_into().unwrap();
        b.click();
    }
    assert!(eventually(&root, |r| count(r, ".vt-filter-chip") == 2).await);
    // One chip removed, one left: the focus goes to "clear all".
    focus(&root, ".vt-filter-chip");
    click(&root, ".vt-filter-chip");
    assert!(eventually(&root, |r| count(r, ".vt-filter-chip") == 1).await);
    assert!(focused(&root).is_some_and(|f| f.class_list().contains("vt-clear")));
    // The bar goes away: the focus goes to the search box.
    click(&root, ".vt-clear");
    assert!(
        eventually(&root, |r| text_of(r, ".vt-count")
            == "600 résultats sur 600")
        .await
    );
    assert_eq!(count(&root, ".vt-active-filters"), 0);
    assert!(focused(&root).is_some_and(|f| f.id() == "vt-search-input"));
}

#[wasm_bindgen_test]
async fn the_rows_follow_the_grid_height() {
    let (root, _app) = mounted("fr", "h").await;
    // Once the grid's height is measured (after its first layout).
    gloo_timers::future::sleep(std::time::Duration::from_millis(200)).await;
    let shown = count(&root, "tbody tr");
    // A search that keeps one row shrinks the grid; clearing it shows as
    // many rows as before (the height is measured again).
    let input: web_sys::HtmlInputElement =
        find(&root, ".vt-search input").unwrap().dyn_into().unwrap();
    input.set_value("Projet 007");
    let event = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
    assert!(eventually(&root, |r| count(r, "tbody tr") == 1).await);
    click(&root, ".vt-clear");
    assert!(eventually(&root, |r| count(r, "tbody tr") == shown).await);
    // A taller grid renders more rows.
    let scroller = find(&root, ".vt-grid-scroll").unwrap();
    scroller
        .set_attribute("style", "max-height:1000px")
        .unwrap();
    assert!(
        eventually(&root, |r| count(r, "tbody tr") > shown).await,
        "{} rows for 1000 px, {shown} for 400 px",
        count(&root, "tbody tr")
    );
}

/// A list of dates: its chips, its facet values and the active filter read
/// as dates of the interface language; the filter itself is the ISO date.
#[wasm_bindgen_test]
async fn list_items_of_dates_read_as_dates() {
    let schema = r#"{"fields":[
      {"name":"id","type":"integer"},
      {"name":"jalons","type":"list","delimiter":";","itemType":"date","title":"Jalons"}
    ]}"#;
    let csv = "id,jalons\n1,2024-03-01;2024-06-15\n2,2024-03-01\n";
    let (root, _app) = mounted_with(csv, schema, "fr", "d", &[("facets", "jalons")]).await;
    assert!(eventually(&root, |r| count(r, "tbody tr") == 2).await);
    let chips = text_of(&root, "tbody tr .vt-chips");
    assert!(
        chips.contains("1er mars 2024") && chips.contains("15 juin 2024"),
        "{chips}"
    );
    let facet = text_of(&root, ".vt-facet");
    assert!(
        facet.contains("1er mars 2024") && !facet.contains("2024-03-01"),
        "{facet}"
    );
    click(&root, ".vt-facet input[type=checkbox]");
    assert!(eventually(&root, |r| count(r, ".vt-filter-chip") == 1).await);
    assert!(text_of(&root, ".vt-filter-chip").contains("mars 2024"));
    assert!(
        eventually(&root, |_| page_search().contains("d-jalons=2024-0")).await,
        "the filter in the URL is the ISO date: {}",
        page_search()
    );
}
