//! Building the posting of each token of a range of ids: its logged rows,
//! the rows of the remembered cells holding it, and for a frequent token
//! the rows set since its promotion, joined into one set of rows.

use super::super::bitset::Bitset;
use super::super::posting::{DENSE_SHARE, Posting};
use super::{Phase, ROWS_PER_UNIT, SearchFinishing};

/// A token's rows from up to this many cell rows are merged by sorting;
/// more are set in a bitset and read back from it (a sort of a few
/// thousand rows was most of the finishing's instructions).
const SMALL_UNION: usize = 32;

impl SearchFinishing {
    /// Gathers the rows of token `id`: its own and those of the cells
    /// holding it. Returns a frequent token's rows as its bitset when they
    /// are enough for a dense posting (`gathered` is then left empty);
    /// otherwise they are listed in `gathered` (increasing, without
    /// repeats). Also returns the
    /// work done: rows read, and words of a frequent token's bitset.
    fn gather(&mut self, id: u32) -> (Option<Bitset>, usize) {
        let frequent = self.frequent.remove(&id);
        let id = id as usize;
        let base = self.own_starts[self.range.start] as usize;
        let own = &self.own_rows
            [self.own_starts[id] as usize - base..self.own_starts[id + 1] as usize - base];
        let cells =
            &self.token_cells[self.cell_starts[id] as usize..self.cell_starts[id + 1] as usize];
        let rows_of_cells = cells.iter().map(|&c| &self.cells.rows[c as usize]);
        let rows = &mut self.gathered;
        rows.clear();
        if let Some(mut bits) = frequent {
            // A frequent token: its logged rows and its cells' rows join
            // the rows set since its promotion; listed only if too few for
            // a dense posting.
            bits.grow(self.row_count);
            bits.shrink_to_fit();
            let mut work = self.row_count / 64;
            for &row in own.iter().chain(rows_of_cells.flatten()) {
                bits.insert(row);
                work += 1;
            }
            if bits.count() * DENSE_SHARE < self.row_count {
                rows.extend(bits.iter());
                return (None, work + rows.len());
            }
            return (Some(bits), work);
        }
        rows.extend_from_slice(own);
        if cells.is_empty() {
            return (None, rows.len());
        }
        let total = own.len() + rows_of_cells.clone().map(Vec::len).sum::<usize>();
        if cells.len() == 1 && own.is_empty() {
            // One cell's rows: increasing already.
            rows.extend(rows_of_cells.flatten());
            return (None, total);
        }
        if total <= SMALL_UNION {
            for cell_rows in rows_of_cells {
                rows.extend_from_slice(cell_rows);
            }
            rows.sort_unstable();
            rows.dedup();
            return (None, total);
        }
        // More rows: set in a bitset of the table (a few KB, in cache),
        // and read back over the words between the first and last row only.
        rows.clear();
        let (mut first, mut last) = (u32::MAX, 0);
        for &row in own.iter().chain(rows_of_cells.flatten()) {
            self.scratch.insert(row);
            (first, last) = (first.min(row), last.max(row));
        }
        let words = first as usize / 64..last as usize / 64 + 1;
        let read = words.len();
        self.scratch.drain_words(words, rows);
        (None, total + read + rows.len())
    }

    /// Builds the postings of the range's tokens from id `next` on, up to
    /// `budget` units of work.
    pub(super) fn build(&mut self, mut next: usize, budget: usize) {
        let mut spent = 0;
        while next < self.range.end && spent < budget {
            let (bits, work) = self.gather(next as u32);
            let posting = match bits {
                // Only a frequent token's rows come without their list.
                Some(bits) if self.gathered.is_empty() => Posting::Dense(bits),
                bits => Posting::new(&self.gathered, self.row_count, bits),
            };
            spent += 1 + work / ROWS_PER_UNIT;
            self.by_id[next] = Some(posting);
            next += 1;
        }
        self.phase = if next < self.range.end {
            Phase::Build { next }
        } else {
            self.start_range(self.range.end)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::search_build::SearchBuilder;

    /// Rows enough for frequent tokens to be promoted, in a column whose
    /// cells repeat and one whose cells differ: every token finds exactly
    /// the rows whose text holds it.
    #[test]
    fn frequent_tokens_find_every_row_holding_them() {
        let rows = 6_000;
        let repeated = |row: usize| match row % 4 {
            0 => "Eau potable".to_owned(),
            1 => String::new(),
            2 => format!("réseau {}", row % 7),
            _ => "déchets eau".to_owned(),
        };
        let distinct = |row: usize| {
            let rare = if row.is_multiple_of(50) { " rare" } else { "" };
            format!(
                "projet {row} de l'eau{rare} {}",
                if row < 3_000 { "tot" } else { "" }
            )
        };
        let mut builder = SearchBuilder::default();
        for row in 0..rows {
            builder.add_cell(0, row as u32, &repeated(row));
            builder.add_cell(1, row as u32, &distinct(row));
        }
        let index = builder.finish(rows);
        for word in [
            "eau", "potable", "reseau", "dechets", "projet", "de", "l", "rare", "tot", "5", "4321",
        ] {
            let expected: Vec<u32> = (0..rows)
                .filter(|&row| {
                    let text = format!("{} {}", repeated(row), distinct(row));
                    crate::query::tokens(&text)
                        .iter()
                        .any(|t| t.starts_with(word))
                })
                .map(|row| row as u32)
                .collect();
            let found = index.matches(word, rows).map(|b| b.to_vec());
            assert_eq!(found.unwrap_or_default(), expected, "{word}");
        }
    }
}
