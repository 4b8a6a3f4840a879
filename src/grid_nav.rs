//! Keyboard movement in the table grid (the ARIA grid pattern): which cell
//! a key leads to. Row 0 is the header row; rows 1..=`rows` are results.

/// A cell of the grid: row (0 = header) and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
}

/// Rows moved by Page Up / Page Down.
pub const PAGE: usize = 10;

/// The cell `key` moves to from `at`, in a grid of `rows` result rows and
/// `cols` columns; `None` when the key does not move the focus.
pub fn move_focus(
    at: GridCell,
    key: &str,
    ctrl: bool,
    rows: usize,
    cols: usize,
) -> Option<GridCell> {
    let last_col = cols.saturating_sub(1);
    let GridCell { row, col } = at;
    let next = match key {
        "ArrowRight" => GridCell {
            row,
            col: (col + 1).min(last_col),
        },
        "ArrowLeft" => GridCell {
            row,
            col: col.saturating_sub(1),
        },
        "ArrowDown" => GridCell {
            row: (row + 1).min(rows),
            col,
        },
        "ArrowUp" => GridCell {
            row: row.saturating_sub(1),
            col,
        },
        "PageDown" => GridCell {
            row: (row + PAGE).min(rows),
            col,
        },
        "PageUp" => GridCell {
            row: row.saturating_sub(PAGE),
            col,
        },
        "Home" if ctrl => GridCell { row: 0, col: 0 },
        "End" if ctrl => GridCell {
            row: rows,
            col: last_col,
        },
        "Home" => GridCell { row, col: 0 },
        "End" => GridCell { row, col: last_col },
        _ => return None,
    };
    Some(next)
}

/// The range of result positions to render: the visible ones and
/// `overscan` more on each side.
pub fn visible_range(
    scroll_top: f64,
    viewport: f64,
    row_height: f64,
    rows: usize,
    overscan: usize,
) -> std::ops::Range<usize> {
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let shown = (viewport.max(row_height) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(rows);
    let end = (first + shown + overscan).min(rows);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_stay_inside_the_grid() {
        let at = GridCell { row: 0, col: 0 };
        assert_eq!(move_focus(at, "ArrowUp", false, 5, 3), Some(at));
        assert_eq!(
            move_focus(at, "ArrowDown", false, 5, 3),
            Some(GridCell { row: 1, col: 0 })
        );
        let corner = GridCell { row: 5, col: 2 };
        assert_eq!(move_focus(corner, "ArrowRight", false, 5, 3), Some(corner));
        assert_eq!(
            move_focus(corner, "PageUp", false, 5, 3),
            Some(GridCell { row: 0, col: 2 })
        );
        assert_eq!(move_focus(at, "End", true, 5, 3), Some(corner));
        assert_eq!(
            move_focus(corner, "Home", false, 5, 3),
            Some(GridCell { row: 5, col: 0 })
        );
        assert_eq!(move_focus(at, "a", false, 5, 3), None);
    }

    #[test]
    fn only_rows_near_the_viewport_are_rendered() {
        assert_eq!(visible_range(0.0, 440.0, 44.0, 10_000, 5), 0..16);
        assert_eq!(visible_range(4400.0, 440.0, 44.0, 10_000, 5), 95..116);
        assert_eq!(visible_range(0.0, 440.0, 44.0, 3, 5), 0..3);
        assert_eq!(visible_range(1e9, 440.0, 44.0, 30, 5), 30..30);
    }
}
