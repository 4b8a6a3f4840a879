//! A [`Query`] in URL query parameters, namespaced by a prefix so several
//! widgets (and the host page) share one URL:
//!
//! `vt-theme=Mobilité&vt-theme=Eau&vt-q=eau&vt-sort=-projet_date,nom_projet&vt-view=cards&vt-row=42`
//!
//! * `{p}q`: search; `{p}sort`: comma-separated fields, `-` for descending
//!   (`+` marks an ascending field whose name starts with `-` or `+`;
//!   `\,` and `\\` escape commas and backslashes in names);
//!   `{p}view`, `{p}row`; `{p}offset` and `{p}limit` when not the defaults.
//! * `{p}<field>=<value>`, repeated for several values: facet filters. A field
//!   whose name is reserved (`q`, `sort`, `view`, `row`, `offset`, `limit`)
//!   or starts with `f.` is written `{p}f.<field>`.
//!
//! Parameters without the prefix are left alone.

use super::model::{DEFAULT_LIMIT, Query, SortKey, View};

const RESERVED: [&str; 6] = ["q", "sort", "view", "row", "offset", "limit"];
const FIELD_ESCAPE: &str = "f.";

impl Query {
    /// The query's parameters, percent-encoded, each name starting with `prefix`.
    pub fn to_query_string(&self, prefix: &str) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        self.append_pairs(prefix, &mut out);
        out.finish()
    }

    /// Reads the parameters starting with `prefix` from a query string (a
    /// leading `?` is allowed). Values that cannot be read (an unknown view,
    /// a non-numeric offset) are ignored; repeated filter values are kept once.
    pub fn from_query_string(prefix: &str, query_string: &str) -> Query {
        let qs = query_string.strip_prefix('?').unwrap_or(query_string);
        let mut query = Query::default();
        for (name, value) in form_urlencoded::parse(qs.as_bytes()) {
            let Some(key) = name.strip_prefix(prefix) else {
                continue;
            };
            match key {
                "q" => query.search = value.into_owned(),
                "sort" => query.sort = parse_sort(&value),
                "view" => query.view = View::parse(&value),
                "row" => query.row = Some(value.into_owned()),
                "offset" => query.window.offset = value.parse().unwrap_or(0),
                "limit" => query.window.limit = value.parse().unwrap_or(DEFAULT_LIMIT),
                _ => {
                    let field = key.strip_prefix(FIELD_ESCAPE).unwrap_or(key);
                    let values = query.filters.get_or_insert_default(field);
                    if !values.iter().any(|v| *v == value) {
                        values.push(value.into_owned());
                    }
                }
            }
        }
        query
    }

    /// `existing` with every parameter of `prefix` replaced by this query's:
    /// the host page's and other widgets' parameters keep their place.
    pub fn merge_into_query_string(&self, prefix: &str, existing: &str) -> String {
        let qs = existing.strip_prefix('?').unwrap_or(existing);
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (name, value) in form_urlencoded::parse(qs.as_bytes()) {
            if !name.starts_with(prefix) {
                out.append_pair(&name, &value);
            }
        }
        self.append_pairs(prefix, &mut out);
        out.finish()
    }

    fn append_pairs(&self, prefix: &str, out: &mut form_urlencoded::Serializer<'_, String>) {
        for (field, values) in &self.filters {
            let escaped = RESERVED.contains(&field.as_str()) || field.starts_with(FIELD_ESCAPE);
            let name = if escaped {
                format!("{prefix}{FIELD_ESCAPE}{field}")
            } else {
                format!("{prefix}{field}")
            };
            for value in values {
                out.append_pair(&name, value);
            }
        }
        if !self.search.is_empty() {
            out.append_pair(&format!("{prefix}q"), &self.search);
        }
        if !self.sort.is_empty() {
            out.append_pair(&format!("{prefix}sort"), &format_sort(&self.sort));
        }
        if let Some(view) = self.view {
            out.append_pair(&format!("{prefix}view"), view.as_str());
        }
        if let Some(row) = &self.row {
            out.append_pair(&format!("{prefix}row"), row);
        }
        if self.window.offset != 0 {
            out.append_pair(&format!("{prefix}offset"), &self.window.offset.to_string());
        }
        if self.window.limit != DEFAULT_LIMIT {
            out.append_pair(&format!("{prefix}limit"), &self.window.limit.to_string());
        }
    }
}

fn format_sort(keys: &[SortKey]) -> String {
    let mut out = String::new();
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if key.descending {
            out.push('-');
        } else if key.field.starts_with(['-', '+']) {
            out.push('+');
        }
        for c in key.field.chars() {
            if matches!(c, ',' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn parse_sort(text: &str) -> Vec<SortKey> {
    let mut items: Vec<String> = vec![String::new()];
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => items.last_mut().unwrap().extend(chars.next()),
            ',' => items.push(String::new()),
            _ => items.last_mut().unwrap().push(c),
        }
    }
    // Markers are read on the raw item, so an escaped name keeps its text.
    let raw: Vec<&str> = split_unescaped(text);
    let mut keys: Vec<SortKey> = Vec::new();
    for (item, raw) in items.into_iter().zip(raw) {
        let (descending, field) = if raw.starts_with('-') {
            (true, item[1..].to_owned())
        } else if raw.starts_with('+') {
            (false, item[1..].to_owned())
        } else {
            (false, item)
        };
        if !field.is_empty() && !keys.iter().any(|k| k.field == field) {
            keys.push(SortKey { field, descending });
        }
    }
    keys
}

/// `text` split on commas not preceded by an escaping backslash.
fn split_unescaped(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, ',') => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_documented_form() {
        let mut q = Query::default();
        q.filters.insert("theme".into(), vec!["Mobilité".into()]);
        q.search = "eau potable".into();
        q.sort = vec![SortKey::desc("projet_date"), SortKey::asc("nom_projet")];
        q.view = Some(View::Cards);
        q.row = Some("42".into());
        let s = q.to_query_string("vt-");
        assert_eq!(
            s,
            "vt-theme=Mobilit%C3%A9&vt-q=eau+potable&vt-sort=-projet_date%2Cnom_projet&vt-view=cards&vt-row=42"
        );
        assert_eq!(Query::from_query_string("vt-", &format!("?{s}")), q);
    }

    #[test]
    fn other_parameters_are_left_alone() {
        let q = Query::from_query_string("vt-", "page=2&vt-theme=Eau&other-theme=X&vt-theme=Eau");
        assert_eq!(q.filters.len(), 1);
        assert_eq!(q.filters["theme"], vec!["Eau".to_owned()]);
        let mut q2 = q.clone();
        q2.search = "bus".into();
        assert_eq!(
            q2.merge_into_query_string("vt-", "?page=2&vt-theme=Eau&x=1"),
            "page=2&x=1&vt-theme=Eau&vt-q=bus"
        );
    }

    #[test]
    fn reserved_field_names_are_escaped() {
        let mut q = Query::default();
        q.filters.insert("sort".into(), vec!["a".into()]);
        q.filters.insert("f.x".into(), vec!["b".into()]);
        let s = q.to_query_string("vt-");
        assert_eq!(s, "vt-f.f.x=b&vt-f.sort=a");
        assert_eq!(Query::from_query_string("vt-", &s), q);
    }

    #[test]
    fn unreadable_values_are_ignored() {
        let q = Query::from_query_string("vt-", "vt-view=grid&vt-offset=abc&vt-sort=,,-a,a");
        assert_eq!(q.view, None);
        assert_eq!(q.window.offset, 0);
        assert_eq!(q.sort, vec![SortKey::desc("a")]);
    }
}
