//! One facet: its values with live counts, checkboxes, and a search box
//! inside long groups.

use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use crate::state::Action;
use std::rc::Rc;
use vitrine_core::query::{QueryResult, fold};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Groups with more values than this get a search box.
const LONG_GROUP: usize = 8;

#[derive(Properties)]
pub struct FacetGroupProps {
    pub dataset: Rc<Dataset>,
    pub result: Rc<QueryResult>,
    /// Position of the facet in `result.facets`.
    pub facet: usize,
    /// Schema position of the field.
    pub field: usize,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// The group's values and counts are compared, not the whole result: a new
/// result that leaves them as they were does not re-render the group.
impl PartialEq for FacetGroupProps {
    fn eq(&self, other: &Self) -> bool {
        self.dataset == other.dataset
            && self.result.facets.get(self.facet) == other.result.facets.get(other.facet)
            && (self.facet, self.field, self.lang) == (other.facet, other.field, other.lang)
            && self.dispatch == other.dispatch
    }
}

#[function_component(FacetGroup)]
pub fn facet_group(props: &FacetGroupProps) -> Html {
    let s = strings(props.lang);
    let filter = use_state(String::new);
    let facet = &props.result.facets[props.facet];
    let name = facet.field.clone();
    let id = format!("vt-facet-{}", props.facet);
    let wanted = fold(&filter);
    let dataset = &props.dataset;
    let values = facet.values.iter().enumerate().filter(|(_, v)| {
        wanted.is_empty()
            || v.selected
            || fold(&dataset.label(&name, &v.value, props.lang)).contains(&wanted)
    });
    let items = values.map(|(i, v)| {
        let onchange = {
            let (field, value) = (name.clone(), v.value.clone());
            props.dispatch.reform(move |_: Event| Action::ToggleFacet {
                field: field.clone(),
                value: value.clone(),
            })
        };
        let input_id = format!("{id}-{i}");
        let zero = (v.count == 0 && !v.selected).then_some("");
        html! {
            <li class="vt-facet-value" data-zero={zero}>
                <input type="checkbox" id={input_id.clone()} checked={v.selected} {onchange} />
                <label for={input_id}>
                    <span class="vt-facet-label">{ dataset.label(&name, &v.value, props.lang).to_string() }</span>
                    <span class="vt-facet-count">{ crate::i18n::count(v.count as usize, props.lang) }</span>
                </label>
            </li>
        }
    });
    let search = (facet.values.len() > LONG_GROUP).then(|| {
        let filter = filter.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        let title = dataset.title(props.field, props.lang);
        html! {
            <input type="search" class="vt-input vt-facet-search"
                aria-label={format!("{} — {title}", s.filter_values)}
                placeholder={s.filter_values} {oninput} />
        }
    });
    html! {
        <fieldset class="vt-facet" id={id.clone()}>
            <legend>{ dataset.title(props.field, props.lang).to_string() }</legend>
            { for search }
            <ul class="vt-facet-values">{ for items }</ul>
        </fieldset>
    }
}
