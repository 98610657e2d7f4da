//! The HMAC key, set up once and reused, and HMAC-SHA256 itself (RFC 2104),
//! through RustCrypto's `sha2` block-level hasher.
//!
//! A key is the two SHA-256 states left after absorbing the padded key
//! blocks (`sha2::block_api::Sha256VarCore`), and it can leave and re-enter as
//! those two states (`Key::to_states`, `Key::from_states`, through `sha2`'s
//! `SerializableState`): the WebAssembly `Key` keeps their 64 bytes in
//! JavaScript memory, so a key nobody frees costs no wasm memory. The `hmac`
//! crate cannot export its state, so it is not used here; it stays the test
//! oracle (`tests/keys.rs` and the fuzz targets check every tag against it,
//! over every key length and message length that changes the padding).

use core::fmt;

use sha2::digest::block_api::{Block, Buffer, CoreProxy, FixedOutputCore, UpdateCore};
use sha2::digest::common::hazmat::{SerializableState, SerializedState};
use sha2::digest::Output;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::error::{Error, ErrorCode};

/// The shortest key accepted without an explicit opt-in: the size of the
/// SHA-256 output, as RFC 7518 §3.2 requires for HS256.
pub const MIN_KEY_LEN: usize = 32;

/// The length of [`Key::to_states`]: the inner and the outer SHA-256 state.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))] // the wasm Key
pub(crate) const STATES_LEN: usize = 64;

/// The length of an HS256 tag.
pub(crate) const TAG_LEN: usize = 32;

/// One SHA-256 state: eight words (the rest of a serialized state is the
/// count of blocks absorbed, always one padded key block here).
const STATE_LEN: usize = 32;

/// `sha2`'s block-level SHA-256 (`Sha256VarCore` at 32 bytes of output).
type Core = <Sha256 as CoreProxy>::Core;

/// An HS256 key.
///
/// Building it runs the key schedule once (the inner and outer padded key
/// blocks are hashed into two SHA-256 states), so every `issue` and `verify`
/// with the same `Key` starts from those states instead of the raw secret.
/// The raw bytes are not kept. The states are zeroized when the `Key` is
/// dropped, and `Debug` never shows them.
#[derive(Clone)]
pub struct Key {
    inner: Core,
    outer: Core,
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
        let mut block = Padded(Block::<Core>::default());
        if secret.len() > block.0.len() {
            let mut digest = Sha256::digest(secret);
            block.0.iter_mut().zip(&digest).for_each(|(b, d)| *b = *d);
            digest.as_mut_slice().zeroize();
        } else {
            block.0.iter_mut().zip(secret).for_each(|(b, s)| *b = *s);
        }
        Ok(Self {
            inner: absorb_pad(&block.0, 0x36),
            outer: absorb_pad(&block.0, 0x5c),
        })
    }

    /// The two precomputed states, inner then outer, as `sha2` serializes
    /// them: key material (whoever holds them can sign), not the secret itself.
    #[must_use]
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))] // the wasm Key
    pub(crate) fn to_states(&self) -> [u8; STATES_LEN] {
        let mut out = [0u8; STATES_LEN];
        let (inner, outer) = out.split_at_mut(STATE_LEN);
        for (half, core) in [(inner, &self.inner), (outer, &self.outer)] {
            let mut state = core.serialize();
            half.iter_mut().zip(state.iter()).for_each(|(o, s)| *o = *s);
            state.as_mut_slice().zeroize();
        }
        out
    }

    /// The key whose [`Key::to_states`] are `states`. Any 64 bytes make a
    /// key: this performs no check, so only feed it what `to_states` wrote.
    #[must_use]
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))] // the wasm Key
    pub(crate) fn from_states(states: &[u8; STATES_LEN]) -> Self {
        let (inner, outer) = states.split_at(STATE_LEN);
        Self {
            inner: resume(inner),
            outer: resume(outer),
        }
    }

    /// HMAC-SHA256 of `message`.
    pub(crate) fn tag(&self, message: &[u8]) -> [u8; TAG_LEN] {
        let mut inner = sha256(&self.inner, message);
        let tag = sha256(&self.outer, &inner);
        inner.zeroize();
        tag
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

/// A fresh SHA-256 state that has absorbed one padded key block XORed with `pad`.
fn absorb_pad(key_block: &Block<Core>, pad: u8) -> Core {
    let mut block = Padded(*key_block);
    block.0.iter_mut().for_each(|b| *b ^= pad);
    let mut core = Core::default();
    core.update_blocks(core::slice::from_ref(&block.0));
    core
}

/// The state after one block whose words (`sha2`'s serialization) are `words`.
fn resume(words: &[u8]) -> Core {
    let mut state = SerializedState::<Core>::default();
    let (to, blocks) = state.split_at_mut(STATE_LEN);
    to.iter_mut().zip(words).for_each(|(t, w)| *t = *w);
    blocks.copy_from_slice(&1u64.to_le_bytes());
    // Deserializing never fails for SHA-256: any words and count are a state.
    let core = Core::deserialize(&state).unwrap_or_default();
    state.as_mut_slice().zeroize();
    core
}

/// SHA-256 of `message`, continuing from `state`.
fn sha256(state: &Core, message: &[u8]) -> [u8; TAG_LEN] {
    let mut core = state.clone();
    let mut buffer = Buffer::<Core>::default();
    buffer.digest_blocks(message, |blocks| core.update_blocks(blocks));
    let mut out = Output::<Core>::default();
    core.finalize_fixed_core(&mut buffer, &mut out);
    out.into()
}

/// A stack buffer that may hold key bytes: wiped when it goes out of scope.
struct Padded<T: AsMut<[u8]>>(T);

impl<T: AsMut<[u8]>> Drop for Padded<T> {
    fn drop(&mut self) {
        self.0.as_mut().zeroize();
    }
}

impl Zeroize for Key {
    /// Replaces both states with all-zero ones (`sha2` wipes the old ones as
    /// they drop, with its `zeroize` feature).
    fn zeroize(&mut self) {
        self.inner = resume(&[]);
        self.outer = resume(&[]);
    }
}

impl ZeroizeOnDrop for Key {}

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
        let abc = sha256(&Core::default(), b"abc");
        assert_eq!(
            abc.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let two = sha256(
            &Core::default(),
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        );
        assert_eq!(
            two.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }
}
