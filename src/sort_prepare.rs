//! After the reader is shown, the sort keys and ranks of the shown columns
//! are built in the background (by `vitrine-core`, in slices with a yield
//! to the page between them, as the index is), so a reader's first sort of
//! a column only orders the rows instead of first keying every row. A sort
//! that comes before its column is ready still works: it builds what it
//! needs then.

use crate::dataset::Dataset;
use crate::slices::{Slice, yield_now};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Prepares the sorts of `fields` (schema positions, the shown columns in
/// order) of `dataset`, in the background; again for the columns newly
/// shown when `fields` changes.
#[hook]
pub fn use_sort_preparation(dataset: Rc<Dataset>, fields: Vec<usize>) {
    use_effect_with((dataset, fields), |(dataset, fields)| {
        let stale = Rc::new(Cell::new(false));
        let flag = stale.clone();
        let dataset = dataset.clone();
        let mut preparation = dataset.sort_preparation(fields);
        wasm_bindgen_futures::spawn_local(async move {
            // Not in the task of the render that showed the columns.
            yield_now().await;
            while !flag.get() {
                if dataset.prepare_sorts(&mut preparation, &Slice::start()) {
                    break;
                }
                yield_now().await;
            }
        });
        move || stale.set(true)
    });
}
