//! The natural numbers the exact comparisons of [`super`] need: built from
//! decimal digits or a `u64`, multiplied by small numbers and powers of five,
//! shifted left, compared. Nothing else (no subtraction, no division).

use std::cmp::Ordering;

/// A natural number in base 2³², least significant limb first, without zero
/// limbs on top (zero has no limb).
#[derive(Clone, Debug, Default)]
pub(super) struct Big(Vec<u32>);

/// 5¹³, the largest power of five below 2³².
const FIVE_13: u32 = 1_220_703_125;

impl Big {
    pub(super) fn from_u64(n: u64) -> Big {
        let mut big = Big::default();
        big.mul_add(1, n);
        big
    }

    /// `self × m + a`.
    pub(super) fn mul_add(&mut self, m: u32, a: u64) {
        let mut carry = a;
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(m) + (carry & u64::from(u32::MAX));
            *limb = x as u32;
            carry = (carry >> 32) + (x >> 32);
        }
        while carry > 0 {
            self.0.push(carry as u32);
            carry >>= 32;
        }
    }

    /// `self × 5^k`.
    pub(super) fn mul_pow5(&mut self, mut k: u32) {
        while k >= 13 {
            self.mul_add(FIVE_13, 0);
            k -= 13;
        }
        self.mul_add(5u32.pow(k), 0);
    }

    /// `self × 2^bits`.
    pub(super) fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let x = (u64::from(*limb) << bits) | carry;
                *limb = x as u32;
                carry = x >> 32;
            }
            if carry > 0 {
                self.0.push(carry as u32);
            }
        }
        if !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    pub(super) fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The value of a number small enough for a `u128`.
    fn value(big: &Big) -> u128 {
        assert!(big.0.len() <= 4 && big.0.last() != Some(&0), "{big:?}");
        big.0
            .iter()
            .rev()
            .fold(0, |acc, &limb| (acc << 32) | u128::from(limb))
    }

    #[test]
    fn zero_has_no_limb() {
        assert!(Big::from_u64(0).0.is_empty());
        let mut zero = Big::default();
        zero.shl(100);
        zero.mul_pow5(30);
        assert!(zero.0.is_empty());
        assert_eq!(zero.cmp(&Big::from_u64(0)), Ordering::Equal);
    }

    proptest! {
        #[test]
        fn operations_agree_with_u128(
            n in any::<u64>(),
            m in any::<u32>(),
            a in any::<u64>(),
            k in 0u32..24,
            bits in 0u32..60,
        ) {
            let mut big = Big::from_u64(n);
            prop_assert_eq!(value(&big), u128::from(n));
            big.mul_add(m, a);
            let expected = u128::from(n) * u128::from(m) + u128::from(a);
            prop_assert_eq!(value(&big), expected);
            let mut small = Big::from_u64(n >> 16);
            small.mul_pow5(k);
            small.shl(bits % 8);
            prop_assert_eq!(value(&small), (u128::from(n >> 16) * 5u128.pow(k)) << (bits % 8));
            let mut shifted = Big::from_u64(n >> 4);
            shifted.shl(bits);
            prop_assert_eq!(value(&shifted), u128::from(n >> 4) << bits);
        }

        #[test]
        fn order_agrees_with_u128(x in any::<u64>(), y in any::<u64>(), sx in 0u32..64, sy in 0u32..64) {
            let (mut a, mut b) = (Big::from_u64(x), Big::from_u64(y));
            a.shl(sx);
            b.shl(sy);
            prop_assert_eq!(a.cmp(&b), (u128::from(x) << sx).cmp(&(u128::from(y) << sy)));
        }
    }
}
