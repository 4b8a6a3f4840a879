//! Waiting for the next paint: the first rows of a file are painted before
//! more of it is read. A plain yield ([`yield_now`]) gives the event loop a
//! turn, but the browser paints only at its next frame, and the next slice
//! of work may start before that frame and delay it by a whole slice.

use crate::slices::yield_now;
use wasm_bindgen::prelude::*;

/// Resolves after the next frame is produced: at the next animation frame,
/// a task is posted, which runs once that frame's rendering is done. In a
/// hidden page (no animation frames) it is a plain yield.
pub async fn next_paint() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.document().is_none_or(|d| d.hidden()) {
        yield_now().await;
        return;
    }
    let frame = js_sys::Promise::new(&mut |resolve, _reject| {
        if window.request_animation_frame(&resolve).is_err() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    // The animation frame's callbacks run before its style, layout and paint.
    yield_now().await;
}
