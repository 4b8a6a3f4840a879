//! The reader's screen: search, result count, view switch, filters, the
//! table or the cards, and the open detail. Its state is one reducer
//! (`state.rs`) mirrored in the page URL (`url_sync.rs`).

use crate::attrs::Attrs;
use crate::card_view::CardView;
use crate::column_chooser::{ColumnChooser, initial_columns};
use crate::dataset::Dataset;
use crate::detail_view::DetailView;
use crate::download::Downloads;
use crate::edit::EditToolbar;
use crate::facets::FacetPanel;
use crate::filter_chips::FilterChips;
use crate::i18n::strings;
use crate::search_box::SearchBox;
use crate::state::{Action, ReaderState};
use crate::table_view::TableView;
use crate::url_sync::{initial_query, page_url_with, use_url_sync};
use std::rc::Rc;
use vitrine_core::query::{Query, View, Window};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub dataset: Rc<Dataset>,
    pub attrs: Attrs,
}

/// The part of the query that changes the results: filters, search, sort.
pub fn results_query(query: &Query) -> Query {
    Query {
        window: Window::default(),
        view: None,
        row: None,
        ..query.clone()
    }
}

#[function_component(Reader)]
pub fn reader(props: &ReaderProps) -> Html {
    let attrs = &props.attrs;
    let s = strings(attrs.lang);
    let prefix = attrs.url_prefix.clone();
    let state = {
        let prefix = prefix.clone();
        use_reducer(move || ReaderState::new(initial_query(&prefix)))
    };
    // Stable across renders, so children whose other props are unchanged
    // skip re-rendering when the results change.
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };
    let query = state.query.clone();
    use_url_sync(prefix.clone(), query.clone(), dispatch.clone());

    let results_query = results_query(&query);
    let result = (*use_memo((props.dataset.clone(), results_query), |(dataset, q)| {
        dataset.run(q)
    }))
    .clone();
    let rows = use_memo(result.clone(), |r| r.rows.clone());

    let columns = {
        let (dataset, attrs) = (props.dataset.clone(), attrs.clone());
        use_state(move || initial_columns(&dataset, &attrs))
    };
    // The reader bundle's editing controls hand the columns over when they
    // switch to the editor bundle (which has no switch to make).
    #[cfg(not(feature = "edit"))]
    {
        let (edits, dataset) = (use_context::<crate::edit::Edits>(), props.dataset.clone());
        use_effect_with((*columns).clone(), move |shown| {
            if let Some(edits) = edits {
                let names: Vec<&str> = shown
                    .iter()
                    .map(|&f| dataset.field(f).name.as_str())
                    .collect();
                edits.keep_columns(names.join(","));
            }
        });
    }
    let on_columns = {
        let columns = columns.clone();
        Callback::from(move |next: Vec<usize>| columns.set(next))
    };

    let view = query.view.unwrap_or(attrs.view);
    let view_button = |v: View, label: &'static str| {
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetView(v));
        html! {
            <button type="button" class="vt-button" aria-pressed={(view == v).to_string()} {onclick}>
                { label }
            </button>
        }
    };
    let dataset = &props.dataset;
    let body = if rows.is_empty() {
        html! { <p class="vt-no-results">{ s.no_results }</p> }
    } else {
        match view {
            View::Table => html! {
                <TableView dataset={dataset.clone()} rows={rows.clone()} sort={query.sort.clone()}
                    columns={(*columns).clone()} lang={attrs.lang} dispatch={dispatch.clone()} />
            },
            View::Cards => html! {
                <CardView dataset={dataset.clone()} rows={rows.clone()} roles={attrs.card.clone()}
                    page_size={attrs.page_size} lang={attrs.lang} dispatch={dispatch.clone()} />
            },
        }
    };
    let detail = query.row.as_deref().and_then(|key| dataset.row_of_key(key)).map(|row| {
        html! {
            <DetailView dataset={dataset.clone()} {row} rows={rows.clone()}
                title_field={attrs.card.title.clone()} lang={attrs.lang} dispatch={dispatch.clone()} />
        }
    });
    html! {
        <div class="vt-reader">
            <div class="vt-toolbar">
                <SearchBox value={query.search.clone()} lang={attrs.lang}
                    on_search={dispatch.reform(Action::Search)} />
                <p class="vt-count" role="status" aria-live="polite">
                    { (s.results)(result.matching, result.total) }
                </p>
                <div class="vt-view-switch" role="group" aria-label={s.view}>
                    { view_button(View::Table, s.view_table) }
                    { view_button(View::Cards, s.view_cards) }
                </div>
                if view == View::Table {
                    <ColumnChooser dataset={dataset.clone()} shown={(*columns).clone()}
                        lang={attrs.lang} on_change={on_columns} />
                }
                <EditToolbar />
                <Downloads dataset={dataset.clone()} rows={rows.clone()}
                    link={page_url_with(&prefix, &query)} lang={attrs.lang} />
            </div>
            <div class="vt-body">
                // The active filters head the filter column: showing or
                // hiding them never moves the results.
                <div class="vt-side">
                    <FilterChips dataset={dataset.clone()} query={query.clone()} lang={attrs.lang}
                        dispatch={dispatch.clone()} />
                    <FacetPanel dataset={dataset.clone()} result={result.clone()} lang={attrs.lang}
                        dispatch={dispatch.clone()} />
                </div>
                <div class="vt-results">{ body }</div>
            </div>
            // One child either way: yew matches unkeyed children from the end.
            { detail.unwrap_or_default() }
        </div>
    }
}
