//! The Vitrine widget: a yew app mounted inside `<vitrine-table>`.
//!
//! `www/vitrine.js` defines the custom element, loads this module and calls
//! [`mount`] with the element's shadow-root container and its attributes.
//! This crate only renders and handles events: every rule about data is in
//! `vitrine-core`.

mod app;
mod attrs;
mod card;
mod card_view;
mod cell;
mod column_chooser;
mod config;
mod dataset;
mod detail_view;
mod download;
// The editing code: compiled into the editor bundle only. The reader
// bundle shows the same controls from `edit_entry/`, and using one of them
// switches the element to the editor bundle (see `edit_start.rs`).
#[cfg(feature = "edit")]
mod edit;
#[cfg(not(feature = "edit"))]
#[path = "edit_entry/mod.rs"]
mod edit;
mod edit_start;
mod error_panel;
mod facet_group;
mod facets;
mod filter_chips;
mod grid_nav;
mod i18n;
mod load;
#[cfg(feature = "moderation")]
pub mod moderation;
mod next_paint;
mod prefetch;
mod preview;
mod progress_bar;
mod reader;
mod search_box;
mod slices;
mod sort_prepare;
mod state;
mod table_view;
mod url_sync;

pub use app::App;
pub use attrs::{Attrs, RawAttributes};
pub use i18n::Lang;

use wasm_bindgen::prelude::*;

/// One mounted widget, owned by its `<vitrine-table>` element.
#[wasm_bindgen]
pub struct VitrineApp {
    handle: yew::AppHandle<App>,
}

#[wasm_bindgen]
impl VitrineApp {
    /// Applies changed attributes (the element's `attributeChangedCallback`).
    pub fn update(&mut self, attributes: JsValue) -> Result<(), JsValue> {
        self.handle.update(read_attributes(attributes)?);
        Ok(())
    }

    /// Unmounts the app (the element was removed from the page).
    pub fn destroy(self) {
        self.handle.destroy();
    }
}

/// Mounts a widget into `root` with the element's attributes.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, attributes: JsValue) -> Result<VitrineApp, JsValue> {
    let props = read_attributes(attributes)?;
    let handle = yew::Renderer::<App>::with_root_and_props(root, props).render();
    Ok(VitrineApp { handle })
}

/// The mounted moderation page (`www/moderation.html`).
#[cfg(feature = "moderation")]
#[wasm_bindgen]
pub struct ModerationApp {
    handle: yew::AppHandle<moderation::ModerationPage>,
}

#[cfg(feature = "moderation")]
#[wasm_bindgen]
impl ModerationApp {
    /// Unmounts the page.
    pub fn destroy(self) {
        self.handle.destroy();
    }
}

/// Mounts the moderation page into `root`; `attributes` is
/// `{lang: ["fr", …], api: "https://…"}` (both optional).
#[cfg(feature = "moderation")]
#[wasm_bindgen]
pub fn mount_moderation(
    root: web_sys::Element,
    attributes: JsValue,
) -> Result<ModerationApp, JsValue> {
    let raw: moderation::ModerationAttributes = if attributes.is_undefined() || attributes.is_null()
    {
        Default::default()
    } else {
        serde_wasm_bindgen::from_value(attributes)
            .map_err(|e| JsValue::from_str(&format!("vitrine: invalid moderation options: {e}")))?
    };
    let props = moderation::ModerationProps::from_attributes(&raw);
    let handle =
        yew::Renderer::<moderation::ModerationPage>::with_root_and_props(root, props).render();
    Ok(ModerationApp { handle })
}

/// Reads the loader's plain object of attributes (every value a string),
/// entry by entry.
fn read_attributes(value: JsValue) -> Result<Attrs, JsValue> {
    let invalid = |what: &str| JsValue::from_str(&format!("vitrine: invalid attributes: {what}"));
    if !value.is_object() {
        return Err(invalid("expected an object"));
    }
    let mut raw = RawAttributes::new();
    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let name = entry.get(0).as_string().unwrap_or_default();
        let Some(text) = entry.get(1).as_string() else {
            return Err(invalid(&format!("`{name}` is not a string")));
        };
        raw.insert(name, text);
    }
    Ok(Attrs::from_raw(&raw, resolve_url))
}

/// Resolves `url` against `base` with the browser's URL parser.
fn resolve_url(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base)
        .ok()
        .map(|u| u.href())
}
