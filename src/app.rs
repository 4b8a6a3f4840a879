//! The root component: reads the config (when the `config` attribute names
//! one), loads the dataset named by the attributes and shows it, with a
//! progress bar while it loads and a readable panel when it cannot.

use crate::attrs::{Attrs, RawAttributes, browser_resolve};
use crate::config::read_config;
use crate::dataset::Dataset;
use crate::edit::EditLayer;
use crate::error_panel::{ErrorPanel, HeaderNotice};
use crate::load::{LoadError, Progress, load};
use crate::preview::preview;
use crate::progress_bar::ProgressBar;
use crate::reader::Reader;
use crate::sort_prepare::prepare_sorts;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

enum LoadState {
    /// How far it got, and the first rows of a large file once read.
    Loading(Option<Progress>, Option<Rc<Dataset>>),
    Ready(Rc<Dataset>),
    Failed(Rc<LoadError>),
}

enum ConfigState {
    Pending,
    Ready(Rc<RawAttributes>),
    Failed(Rc<LoadError>),
}

/// Runs `work` unless a newer run (or unmounting) made it stale; the
/// returned flag is set by the effect's cleanup.
fn stale_flag() -> Rc<Cell<bool>> {
    Rc::new(Cell::new(false))
}

#[function_component(App)]
pub fn app(props: &Attrs) -> Html {
    // Without a `config` attribute the attributes are ready at once: the
    // load starts from the first render.
    let no_config = || ConfigState::Ready(Rc::default());
    let config = use_state(|| match props.config {
        None => no_config(),
        Some(_) => ConfigState::Pending,
    });
    {
        let config = config.clone();
        let attrs = props.clone();
        use_effect_with(props.config.clone(), move |_| {
            let stale = stale_flag();
            let flag = stale.clone();
            if attrs.config.is_none() {
                if !matches!(&*config, ConfigState::Ready(values) if values.is_empty()) {
                    config.set(no_config());
                }
            } else {
                config.set(ConfigState::Pending);
                wasm_bindgen_futures::spawn_local(async move {
                    let result = read_config(&attrs).await;
                    if !flag.get() {
                        config.set(match result {
                            Ok(values) => ConfigState::Ready(Rc::new(values)),
                            Err(error) => ConfigState::Failed(Rc::new(LoadError::Config(error))),
                        });
                    }
                });
            }
            move || stale.set(true)
        });
    }
    // The attributes over the config's values.
    let attrs: Option<Attrs> = match &*config {
        ConfigState::Ready(values) if values.is_empty() => Some(props.clone()),
        ConfigState::Ready(values) => Some(props.over_config(values, browser_resolve)),
        _ => None,
    };

    let state = use_state(|| LoadState::Loading(None, None));
    {
        let state = state.clone();
        let current = attrs.clone();
        let key = attrs.as_ref().map(|a| {
            (
                a.src.clone(),
                a.schema.clone(),
                a.facets.clone(),
                a.search_fields.clone(),
            )
        });
        use_effect_with(key, move |_| {
            if !matches!(*state, LoadState::Loading(None, None)) {
                state.set(LoadState::Loading(None, None));
            }
            // A newer load (attribute change) or unmounting makes this one stale.
            let stale = stale_flag();
            if let Some(attrs) = current {
                let flag = stale.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    // Shown from the next progress report on.
                    let preview = RefCell::new(None::<Rc<Dataset>>);
                    let on_progress = |p: Progress| {
                        if !flag.get() {
                            state.set(LoadState::Loading(Some(p), preview.borrow().clone()));
                        }
                    };
                    let on_preview = |first: Dataset| *preview.borrow_mut() = Some(Rc::new(first));
                    let result = load(&attrs, &on_progress, &on_preview).await;
                    if flag.get() {
                        return;
                    }
                    match result {
                        Ok(dataset) => {
                            let dataset = Rc::new(dataset);
                            state.set(LoadState::Ready(dataset.clone()));
                            prepare_sorts(&dataset, &attrs, || flag.get()).await;
                        }
                        Err(error) => state.set(LoadState::Failed(Rc::new(error))),
                    }
                });
            }
            move || stale.set(true)
        });
    }

    let lang = attrs.as_ref().map_or(props.lang, |a| a.lang);
    let body = match (&*config, &*state, &attrs) {
        (_, LoadState::Loading(progress, Some(first)), Some(attrs)) => {
            preview(first, attrs, *progress)
        }
        (ConfigState::Failed(error), _, _) | (_, LoadState::Failed(error), _) => {
            html! { <ErrorPanel error={error.clone()} {lang} /> }
        }
        (_, LoadState::Ready(dataset), Some(attrs)) => {
            let reader = html! { <Reader dataset={dataset.clone()} attrs={attrs.clone()} /> };
            let shown = if attrs.suggest {
                html! {
                    <EditLayer dataset={dataset.clone()} attrs={attrs.clone()}>{ reader }</EditLayer>
                }
            } else {
                reader
            };
            html! {
                <>
                    <HeaderNotice found={dataset.header_match().clone()} {lang} />
                    { shown }
                </>
            }
        }
        (_, LoadState::Loading(progress, _), _) => html! {
            <ProgressBar progress={*progress} {lang} />
        },
        _ => html! { <ProgressBar progress={None::<Progress>} {lang} /> },
    };
    html! { <div class="vt-app" lang={lang.code()}>{ body }</div> }
}
