//! Pure transitions of a [`Query`], called by the widget's reducer.
//!
//! Each returns a new query. Those that change which rows match (filters,
//! search, sort) go back to the first window position; the window size,
//! view and open row are kept unless the transition is about them.

use super::model::{Query, SortKey, View, Window};

impl Query {
    /// Selects `value` for `field` if it was not selected, unselects it otherwise.
    pub fn toggle_facet(&self, field: &str, value: &str) -> Query {
        if self.is_selected(field, value) {
            return self.remove_filter(field, value);
        }
        let mut next = self.rewound();
        next.filters
            .get_or_insert_default(field)
            .push(value.to_owned());
        next
    }

    /// Unselects `value` for `field` (a removed chip).
    pub fn remove_filter(&self, field: &str, value: &str) -> Query {
        let mut next = self.rewound();
        if let Some(values) = next.filters.get_mut(field) {
            values.retain(|v| v != value);
            if values.is_empty() {
                next.filters.remove(field);
            }
        }
        next
    }

    /// Unselects every value of `field`.
    pub fn clear_field(&self, field: &str) -> Query {
        let mut next = self.rewound();
        next.filters.remove(field);
        next
    }

    /// Replaces the search text.
    pub fn set_search(&self, text: &str) -> Query {
        let mut next = self.rewound();
        next.search = text.to_owned();
        next
    }

    /// Clears every filter and the search; sort, view and open row stay.
    pub fn clear_all(&self) -> Query {
        let mut next = self.rewound();
        next.filters.clear();
        next.search.clear();
        next
    }

    /// A click on a column header.
    ///
    /// Without `shift`: the column becomes the only sort key, ascending;
    /// clicking the sole key again makes it descending, then removes it.
    /// With `shift` (multi-sort): an absent column is appended ascending, an
    /// ascending key turns descending, a descending key is removed; the other
    /// keys keep their place.
    pub fn sort_by(&self, field: &str, shift: bool) -> Query {
        let mut next = self.rewound();
        let position = next.sort.iter().position(|k| k.field == field);
        if shift {
            match position {
                None => next.sort.push(SortKey::asc(field)),
                Some(i) if !next.sort[i].descending => next.sort[i].descending = true,
                Some(i) => {
                    next.sort.remove(i);
                }
            }
        } else {
            let sole = next.sort.len() == 1 && position == Some(0);
            next.sort = match (sole, next.sort.first().map(|k| k.descending)) {
                (true, Some(false)) => vec![SortKey::desc(field)],
                (true, _) => Vec::new(),
                (false, _) => vec![SortKey::asc(field)],
            };
        }
        next
    }

    /// Replaces the sort keys.
    pub fn set_sort(&self, keys: Vec<SortKey>) -> Query {
        let mut next = self.rewound();
        next.sort = keys;
        next
    }

    /// Moves the window (scrolling, paging).
    pub fn set_window(&self, window: Window) -> Query {
        Query {
            window,
            ..self.clone()
        }
    }

    pub fn set_view(&self, view: View) -> Query {
        Query {
            view: Some(view),
            ..self.clone()
        }
    }

    /// Opens the detail of the row with primary key `key`.
    pub fn open_row(&self, key: &str) -> Query {
        Query {
            row: Some(key.to_owned()),
            ..self.clone()
        }
    }

    pub fn close_row(&self) -> Query {
        Query {
            row: None,
            ..self.clone()
        }
    }

    fn rewound(&self) -> Query {
        let mut next = self.clone();
        next.window.offset = 0;
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrolled() -> Query {
        Query {
            window: Window {
                offset: 200,
                limit: 40,
            },
            ..Query::default()
        }
    }

    #[test]
    fn toggling_adds_then_removes_and_rewinds() {
        let q = scrolled()
            .toggle_facet("theme", "Eau")
            .toggle_facet("theme", "Mobilité");
        assert_eq!(q.filters["theme"], ["Eau", "Mobilité"]);
        assert_eq!(
            q.window,
            Window {
                offset: 0,
                limit: 40
            }
        );
        let q = q.toggle_facet("theme", "Eau");
        assert_eq!(q.filters["theme"], ["Mobilité"]);
        let q = q.toggle_facet("theme", "Mobilité");
        assert!(q.filters.is_empty(), "an emptied field disappears");
    }

    #[test]
    fn removing_and_clearing() {
        let q = Query::default()
            .toggle_facet("theme", "Eau")
            .toggle_facet("coll_type", "Commune")
            .toggle_facet("coll_type", "EPCI")
            .set_search("bus")
            .sort_by("nom_projet", false)
            .open_row("12");
        assert_eq!(
            q.remove_filter("coll_type", "EPCI").filters["coll_type"],
            ["Commune"]
        );
        assert!(!q.clear_field("coll_type").filters.contains_key("coll_type"));
        let cleared = q.clear_all();
        assert!(cleared.filters.is_empty() && cleared.search.is_empty());
        assert_eq!(cleared.sort, q.sort);
        assert_eq!(cleared.row.as_deref(), Some("12"));
        assert_eq!(q.remove_filter("absent", "x").filters, q.filters);
    }

    #[test]
    fn plain_click_cycles_ascending_descending_none() {
        let q = Query::default().sort_by("nom", false);
        assert_eq!(q.sort, [SortKey::asc("nom")]);
        let q = q.sort_by("nom", false);
        assert_eq!(q.sort, [SortKey::desc("nom")]);
        assert!(q.sort_by("nom", false).sort.is_empty());
        let multi = Query::default().sort_by("a", false).sort_by("b", true);
        assert_eq!(multi.sort_by("b", false).sort, [SortKey::asc("b")]);
    }

    #[test]
    fn shift_click_builds_a_multi_sort() {
        let q = Query::default().sort_by("date", false).sort_by("nom", true);
        assert_eq!(q.sort, [SortKey::asc("date"), SortKey::asc("nom")]);
        let q = q.sort_by("date", true);
        assert_eq!(q.sort, [SortKey::desc("date"), SortKey::asc("nom")]);
        let q = q.sort_by("date", true);
        assert_eq!(q.sort, [SortKey::asc("nom")]);
    }

    #[test]
    fn view_window_and_row_do_not_touch_filters() {
        let q = scrolled().toggle_facet("theme", "Eau").set_window(Window {
            offset: 100,
            limit: 40,
        });
        let q2 = q.set_view(View::Cards).open_row("7");
        assert_eq!(q2.window.offset, 100);
        assert_eq!(q2.filters, q.filters);
        assert_eq!(q2.close_row().row, None);
    }
}
