//! The `token` parameter: a string, copied into wasm memory in one call.
//!
//! `TextEncoder.encodeInto` (`memory.js`) writes straight into the scratch
//! buffer, which is kept between calls, so a verify copies the token once and
//! allocates nothing for it. A string longer than the limit is refused before
//! anything is copied: wasm memory never shrinks, and one huge token must not
//! grow the instance for good.

use super::error::Failure;
use super::memory;
use crate::core::ErrorCode;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/memory.js")]
extern "C" {
    #[wasm_bindgen(js_name = writeToken)]
    fn write_token(value: &JsValue, ptr: u32, capacity: u32, limit: u32) -> i32;
}

/// Runs `f` on the token's UTF-8 (`encodeInto` writes only valid UTF-8; a
/// lone surrogate becomes U+FFFD), or fails: `ERR_JWS_INVALID` when it is not
/// a string, `ERR_JWT_TOO_LONG` when its UTF-8 is longer than `max_length`.
pub(crate) fn with_token<T>(
    token: &JsValue,
    max_length: usize,
    f: impl FnOnce(&[u8]) -> Result<T, Failure>,
) -> Result<T, Failure> {
    memory::with_scratch(max_length, |room| {
        // JavaScript writes the bytes; `room` is not touched until the call returns.
        let written = write_token(
            token,
            memory::address_mut(room),
            room.len() as u32,
            max_length as u32,
        );
        f(written_bytes(room, written)?)
    })
}

/// The bytes `writeToken` reported writing into `room`, or its refusal.
fn written_bytes(room: &[u8], written: i32) -> Result<&[u8], Failure> {
    match usize::try_from(written) {
        Ok(n) => Ok(room.get(..n).unwrap_or_default()),
        Err(_) if written == -1 => Err(Failure::code(
            ErrorCode::JwsInvalid,
            "the token must be a string",
        )),
        Err(_) => Err(Failure::code(
            ErrorCode::JwtTooLong,
            "the token is longer than maxTokenLength",
        )),
    }
}
