//! A modal dialog: focus moves into it when it opens, Tab and Shift+Tab
//! stay inside, Escape closes it, and the focus returns where it was.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub title: AttrValue,
    /// Id of the title (for `aria-labelledby`).
    pub id: AttrValue,
    pub close_label: AttrValue,
    pub on_close: Callback<()>,
    /// A field to focus first (its element id); else the close button.
    #[prop_or_default]
    pub focus: Option<String>,
    #[prop_or_default]
    pub children: Html,
}

const FOCUSABLE: &str =
    "button:not([disabled]), input:not([disabled]), select, textarea, a[href], [tabindex='0']";

/// The focused element of the document or shadow root holding `node`.
pub fn focused_near(node: &Element) -> Option<Element> {
    match node.get_root_node().dyn_ref::<ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => web_sys::window()?.document()?.active_element(),
    }
}

fn focus(el: Option<Element>) {
    if let Some(el) = el.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

#[function_component(Dialog)]
pub fn dialog(props: &DialogProps) -> Html {
    let panel = use_node_ref();
    {
        let (panel, target) = (panel.clone(), props.focus.clone());
        use_effect_with(target, move |target| {
            let el = panel.cast::<Element>();
            let previous = el.as_ref().and_then(focused_near);
            if let Some(el) = &el {
                let wanted = target
                    .as_ref()
                    .and_then(|id| el.query_selector(&format!("[id='{id}']")).ok().flatten());
                focus(wanted.or_else(|| el.query_selector(FOCUSABLE).ok().flatten()));
            }
            move || {
                if previous.as_ref().is_some_and(|p| p.is_connected()) {
                    focus(previous);
                }
            }
        });
    }
    let onkeydown = {
        let (panel, on_close) = (panel.clone(), props.on_close.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                on_close.emit(());
                return;
            }
            if e.key() != "Tab" {
                return;
            }
            let Some(el) = panel.cast::<Element>() else {
                return;
            };
            let Ok(all) = el.query_selector_all(FOCUSABLE) else {
                return;
            };
            let (Some(first), Some(last)) = (all.get(0), all.get(all.length().saturating_sub(1)))
            else {
                return;
            };
            let active = focused_near(&el).map(|a| a.unchecked_into::<web_sys::Node>());
            let at = |n: &web_sys::Node| active.as_ref().is_some_and(|a| a.is_same_node(Some(n)));
            if e.shift_key() && at(&first) {
                e.prevent_default();
                focus(last.dyn_into().ok());
            } else if !e.shift_key() && at(&last) {
                e.prevent_default();
                focus(first.dyn_into().ok());
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="vt-detail-backdrop vt-edit-backdrop">
            <section class="vt-detail vt-edit-dialog" role="dialog" aria-modal="true"
                aria-labelledby={props.id.clone()} ref={panel} {onkeydown}>
                <header class="vt-detail-header">
                    <h2 id={props.id.clone()}>{ props.title.clone() }</h2>
                    <button type="button" class="vt-button vt-close" onclick={close}
                        aria-label={props.close_label.clone()}>{ "×" }</button>
                </header>
                { props.children.clone() }
            </section>
        </div>
    }
}
