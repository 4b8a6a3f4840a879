//! The audit log of each dataset: who accepted or rejected what, when, why.

use std::rc::Rc;

use yew::prelude::*;

use super::model::{DatasetInfo, HistoryEntry, short_time};
use super::strings::moderation_strings;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    pub lang: Lang,
    pub dataset: DatasetInfo,
    pub entries: Rc<Vec<HistoryEntry>>,
}

#[function_component(History)]
pub fn history(props: &HistoryProps) -> Html {
    let s = moderation_strings(props.lang);
    let title = if props.dataset.title.is_empty() {
        props.dataset.id.clone()
    } else {
        props.dataset.title.clone()
    };
    html! {
        <section class="history" data-dataset={props.dataset.id.clone()}>
            <h2>{ format!("{} — {title}", s.history_heading) }</h2>
            if props.entries.is_empty() {
                <p class="none">{ s.no_history }</p>
            } else {
                <ol class="history-list">
                    { for props.entries.iter().map(|e| entry(e, props.lang)) }
                </ol>
            }
        </section>
    }
}

fn entry(e: &HistoryEntry, lang: Lang) -> Html {
    let s = moderation_strings(lang);
    let action = match e.action.as_str() {
        "accepted" => s.action_accepted,
        "rejected" => s.action_rejected,
        other => other,
    };
    let version = match (&e.version_before, &e.version_after) {
        (Some(b), Some(a)) if b != a => format!("{} {b} → {a}", s.version),
        _ => String::new(),
    };
    html! {
        <li class={classes!("history-entry", e.action.clone())} data-suggestion-id={e.suggestion_id.to_string()}>
            <p>
                <time datetime={e.at.clone()}>{ short_time(&e.at) }</time>
                { format!(" — {} {} {action} {} ", s.suggestion, e.suggestion_id, s.by) }
                <span class="moderator">{ e.moderator.clone() }</span>
                if !version.is_empty() { <span class="version">{ format!(" ({version})") }</span> }
            </p>
            if let Some(reason) = &e.reason {
                <p class="reason">{ format!("{} : ", s.reason) }<span>{ reason.clone() }</span></p>
            }
            if !e.changes.is_empty() {
                <ul class="history-changes">
                    { for e.changes.iter().map(|c| {
                        let row = c.row_id.as_ref().map(|r| format!("{r} · ")).unwrap_or_default();
                        html! {
                            <li>
                                <code>{ format!("{row}{}", c.field) }</code>
                                { " : " }<del>{ c.before_text().to_string() }</del>
                                { " → " }<ins>{ c.after_text().to_string() }</ins>
                            </li>
                        }
                    }) }
                </ul>
            }
        </li>
    }
}
