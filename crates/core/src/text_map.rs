//! A small map of texts by name: a custom element's attributes, a reader
//! configuration, a text per language.
//!
//! These maps hold a handful of entries, read a few times each. A vector
//! searched from its start serves them as well as a B-tree, and spares the
//! WebAssembly bundle the B-tree's code for one more key and value type
//! (about 6 KB). Entries keep the order they were first inserted in; two
//! maps are equal when they hold the same entries, in any order.

use std::ops::Index;

#[derive(Debug, Clone, Default)]
pub struct TextMap(Vec<(String, String)>);

impl TextMap {
    pub fn new() -> Self {
        TextMap(Vec::new())
    }

    pub fn get(&self, name: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut String> {
        self.0.iter_mut().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets `name`'s text; returns the text it replaces (the entry keeps its place).
    pub fn insert(&mut self, name: String, text: String) -> Option<String> {
        match self.get_mut(&name) {
            Some(old) => Some(std::mem::replace(old, text)),
            None => {
                self.0.push((name, text));
                None
            }
        }
    }

    pub fn remove(&mut self, name: &str) -> Option<String> {
        let at = self.0.iter().position(|(k, _)| k == name)?;
        Some(self.0.remove(at).1)
    }

    /// The entries in the order they were first inserted.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for TextMap {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl Eq for TextMap {}

/// Later entries replace earlier ones of the same name, as in a map.
impl FromIterator<(String, String)> for TextMap {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(entries: I) -> Self {
        let mut map = TextMap::new();
        for (name, text) in entries {
            map.insert(name, text);
        }
        map
    }
}

impl<'a> IntoIterator for &'a TextMap {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Index<&str> for TextMap {
    type Output = String;

    /// `name`'s text; panics when there is none (as a map's index does).
    fn index(&self, name: &str) -> &String {
        self.get(name)
            .expect("no entry of that name in the TextMap")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn map(pairs: &[(&str, &str)]) -> TextMap {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn insert_replaces_in_place_and_remove_takes_out() {
        let mut m = map(&[("a", "1"), ("b", "2")]);
        assert_eq!(m.insert("a".into(), "3".into()), Some("1".into()));
        assert_eq!(m.insert("c".into(), "4".into()), None);
        let names: Vec<&String> = m.iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(m["a"], "3");
        assert_eq!(m.remove("b"), Some("2".into()));
        assert_eq!(m.remove("b"), None);
        assert!(!m.contains_key("b"));
        assert_eq!(m.len(), 2);
        *m.get_mut("c").unwrap() = "5".into();
        assert_eq!(m.get("c").map(String::as_str), Some("5"));
    }

    #[test]
    fn equal_whatever_the_order() {
        assert_eq!(
            map(&[("a", "1"), ("b", "2")]),
            map(&[("b", "2"), ("a", "1")])
        );
        assert_ne!(map(&[("a", "1")]), map(&[("a", "2")]));
        assert_ne!(map(&[("a", "1")]), map(&[("a", "1"), ("b", "2")]));
        assert!(TextMap::new().is_empty());
    }

    proptest! {
        /// The same lookups as a `BTreeMap` fed the same operations.
        #[test]
        fn behaves_as_a_map(ops in prop::collection::vec((0u8..3, "[a-d]", "[0-9]"), 0..40)) {
            let mut ours = TextMap::new();
            let mut reference = BTreeMap::new();
            for (op, k, v) in ops {
                match op {
                    0 | 1 => prop_assert_eq!(
                        ours.insert(k.clone(), v.clone()),
                        reference.insert(k, v)
                    ),
                    _ => prop_assert_eq!(ours.remove(&k), reference.remove(&k)),
                }
            }
            prop_assert_eq!(ours.len(), reference.len());
            for (k, v) in &reference {
                prop_assert_eq!(ours.get(k), Some(v));
            }
        }
    }
}
