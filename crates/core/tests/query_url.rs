//! `Query` ↔ URL query parameters round-trips, and other parameters survive.

use proptest::prelude::*;
use vitrine_core::query::{Query, SortKey, View, Window};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_]{1,8}",
        "\\PC{0,6}",
        prop::sample::select(vec![
            "q", "sort", "view", "row", "offset", "limit", "f.q", "-x", "+y", "a,b", "a\\,b", "\\",
            "&=?#+%"
        ])
        .prop_map(str::to_owned),
    ]
}

fn query() -> impl Strategy<Value = Query> {
    (
        prop::collection::btree_map(text(), prop::collection::btree_set(text(), 1..3), 0..4),
        prop::option::of(text()),
        prop::collection::btree_map(
            text().prop_filter("sort fields are named", |f| !f.is_empty()),
            any::<bool>(),
            0..3,
        ),
        (0usize..1000, prop::option::of(1usize..500)),
        prop::option::of(prop::sample::select(vec![View::Table, View::Cards])),
        prop::option::of(text()),
    )
        .prop_map(
            |(filters, search, sort, (offset, limit), view, row)| Query {
                filters: filters
                    .into_iter()
                    .map(|(k, v)| (k, v.into_iter().collect()))
                    .collect(),
                search: search.unwrap_or_default(),
                sort: sort
                    .into_iter()
                    .map(|(field, descending)| SortKey { field, descending })
                    .collect(),
                window: Window {
                    offset,
                    limit: limit.unwrap_or(vitrine_core::query::DEFAULT_LIMIT),
                },
                view,
                row,
            },
        )
}

proptest! {
    #[test]
    fn round_trips(q in query(), prefix in prop::sample::select(vec!["vt-", "w2.", "catalogue_"])) {
        let s = q.to_query_string(prefix);
        prop_assert_eq!(Query::from_query_string(prefix, &s), q.clone());
        prop_assert_eq!(Query::from_query_string(prefix, &format!("?{s}")), q);
    }

    #[test]
    fn other_prefixes_are_untouched(q in query(), other in query()) {
        let host = format!("page=3&{}", other.to_query_string("b-"));
        let merged = q.merge_into_query_string("a-", &host);
        prop_assert_eq!(Query::from_query_string("a-", &merged), q);
        prop_assert_eq!(Query::from_query_string("b-", &merged), other);
        prop_assert!(merged.starts_with("page=3"));
    }
}
