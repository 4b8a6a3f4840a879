//! The root component: loads the dataset named by the attributes and shows it.

use crate::attrs::Attrs;
use crate::dataset::Dataset;
use crate::edit::EditLayer;
use crate::error_panel::ErrorPanel;
use crate::i18n::strings;
use crate::load::{LoadError, load};
use crate::reader::Reader;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum LoadState {
    Loading,
    Ready(Rc<Dataset>),
    Failed(LoadError),
}

#[function_component(App)]
pub fn app(attrs: &Attrs) -> Html {
    let state = use_state(|| LoadState::Loading);
    {
        let state = state.clone();
        let current = attrs.clone();
        use_effect_with(
            (
                attrs.src.clone(),
                attrs.schema.clone(),
                attrs.facets.clone(),
                attrs.search_fields.clone(),
            ),
            move |_| {
                state.set(LoadState::Loading);
                // A newer load (attribute change) or unmounting makes this one stale.
                let stale = Rc::new(Cell::new(false));
                let (attrs, flag) = (current, stale.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = load(&attrs).await;
                    if !flag.get() {
                        state.set(match result {
                            Ok(dataset) => LoadState::Ready(Rc::new(dataset)),
                            Err(error) => LoadState::Failed(error),
                        });
                    }
                });
                move || stale.set(true)
            },
        );
    }

    let body = match &*state {
        LoadState::Loading => html! {
            <p class="vt-loading" role="status">{ strings(attrs.lang).loading }</p>
        },
        LoadState::Failed(error) => {
            html! { <ErrorPanel error={error.clone()} lang={attrs.lang} /> }
        }
        LoadState::Ready(dataset) if attrs.suggest => html! {
            <EditLayer dataset={dataset.clone()} attrs={attrs.clone()}>
                <Reader dataset={dataset.clone()} attrs={attrs.clone()} />
            </EditLayer>
        },
        LoadState::Ready(dataset) => html! {
            <Reader dataset={dataset.clone()} attrs={attrs.clone()} />
        },
    };
    html! { <div class="vt-app" lang={attrs.lang.code()}>{ body }</div> }
}
