//! Long work in slices: about [`SLICE_MS`] of work, then a yield to the
//! event loop: a task posted through a `MessageChannel`, so input and
//! painting get their turn between slices, even when the tab is hidden
//! (unlike `requestAnimationFrame`), and without the 4 ms a chain of
//! `setTimeout(0)` waits each time from its fifth link on (the browser's
//! clamp of nested timers: at 100,000 rows, hundreds of slices).

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

/// Resolves in a new task of the event loop (at once where the page has
/// no `MessageChannel`, which every browser running WebAssembly has).
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if !post_task(&resolve) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Calls `f` in a new task: a message to a fresh channel's port.
fn post_task(f: &js_sys::Function) -> bool {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return false;
    };
    channel.port1().set_onmessage(Some(f));
    channel.port2().post_message(&JsValue::UNDEFINED).is_ok()
}
