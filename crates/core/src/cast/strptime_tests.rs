//! Tests of the strptime patterns.

use super::*;

#[test]
fn french_dates_and_partial_months() {
    let p = Pattern::parse("%d/%m/%Y").unwrap();
    assert_eq!(
        p.parse_date("01/03/2024"),
        Some(Date {
            year: 2024,
            month: Some(3),
            day: Some(1)
        })
    );
    assert_eq!(
        p.parse_date("1/3/2024"),
        Some(Date {
            year: 2024,
            month: Some(3),
            day: Some(1)
        })
    );
    assert_eq!(p.parse_date("31/02/2024"), None);
    assert_eq!(p.parse_date("01/03/2024 "), None);
    let m = Pattern::parse("%m/%Y").unwrap();
    assert_eq!(
        m.parse_date("03/2024"),
        Some(Date {
            year: 2024,
            month: Some(3),
            day: None
        })
    );
    assert_eq!(m.parse_date("13/2024"), None);
}

#[test]
fn compact_patterns_backtrack() {
    let p = Pattern::parse("%Y%m%d").unwrap();
    assert_eq!(
        p.parse_date("20240103"),
        Some(Date {
            year: 2024,
            month: Some(1),
            day: Some(3)
        })
    );
    assert_eq!(
        p.parse_date("202413"),
        Some(Date {
            year: 2024,
            month: Some(1),
            day: Some(3)
        })
    );
}

#[test]
fn times_and_offsets() {
    let p = Pattern::parse("%Y-%m-%dT%H:%M:%S%z").unwrap();
    let (_, t, off) = p.parse_datetime("2024-01-03T10:20:30+01:00").unwrap();
    assert_eq!((t.hour, t.minute, t.second, off), (10, 20, 30, Some(60)));
    assert!(Pattern::parse("%Q").is_err());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    /// The first-candidates path, when it matches, is the full search's match.
    #[test]
    fn first_path_is_the_first_match(
        text in proptest::collection::vec(
            proptest::sample::select(b"0123456789/- ".to_vec()), 0..12),
        pattern in proptest::sample::select(vec![
            "%d/%m/%Y", "%m/%Y", "%Y", "%d%m%Y", "%Y-%m-%d", "%d/%m", "%Y%m", "%m%d",
        ]),
    ) {
        let p = Pattern::parse(pattern).unwrap();
        let text = String::from_utf8(text).unwrap();
        let mut full = Parsed::default();
        let found = matches_from(&p.tokens, text.as_bytes(), 0, &mut full);
        if let Some(first) = first_path(&p.tokens, text.as_bytes()) {
            proptest::prop_assert!(found);
            proptest::prop_assert_eq!(first, full);
        }
        proptest::prop_assert_eq!(p.match_text(&text), found.then_some(full));
    }
}
