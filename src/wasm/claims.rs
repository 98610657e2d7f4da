//! JavaScript claims into the JSON text of a payload, refusing what JSON
//! cannot carry instead of dropping it as `JSON.stringify` does.
//!
//! The claims must be a plain object. Members may hold `null`, booleans,
//! finite numbers, strings, arrays and plain objects, nested at most
//! [`MAX_DEPTH`] deep (the depth `verify` accepts), and `exp`, `nbf` and `iat`
//! may also hold a `Date`, which becomes a NumericDate: whole seconds, rounded
//! down. Anything else is `ERR_INVALID_CLAIMS` naming the top-level claim it
//! is in: `undefined`, functions, symbols, BigInts, NaN and Infinity, other
//! Dates, typed arrays, Maps, Sets and other class instances, cycles, holes in
//! arrays, symbol member names and strings with lone surrogates.
//!
//! The walk runs in `claims.js`, in one call: crossing into JavaScript once
//! per value cost more than the HMAC. It writes the text into the scratch
//! buffer, with where each registered claim's value starts, for the core to
//! check those values (`enterIssue`). Claims it refuses come back as the
//! `JwtError` it made, naming the claim.
//!
//! The other way, [`keep_from_tape`] hands `claims.js` the address of a payload
//! the core has checked and of the tape its scan recorded (see
//! `core::json::scan_taped`), and it builds the objects from them.

use wasm_bindgen::prelude::*;

use super::error::Failure;
use super::memory;
use crate::core::{ClaimsText, MAX_DEPTH, MAX_MAX_TOKEN_LENGTH, REGISTERED};

#[wasm_bindgen(module = "/src/wasm/claims.js")]
extern "C" {
    #[wasm_bindgen(js_name = enterIssue)]
    fn enter_issue(
        claims: &JsValue,
        max_depth: u32,
        max_values: u32,
        ptr: u32,
        capacity: u32,
        registered_ptr: u32,
    ) -> i32;

    #[wasm_bindgen(js_name = keepClaimsFromTape)]
    fn keep_claims_from_tape(ptr: u32, len: u32, tape_ptr: u32, tape_len: u32);

    #[wasm_bindgen(js_name = keepDecoded)]
    fn keep_decoded_at(header_ptr: u32, header_len: u32, ptr: u32, len: u32);
}

/// Keeps, for JavaScript to take when the call returns, the object of a
/// payload the core's strict scanner accepted, built by `claims.js` from the
/// tape that scan recorded (by `JSON.parse` when the tape is empty: a payload
/// too long to tape).
pub(crate) fn keep_from_tape(payload: &[u8], tape: &[f64]) {
    memory::share();
    keep_claims_from_tape(
        memory::address(payload),
        payload.len() as u32,
        memory::address(tape),
        tape.len() as u32,
    )
}

/// `{ header, payload }` from two JSON object texts the core accepted.
pub(crate) fn keep_decoded(header: &str, payload: &str) {
    memory::share();
    keep_decoded_at(
        memory::address(header.as_bytes()),
        header.len() as u32,
        memory::address(payload.as_bytes()),
        payload.len() as u32,
    )
}

/// The most values (of any kind, nested included) read from one set of
/// claims. A token with more could not be verified (it would pass
/// `MAX_MAX_TOKEN_LENGTH`); the bound stops a deeply shared object graph from
/// expanding without end.
const MAX_VALUES: u32 = (MAX_MAX_TOKEN_LENGTH / 2) as u32;

/// `issue`'s way in: runs `f` on the JSON text of the claims, or why they
/// cannot be JSON, taken in one call. `f` decides which failure comes first.
///
/// The walk also tells where the value of each registered claim starts
/// (`core::REGISTERED`, in that order: the offset plus one, 0 when absent),
/// so that the core reads those values and trusts the rest of the text,
/// which JavaScript wrote from an object (`core::json::view_at`).
pub(crate) fn with_issue_input<T>(
    claims: &JsValue,
    f: impl FnOnce(Result<ClaimsText<'_>, Failure>) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let mut registered = [0f64; REGISTERED.len()];
    let registered_ptr = memory::address_mut(&mut registered);
    memory::with_scratch(0, |room| {
        // JavaScript writes the text before the call returns.
        let written = enter_issue(
            claims,
            MAX_DEPTH,
            MAX_VALUES,
            memory::address_mut(room),
            room.len() as u32,
            registered_ptr,
        );
        let long;
        let text = match usize::try_from(written) {
            // UTF-8, which the core's scan checks again.
            Ok(n) => Ok(room.get(..n).unwrap_or_default()),
            // Too long for the buffer: the text, copied in now.
            Err(_) if written == -1 => {
                long = memory::take_kept_bytes();
                Ok(long.as_slice())
            }
            // The JwtError of claims JSON cannot carry.
            Err(_) => Err(Failure::Made(memory::take_kept())),
        };
        // Offsets in the text (at most its length): exact in an f64; a
        // wrong one only fails the scan of that value.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let at = registered.map(|at| (at as usize).checked_sub(1));
        f(text.map(|text| ClaimsText::Written(text, at)))
    })
}
