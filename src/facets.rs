//! The filter panel: one group per facet field readers may see.

use crate::dataset::Dataset;
use crate::facet_group::FacetGroup;
use crate::i18n::{Lang, strings};
use crate::state::Action;
use std::rc::Rc;
use vitrine_core::query::QueryResult;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FacetPanelProps {
    pub dataset: Rc<Dataset>,
    pub result: Rc<QueryResult>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

#[function_component(FacetPanel)]
pub fn facet_panel(props: &FacetPanelProps) -> Html {
    let s = strings(props.lang);
    let groups = props
        .result
        .facets
        .iter()
        .enumerate()
        .filter_map(|(i, facet)| {
            let field = props.dataset.field_index(&facet.field)?;
            Some(html! {
                <FacetGroup key={facet.field.clone()} dataset={props.dataset.clone()}
                    result={props.result.clone()} facet={i} {field}
                    lang={props.lang} dispatch={props.dispatch.clone()} />
            })
        });
    // On narrow screens the panel folds behind a "Filters" button.
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let selected: usize = props
        .result
        .facets
        .iter()
        .map(|f| f.values.iter().filter(|v| v.selected).count())
        .sum();
    let label = if selected > 0 {
        format!("{} ({selected})", s.show_filters)
    } else {
        s.show_filters.to_string()
    };
    // A state, not a class: a dynamic `class` would be built as yew `Classes`.
    let shown = (*open).then_some("");
    html! {
        <div class="vt-facets-area">
            <button type="button" class="vt-button vt-facets-toggle" onclick={toggle}
                aria-expanded={open.to_string()} aria-controls="vt-facets">{ label }</button>
            <aside id="vt-facets" class="vt-facets" data-open={shown} aria-labelledby="vt-facets-title">
                <h2 id="vt-facets-title" class="vt-facets-title">{ s.filters }</h2>
                { for groups }
            </aside>
        </div>
    }
}
