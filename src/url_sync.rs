//! The reader's state in the page URL: read on load, written on each change
//! (a history entry per change, except while typing a search) once the change
//! is painted, read back on back/forward. The (de)serialization is `vitrine-core`'s.

use crate::slices::yield_now;
use crate::state::Action;
use std::cell::RefCell;
use std::rc::Rc;
use vitrine_core::query::Query;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The query in the page URL under `prefix`.
pub fn initial_query(prefix: &str) -> Query {
    Query::from_query_string(prefix, &location_search())
}

/// The page URL with this widget's parameters set to `query`'s.
pub fn page_url_with(prefix: &str, query: &Query) -> Option<String> {
    let location = web_sys::window()?.location();
    let search = query.merge_into_query_string(prefix, &location.search().ok()?);
    let path = location.pathname().ok()?;
    let hash = location.hash().ok()?;
    let separator = if search.is_empty() { "" } else { "?" };
    Some(format!("{path}{separator}{search}{hash}"))
}

/// A history write waiting for the change to be painted.
struct PendingWrite {
    query: Query,
    /// Only search typing since the last write: replace the entry.
    replace: bool,
}

/// Writes `pending` into the page URL if it differs (a new history entry,
/// or the current one replaced while typing a search).
fn write_url(prefix: &str, pending: &RefCell<Option<PendingWrite>>) {
    let Some(PendingWrite { query, replace }) = pending.borrow_mut().take() else {
        return;
    };
    let current = location_search();
    if query.merge_into_query_string(prefix, &current) == current.trim_start_matches('?') {
        return;
    }
    if let (Some(url), Some(history)) = (
        page_url_with(prefix, &query),
        web_sys::window().and_then(|w| w.history().ok()),
    ) {
        let null = &wasm_bindgen::JsValue::NULL;
        let _ = if replace {
            history.replace_state_with_url(null, "", Some(&url))
        } else {
            history.push_state_with_url(null, "", Some(&url))
        };
    }
}

/// Resolves at the next animation frame (not in a hidden tab: the write
/// then waits until the page is shown again).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Keeps the page URL and the state in step. The URL is written after the
/// change is painted (`pushState` costs milliseconds the repaint need not
/// wait for); changes made meanwhile are written as one.
#[hook]
pub fn use_url_sync(prefix: String, query: Query, dispatch: Callback<Action>) {
    let previous: Rc<RefCell<Option<Query>>> = use_mut_ref(|| None);
    let pending: Rc<RefCell<Option<PendingWrite>>> = use_mut_ref(|| None);
    {
        let (prefix, pending) = (prefix.clone(), pending.clone());
        use_effect_with(query, move |query| {
            let Some(before) = previous.borrow_mut().replace(query.clone()) else {
                return;
            };
            let typing = before.set_search(&query.search) == *query;
            let mut slot = pending.borrow_mut();
            let scheduled = slot.is_some();
            let replace = typing && slot.as_ref().is_none_or(|p| p.replace);
            *slot = Some(PendingWrite {
                query: query.clone(),
                replace,
            });
            drop(slot);
            if !scheduled {
                // After the frame showing the change: a task after the next
                // animation frame.
                wasm_bindgen_futures::spawn_local(async move {
                    next_frame().await;
                    yield_now().await;
                    write_url(&prefix, &pending);
                });
            }
        });
    }
    use_effect_with(prefix, move |prefix| {
        let prefix = prefix.clone();
        let listener = Closure::<dyn Fn()>::new(move || {
            // The browser's URL is the truth now: drop a write not yet made.
            pending.borrow_mut().take();
            dispatch.emit(Action::Restore(initial_query(&prefix)));
        });
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = &window {
                let _ = w.remove_event_listener_with_callback(
                    "popstate",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
