//! Finds the bytes that end an unquoted CSV field (the delimiter, `\n`,
//! `\r`) 64 at a time: each block of 64 bytes gives a bit mask of where
//! they are, kept while the fields of that block are read. Fields are short
//! in most files (tens of bytes), and a search started for each one costs
//! more than the field; this reads each byte once, without branches.
//!
//! The mask is computed in plain Rust that the compiler vectorizes (16
//! bytes per SSE2 or NEON compare). WebAssembly builds have no SIMD, so
//! there the search stays `memchr3`'s, faster in scalar code.

/// The positions of the delimiter and line breaks in an input.
pub(crate) struct FieldEnds {
    delimiter: u8,
    /// Start of the block whose mask is kept (a multiple of 64).
    base: usize,
    /// Bit `i`: byte `base + i` ends a field.
    mask: u64,
}

/// Bytes per block.
const BLOCK: usize = 64;

impl FieldEnds {
    pub(crate) fn new(delimiter: u8) -> FieldEnds {
        FieldEnds {
            delimiter,
            // No block yet: `pos - base` wraps to at least `BLOCK` for any `pos`.
            base: usize::MAX & !(BLOCK - 1),
            mask: 0,
        }
    }

    /// The first position from `pos` whose byte is the delimiter, `\n` or
    /// `\r`, or `input.len()` if there is none.
    #[inline]
    pub(crate) fn next(&mut self, input: &[u8], pos: usize) -> usize {
        #[cfg(target_arch = "wasm32")]
        return memchr3_from(input, pos, self.delimiter);
        #[cfg(not(target_arch = "wasm32"))]
        self.next_in_blocks(input, pos)
    }

    /// [`next`](Self::next) with the block masks.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    #[inline]
    fn next_in_blocks(&mut self, input: &[u8], pos: usize) -> usize {
        let mut pos = pos;
        if pos.wrapping_sub(self.base) >= BLOCK {
            self.load(input, pos & !(BLOCK - 1));
        }
        loop {
            let rest = self.mask & (!0u64 << (pos - self.base));
            if rest != 0 {
                return self.base + rest.trailing_zeros() as usize;
            }
            let next = self.base + BLOCK;
            if next >= input.len() {
                return input.len();
            }
            self.load(input, next);
            pos = next;
        }
    }

    /// Computes the mask of the block that starts at `base`.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    #[inline]
    fn load(&mut self, input: &[u8], base: usize) {
        self.base = base;
        self.mask = match input.get(base..base + BLOCK) {
            Some(block) => block_mask(block.try_into().expect("64 bytes"), self.delimiter),
            None => {
                // The last, shorter block: padded, then cut to its length.
                let tail = input.get(base..).unwrap_or(&[]);
                let mut block = [0u8; BLOCK];
                block[..tail.len()].copy_from_slice(tail);
                block_mask(&block, self.delimiter) & ((1u64 << tail.len()) - 1)
            }
        };
    }
}

/// Bit `i` set when `block[i]` is the delimiter, `\n` or `\r`: the bytes
/// are compared into flags of 0 or 1 (vectorized), then each group of 8
/// flags is gathered into 8 bits by one multiplication.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
#[inline]
fn block_mask(block: &[u8; BLOCK], delimiter: u8) -> u64 {
    let mut flags = [0u8; BLOCK];
    for (f, &b) in flags.iter_mut().zip(block) {
        *f = u8::from((b == delimiter) | (b == b'\n') | (b == b'\r'));
    }
    let mut mask = 0u64;
    for (g, group) in flags.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(group.try_into().expect("8 bytes"));
        // Flag `i` (bit 8i) lands on bit 56 + i: the products of the
        // multiplier's bits never overlap, so nothing carries.
        mask |= (word.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * g);
    }
    mask
}

/// `memchr3` from `pos`, or `input.len()`.
#[cfg(any(target_arch = "wasm32", test))]
fn memchr3_from(input: &[u8], pos: usize, delimiter: u8) -> usize {
    let rest = &input[pos..];
    pos + memchr::memchr3(delimiter, b'\n', b'\r', rest).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn masks_mark_the_delimiter_and_line_breaks() {
        let mut block = [b'a'; 64];
        for (i, b) in [(0, b','), (7, b'\n'), (8, b'\r'), (40, b';'), (63, b',')] {
            block[i] = b;
        }
        assert_eq!(block_mask(&block, b','), 1 | 1 << 7 | 1 << 8 | 1 << 63);
        assert_eq!(block_mask(&block, b';'), 1 << 7 | 1 << 8 | 1 << 40);
        assert_eq!(block_mask(&[0; 64], 0), !0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn same_positions_as_memchr3(
            input in proptest::collection::vec(prop::sample::select(b"a,;\n\r\"\0".to_vec()), 0..300),
            starts in proptest::collection::vec(0usize..320, 1..20),
            delimiter in prop::sample::select(b",;\0".to_vec()),
        ) {
            let mut ends = FieldEnds::new(delimiter);
            // Positions asked in any order, as after a quoted field.
            for pos in starts.into_iter().map(|p| p.min(input.len())) {
                prop_assert_eq!(
                    ends.next_in_blocks(&input, pos),
                    memchr3_from(&input, pos, delimiter)
                );
            }
        }
    }
}
