//! A suggestion's changes as before/after tables, one per project, with each
//! value's validation and conflict state. Every value is a text node.

use yew::prelude::*;

use super::diff::{DiffLine, Project, ProjectDiff};
use super::strings::moderation_strings;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct SuggestionDiffProps {
    pub lang: Lang,
    pub projects: Vec<ProjectDiff>,
}

#[function_component(SuggestionDiff)]
pub fn suggestion_diff(props: &SuggestionDiffProps) -> Html {
    let s = moderation_strings(props.lang);
    html! {
        <div class="diff">
            { for props.projects.iter().map(|p| {
                let heading = match &p.project {
                    Project::Row(id) => format!("{} {id}", s.project),
                    Project::New(n) => format!("{} {}", s.new_row, n + 1),
                };
                html! {
                    <table class="diff-table">
                        <caption>{ heading }</caption>
                        <thead><tr>
                            <th scope="col">{ s.field }</th>
                            <th scope="col">{ s.before }</th>
                            <th scope="col">{ s.after }</th>
                            <th scope="col">{ s.state }</th>
                        </tr></thead>
                        <tbody>{ for p.lines.iter().map(|l| diff_line(l, props.lang)) }</tbody>
                        if !p.row_problems.is_empty() {
                            <tfoot><tr><td colspan="4" class="row-problems">
                                { for p.row_problems.iter().map(|m| html! { <p class="problem">{ m.clone() }</p> }) }
                            </td></tr></tfoot>
                        }
                    </table>
                }
            }) }
        </div>
    }
}

fn value(text: &str, lang: Lang) -> Html {
    if text.is_empty() {
        html! { <em class="empty">{ moderation_strings(lang).empty }</em> }
    } else {
        html! { <span class="value">{ text.to_string() }</span> }
    }
}

fn diff_line(line: &DiffLine, lang: Lang) -> Html {
    let s = moderation_strings(lang);
    let state_class = if line.conflict || !line.row_found {
        "state conflict"
    } else if line.is_valid() {
        "state valid"
    } else {
        "state invalid"
    };
    html! {
        <tr class={classes!("diff-line", (!line.is_valid() || line.conflict).then_some("flagged"))}
            data-field={line.field.clone()}>
            <th scope="row">
                <span class="field-title">{ line.title.clone() }</span>
                if line.title != line.field { <code class="field-name">{ line.field.clone() }</code> }
            </th>
            <td class="before"><del>{ value(&line.before, lang) }</del></td>
            <td class="after"><ins>{ value(&line.after, lang) }</ins></td>
            <td class={state_class}>
                if line.is_valid() {
                    <span class="badge ok">{ s.valid }</span>
                } else {
                    <span class="badge bad">{ s.invalid }</span>
                }
                if !line.field_known { <p>{ s.unknown_field }</p> }
                { for line.problems.iter().map(|p| html! { <p class="problem">{ p.clone() }</p> }) }
                if line.server_checked && !line.problems.is_empty() {
                    <p class="note">{ s.validated_by_server }</p>
                }
                if !line.row_found { <p class="problem">{ s.row_missing }</p> }
                if line.conflict && line.row_found {
                    <p class="problem">{ s.conflict }</p>
                    <p>{ format!("{} : ", s.current_value) }{ value(line.current.as_deref().unwrap_or(""), lang) }</p>
                }
            </td>
        </tr>
    }
}
