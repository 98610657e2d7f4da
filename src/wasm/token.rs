//! The `token` parameter: a string, copied into wasm memory in one call.
//!
//! `TextEncoder.encodeInto` writes straight into a buffer that is kept
//! between calls, sized to the token length limit, so a verify copies the
//! token once and allocates nothing for it. A string longer than the limit is
//! refused before anything is copied: wasm memory never shrinks, and one huge
//! token must not grow the instance for good.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::error::Failure;
use crate::core::ErrorCode;

#[wasm_bindgen(module = "/src/wasm/token.js")]
extern "C" {
    #[wasm_bindgen(js_name = writeToken)]
    fn write_token(value: &JsValue, buffer: &mut [u8]) -> i32;
}

thread_local! {
    /// The buffer tokens are written into, grown to the largest limit asked for.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on the token, or fails: `ERR_JWS_INVALID` when it is not a
/// string, `ERR_JWT_TOO_LONG` when its UTF-8 is longer than `max_length`.
pub(crate) fn with_token<T>(
    token: &JsValue,
    max_length: usize,
    f: impl FnOnce(&str) -> Result<T, Failure>,
) -> Result<T, Failure> {
    BUFFER.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut buffer) => read(&mut buffer, token, max_length, f),
        // Re-entered (a clock function that verifies): a buffer of its own.
        Err(_) => read(&mut Vec::new(), token, max_length, f),
    })
}

fn read<T>(
    buffer: &mut Vec<u8>,
    token: &JsValue,
    max_length: usize,
    f: impl FnOnce(&str) -> Result<T, Failure>,
) -> Result<T, Failure> {
    if buffer.len() < max_length {
        buffer.resize(max_length, 0);
    }
    let room = buffer.get_mut(..max_length).unwrap_or_default();
    let written = write_token(token, room);
    let bytes = match usize::try_from(written) {
        Ok(n) => room.get(..n).unwrap_or_default(),
        Err(_) if written == -1 => {
            return Err(Failure::code(
                ErrorCode::JwsInvalid,
                "the token must be a string",
            ))
        }
        Err(_) => {
            return Err(Failure::code(
                ErrorCode::JwtTooLong,
                "the token is longer than maxTokenLength",
            ))
        }
    };
    // encodeInto writes UTF-8 (a lone surrogate becomes U+FFFD).
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Failure::code(ErrorCode::JwsInvalid, "the token is not valid text"))?;
    f(text)
}
