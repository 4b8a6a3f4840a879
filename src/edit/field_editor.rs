//! One field's editor, chosen by `vitrine_core::changeset::input_kind`:
//! a select, checkboxes for a list of enum values, a date typed in the
//! schema's format, email, URL, number, textarea or text. It validates
//! while the editor types with core's rules and keeps an invalid value,
//! marked with `aria-invalid` and a message that says what is expected.

use super::Edits;
use super::errors::typing_messages;
use super::strings::edit_strings;
use vitrine_core::changeset::{InputKind, RowRef, date_hint, input_kind};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Inline in a table cell (Enter commits, Escape cancels) or in a form
/// (each change is kept as it is made).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EditorMode {
    Inline,
    Form,
}

#[derive(Properties, PartialEq)]
pub struct FieldEditorProps {
    pub edits: Edits,
    pub row: RowRef,
    /// Schema position of the field.
    pub field: usize,
    pub mode: EditorMode,
    /// Inline: the editor is done (committed or cancelled).
    #[prop_or_default]
    pub on_done: Callback<()>,
}

/// The element id of a field's editor in a form.
pub fn editor_id(name: &str) -> String {
    format!("vt-edit-{name}")
}

#[function_component(FieldEditor)]
pub fn field_editor(props: &FieldEditorProps) -> Html {
    let edits = &props.edits;
    let dataset = &edits.dataset;
    let field = dataset.field(props.field);
    let s = edit_strings(edits.lang);
    let current = {
        let (row, f) = (props.row.clone(), props.field);
        move |edits: &Edits| {
            edits.pending(&row, f).unwrap_or_else(|| match &row {
                RowRef::New(_) => String::new(),
                r => r
                    .locate(edits.dataset.schema(), edits.dataset.table())
                    .map(|i| edits.dataset.text(i as u32, f).to_string())
                    .unwrap_or_default(),
            })
        }
    };
    let text = {
        let initial = current(edits);
        use_state(move || initial)
    };
    // Follow undo/redo and other changes of the stored value.
    {
        let (text, value) = (text.clone(), current(edits));
        use_effect_with(value, move |value| text.set(value.clone()));
    }
    let done = use_mut_ref(|| false);
    let wrapper = use_node_ref();
    {
        let wrapper = wrapper.clone();
        use_effect_with((), move |_| {
            let control = wrapper
                .cast::<web_sys::Element>()
                .and_then(|w| w.query_selector("input, select, textarea").ok().flatten())
                .and_then(|c| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(c).ok());
            if let Some(c) = control {
                let _ = c.focus();
            }
        });
    }
    let kind = use_memo((dataset.clone(), props.field), |(d, f)| {
        input_kind(d.field(*f), d.longest(*f))
    });
    let messages = typing_messages(
        dataset,
        &edits.state.draft.history,
        &props.row,
        &field.name,
        &text,
        edits.lang,
    );
    let server: Vec<String> = edits
        .state
        .server_problems
        .iter()
        .filter(|p| p.row.as_ref() == Some(&props.row) && p.field == field.name)
        .map(|p| p.problem.message_in(edits.lang.code()).to_string())
        .collect();
    let messages: Vec<String> = messages.into_iter().chain(server).collect();

    let id = match props.mode {
        EditorMode::Inline => "vt-inline-editor".to_string(),
        EditorMode::Form => editor_id(&field.name),
    };
    let (msg_id, help_id) = (format!("{id}-msg"), format!("{id}-help"));
    let commit = {
        let (edits, row, f, done) = (edits.clone(), props.row.clone(), props.field, done.clone());
        move |value: String| {
            *done.borrow_mut() = true;
            edits.set(row.clone(), f, value);
        }
    };
    let inline = props.mode == EditorMode::Inline;
    // The control's value, read from the event (the state may not have
    // re-rendered yet when a change or a key follows an input at once).
    let value_of = {
        let text = text.clone();
        move |target: Option<web_sys::EventTarget>| {
            let t = target.as_ref();
            t.and_then(|t| t.dyn_ref::<HtmlInputElement>())
                .filter(|i| i.type_() != "checkbox")
                .map(|i| i.value())
                .or_else(|| {
                    t.and_then(|t| t.dyn_ref::<HtmlTextAreaElement>())
                        .map(|i| i.value())
                })
                .or_else(|| {
                    t.and_then(|t| t.dyn_ref::<HtmlSelectElement>())
                        .map(|i| i.value())
                })
                .unwrap_or_else(|| (*text).clone())
        }
    };
    let oninput = {
        let (text, value_of) = (text.clone(), value_of.clone());
        Callback::from(move |e: InputEvent| text.set(value_of(e.target())))
    };
    // Form: keep each value as soon as the field is left or changed.
    let onchange = {
        let (commit, text, value_of) = (commit.clone(), text.clone(), value_of.clone());
        Callback::from(move |e: Event| {
            let value = value_of(e.target());
            text.set(value.clone());
            if !inline {
                commit(value);
            }
        })
    };
    let onkeydown = {
        let (commit, value_of, on_done, done) = (
            commit.clone(),
            value_of.clone(),
            props.on_done.clone(),
            done.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            if !inline {
                return;
            }
            match e.key().as_str() {
                "Enter" if !e.shift_key() => {
                    e.prevent_default();
                    commit(value_of(e.target()));
                    on_done.emit(());
                }
                "Escape" => {
                    e.prevent_default();
                    *done.borrow_mut() = true;
                    on_done.emit(());
                }
                _ => {}
            }
        })
    };
    // Inline: leaving the cell keeps the value, as a spreadsheet does.
    let onblur = {
        let (commit, value_of, on_done, done) = (
            commit.clone(),
            value_of.clone(),
            props.on_done.clone(),
            done.clone(),
        );
        Callback::from(move |e: FocusEvent| {
            let inside = e
                .related_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
                .and_then(|n| n.parent_element())
                .is_some_and(|p| p.closest(".vt-inline").ok().flatten().is_some());
            if inline && !*done.borrow() && !inside {
                commit(value_of(e.target()));
                on_done.emit(());
            }
        })
    };
    let invalid = !messages.is_empty();
    let describedby = {
        let mut ids = Vec::new();
        if invalid {
            ids.push(msg_id.clone());
        }
        if !inline {
            ids.push(help_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let required = field.constraints.required;
    let title = dataset.title(props.field, edits.lang).to_string();
    let aria_label = inline.then(|| title.clone());
    let invalid_attr = invalid.then_some("true");
    let required_attr = required.then_some("true");
    let control = match &*kind {
        InputKind::Select(options) => {
            let items = options.iter().map(|o| {
                let label = field.enum_label(o, edits.lang.code()).to_string();
                html! { <option value={o.clone()} selected={*o == *text}>{ label }</option> }
            });
            html! {
                <select id={id.clone()} class="vt-input" aria-label={aria_label.clone()}
                    aria-invalid={invalid_attr} aria-describedby={describedby.clone()}
                    aria-required={required_attr} onchange={onchange.clone()}
                    onkeydown={onkeydown.clone()} onblur={onblur.clone()}>
                    <option value="" selected={text.is_empty()}>{ s.choose }</option>
                    { for items }
                </select>
            }
        }
        InputKind::MultiSelect { options, delimiter } => {
            let chosen: Vec<&str> = text
                .split(delimiter.as_str())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect();
            let boxes = options.iter().enumerate().map(|(i, o)| {
                let checked = chosen.contains(&o.as_str());
                let onchange = {
                    let (text, commit, o, delimiter, options) = (
                        text.clone(),
                        commit.clone(),
                        o.clone(),
                        delimiter.clone(),
                        options.clone(),
                    );
                    Callback::from(move |e: Event| {
                        let on = e
                            .target_dyn_into::<HtmlInputElement>()
                            .is_some_and(|i| i.checked());
                        let now: Vec<&str> =
                            text.split(delimiter.as_str()).map(str::trim).collect();
                        let next: Vec<&str> = options
                            .iter()
                            .map(String::as_str)
                            .filter(|v| if *v == o { on } else { now.contains(v) })
                            .collect();
                        let value = next.join(delimiter.as_str());
                        text.set(value.clone());
                        if !inline {
                            commit(value);
                        }
                    })
                };
                let label = field.enum_label(o, edits.lang.code()).to_string();
                let box_id = format!("{id}-{i}");
                html! {
                    <label class="vt-check" for={box_id.clone()}>
                        <input type="checkbox" id={box_id} {checked} {onchange} />{ label }
                    </label>
                }
            });
            html! {
                <fieldset id={id.clone()} class="vt-multi" aria-label={title.clone()}
                    aria-invalid={invalid_attr} aria-describedby={describedby.clone()}
                    onkeydown={onkeydown.clone()}>
                    { for boxes }
                </fieldset>
            }
        }
        InputKind::TextArea => html! {
            <textarea id={id.clone()} class="vt-input" value={(*text).clone()} rows="4"
                aria-label={aria_label.clone()} aria-invalid={invalid_attr}
                aria-describedby={describedby.clone()} aria-required={required_attr}
                oninput={oninput.clone()} onchange={onchange.clone()}
                onkeydown={onkeydown.clone()} onblur={onblur.clone()} />
        },
        other => {
            let (input_type, mode, placeholder) = match other {
                InputKind::Email => ("email", None, None),
                InputKind::Url => ("url", None, Some("https://…".to_string())),
                InputKind::Number => ("text", Some("decimal"), None),
                InputKind::Date(p) => (
                    "text",
                    Some("numeric"),
                    Some(date_hint(p, edits.lang.code())),
                ),
                _ => ("text", None, None),
            };
            html! {
                <input id={id.clone()} class="vt-input" type={input_type} inputmode={mode}
                    placeholder={placeholder} value={(*text).clone()} aria-label={aria_label.clone()}
                    aria-invalid={invalid_attr} aria-describedby={describedby.clone()}
                    aria-required={required_attr} oninput={oninput} onchange={onchange}
                    onkeydown={onkeydown} onblur={onblur} />
            }
        }
    };
    let message = invalid.then(|| {
        html! {
            <div class="vt-field-error" id={msg_id.clone()}>
                { for messages.iter().map(|m| html! { <p>{ m.clone() }</p> }) }
            </div>
        }
    });
    if inline {
        let onclick = Callback::from(|e: MouseEvent| e.stop_propagation());
        let ondblclick = Callback::from(|e: MouseEvent| e.stop_propagation());
        return html! {
            <div class="vt-inline" ref={wrapper} {onclick} {ondblclick}>{ control }{ message.unwrap_or_default() }</div>
        };
    }
    let mut help: Vec<String> = field
        .description_in(edits.lang.code())
        .map(str::to_string)
        .into_iter()
        .collect();
    if let InputKind::Date(p) = &*kind {
        help.push(format!(
            "{} : {}",
            s.format_hint,
            date_hint(p, edits.lang.code())
        ));
    }
    let edited = edits.pending(&props.row, props.field).is_some() && !props.row.is_new();
    html! {
        <div class="vt-field" data-invalid={invalid.then_some("")} data-edited={edited.then_some("")}>
            <label for={id.clone()} class="vt-label">
                { title }
                if required {
                    <span class="vt-required" aria-hidden="true">{ " *" }</span>
                    <span class="vt-sr">{ format!(" ({})", s.required) }</span>
                }
                if edited {
                    <span class="vt-edited-mark">{ format!(" ({})", s.edited) }</span>
                }
            </label>
            <p class="vt-help" id={help_id}>{ help.join(" — ") }</p>
            { control }
            { message.unwrap_or_default() }
        </div>
    }
}
