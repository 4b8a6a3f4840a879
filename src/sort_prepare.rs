//! Once the reader is shown, the sort keys and ranks of its first columns
//! are built in the background (by `vitrine-core`, in slices with a yield
//! to the page between them, as the index is), so a reader's first sort of
//! one of them only orders the rows instead of first keying every row. A
//! sort that comes before its column is ready still works: it builds what
//! it needs then.

use crate::attrs::Attrs;
use crate::column_chooser::initial_columns;
use crate::dataset::Dataset;
use crate::slices::{Slice, yield_now};

/// Prepares the sorts of the columns the reader shows first, in header
/// order, until done or until `stale()` (a newer load, or unmounting).
pub async fn prepare_sorts(dataset: &Dataset, attrs: &Attrs, stale: impl Fn() -> bool) {
    let mut preparation = dataset.sort_preparation(&initial_columns(dataset, attrs));
    // One for every slice: a list or typed column is cast once.
    let source = dataset.source();
    loop {
        // Not in the task of the render that shows the reader.
        yield_now().await;
        if stale() || dataset.prepare_sorts(&mut preparation, &source, &Slice::start()) {
            return;
        }
    }
}
