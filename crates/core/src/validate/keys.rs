//! The keys of uniqueness checks (`unique`, `primaryKey`, `uniqueKeys`).

use std::borrow::Cow;

use super::cell::CellState;
use crate::cast::Typed;
use crate::value::Value;

/// A key for uniqueness of one column: the text itself for text values
/// (borrowed from the table), else [`unique_key`].
pub(super) fn single_key<'a>(state: &CellState<'a>) -> Option<Cow<'a, str>> {
    match state {
        CellState::Value(Typed::Text(t)) | CellState::Value(Typed::TextList { text: t, .. }) => {
            Some(Cow::Borrowed(t))
        }
        other => {
            let mut key = String::new();
            unique_key(other, &mut key).then_some(Cow::Owned(key))
        }
    }
}

/// A hashable key for uniqueness: equal values (`1` and `1.0`) give equal keys.
pub(super) fn unique_key(state: &CellState<'_>, buf: &mut String) -> bool {
    use std::fmt::Write;
    match state {
        CellState::Null | CellState::TypeError => return false,
        CellState::Value(Typed::Text(t)) => buf.push_str(t),
        CellState::Value(Typed::TextList { text, .. }) => buf.push_str(text),
        CellState::Value(Typed::Value(v)) => {
            let _ = match v {
                Value::Integer(i) => write!(buf, "{i}"),
                Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                    write!(buf, "{}", *n as i64)
                }
                Value::Number(n) => {
                    crate::decimal::write_decimal(buf, *n);
                    Ok(())
                }
                other => write!(buf, "{other:?}"),
            };
        }
    }
    true
}
