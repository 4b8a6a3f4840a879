//! The reader bundle's editing layer: shares the editing context, asks the
//! loader for the editor bundle when a control is used (or when a draft of
//! this dataset was left in `localStorage`), and shows that the editor is
//! opening, or why it could not.

use super::Edits;
use crate::attrs::Attrs;
use crate::dataset::Dataset;
use crate::edit_start::{EditStart, FAILED_EVENT, REQUEST_EVENT, draft_key};
use crate::i18n::strings;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditLayerProps {
    pub dataset: Rc<Dataset>,
    pub attrs: Attrs,
    #[prop_or_default]
    pub children: Html,
}

/// Where the switch to the editor bundle stands.
#[derive(Clone, PartialEq)]
enum Switch {
    Idle,
    Opening(EditStart),
    /// It could not load: what was asked (to retry) and the loader's reason
    /// (`None`: no loader answered the request).
    Failed(EditStart, Option<String>),
}

/// True when a draft of the dataset at `src` waits in `localStorage`.
fn has_draft(src: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(&draft_key(src)).ok().flatten())
        .is_some()
}

/// Dispatches the request for the editor bundle on `target`; false when no
/// loader took it.
fn dispatch_request(target: &web_sys::Element, start: &EditStart, columns: Option<&str>) -> bool {
    let detail = js_sys::Object::new();
    let set = |name: &str, value: &str| {
        let _ = js_sys::Reflect::set(&detail, &name.into(), &value.into());
    };
    for (name, value) in start.to_attributes() {
        set(name, &value);
    }
    if let Some(columns) = columns {
        set("columns", columns);
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_detail(&detail);
    web_sys::CustomEvent::new_with_event_init_dict(REQUEST_EVENT, &init)
        // The loader cancels the event to say it handles it.
        .is_ok_and(|event| target.dispatch_event(&event) == Ok(false))
}

#[function_component(EditLayer)]
pub fn edit_layer(props: &EditLayerProps) -> Html {
    let lang = props.attrs.lang;
    let s = strings(lang);
    let node = use_node_ref();
    let switch = use_state(|| Switch::Idle);
    let columns = use_mut_ref(|| None::<String>);
    let request = {
        let (node, switch, columns) = (node.clone(), switch.clone(), columns.clone());
        Callback::from(move |start: EditStart| {
            if matches!(*switch, Switch::Opening(_)) {
                return;
            }
            let Some(target) = node.cast::<web_sys::Element>() else {
                return;
            };
            switch.set(Switch::Opening(start.clone()));
            if !dispatch_request(&target, &start, columns.borrow().as_deref()) {
                switch.set(Switch::Failed(start, None));
            }
        })
    };
    // A draft left for this dataset: open it in the editor at once.
    {
        let (request, src) = (request.clone(), props.dataset.src.clone());
        use_effect_with((), move |_| {
            if has_draft(&src) {
                request.emit(EditStart::Resume);
            }
        });
    }
    // The loader's answer when the editor bundle cannot load.
    {
        let (node, switch) = (node.clone(), switch.clone());
        let current = (*switch).clone();
        use_effect_with((node, current), move |(node, current)| {
            let target = node.cast::<web_sys::Element>();
            let start = match current {
                Switch::Opening(start) => Some(start.clone()),
                _ => None,
            };
            let listener =
                Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                    if let Some(start) = &start {
                        switch.set(Switch::Failed(start.clone(), e.detail().as_string()));
                    }
                });
            if let Some(target) = &target {
                let _ = target.add_event_listener_with_callback(
                    FAILED_EVENT,
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(target) = &target {
                    let _ = target.remove_event_listener_with_callback(
                        FAILED_EVENT,
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let edits = Edits {
        dataset: props.dataset.clone(),
        lang,
        request: request.clone(),
        columns,
        opening: matches!(*switch, Switch::Opening(_)),
    };
    let notice = match &*switch {
        Switch::Idle => Html::default(),
        Switch::Opening(_) => html! {
            <div class="vt-edit-switch" role="status">
                <p class="vt-progress-label">{ s.opening_editor }</p>
                <div class="vt-progress" data-indeterminate="" aria-hidden="true">
                    <div class="vt-progress-fill"></div>
                </div>
            </div>
        },
        Switch::Failed(start, reason) => {
            let retry = {
                let (request, start) = (request.clone(), start.clone());
                Callback::from(move |_: MouseEvent| request.emit(start.clone()))
            };
            html! {
                <div class="vt-edit-switch vt-edit-switch-failed" role="alert">
                    <p>{ s.editor_failed }</p>
                    { for reason.clone().map(|r| html! { <p class="vt-edit-switch-reason">{ r }</p> }) }
                    <button type="button" class="vt-button vt-edit-switch-retry" onclick={retry}>{ s.retry }</button>
                </div>
            }
        }
    };
    html! {
        <ContextProvider<Edits> context={edits}>
            <div class="vt-edit-layer" ref={node}>
                { notice }
                { props.children.clone() }
            </div>
        </ContextProvider<Edits>>
    }
}
