//! Helpers shared by the browser tests (wasm-bindgen-test in headless
//! Chromium): pages built from `data:` URLs, a mount point inside a shadow
//! root as `www/vitrine.js` makes it, the loader's attribute object, and
//! DOM queries that wait for yew's asynchronous renders.
#![allow(dead_code)]

use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// A `data:` URL serving `body` as `mime` (UTF-8).
pub fn data_url(mime: &str, body: &str) -> String {
    format!(
        "data:{mime};charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(body))
    )
}

/// A mount point inside a new element's open shadow root, as the loader
/// makes one, with `css` (when given) in that shadow root.
pub fn shadow_container(css: Option<&str>) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    if let Some(css) = css {
        let style = document.create_element("style").unwrap();
        style.set_text_content(Some(css));
        root.append_child(&style).unwrap();
    }
    let mount_point = document.create_element("div").unwrap();
    root.append_child(&mount_point).unwrap();
    mount_point
}

/// A mount point shadow-free in the page's body (the moderation page).
pub fn plain_container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// The attributes as `www/vitrine.js` passes them: a plain object of strings.
pub fn attributes(pairs: &[(&str, &str)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in pairs {
        js_sys::Reflect::set(&object, &(*name).into(), &(*value).into()).unwrap();
    }
    object.into()
}

/// Waits until `check` holds (the app loads and renders asynchronously),
/// up to about 10 s.
pub async fn eventually(root: &Element, check: impl Fn(&Element) -> bool) -> bool {
    for _ in 0..200 {
        if check(root) {
            return true;
        }
        gloo_timers::future::sleep(Duration::from_millis(50)).await;
    }
    false
}

pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

pub fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

pub fn text_of(root: &Element, selector: &str) -> String {
    find(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Clicks the element matching `selector`; panics when there is none.
pub fn click(root: &Element, selector: &str) {
    let el: HtmlElement = find(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    el.click();
}

/// Dispatches a bubbling, cancelable `keydown` of `key` on `target`.
pub fn press_key(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Empties the page's `localStorage` (drafts left by earlier tests).
pub fn clear_storage() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

/// Mounts the widget on `root` with `csv` and `schema` served from `data:`
/// URLs, in French, cards titled by the `nom` column, plus the `extra`
/// attributes, and waits for its first table row. Returns the app and the
/// data URL (the key of the dataset's draft).
pub async fn mount_rows(
    root: &Element,
    csv: &str,
    schema: &str,
    extra: &[(&str, &str)],
) -> (vitrine_widget::VitrineApp, String) {
    let src = data_url("text/csv", csv);
    let schema = data_url("application/json", schema);
    let mut pairs = vec![
        ("src", src.as_str()),
        ("schema", schema.as_str()),
        ("lang", "fr"),
        ("card-title", "nom"),
    ];
    pairs.extend_from_slice(extra);
    let app = vitrine_widget::mount(root.clone(), attributes(&pairs)).unwrap();
    assert!(eventually(root, |r| find(r, "tbody tr").is_some()).await);
    (app, src)
}
