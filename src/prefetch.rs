//! Requests the loader (`www/vitrine.js`) started before the module was
//! ready: it fetches an element's schema and data while the WebAssembly
//! downloads and compiles, then hands each pending response over with
//! [`prefetched`]. A load takes the response of its URL, once; without one
//! it fetches as usual.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// A page has a few of them at most: a list will do.
    static PENDING: RefCell<Vec<(String, js_sys::Promise)>> = const { RefCell::new(Vec::new()) };
}

/// Hands over `response`, the loader's pending `fetch(url)` (a promise of
/// a `Response`); `url` is absolute, resolved as the widget resolves it.
#[wasm_bindgen]
pub fn prefetched(url: String, response: js_sys::Promise) {
    PENDING.with(|p| p.borrow_mut().push((url, response)));
}

/// The response of `url` the loader started, if any (taken: only one load
/// reads a body).
pub fn take(url: &str) -> Option<js_sys::Promise> {
    PENDING.with(|p| {
        let mut pending = p.borrow_mut();
        let at = pending.iter().position(|(u, _)| u == url)?;
        Some(pending.swap_remove(at).1)
    })
}

/// A GET of `url` under way: the loader's, else a new `fetch`.
pub fn start(url: &str) -> Result<js_sys::Promise, JsValue> {
    match take(url) {
        Some(response) => Ok(response),
        None => {
            let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
            Ok(window.fetch_with_str(url))
        }
    }
}
