//! The HMAC key, set up once and reused.

use core::fmt;

use hmac::{Hmac, KeyInit};
use sha2::Sha256;

use super::error::{Error, ErrorCode};

/// The shortest key accepted without an explicit opt-in: the size of the
/// SHA-256 output, as RFC 7518 §3.2 requires for HS256.
pub const MIN_KEY_LEN: usize = 32;

/// An HS256 key.
///
/// Building it runs the key schedule once (the inner and outer padded key
/// blocks are hashed into two SHA-256 states), so every `issue` and `verify`
/// with the same `Key` starts from those states instead of the raw secret.
/// The raw bytes are not kept. The states are zeroized when the `Key` is
/// dropped, and `Debug` never shows them.
#[derive(Clone)]
pub struct Key {
    mac: Hmac<Sha256>,
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
        // HMAC accepts keys of every length, so this cannot fail; map it anyway
        // rather than unwrap.
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret)
            .map_err(|_| Error::new(ErrorCode::KeyEmpty, "the HMAC key was refused"))?;
        Ok(Self { mac })
    }

    /// A fresh MAC state with the key already absorbed.
    pub(crate) fn mac(&self) -> Hmac<Sha256> {
        self.mac.clone()
    }
}

// The promise above, checked by the compiler: the only key material kept is
// the inner and outer SHA-256 states inside `Hmac<Sha256>`, and that state
// type is `ZeroizeOnDrop` (its `Drop` wipes it; sha2's `zeroize` feature).
const _: fn() = || {
    fn zeroized_on_drop<T: zeroize::ZeroizeOnDrop>() {}
    zeroized_on_drop::<sha2::block_api::Sha256VarCore>();
};

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key { alg: \"HS256\", .. }")
    }
}
