//! The typed values of a column's cells, each distinct text cast once.
//!
//! The index reads the typed value of list facets and of number and date
//! sort keys. Such columns repeat their values a lot (a few dozen list
//! combinations, dates to the day): casting a repeated text again (parsing
//! a date, splitting and allocating a list) is most of their cost. A column
//! whose texts mostly differ stops being remembered, as in search
//! (`search_build.rs`).

use rustc_hash::FxHashMap;

use crate::value::Value;

/// Cells looked up between two checks; a column is no longer remembered
/// when fewer than 1 in `MIN_HIT_SHARE` of them were repeats.
const CHECK_EVERY: usize = 4096;
const MIN_HIT_SHARE: usize = 16;
/// Distinct texts remembered per column at most.
const MAX_DISTINCT: usize = 1 << 16;

/// The values of a run of cells of one column.
#[derive(Debug, Default)]
pub(super) struct CastColumn {
    /// Remembered values first (`remembered` of them), then values of
    /// cells not remembered, in row order.
    values: Vec<Value>,
    remembered: usize,
    /// By row of the run: the index of its value in `values`.
    by_row: Vec<u32>,
    memo: FxHashMap<Box<str>, u32>,
    lookups: usize,
    hits: usize,
    off: bool,
}

impl CastColumn {
    /// Appends the value of the next cell, `text`, cast by `cast` unless
    /// the same text was cast before.
    pub(super) fn push(&mut self, text: &str, cast: impl FnOnce(&str) -> Value) {
        if self.off {
            self.by_row.push(self.values.len() as u32);
            self.values.push(cast(text));
            return;
        }
        self.lookups += 1;
        let at = match self.memo.get(text) {
            Some(&at) => {
                self.hits += 1;
                at
            }
            None => {
                // Values of cells not remembered follow the remembered ones:
                // none yet while remembering.
                let at = self.values.len() as u32;
                self.values.push(cast(text));
                self.remembered += 1;
                self.memo.insert(text.into(), at);
                at
            }
        };
        self.by_row.push(at);
        if self.lookups == CHECK_EVERY {
            if self.hits * MIN_HIT_SHARE < self.lookups || self.memo.len() > MAX_DISTINCT {
                self.off = true;
                self.memo = FxHashMap::default();
            }
            (self.lookups, self.hits) = (0, 0);
        }
    }

    /// The value of the `i`-th cell pushed since the last [`clear`](Self::clear).
    pub(super) fn get(&self, i: usize) -> &Value {
        &self.values[self.by_row[i] as usize]
    }

    /// Forgets the cells pushed (not the remembered values).
    pub(super) fn clear(&mut self) {
        self.by_row.clear();
        self.values.truncate(self.remembered);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cast(text: &str) -> Value {
        Value::String(text.to_uppercase())
    }

    #[test]
    fn values_are_those_of_each_text_remembered_or_not() {
        let texts: Vec<String> = (0..3 * CHECK_EVERY)
            .map(|i| {
                if i < CHECK_EVERY {
                    format!("v{}", i % 7)
                } else {
                    format!("w{i}")
                }
            })
            .collect();
        let mut column = CastColumn::default();
        for (start, chunk) in [
            (0, 100),
            (100, 2 * CHECK_EVERY),
            (2 * CHECK_EVERY, 3 * CHECK_EVERY),
        ] {
            column.clear();
            for text in &texts[start..chunk] {
                column.push(text, cast);
            }
            for (i, text) in texts[start..chunk].iter().enumerate() {
                assert_eq!(column.get(i), &cast(text));
            }
        }
        assert!(
            column.off,
            "a column of distinct texts is no longer remembered"
        );
    }
}
