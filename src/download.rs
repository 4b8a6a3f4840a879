//! Export buttons and the "copy link" button: the bytes come from
//! `vitrine-core`, the widget only hands them to the browser.

use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use std::rc::Rc;
use vitrine_core::export::{export_csv, export_json};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Offers `bytes` as a file named `name`.
pub fn save(bytes: &[u8], mime: &str, name: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url).ok()
}

/// Copies `text` to the clipboard; true when the browser accepted.
fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"));
    let Ok(clipboard) = clipboard else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"));
    match write
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        Some(f) => f.call1(&clipboard, &JsValue::from_str(text)).is_ok(),
        None => false,
    }
}

#[derive(Properties, PartialEq)]
pub struct DownloadsProps {
    pub dataset: Rc<Dataset>,
    pub rows: Rc<Vec<u32>>,
    /// The page URL with the current state (for "copy link").
    pub link: Option<String>,
    pub lang: Lang,
}

#[function_component(Downloads)]
pub fn downloads(props: &DownloadsProps) -> Html {
    let s = strings(props.lang);
    let copied = use_state(|| false);
    let export = |json: bool| {
        let (dataset, rows) = (props.dataset.clone(), props.rows.clone());
        Callback::from(move |_: MouseEvent| {
            let (schema, table) = (dataset.schema(), dataset.table());
            if json {
                save(
                    export_json(schema, table, &rows).as_bytes(),
                    "application/json",
                    "export.json",
                );
            } else {
                save(
                    &export_csv(schema, table, &rows),
                    "text/csv;charset=utf-8",
                    "export.csv",
                );
            }
        })
    };
    let copy_link = {
        let (copied, link) = (copied.clone(), props.link.clone());
        Callback::from(move |_: MouseEvent| {
            let href = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            copied.set(link.as_ref().is_some_and(|l| copy(&format!("{href}{l}"))));
        })
    };
    html! {
        <div class="vt-actions">
            <button type="button" class="vt-button" onclick={copy_link}>{ s.copy_link }</button>
            <span class="vt-copied" role="status">{ if *copied { s.link_copied } else { "" } }</span>
            <button type="button" class="vt-button" onclick={export(false)}>{ s.export_csv }</button>
            <button type="button" class="vt-button" onclick={export(true)}>{ s.export_json }</button>
        </div>
    }
}
