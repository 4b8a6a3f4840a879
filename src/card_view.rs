//! The card view: a responsive grid of cards, `page-size` at a time.

use crate::attrs::CardRoles;
use crate::card::Card;
use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CardViewProps {
    pub dataset: Rc<Dataset>,
    pub rows: Rc<Vec<u32>>,
    pub roles: CardRoles,
    pub page_size: usize,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

#[function_component(CardView)]
pub fn card_view(props: &CardViewProps) -> Html {
    let s = strings(props.lang);
    let shown = use_state(|| props.page_size);
    {
        // New results start from the first page again.
        let (shown, page) = (shown.clone(), props.page_size);
        use_effect_with(props.rows.clone(), move |_| shown.set(page));
    }
    let on_open = {
        let (dispatch, dataset) = (props.dispatch.clone(), props.dataset.clone());
        Callback::from(move |row: u32| dispatch.emit(Action::Open(dataset.row_key(row))))
    };
    let cards = props.rows.iter().take(*shown).map(|&row| {
        html! {
            <Card key={row} dataset={props.dataset.clone()} {row} roles={props.roles.clone()}
                lang={props.lang} on_open={on_open.clone()} />
        }
    });
    let more = (props.rows.len() > *shown).then(|| {
        let (shown, page) = (shown.clone(), props.page_size);
        let onclick = Callback::from(move |_: MouseEvent| shown.set(*shown + page));
        html! { <button type="button" class="vt-button vt-more" {onclick}>{ s.show_more }</button> }
    });
    html! {
        <div class="vt-cards-wrap">
            <ul class="vt-cards">{ for cards }</ul>
            { for more }
        </div>
    }
}
