//! A plain table of the dataset's rows: the shell's view until the reader
//! experience (virtualized grid, cards, facets) replaces it.

use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlainTableProps {
    pub dataset: Rc<Dataset>,
    pub lang: Lang,
    pub page_size: usize,
}

#[function_component(PlainTable)]
pub fn plain_table(props: &PlainTableProps) -> Html {
    let s = strings(props.lang);
    let data = &props.dataset;
    let total = data.row_count();
    let shown = total.min(props.page_size);
    let titles = data.column_titles(props.lang);
    html! {
        <div class="vt-table-wrap">
            <p class="vt-count" role="status" aria-live="polite">{ (s.rows_shown)(shown, total) }</p>
            <table class="vt-table">
                <caption class="vt-visually-hidden">{ s.table_caption }</caption>
                <thead>
                    <tr>{ for titles.iter().map(|t| html! { <th scope="col">{ t.clone() }</th> }) }</tr>
                </thead>
                <tbody>
                    { for (0..shown).map(|row| html! {
                        <tr>
                            { for (0..titles.len()).map(|col| html! {
                                <td>{ data.cell(row, col).to_string() }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
