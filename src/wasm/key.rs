//! The exported `Key` class: an HS256 key set up once, for many calls.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::error::{throw, Failure};
use super::options;
use super::secret;
use crate::core::Key;

/// An HS256 key, set up once and reused: pass it as the `secret` of `issue`
/// and `verify` as many times as you like; they borrow it and never free it.
///
/// The HMAC key schedule runs once, in the constructor; the raw secret is not
/// kept. Secrets shorter than 32 bytes are refused with `ERR_KEY_TOO_SHORT`
/// unless `allowShortKey` is true; an empty one with `ERR_KEY_EMPTY`.
///
/// Call `free()` (or use `using`) to wipe it from wasm memory at once;
/// otherwise it is wiped when it is garbage-collected. A freed key is refused.
#[wasm_bindgen(js_name = Key)]
pub struct JsKey {
    key: Rc<Key>,
}

#[wasm_bindgen(js_class = Key)]
impl JsKey {
    /// Sets up a key from a secret: a string (its UTF-8 bytes) or a Uint8Array
    /// (raw bytes, from any realm).
    ///
    /// @throws {JwtError} `ERR_KEY_EMPTY`, `ERR_KEY_TOO_SHORT`, or
    /// `ERR_INVALID_OPTION` for a secret of another type or a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] secret: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyOptions")] options: JsValue,
    ) -> Result<JsKey, JsValue> {
        throw(Self::build(&secret, &options))
    }
}

impl JsKey {
    fn build(secret: &JsValue, options: &JsValue) -> Result<Self, Failure> {
        let allow_short_key = options::key_options(options)?;
        let key = secret::key_from_bytes(secret, allow_short_key)?
            .ok_or_else(|| Failure::option("secret", "must be a string or a Uint8Array"))?;
        Ok(Self { key: Rc::new(key) })
    }

    /// The shared core key.
    pub(crate) fn key(&self) -> Rc<Key> {
        Rc::clone(&self.key)
    }
}
