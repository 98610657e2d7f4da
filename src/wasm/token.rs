//! The `token` parameter: a string, copied into wasm memory in one call.
//!
//! `TextEncoder.encodeInto` (`memory.js`) writes straight into the scratch
//! buffer, which is kept between calls, so a verify copies the token once and
//! allocates nothing for it. A string longer than the limit is refused before
//! anything is copied: wasm memory never shrinks, and one huge token must not
//! grow the instance for good.
//!
//! `verify` takes the token, the secret's states (when it is a `Key`) and the
//! system clock's reading in that same call (`enterVerify`): each crossing
//! into JavaScript costs about as much as hashing a tenth of a block.

use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::error::Failure;
use super::key::{self, Lent};
use super::memory;
use crate::core::key::STATES_LEN;
use crate::core::ErrorCode;

#[wasm_bindgen(module = "/src/wasm/memory.js")]
extern "C" {
    #[wasm_bindgen(js_name = writeToken)]
    fn write_token(value: &JsValue, ptr: u32, capacity: u32, limit: u32) -> i32;
}

#[wasm_bindgen(module = "/src/wasm/classes.js")]
extern "C" {
    #[wasm_bindgen(js_name = enterVerify)]
    fn enter_verify(
        token: &JsValue,
        secret: &JsValue,
        ptr: u32,
        capacity: u32,
        limit: u32,
        states_ptr: u32,
        clock_ptr: u32,
    ) -> i32;
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

/// [`with_token`] for `verify`: also hands `f` the `secret` as lent (see
/// [`key::lent`]) and, when `system_clock`, a reading of `Date.now()` in
/// milliseconds, all taken in one call.
pub(crate) fn with_verify_input<T>(
    token: &JsValue,
    secret: &JsValue,
    max_length: usize,
    system_clock: bool,
    f: impl FnOnce(&[u8], Lent, Option<f64>) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let mut states = Zeroizing::new([0u8; STATES_LEN]);
    let mut clock = [f64::NAN];
    memory::with_scratch(max_length, |room| {
        // JavaScript writes all three before the call returns. No value lives
        // at address 0, which means "no reading".
        let entered = enter_verify(
            token,
            secret,
            memory::address_mut(room),
            room.len() as u32,
            max_length as u32,
            memory::address_mut(&mut states[..]),
            if system_clock {
                memory::address_mut(&mut clock)
            } else {
                0
            },
        );
        // Bytes written times 4 plus the key's status, or a negative result.
        let (written, status) = if entered < 0 {
            (entered, 0)
        } else {
            (entered / 4, entered % 4)
        };
        let token = written_bytes(room, written)?;
        f(
            token,
            key::lent(status, &states),
            system_clock.then_some(clock[0]),
        )
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
