//! The reader's state in one reducer. Every transition of the query is a
//! pure function of `vitrine-core` (`Query::toggle_facet`, `sort_by`…).

use std::rc::Rc;
use vitrine_core::query::{Query, View};
use yew::Reducible;

/// What the reader chose: filters, search, sort, view, open row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReaderState {
    pub query: Query,
}

/// A reader's action.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    ToggleFacet {
        field: String,
        value: String,
    },
    RemoveFilter {
        field: String,
        value: String,
    },
    ClearAll,
    Search(String),
    /// A header click; `true` when Shift was held (multi-sort).
    Sort {
        field: String,
        shift: bool,
    },
    SetView(View),
    /// Opens the detail of the row with this key.
    Open(String),
    Close,
    /// The whole query, read back from the page URL (load, back/forward).
    Restore(Query),
}

impl ReaderState {
    pub fn new(query: Query) -> Self {
        ReaderState { query }
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> ReaderState {
        let q = &self.query;
        let query = match action {
            Action::ToggleFacet { field, value } => q.toggle_facet(&field, &value),
            Action::RemoveFilter { field, value } => q.remove_filter(&field, &value),
            Action::ClearAll => q.clear_all(),
            Action::Search(text) => q.set_search(&text),
            Action::Sort { field, shift } => q.sort_by(&field, shift),
            Action::SetView(view) => q.set_view(view),
            Action::Open(key) => q.open_row(&key),
            Action::Close => q.close_row(),
            Action::Restore(query) => query,
        };
        ReaderState { query }
    }
}

impl Reducible for ReaderState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrine_core::query::SortKey;

    fn act(state: ReaderState, actions: Vec<Action>) -> ReaderState {
        actions.into_iter().fold(state, |s, a| s.apply(a))
    }

    #[test]
    fn filters_search_and_sort_go_through_core_transitions() {
        let s = act(
            ReaderState::default(),
            vec![
                Action::ToggleFacet {
                    field: "theme".into(),
                    value: "Mobilités".into(),
                },
                Action::Search("bus".into()),
                Action::Sort {
                    field: "nom".into(),
                    shift: false,
                },
                Action::Sort {
                    field: "date".into(),
                    shift: true,
                },
            ],
        );
        assert!(s.query.is_selected("theme", "Mobilités"));
        assert_eq!(s.query.search, "bus");
        assert_eq!(s.query.sort, [SortKey::asc("nom"), SortKey::asc("date")]);
        let cleared = s.apply(Action::ClearAll);
        assert!(!cleared.query.is_filtered());
        assert_eq!(cleared.query.sort, s.query.sort);
    }

    #[test]
    fn detail_and_view_are_part_of_the_state() {
        let s = ReaderState::default()
            .apply(Action::SetView(View::Cards))
            .apply(Action::Open("p-12".into()));
        assert_eq!(s.query.view, Some(View::Cards));
        assert_eq!(s.query.row.as_deref(), Some("p-12"));
        assert_eq!(s.apply(Action::Close).query.row, None);
        let restored = s.apply(Action::Restore(Query::default()));
        assert_eq!(restored, ReaderState::default());
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let state = Rc::new(ReaderState::default());
        let same = state.clone().reduce(Action::Close);
        assert!(Rc::ptr_eq(&state, &same));
    }
}
