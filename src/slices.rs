//! Long work in slices: about [`SLICE_MS`] of work, then a yield to the
//! event loop: a task posted with `scheduler.postTask` (Chromium, Firefox),
//! else a `setTimeout(0)` task, so input and painting get their turn
//! between slices, even when the tab is hidden (unlike
//! `requestAnimationFrame`). `postTask` first: a chain of `setTimeout(0)`
//! waits at least 4 ms a link from its fifth link on (the browser's clamp
//! of nested timers; at 100,000 rows, hundreds of slices).
//!
//! The slices are posted at the `background` priority: the page's own
//! tasks, input and frames go first, and the work runs whenever they leave
//! the main thread free. At the default (`user-visible`) priority Chromium
//! ran slice after slice and let a frame wait up to about 100 ms, so
//! rows already shown were not updated, nor the progress bar, until then
//! (the frame after the first rows of a 1,000-row file waited for two or
//! three slices).

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

#[wasm_bindgen]
extern "C" {
    /// The options of `scheduler.postTask`.
    type PostTaskOptions;
    #[wasm_bindgen(method, setter)]
    fn set_priority(this: &PostTaskOptions, priority: &str);

    /// `scheduler.postTask(f, options)`; throws where the browser has no
    /// `scheduler`.
    #[wasm_bindgen(catch, js_namespace = scheduler, js_name = postTask)]
    fn scheduler_post_task(
        f: &js_sys::Function,
        options: &PostTaskOptions,
    ) -> Result<JsValue, JsValue>;
}

/// Calls `f` in a new task with `scheduler.postTask` at the `background`
/// priority, where the browser has it.
fn post_task(f: &js_sys::Function) -> bool {
    let options: PostTaskOptions = js_sys::Object::new().unchecked_into();
    options.set_priority("background");
    scheduler_post_task(f, &options).is_ok()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// Posts `f` as a task of the page at the default priority.
    fn page_task(f: impl FnOnce() + 'static) {
        let window = web_sys::window().expect("a window");
        let scheduler = js_sys::Reflect::get(&window, &JsValue::from_str("scheduler"))
            .expect("scheduler.postTask in Chromium");
        let post: js_sys::Function =
            js_sys::Reflect::get(&scheduler, &JsValue::from_str("postTask"))
                .expect("postTask")
                .unchecked_into();
        post.call1(&scheduler, &Closure::once_into_js(f))
            .expect("a posted task");
    }

    #[wasm_bindgen_test]
    async fn the_page_s_tasks_go_before_the_next_slice() {
        let order = Rc::new(RefCell::new(Vec::new()));
        let work = order.clone();
        wasm_bindgen_futures::spawn_local(async move {
            yield_now().await;
            work.borrow_mut().push("slice");
        });
        // A microtask: the spawned work runs up to its yield.
        let _ =
            wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await;
        assert!(order.borrow().is_empty(), "the work waits for its turn");
        // Posted after the yield: a frame, an input or the page's own work.
        let page = order.clone();
        page_task(move || page.borrow_mut().push("page"));
        while order.borrow().len() < 2 {
            gloo_timers::future::TimeoutFuture::new(10).await;
        }
        assert_eq!(*order.borrow(), ["page", "slice"]);
    }
}
