//! Browser tests of the reader (wasm-bindgen-test in headless Chromium):
//! virtualization, facets with live counts, sorting and the detail panel.
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
    let root = container();
    let app = mount(
        root.clone(),
        attributes(&[
            ("src", &data_url("text/csv", &csv())),
            ("schema", &data_url("application/json", SCHEMA)),
            ("lang", lang),
            ("id", id),
            ("card-title", "nom"),
            // Read-only: a click on a row opens its detail (editing has its
            // own tests in widget_edits.rs).
            ("readonly", ""),
        ]),
    )
    .unwrap();
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
    let search = || web_sys::window().unwrap().location().search().unwrap();
    assert!(
        eventually(&root, |_| search().contains("t-row=599")).await,
        "{}",
        search()
    );
    click(&root, ".vt-close");
    assert!(eventually(&root, |r| count(r, "[role=dialog]") == 0).await);
}
