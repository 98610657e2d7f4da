//! The WebAssembly boundary: converts JavaScript values into the core's types
//! and the core's errors into JavaScript errors, and nothing else.
//!
//! | file | responsibility |
//! |---|---|
//! | `mod.rs`, `classes.js` | the exported functions `issue`, `verify` and `decodeUnverified` (JavaScript around `__edgeJwtIssue`, `__edgeJwtVerify` and `__edgeJwtDecode`, which return a number) |
//! | `input.rs`, `input.js` | the options, the secret (`string \| Uint8Array \| Key`) and the clock (`now`), read and checked in JavaScript and written into wasm memory as numbers and UTF-8 before the call |
//! | `key.rs`, `classes.js` | the exported `Key` class (its 64 bytes of state are JavaScript's) |
//! | `claims.rs`, `claims.js` | JavaScript claims ⇄ JSON text (`Date` → NumericDate), in one call each way (`enterIssue`) |
//! | `token.rs`, `memory.js` | the token string → wasm memory, in one call (`writeToken`) |
//! | `memory.rs`, `memory.js` | the views of wasm memory the snippets read and write through; the rare values they keep for Rust |
//! | `error.rs`, `error.js` | core errors → `JwtError` (re-exported) |
//! | `brand.js` | what a JavaScript value is, across realms, without throwing |
//! | `types.rs`, `types.d.ts` | the TypeScript declarations of `issue`, `verify`, `decodeUnverified`, the option bags, claims and `JwtError` |
//!
//! No JavaScript value can panic the instance: every failure is a `JwtError`.
//! The suite is `tests/wasm/` (run by `tests/wasm.rs` and `tests/wasm_browser.rs`).

mod claims;
mod error;
mod input;
mod key;
mod memory;
mod token;
mod types;

use wasm_bindgen::prelude::*;

pub(crate) use memory::parse_number;

use crate::core::{self, dangerous};
use error::Failure;
pub use key::install;

#[wasm_bindgen(module = "/src/wasm/classes.js")]
extern "C" {
    /// `issue(claims, secret, options)`: JavaScript around [`issue_entry`],
    /// re-exported from the generated module (declared, with its docs, in
    /// `types.d.ts`). Rust callers, such as the wasm tests, call it here.
    #[wasm_bindgen(catch, reexport, skip_typescript)]
    pub fn issue(claims: &JsValue, secret: &JsValue, options: &JsValue)
        -> Result<JsValue, JsValue>;

    /// `verify(token, secret, options)`: JavaScript around [`verify_entry`],
    /// as [`issue`].
    #[wasm_bindgen(catch, reexport, skip_typescript)]
    pub fn verify(token: &JsValue, secret: &JsValue, options: &JsValue)
        -> Result<JsValue, JsValue>;

    /// `decodeUnverified(token)`: JavaScript around [`decode_entry`], as
    /// [`issue`].
    #[wasm_bindgen(catch, reexport, skip_typescript, js_name = decodeUnverified)]
    pub fn decode_unverified(token: &JsValue) -> Result<JsValue, JsValue>;
}

/// The way in of `issue` (`classes.js`), which returns a number ([`settle`]):
/// the token is left in wasm memory for JavaScript to read when the call
/// returns, or kept on its side, and a failure's `JwtError` kept there. A
/// `Result` of values made the generated wrapper take both through the
/// externref table (a `Table.get` and a call to free the slot: with the
/// import that returned the token, about 3% of a call). The options, the
/// secret and the clock were written into wasm memory just before
/// (`input.js`).
#[wasm_bindgen(js_name = __edgeJwtIssue, skip_typescript)]
pub fn issue_entry(claims: &JsValue) -> u32 {
    settle(issue_token(claims))
}

fn issue_token(claims: &JsValue) -> Result<Left, Failure> {
    let given = input::issue();
    given.options.check()?;
    claims::with_issue_input(claims, |claims| {
        // A bad secret is reported before bad claims.
        let key = given.key?;
        memory::with_issue_buffers(|payload, token, may_hand_out| {
            core::issue_into(claims?, &key, &given.options, &given.clock, payload, token)?;
            if may_hand_out {
                memory::hand_out(token);
                Ok(Left::HandedOut)
            } else {
                memory::keep_ascii(token);
                Ok(Left::Kept)
            }
        })
    })
}

/// The way in of `verify` (`classes.js`), as [`issue_entry`]: keeps the
/// claims or the `JwtError`.
#[wasm_bindgen(js_name = __edgeJwtVerify, skip_typescript)]
pub fn verify_entry(token: &JsValue) -> u32 {
    settle(verify_token(token))
}

fn verify_token(token: &JsValue) -> Result<Left, Failure> {
    let given = input::verify();
    // Before the length pre-check, so that a bad maxTokenLength is reported as such.
    given.options.check()?;
    memory::with_tape(|tape, payload| {
        let max_length = given.options.max_token_length;
        token::with_token(token, max_length, |token| {
            // A bad secret is reported after a bad token.
            let key = given.key?;
            Ok(core::verify_payload(
                token,
                &key,
                &given.options,
                &given.clock,
                tape,
                payload,
            )?)
        })?;
        // Built while the buffers are still this call's: the reader may run
        // the caller's code (an `Object.prototype` setter) that verifies.
        claims::keep_from_tape(payload, tape);
        Ok(Left::Kept)
    })
}

/// Where an operation left its value for JavaScript.
enum Left {
    /// In wasm memory, where [`memory::hand_out`] says.
    HandedOut,
    /// Kept on the JavaScript side (`keep` in `memory.js`).
    Kept,
}

/// What the ways in return: 0 when the value was handed out, 2 when it was
/// kept, 1 after keeping the `JwtError`.
#[inline]
fn settle(result: Result<Left, Failure>) -> u32 {
    match result {
        Ok(Left::HandedOut) => 0,
        Ok(Left::Kept) => 2,
        Err(failure) => {
            memory::keep(&failure.into_js());
            1
        }
    }
}

/// The way in of `decodeUnverified` (`classes.js`), as [`verify_entry`]:
/// keeps `{ header, payload }` or the `JwtError`.
#[wasm_bindgen(js_name = __edgeJwtDecode, skip_typescript)]
pub fn decode_entry(token: &JsValue) -> u32 {
    settle(decode_token(token))
}

fn decode_token(token: &JsValue) -> Result<Left, Failure> {
    let (header, payload) = token::with_token(token, core::DEFAULT_MAX_TOKEN_LENGTH, |token| {
        // Valid UTF-8 (see `with_token`); a token is ASCII, so rarely anything else.
        let token = ::core::str::from_utf8(token).map_err(|_| {
            Failure::code(core::ErrorCode::JwsInvalid, "the token is not valid text")
        })?;
        Ok(dangerous::decode_unverified_json(token)?)
    })?;
    claims::keep_decoded(&header, &payload);
    Ok(Left::Kept)
}

/// The allocator: talc instead of Rust's default dlmalloc, which was 7 KB of
/// the module (2.4 KB gzipped) for no speed it showed here. Memory still
/// only grows when a request needs it; `make test-soak` holds it flat.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The panic handler of the module `make pkg` builds, without std (crate
/// feature `panic-trap`): a trap, which is where std's handler ends too, but
/// without formatting a message nobody can read (std's handler and the
/// `core::fmt` it pulls in were 3.2 KB of the gzipped module). A panic is a
/// bug: every failure is a `JwtError`, and clippy denies the calls that panic.
#[cfg(all(feature = "panic-trap", not(feature = "std")))]
#[panic_handler]
fn trap(_: &::core::panic::PanicInfo<'_>) -> ! {
    ::core::arch::wasm32::unreachable()
}
