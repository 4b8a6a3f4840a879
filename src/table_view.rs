//! The table view: a virtualized ARIA grid. Only the rows near the viewport
//! are in the DOM (fixed row height, overscan); `aria-rowcount` and
//! `aria-rowindex` describe the whole result.
//!
//! In "Proposer une modification" mode, Enter, F2 or a double-click edits
//! the focused cell in place (Enter keeps, Escape cancels), Space or the
//! cell's "open" button opens the row's detail; edited cells are marked.
//! Read-only, Enter or a click opens the detail.
//!
//! Rows are keyed by their position in the results, like the focus and the
//! cell being edited: a new result (filter, search, sort) updates the rows
//! in place instead of replacing every one of them.

use crate::cell::{cell_title, text_content};
use crate::dataset::Dataset;
use crate::edit::{EditorMode, Edits, FieldEditor};
use crate::grid_nav::{GridCell, move_focus, visible_range};
use crate::i18n::{Lang, strings};
use crate::state::Action;
use std::rc::Rc;
use vitrine_core::query::SortKey;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlElement, ResizeObserver};
use yew::prelude::*;

/// A row's height in CSS pixels (`.vt-grid tr` in `vitrine.css`).
const ROW_PX: usize = 44;
const ROW_HEIGHT: f64 = ROW_PX as f64;
/// Rows rendered beyond each edge of the viewport. Every rendered row is
/// laid out, painted and rastered again after each filter or search (the
/// cost of the frame that follows it); scrolling renders the new rows in the
/// frame of its scroll event, so a small margin is enough.
const OVERSCAN: usize = 2;
const DEFAULT_VIEWPORT: f64 = 560.0;

#[derive(Properties, PartialEq)]
pub struct TableViewProps {
    pub dataset: Rc<Dataset>,
    /// Matching rows, in sort order.
    pub rows: Rc<Vec<u32>>,
    pub sort: Vec<SortKey>,
    /// Schema positions of the shown columns, in order.
    pub columns: Vec<usize>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

#[function_component(TableView)]
pub fn table_view(props: &TableViewProps) -> Html {
    let s = strings(props.lang);
    let scroller = use_node_ref();
    let scroll_top = use_state(|| 0.0);
    let viewport = use_state(|| DEFAULT_VIEWPORT);
    let edits = use_context::<Edits>();
    // The cell to edit at once: the reader bundle asked for it when it
    // switched to the editor bundle (see `crate::edit_start`).
    let start = {
        let (edits, dataset) = (edits.clone(), props.dataset.clone());
        let (rows, columns) = (props.rows.clone(), props.columns.clone());
        *use_memo((), move |_| {
            let (row, field) = edits.as_ref()?.take_start_cell()?;
            let row = row.locate(dataset.schema(), dataset.table())?;
            let pos = rows.iter().position(|&r| r as usize == row)?;
            let col = columns
                .iter()
                .position(|&f| dataset.field(f).name == field)?;
            Some(GridCell { row: pos + 1, col })
        })
    };
    let active = use_state(|| start.unwrap_or_default());
    let focus_pending = use_mut_ref(|| false);
    let editing = use_state(|| start);
    {
        let scroller = scroller.clone();
        use_effect_with((), move |_| {
            if let (Some(cell), Some(el)) = (start, scroller.cast::<Element>()) {
                scroll_into_view(&el, cell.row);
            }
        });
    }
    let (rows, cols) = (props.rows.len(), props.columns.len());

    // The viewport's height, measured when the scroller's size changes (a
    // ResizeObserver reports it after layout), never by reading it after a
    // render, which would force the layout of the changed page at once.
    {
        let (scroller, viewport) = (scroller.clone(), viewport.clone());
        use_effect_with((), move |_| {
            let el = scroller.cast::<Element>();
            let target = el.clone();
            let on_resize = Closure::<dyn Fn()>::new(move || {
                if let Some(height) = target.as_ref().map(|t| f64::from(t.client_height()))
                    && height > 0.0
                {
                    viewport.set(height);
                }
            });
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (&observer, &el) {
                observer.observe(el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }
    // Move the focus after a keyboard move, once the target row is rendered.
    {
        let (scroller, focus_pending) = (scroller.clone(), focus_pending.clone());
        let cell = *active;
        use_effect(move || {
            if !*focus_pending.borrow() {
                return;
            }
            let selector = format!("[data-cell='{}-{}']", cell.row, cell.col);
            let target = scroller
                .cast::<Element>()
                .and_then(|el| el.query_selector(&selector).ok()?);
            if let Some(target) = target {
                *focus_pending.borrow_mut() = false;
                if let Ok(target) = target.dyn_into::<HtmlElement>() {
                    let _ = target.focus();
                }
            }
        });
    }

    let onscroll = {
        let scroll_top = scroll_top.clone();
        Callback::from(move |e: Event| {
            let el: Element = e.target_unchecked_into();
            scroll_top.set(f64::from(el.scroll_top()));
        })
    };

    let sort_header = {
        let (dispatch, dataset, columns) = (
            props.dispatch.clone(),
            props.dataset.clone(),
            props.columns.clone(),
        );
        move |col: usize, shift: bool| {
            let field = dataset.field(columns[col]).name.clone();
            dispatch.emit(Action::Sort { field, shift });
        }
    };
    let open_row = {
        let (dispatch, dataset, result_rows) = (
            props.dispatch.clone(),
            props.dataset.clone(),
            props.rows.clone(),
        );
        move |pos: usize| {
            if let Some(&row) = result_rows.get(pos) {
                dispatch.emit(Action::Open(dataset.row_key(row)));
            }
        }
    };

    let onkeydown = {
        let (active, focus_pending, scroller) =
            (active.clone(), focus_pending.clone(), scroller.clone());
        let (sort_header, open_row) = (sort_header.clone(), open_row.clone());
        let (editable, editing) = (edits.is_some(), editing.clone());
        Callback::from(move |e: KeyboardEvent| {
            let at = *active;
            let key = e.key();
            if editable && at.row > 0 {
                match key.as_str() {
                    "Enter" | "F2" => {
                        e.prevent_default();
                        editing.set(Some(at));
                        return;
                    }
                    " " => {
                        e.prevent_default();
                        open_row(at.row - 1);
                        return;
                    }
                    _ => {}
                }
            }
            if key == "Enter" || (key == " " && at.row == 0) {
                e.prevent_default();
                if at.row == 0 {
                    sort_header(at.col, e.shift_key());
                } else {
                    open_row(at.row - 1);
                }
                return;
            }
            let Some(next) = move_focus(at, &key, e.ctrl_key(), rows, cols) else {
                return;
            };
            e.prevent_default();
            if let Some(el) = scroller.cast::<Element>() {
                scroll_into_view(&el, next.row);
            }
            *focus_pending.borrow_mut() = true;
            active.set(next);
        })
    };

    let range = visible_range(*scroll_top, *viewport, ROW_HEIGHT, rows, OVERSCAN);
    let active_rendered = active.row == 0 || range.contains(&(active.row - 1));
    let tabindex = |cell: GridCell| {
        let is_active = if active_rendered {
            cell == *active
        } else {
            cell == GridCell {
                row: 0,
                col: active.col,
            }
        };
        if is_active { "0" } else { "-1" }
    };
    // One listener of each kind on the grid, not on every cell: the cell is
    // read from the target's `data-cell` (see `cell_of`).
    let onfocusin = {
        let active = active.clone();
        Callback::from(move |e: FocusEvent| {
            // Only the cell itself: not a link, editor or button inside it.
            let target: Element = e.target_unchecked_into();
            if let Some(cell) = data_cell(&target)
                && *active != cell
            {
                active.set(cell);
            }
        })
    };
    let onclick = {
        let (active, sort_header, open_row) =
            (active.clone(), sort_header.clone(), open_row.clone());
        let editable = edits.is_some();
        Callback::from(move |e: MouseEvent| {
            let on_link = e.target_dyn_into::<web_sys::HtmlAnchorElement>().is_some();
            let Some(cell) = cell_of(&e) else {
                return;
            };
            if cell.row == 0 {
                active.set(cell);
                sort_header(cell.col, e.shift_key());
            } else if !on_link && !editable {
                open_row(cell.row - 1);
            }
        })
    };
    let ondblclick = edits.as_ref().map(|_| {
        let (editing, active) = (editing.clone(), active.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(cell) = cell_of(&e).filter(|c| c.row > 0) {
                active.set(cell);
                editing.set(Some(cell));
            }
        })
    });

    let headers = props.columns.iter().enumerate().map(|(c, &field)| {
        let name = &props.dataset.field(field).name;
        let position = props.sort.iter().position(|k| &k.field == name);
        let key = position.map(|p| &props.sort[p]);
        let aria_sort = match key {
            Some(k) if k.descending => "descending",
            Some(_) => "ascending",
            None => "none",
        };
        let indicator = key.map(|k| {
            let arrow = if k.descending { "▼" } else { "▲" };
            let order = (props.sort.len() > 1).then(|| (position.unwrap_or(0) + 1).to_string());
            let label = if k.descending { s.sort_descending } else { s.sort_ascending };
            html! {
                <span class="vt-sort" title={label}>
                    <span aria-hidden="true">{ arrow }</span>
                    { for order.map(|o| html! { <span class="vt-sort-order">{ o }</span> }) }
                </span>
            }
        });
        let cell = GridCell { row: 0, col: c };
        html! {
            <th role="columnheader" scope="col" aria-sort={aria_sort} aria-colindex={(c + 1).to_string()}
                tabindex={tabindex(cell)} data-cell={format!("0-{c}")} title={s.sort_hint}>
                <span class="vt-header-text">{ props.dataset.title(field, props.lang).to_string() }</span>
                { for indicator }
            </th>
        }
    });

    let end_edit = {
        let (editing, focus_pending) = (editing.clone(), focus_pending.clone());
        Callback::from(move |()| {
            *focus_pending.borrow_mut() = true;
            editing.set(None);
        })
    };
    let body_rows = range.map(|pos| {
        let row = props.rows[pos];
        let row_ref = edits.as_ref().map(|_| props.dataset.row_ref(row));
        let cells = props.columns.iter().enumerate().map(|(c, &field)| {
            let cell = GridCell { row: pos + 1, col: c };
            let (text, edited, invalid) = match (&edits, &row_ref) {
                (Some(edits), Some(r)) => {
                    let (text, edited) = edits.shown(row, field);
                    let invalid = edited && edits.cell_invalid(r, field);
                    (text, edited, invalid)
                }
                _ => (props.dataset.text(row, field).to_string(), false, false),
            };
            let content = match (&edits, &row_ref) {
                (Some(edits), Some(r)) if *editing == Some(cell) => html! {
                    <FieldEditor edits={edits.clone()} row={r.clone()} {field}
                        mode={EditorMode::Inline} on_done={end_edit.clone()} />
                },
                _ => html! {
                    <div class="vt-cell-text">{ text_content(&props.dataset, field, &text, props.lang) }</div>
                },
            };
            let open = (edits.is_some() && *active == cell && *editing != Some(cell)).then(|| {
                let open_row = open_row.clone();
                let onclick = Callback::from(move |e: MouseEvent| {
                    e.stop_propagation();
                    open_row(pos);
                });
                let label = s.open_details;
                html! {
                    <button type="button" class="vt-open-row" tabindex="-1" title={label}
                        aria-label={label} {onclick}>{ "↗" }</button>
                }
            });
            html! {
                <td role="gridcell" aria-colindex={(c + 1).to_string()} tabindex={tabindex(cell)}
                    data-cell={format!("{}-{c}", pos + 1)} title={cell_title(&text)}
                    data-edited={edited.then_some("")}
                    aria-invalid={invalid.then_some("true")}>
                    { content }
                    { for open }
                </td>
            }
        });
        html! {
            <tr role="row" key={pos} aria-rowindex={(pos + 2).to_string()}
                style={format!("top:{}px", pos * ROW_PX)}>
                { for cells }
            </tr>
        }
    });

    html! {
        <div class="vt-grid-scroll" ref={scroller} {onscroll}>
            <table role="grid" class="vt-grid" aria-label={s.table_caption}
                aria-rowcount={(rows + 1).to_string()} aria-colcount={cols.to_string()}
                style={format!("--vt-columns:{cols}")} {onkeydown} {onfocusin} {onclick} {ondblclick}>
                <thead role="rowgroup">
                    <tr role="row" aria-rowindex="1">{ for headers }</tr>
                </thead>
                <tbody role="rowgroup" style={format!("height:{}px", rows * ROW_PX)}>
                    { for body_rows }
                </tbody>
            </table>
        </div>
    }
}

/// The grid cell an element is (its `data-cell`, "row-col").
fn data_cell(el: &Element) -> Option<GridCell> {
    let value = el.get_attribute("data-cell")?;
    let (row, col) = value.split_once('-')?;
    Some(GridCell {
        row: row.parse().ok()?,
        col: col.parse().ok()?,
    })
}

/// The grid cell an event happened in: the nearest cell around its target.
fn cell_of(e: &MouseEvent) -> Option<GridCell> {
    let target: Element = e.target_dyn_into()?;
    data_cell(&target.closest("[data-cell]").ok()??)
}

/// Scrolls `scroller` so that grid row `row` (0 = header) is visible.
fn scroll_into_view(scroller: &Element, row: usize) {
    if row == 0 {
        return;
    }
    let header = ROW_HEIGHT;
    let top = (row - 1) as f64 * ROW_HEIGHT;
    let view_top = f64::from(scroller.scroll_top());
    let height = f64::from(scroller.client_height()) - header;
    if top < view_top {
        scroller.set_scroll_top(top as i32);
    } else if top + ROW_HEIGHT > view_top + height {
        scroller.set_scroll_top((top + ROW_HEIGHT - height) as i32);
    }
}
