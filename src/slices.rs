//! Long work in slices: about [`SLICE_MS`] of work, then a yield to the
//! event loop (a `setTimeout(0)` task, so input and painting get their
//! turn even when the tab is hidden, unlike `requestAnimationFrame`).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Work done between two yields, in milliseconds.
pub const SLICE_MS: f64 = 25.0;

/// The current time in milliseconds.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// A slice of work that started at [`Slice::start`].
pub struct Slice {
    started: f64,
}

impl Slice {
    pub fn start() -> Slice {
        Slice { started: now() }
    }

    /// The slice has used its time.
    pub fn is_over(&self) -> bool {
        now() - self.started >= SLICE_MS
    }
}

/// Resolves in a new task of the event loop.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0)
                .ok()
        });
        if scheduled.is_none() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
