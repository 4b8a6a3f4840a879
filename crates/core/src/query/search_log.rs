//! The rows of each search token, as they are collected row by row.
//!
//! Most tokens are rare (numbers, identifiers, names): their rows are
//! *logged*, the tokens of each row one row after another (a sequential
//! write, where a list per token would touch two random places in memory
//! per word), and listed per token when the index is finished (a counting
//! sort). A token found in many rows ("de", "la", "eau"…, which make most
//! of the words of long descriptions) is *promoted* once it holds enough
//! rows: from then on its rows are set in a bitset of its own, which its
//! posting most likely ends up as (`Posting::Dense`), and no longer logged.
//! On the generated IA file this keeps ~85 % of the words out of the log,
//! and out of the passes that list the log per token.

use rustc_hash::FxHashMap;

use super::bitset::Bitset;
use super::posting::DENSE_SHARE;

/// The tokens of each row (each once per row), and the rows of the
/// frequent tokens.
#[derive(Debug, Default)]
pub(super) struct Occurrences {
    /// Token ids, row after row, in chunks of `LOG_CHUNK` (a growing log
    /// is never copied, nor holds unused room beyond its last chunk).
    chunks: Vec<Vec<u32>>,
    len: usize,
    /// Each row holding logged tokens, increasing, with where its ids start.
    pub(super) rows: Vec<(u32, u32)>,
    /// By token id: the last row seen, and the rows logged or the bitset.
    seen: Vec<Seen>,
    /// The bitsets of the promoted tokens.
    frequent: Vec<Bitset>,
    /// The token id of each of `frequent`.
    frequent_ids: Vec<u32>,
}

/// What is known of one token while rows are added.
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    /// 1 + the last row the token was seen in (0: none).
    last: u32,
    /// Rows logged, or `PROMOTED | i` once its rows go to `frequent[i]`.
    logged: u32,
}

const PROMOTED: u32 = 1 << 31;

/// A token is promoted once it was logged for this many rows, and for at
/// least 1 in `DENSE_SHARE` of the rows seen so far: its bitset (an eighth
/// of a byte per row) is then no larger than the log it saves, give or
/// take, and most likely its final posting.
const PROMOTE_AT: u32 = 1024;

/// Ids per chunk of the log (1 MB).
const LOG_CHUNK: usize = 1 << 18;

impl Occurrences {
    /// Records that token `id` is in `row` (rows in increasing order).
    #[inline]
    pub(super) fn add(&mut self, id: u32, row: u32) {
        let at = id as usize;
        if at >= self.seen.len() {
            self.seen.resize(at + 1, Seen::default());
        }
        let seen = &mut self.seen[at];
        if seen.last == row + 1 {
            return;
        }
        seen.last = row + 1;
        if seen.logged & PROMOTED != 0 {
            let bits = &mut self.frequent[(seen.logged & !PROMOTED) as usize];
            bits.grow(row as usize + 1);
            bits.insert(row);
            return;
        }
        seen.logged += 1;
        if seen.logged >= PROMOTE_AT && seen.logged as usize * DENSE_SHARE > row as usize {
            seen.logged = PROMOTED | self.frequent.len() as u32;
            self.frequent_ids.push(id);
            self.frequent.push(Bitset::new(0));
        }
        self.log(id, row);
    }

    fn log(&mut self, id: u32, row: u32) {
        if self.rows.last().is_none_or(|&(r, _)| r != row) {
            self.rows.push((row, self.len as u32));
        }
        if self.chunks.last().is_none_or(|c| c.len() == LOG_CHUNK) {
            self.chunks.push(Vec::with_capacity(LOG_CHUNK));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(id);
        }
        self.len += 1;
    }

    /// What the finishing needs: the log and the frequent tokens' rows,
    /// without the look-up of each token's last row.
    pub(super) fn into_logged(self) -> Occurrences {
        Occurrences {
            seen: Vec::new(),
            ..self
        }
    }

    /// The promoted tokens' rows set since their promotion, by token id
    /// (their rows before are logged). Taken once.
    pub(super) fn take_frequent(&mut self) -> FxHashMap<u32, Bitset> {
        let ids = std::mem::take(&mut self.frequent_ids);
        ids.into_iter()
            .zip(std::mem::take(&mut self.frequent))
            .collect()
    }

    /// Number of ids logged.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The ids logged at positions `range`.
    pub(super) fn ids(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = u32> + '_ {
        let first = range.start / LOG_CHUNK;
        let last = range.end.div_ceil(LOG_CHUNK).max(first);
        self.chunks[first..last.min(self.chunks.len())]
            .iter()
            .enumerate()
            .flat_map(move |(i, chunk)| {
                let base = (first + i) * LOG_CHUNK;
                let from = range.start.max(base) - base;
                let to = range.end.min(base + chunk.len()) - base;
                chunk[from..to.max(from)].iter().copied()
            })
    }

    /// The end of the ids of logged row `i` (the start of the next row's).
    pub(super) fn row_end(&self, i: usize) -> usize {
        self.rows
            .get(i + 1)
            .map_or(self.len, |&(_, start)| start as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_reads_back_across_its_chunks() {
        let mut log = Occurrences::default();
        let n = 2 * LOG_CHUNK + 10;
        for i in 0..n as u32 {
            log.add(i, i / 3);
        }
        assert_eq!(log.len(), n);
        for range in [0..n, 5..LOG_CHUNK + 3, LOG_CHUNK..LOG_CHUNK, n - 4..n] {
            let ids: Vec<u32> = log.ids(range.clone()).collect();
            assert_eq!(
                ids,
                (range.start as u32..range.end as u32).collect::<Vec<_>>()
            );
        }
        assert_eq!(log.rows.len(), n.div_ceil(3));
        assert_eq!(log.row_end(0), 3);
        assert_eq!(log.row_end(log.rows.len() - 1), n);
    }

    /// Rows of a token: logged ones plus its bitset's.
    fn rows_of(log: &Occurrences, frequent: &FxHashMap<u32, Bitset>, id: u32) -> Vec<u32> {
        let mut rows: Vec<u32> = (0..log.rows.len())
            .filter(|&i| {
                let from = log.rows[i].1 as usize;
                log.ids(from..log.row_end(i)).any(|t| t == id)
            })
            .map(|i| log.rows[i].0)
            .collect();
        rows.extend(frequent.get(&id).into_iter().flat_map(Bitset::iter));
        rows
    }

    #[test]
    fn frequent_tokens_are_promoted_and_keep_every_row() {
        let mut log = Occurrences::default();
        let n = 40 * PROMOTE_AT;
        for row in 0..n {
            log.add(0, row); // every row
            log.add(0, row); // a repeat in the row: once
            if row.is_multiple_of(3) {
                log.add(1, row); // a third of the rows
            }
            if row.is_multiple_of(100) {
                log.add(2, row); // too few rows to be promoted
            }
            if row >= n - PROMOTE_AT - 5 {
                log.add(3, row); // many rows, but late: too few of them
            }
        }
        let frequent = log.take_frequent();
        assert_eq!(frequent.len(), 2, "{:?}", frequent.keys());
        // Only the rows before a promotion are logged.
        assert!(log.len() < 3 * PROMOTE_AT as usize + n as usize / 100 + 2 * PROMOTE_AT as usize);
        assert_eq!(rows_of(&log, &frequent, 0), (0..n).collect::<Vec<_>>());
        assert_eq!(
            rows_of(&log, &frequent, 1),
            (0..n).filter(|r| r.is_multiple_of(3)).collect::<Vec<_>>()
        );
        assert_eq!(
            rows_of(&log, &frequent, 2),
            (0..n).filter(|r| r.is_multiple_of(100)).collect::<Vec<_>>()
        );
        assert_eq!(
            rows_of(&log, &frequent, 3),
            (n - PROMOTE_AT - 5..n).collect::<Vec<_>>()
        );
    }
}
