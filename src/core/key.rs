//! The HMAC key, set up once and reused, and HMAC-SHA256 itself (RFC 2104).
//!
//! The construction is written here, over RustCrypto's SHA-256 compression
//! function (`sha2::block_api::compress256`), rather than taken from the
//! `hmac` crate, for one reason: a key must be able to leave and re-enter as
//! its two precomputed states (`Key::to_states`, `Key::from_states`).
//! The WebAssembly `Key` keeps those 64 bytes in JavaScript memory, so a key
//! nobody frees costs no wasm memory; `hmac` cannot export its state. The
//! `hmac` crate stays the oracle: `tests/keys.rs` and the fuzz targets check
//! every tag against it, over every key length and message length that
//! changes the padding.

use core::fmt;

use sha2::block_api::compress256;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::error::{Error, ErrorCode};

/// The shortest key accepted without an explicit opt-in: the size of the
/// SHA-256 output, as RFC 7518 §3.2 requires for HS256.
pub const MIN_KEY_LEN: usize = 32;

/// The length of [`Key::to_states`]: the inner and the outer SHA-256 state.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the wasm Key
pub(crate) const STATES_LEN: usize = 64;

/// The length of an HS256 tag.
pub(crate) const TAG_LEN: usize = 32;

const BLOCK: usize = 64;

/// SHA-256's initial hash value (FIPS 180-4 §5.3.3).
const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// An HS256 key.
///
/// Building it runs the key schedule once (the inner and outer padded key
/// blocks are hashed into two SHA-256 states), so every `issue` and `verify`
/// with the same `Key` starts from those states instead of the raw secret.
/// The raw bytes are not kept. The states are zeroized when the `Key` is
/// dropped, and `Debug` never shows them.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Key {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Key {
    /// A key from at least [`MIN_KEY_LEN`] bytes of secret (RFC 7518 §3.2).
    ///
    /// # Errors
    /// `ERR_KEY_EMPTY` for an empty secret, `ERR_KEY_TOO_SHORT` for one shorter than 32 bytes.
    pub fn new(secret: &[u8]) -> Result<Self, Error> {
        if secret.len() < MIN_KEY_LEN && !secret.is_empty() {
            return Err(Error::new(
                ErrorCode::KeyTooShort,
                "HS256 keys must be at least 32 bytes (RFC 7518 section 3.2); allow short keys explicitly for legacy systems",
            ));
        }
        Self::new_allowing_short(secret)
    }

    /// A key from a secret of any non-zero length.
    ///
    /// For legacy systems only, such as the FastAPI tutorial's 11-byte
    /// `"mysecretkey"`: a short secret can be brute-forced offline from a single
    /// token. The name marks every call site.
    ///
    /// # Errors
    /// `ERR_KEY_EMPTY` for an empty secret.
    pub fn new_allowing_short(secret: &[u8]) -> Result<Self, Error> {
        if secret.is_empty() {
            return Err(Error::new(ErrorCode::KeyEmpty, "the HMAC key is empty"));
        }
        // RFC 2104 §2: a key longer than a block is hashed first; then it is
        // padded with zeros to one block.
        let mut block = Padded([0u8; BLOCK]);
        if secret.len() > BLOCK {
            let digest = Padded(sha256(IV, 0, secret));
            block.0.iter_mut().zip(digest.0).for_each(|(b, d)| *b = d);
        } else {
            block.0.iter_mut().zip(secret).for_each(|(b, s)| *b = *s);
        }
        Ok(Self {
            inner: absorb_pad(&block.0, 0x36),
            outer: absorb_pad(&block.0, 0x5c),
        })
    }

    /// The two precomputed states, inner then outer, as 16 big-endian words:
    /// key material (whoever holds them can sign), not the secret itself.
    #[must_use]
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the wasm Key
    pub(crate) fn to_states(&self) -> [u8; STATES_LEN] {
        let mut out = [0u8; STATES_LEN];
        write_be(self.inner.iter().chain(&self.outer), &mut out);
        out
    }

    /// The key whose [`Key::to_states`] are `states`. Any 64 bytes make a
    /// key: this performs no check, so only feed it what `to_states` wrote.
    #[must_use]
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the wasm Key
    pub(crate) fn from_states(states: &[u8; STATES_LEN]) -> Self {
        let mut key = Self {
            inner: [0; 8],
            outer: [0; 8],
        };
        let words = key.inner.iter_mut().chain(key.outer.iter_mut());
        for (word, chunk) in words.zip(states.as_chunks::<4>().0) {
            *word = u32::from_be_bytes(*chunk);
        }
        key
    }

    /// HMAC-SHA256 of `message`.
    pub(crate) fn tag(&self, message: &[u8]) -> [u8; TAG_LEN] {
        let inner = sha256(self.inner, 1, message);
        sha256(self.outer, 1, &inner)
    }

    /// Whether `tag` is the HMAC-SHA256 of `message`, compared in constant time.
    pub(crate) fn verify(&self, message: &[u8], tag: &[u8; TAG_LEN]) -> bool {
        // Four 64-bit words, not 32 bytes: each element costs subtle an
        // optimisation barrier.
        let words = |bytes: &[u8; TAG_LEN]| {
            let mut words = [0u64; TAG_LEN / 8];
            for (word, chunk) in words.iter_mut().zip(bytes.as_chunks::<8>().0) {
                *word = u64::from_le_bytes(*chunk);
            }
            words
        };
        bool::from(words(&self.tag(message)).ct_eq(&words(tag)))
    }
}

/// One padded key block XORed with `pad`, absorbed into a fresh state.
fn absorb_pad(key_block: &[u8; BLOCK], pad: u8) -> [u32; 8] {
    let mut block = Padded([0u8; BLOCK]);
    block
        .0
        .iter_mut()
        .zip(key_block)
        .for_each(|(b, k)| *b = k ^ pad);
    let mut state = IV;
    compress256(&mut state, core::slice::from_ref(&block.0));
    state
}

/// SHA-256 of `message`, continuing from `state` after `blocks_done` blocks.
fn sha256(mut state: [u32; 8], blocks_done: u64, message: &[u8]) -> [u8; 32] {
    let (blocks, rest) = message.as_chunks::<BLOCK>();
    compress256(&mut state, blocks);
    // FIPS 180-4 §5.1.1: 0x80, zeros, then the bit length in 64 bits. A
    // `usize` message length always fits in 64 bits.
    let bits = blocks_done
        .wrapping_mul(BLOCK as u64)
        .wrapping_add(message.len() as u64)
        .wrapping_shl(3);
    let mut tail = Padded([0u8; 2 * BLOCK]);
    tail.0.iter_mut().zip(rest).for_each(|(t, r)| *t = *r);
    if let Some(b) = tail.0.get_mut(rest.len()) {
        *b = 0x80;
    }
    // One block if the length still fits after the 0x80, else two.
    let (used, length) = if rest.len() < BLOCK - 8 {
        (1, BLOCK - 8..BLOCK)
    } else {
        (2, 2 * BLOCK - 8..2 * BLOCK)
    };
    if let Some(length) = tail.0.get_mut(length) {
        length.copy_from_slice(&bits.to_be_bytes());
    }
    let (tail_blocks, _) = tail.0.as_chunks::<BLOCK>();
    compress256(&mut state, tail_blocks.get(..used).unwrap_or_default());
    let mut out = [0u8; 32];
    write_be(&state, &mut out);
    state.zeroize();
    out
}

/// Writes `words` into `out` as big-endian bytes, four per word.
fn write_be<'a>(words: impl IntoIterator<Item = &'a u32>, out: &mut [u8]) {
    for (chunk, word) in out.chunks_exact_mut(4).zip(words) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
}

/// A stack buffer that may hold key bytes: wiped when it goes out of scope.
struct Padded<const N: usize>([u8; N]);

impl<const N: usize> Drop for Padded<N> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key { alg: \"HS256\", .. }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_round_trip() {
        let key = Key::new_allowing_short(b"key");
        assert!(key.is_ok(), "a 3-byte key is allowed here");
        let Ok(key) = key else { return };
        let again = Key::from_states(&key.to_states());
        assert_eq!(key.tag(b"message"), again.tag(b"message"));
        assert_ne!(key.to_states(), Key::from_states(&[0; 64]).to_states());
    }

    #[test]
    fn sha256_matches_fips_180_2_examples() {
        // "abc" (one block) and the 56-byte message (two blocks of padding).
        let abc = sha256(IV, 0, b"abc");
        assert_eq!(
            abc.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let two = sha256(
            IV,
            0,
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        );
        assert_eq!(
            two.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }
}
