//! The `secret` parameter: a `Key` (its states, copied in), a string (its
//! UTF-8 bytes) or a Uint8Array of any realm (raw bytes).

use wasm_bindgen::JsValue;
use zeroize::Zeroizing;

use super::brand;
use super::error::Failure;
use super::key::Lent;
use crate::core::Key;

/// The key for `secret`, which `issue`'s or `verify`'s way in has already
/// read as a `Key` (`lent`). `allow_short_key` applies to strings and
/// Uint8Arrays; a `Key` made its own choice when it was built.
#[inline]
pub(crate) fn resolve(lent: Lent, secret: &JsValue, allow_short_key: bool) -> Result<Key, Failure> {
    let refused = || {
        Failure::option(
            "secret",
            "must be a string, a Uint8Array or a Key that has not been freed",
        )
    };
    // A Key first: it is the fast path, and the check cannot throw.
    match lent {
        Lent::Key(key) => Ok(key),
        Lent::Freed => Err(refused()),
        Lent::NotAKey => key_from_bytes(secret, allow_short_key)?.ok_or_else(refused),
    }
}

/// A new key from a string or Uint8Array secret; `Ok(None)` for any other value.
pub(crate) fn key_from_bytes(
    secret: &JsValue,
    allow_short_key: bool,
) -> Result<Option<Key>, Failure> {
    let bytes = if let Some(text) = secret.as_string() {
        Zeroizing::new(text.into_bytes())
    } else {
        match brand::uint8_array(secret) {
            Ok(Some(view)) => Zeroizing::new(view.to_vec()),
            Ok(None) => return Ok(None),
            Err(thrown) => {
                return Err(Failure::option(
                    "secret",
                    "the Uint8Array cannot be read (is its buffer detached?)",
                )
                .caused_by(thrown))
            }
        }
    };
    let key = if allow_short_key {
        Key::new_allowing_short(&bytes)
    } else {
        Key::new(&bytes)
    };
    Ok(Some(key?))
}
