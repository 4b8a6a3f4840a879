//! Long work in slices: about [`SLICE_MS`] of work, then a yield to the
//! event loop: a task posted with `scheduler.postTask` (Chromium, Firefox),
//! else a `setTimeout(0)` task, so input and painting get their turn
//! between slices, even when the tab is hidden (unlike
//! `requestAnimationFrame`). `postTask` first: a chain of `setTimeout(0)`
//! waits at least 4 ms a link from its fifth link on (the browser's clamp
//! of nested timers; at 100,000 rows, hundreds of slices).

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
        if !post_task(&resolve) {
            let scheduled = web_sys::window().and_then(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                    .ok()
            });
            if scheduled.is_none() {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Calls `f` in a new task with `scheduler.postTask`, where the browser
/// has it.
fn post_task(f: &js_sys::Function) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let get = |target: &JsValue, name: &str| js_sys::Reflect::get(target, &JsValue::from_str(name));
    let Ok(scheduler) = get(&window, "scheduler") else {
        return false;
    };
    match get(&scheduler, "postTask") {
        Ok(post) if post.is_function() => post
            .unchecked_into::<js_sys::Function>()
            .call1(&scheduler, f)
            .is_ok(),
        _ => false,
    }
}
