//! The reader's state in the page URL: read on load, written on each change
//! (a history entry per change, except while typing a search), read back on
//! back/forward. The (de)serialization is `vitrine-core`'s.

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

/// Keeps the page URL and the state in step.
#[hook]
pub fn use_url_sync(prefix: String, query: Query, dispatch: Callback<Action>) {
    let previous: Rc<RefCell<Option<Query>>> = use_mut_ref(|| None);
    {
        let prefix = prefix.clone();
        use_effect_with(query, move |query| {
            let before = previous.borrow_mut().replace(query.clone());
            let current = location_search();
            let wanted = query.merge_into_query_string(&prefix, &current);
            if before.is_some() && wanted != current.trim_start_matches('?') {
                let typing = before.is_some_and(|b| b.set_search(&query.search) == *query);
                if let (Some(url), Some(history)) = (
                    page_url_with(&prefix, query),
                    web_sys::window().and_then(|w| w.history().ok()),
                ) {
                    let _ = if typing {
                        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    } else {
                        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    };
                }
            }
        });
    }
    use_effect_with(prefix, move |prefix| {
        let prefix = prefix.clone();
        let listener = Closure::<dyn Fn()>::new(move || {
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
