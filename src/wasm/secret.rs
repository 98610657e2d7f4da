//! The `secret` parameter: a string (its UTF-8 bytes), a Uint8Array of any
//! realm (raw bytes), or a `Key` (borrowed, never consumed).

use std::rc::Rc;

use wasm_bindgen::JsValue;
use zeroize::Zeroizing;

use super::brand;
use super::error::Failure;
use super::key::JsKey;
use crate::core::Key;

/// A key for one call: set up from bytes for this call, or shared with a `Key`.
pub(crate) enum Secret {
    Owned(Key),
    Shared(Rc<Key>),
}

impl Secret {
    /// The core key.
    pub(crate) fn key(&self) -> &Key {
        match self {
            Self::Owned(key) => key,
            Self::Shared(key) => key,
        }
    }
}

/// The key for `secret`. `allow_short_key` applies to strings and
/// Uint8Arrays; a `Key` made its own choice when it was built.
pub(crate) fn resolve(secret: &JsValue, allow_short_key: bool) -> Result<Secret, Failure> {
    if let Some(key) = key_from_bytes(secret, allow_short_key)? {
        return Ok(Secret::Owned(key));
    }
    let mut shared = None;
    let lent = brand::lend_key(secret, &mut |key: &JsKey| shared = Some(key.key()));
    match (lent, shared) {
        (Ok(()), Some(key)) => Ok(Secret::Shared(key)),
        (Err(thrown), _) => Err(Failure::option(
            "secret",
            "must be a string, a Uint8Array or a Key that has not been freed",
        )
        .caused_by(thrown)),
        (Ok(()), None) => Err(Failure::option(
            "secret",
            "must be a string, a Uint8Array or a Key that has not been freed",
        )),
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
