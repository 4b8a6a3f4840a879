//! A small map by name, kept as a vector sorted by name: a custom
//! element's attributes, a reader configuration, a text per language
//! ([`TextMap`]), a query's selected values per field.
//!
//! These maps hold a handful of entries. A sorted vector serves them as a
//! `BTreeMap` would (same lookups, same iteration order, equality of
//! content), and spares the WebAssembly bundle the B-tree's code for each
//! key and value type (about 6 KB each).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::ops::Index;

/// Entries sorted by name, one per name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMap<V>(Vec<(String, V)>);

/// Texts by name.
pub type TextMap = NameMap<String>;

impl<V> Default for NameMap<V> {
    fn default() -> Self {
        NameMap(Vec::new())
    }
}

impl<V> NameMap<V> {
    pub fn new() -> Self {
        NameMap(Vec::new())
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    pub fn get(&self, name: &str) -> Option<&V> {
        self.find(name).ok().map(|at| &self.0[at].1)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut V> {
        let at = self.find(name).ok()?;
        Some(&mut self.0[at].1)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name`'s value; returns the value it replaces.
    pub fn insert(&mut self, name: String, value: V) -> Option<V> {
        match self.find(&name) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, value)),
            Err(at) => {
                self.0.insert(at, (name, value));
                None
            }
        }
    }

    /// `name`'s value, inserted as the default when there is none.
    pub fn get_or_insert_default(&mut self, name: &str) -> &mut V
    where
        V: Default,
    {
        let at = match self.find(name) {
            Ok(at) => at,
            Err(at) => {
                self.0.insert(at, (name.to_owned(), V::default()));
                at
            }
        };
        &mut self.0[at].1
    }

    pub fn remove(&mut self, name: &str) -> Option<V> {
        let at = self.find(name).ok()?;
        Some(self.0.remove(at).1)
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The entries, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Later entries replace earlier ones of the same name, as in a map.
impl<V> FromIterator<(String, V)> for NameMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut map = NameMap::new();
        for (name, value) in entries {
            map.insert(name, value);
        }
        map
    }
}

impl<'a, V> IntoIterator for &'a NameMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V> Index<&str> for NameMap<V> {
    type Output = V;

    /// `name`'s value; panics when there is none (as a map's index does).
    fn index(&self, name: &str) -> &V {
        self.get(name)
            .expect("no entry of that name in the NameMap")
    }
}

/// Written as a JSON object, as a `BTreeMap` is.
impl<V: Serialize> Serialize for NameMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for NameMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::<String, V>::deserialize(deserializer)?
            .into_iter()
            .collect())
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
    fn insert_replaces_and_keeps_names_sorted() {
        let mut m = map(&[("b", "2"), ("a", "1")]);
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
        let mut lists: NameMap<Vec<u8>> = NameMap::new();
        lists.get_or_insert_default("y").push(1);
        lists.get_or_insert_default("x").push(2);
        lists.get_or_insert_default("y").push(3);
        assert_eq!(lists["y"], [1, 3]);
        assert_eq!(
            lists.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["x", "y"]
        );
        lists.clear();
        assert!(lists.is_empty());
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
        /// The same lookups, entries and order as a `BTreeMap` fed the same
        /// operations, and the same JSON.
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
            prop_assert!(ours.iter().eq(reference.iter()));
            let json = serde_json::to_string(&ours).unwrap();
            prop_assert_eq!(&json, &serde_json::to_string(&reference).unwrap());
            prop_assert_eq!(serde_json::from_str::<TextMap>(&json).unwrap(), ours);
        }
    }
}
