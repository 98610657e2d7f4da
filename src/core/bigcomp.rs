//! The last step of reading a JSON number exactly: given a double within a
//! few units in the last place of a decimal, find the correctly rounded one
//! (round half to even, as `JSON.parse` and Python read it) by comparing the
//! decimal with the halfway points around it in exact integer arithmetic.
//!
//! Only the numbers the fast paths of `json::number_value` cannot settle come
//! here: 20 or more significant digits that straddle two doubles, or values
//! far from 1. About 4 KB of WebAssembly (1.9 KB gzipped, measured) instead
//! of the standard library's parser and its tables (about a third of the module).

use core::cmp::Ordering;

/// Significant digits kept. A halfway point between two doubles has at most
/// 767 significant digits, so a decimal cut after 800, with a final 1 when a
/// later digit was non-zero, lies on the same side of every halfway point.
const MAX_DIGITS: usize = 800;

/// The correctly rounded value of the JSON number `text` (sign ignored), given
/// `approx`, a normal positive double within a few ulps of it. `None` when
/// `approx` is not such a double (zero, subnormal, infinite).
pub(crate) fn correct(text: &[u8], approx: f64) -> Option<f64> {
    if !approx.is_normal() || approx <= 0.0 {
        return None;
    }
    let (digits, exponent) = decimal(text)?;
    let mut v = approx;
    // Each step moves one ulp; the approximation is within a few.
    for _ in 0..8 {
        let above = compare(&digits, exponent, halfway_above(v)?);
        let next = f64::from_bits(v.to_bits().checked_add(1)?);
        if above == Ordering::Greater || (above == Ordering::Equal && v.to_bits() & 1 == 1) {
            v = next;
            continue;
        }
        let prev = f64::from_bits(v.to_bits().checked_sub(1)?);
        if !prev.is_normal() {
            return Some(v);
        }
        let below = compare(&digits, exponent, halfway_above(prev)?);
        if below == Ordering::Less || (below == Ordering::Equal && v.to_bits() & 1 == 1) {
            v = prev;
            continue;
        }
        return Some(v);
    }
    None
}

/// The halfway point between `v` and the next double up, as `(odd, power)`:
/// `odd × 2^power`.
fn halfway_above(v: f64) -> Option<(u64, i64)> {
    let bits = v.to_bits();
    let biased = i64::try_from((bits >> 52) & 0x7ff).ok()?;
    let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    // v = mantissa × 2^(biased - 1075); the halfway point is (2m + 1) × 2^(that - 1).
    Some((
        mantissa.checked_mul(2)?.checked_add(1)?,
        biased.checked_sub(1076)?,
    ))
}

/// `digits × 10^exponent` compared with `odd × 2^power`.
fn compare(digits: &Big, exponent: i64, (odd, power): (u64, i64)) -> Ordering {
    let mut left = digits.clone();
    let mut right = Big::from_u64(odd);
    // 10^e = 5^e × 2^e: the fives go to whichever side keeps them whole, then the twos.
    let fives = u32::try_from(exponent.unsigned_abs()).unwrap_or(u32::MAX);
    if exponent >= 0 {
        left.mul_pow5(fives);
    } else {
        right.mul_pow5(fives);
    }
    let twos = exponent.saturating_sub(power);
    let shift = u32::try_from(twos.unsigned_abs()).unwrap_or(u32::MAX);
    if twos >= 0 {
        left.shl(shift);
    } else {
        right.shl(shift);
    }
    left.cmp(&right)
}

/// The significant digits of a JSON number as an integer, and the power of
/// ten that scales them; `None` for an exponent no double can reach.
fn decimal(text: &[u8]) -> Option<(Big, i64)> {
    let mut digits = Big::from_u64(0);
    let mut kept = 0usize;
    let mut sticky = false;
    let mut exponent: i64 = 0;
    let mut in_fraction = false;
    let mut rest = text.iter();
    while let Some(&b) = rest.next() {
        match b {
            b'0'..=b'9' => {
                let d = u32::from(b.wrapping_sub(b'0'));
                if kept < MAX_DIGITS {
                    if kept > 0 || d != 0 {
                        kept = kept.saturating_add(1);
                    }
                    digits.mul_add(10, d);
                    if in_fraction {
                        exponent = exponent.saturating_sub(1);
                    }
                } else {
                    sticky |= d != 0;
                    if !in_fraction {
                        exponent = exponent.saturating_add(1);
                    }
                }
            }
            b'.' => in_fraction = true,
            b'e' | b'E' => {
                let mut sign = 1i64;
                let mut e: i64 = 0;
                for &c in rest.by_ref() {
                    match c {
                        b'-' => sign = -1,
                        b'+' => {}
                        _ => {
                            e = e
                                .saturating_mul(10)
                                .saturating_add(i64::from(c.wrapping_sub(b'0')));
                        }
                    }
                }
                exponent = exponent.saturating_add(sign.saturating_mul(e));
            }
            _ => {}
        }
    }
    if sticky {
        digits.mul_add(10, 1);
        exponent = exponent.saturating_sub(1);
    }
    // A normal double lies between 10^-308 and 10^309: past these bounds the
    // caller's approximation is zero or infinite and never reaches here.
    (-1200..=400)
        .contains(&exponent)
        .then_some((digits, exponent))
}

/// An unsigned integer of any size, in 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Self {
        #[allow(clippy::cast_possible_truncation)] // the low and high halves, on purpose
        let mut big = Self(vec![n as u32, (n >> 32) as u32]);
        big.trim();
        big
    }

    /// `self × m + a`.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let wide = u64::from(*limb)
                .wrapping_mul(u64::from(m))
                .wrapping_add(carry);
            #[allow(clippy::cast_possible_truncation)] // the low half
            {
                *limb = wide as u32;
            }
            carry = wide >> 32;
        }
        if carry != 0 {
            #[allow(clippy::cast_possible_truncation)] // below 2^32 after the shift
            self.0.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut n: u32) {
        // 5^13 is the largest power of five below 2^32.
        while n >= 13 {
            self.mul_add(1_220_703_125, 0);
            n = n.saturating_sub(13);
        }
        self.mul_add(5u32.saturating_pow(n), 0);
    }

    fn shl(&mut self, n: u32) {
        let limbs = usize::try_from(n / 32).unwrap_or(usize::MAX);
        let bits = n % 32;
        if bits != 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32u32.saturating_sub(bits));
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        if limbs != 0 && !self.0.is_empty() {
            self.0.splice(0..0, core::iter::repeat_n(0, limbs));
        }
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
}

impl PartialEq for Big {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Big {}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        let significant = |b: &Self| {
            let zeros = b.0.iter().rev().take_while(|&&l| l == 0).count();
            b.0.len().saturating_sub(zeros)
        };
        let (a, b) = (significant(self), significant(other));
        a.cmp(&b).then_with(|| {
            let a = self.0.get(..a).unwrap_or_default().iter().rev();
            let b = other.0.get(..b).unwrap_or_default().iter().rev();
            a.cmp(b)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::correct;

    /// Against the standard library's parser, which is exact everywhere.
    #[test]
    fn agrees_with_the_standard_library_where_the_fast_paths_stop() {
        let cases = [
            // 20+ digits whose dropped digits straddle two doubles.
            "1700000000.000000119209289550781250000000000000000000000001",
            "1700000000.00000011920928955078125",
            "1700000000.000000119209289550781249999999999999999999999999",
            "131072.73272491209000000000000000000000001",
            "9007199254740993",
            "9007199254740993.0000000000000000000000001",
            "9007199254740992.9999999999999999999999999",
            // Small, large and far exponents.
            "0.001",
            "0.0000012345678901234567890123",
            "1e-300",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "123456789012345678901234567890e-20",
            "4.9406564584124654e-300",
        ];
        for text in cases {
            let want: f64 = text.parse().unwrap_or(f64::NAN);
            // Start a few ulps off, on either side.
            for off in [-3i64, -1, 0, 1, 3] {
                let approx = f64::from_bits(want.to_bits().wrapping_add_signed(off));
                if !approx.is_normal() {
                    continue; // below the smallest normal: not this function's
                }
                let got = correct(text.as_bytes(), approx);
                assert_eq!(
                    got.map(f64::to_bits),
                    Some(want.to_bits()),
                    "{text} from {off} ulps"
                );
            }
        }
        // Subnormals are left to the approximation.
        assert_eq!(correct(b"1e-310", 1e-310), None);
    }
}
