//! The WebAssembly boundary: one call into wasm per operation, with numbers
//! and bytes in wasm memory on either side of it (`protocol.rs`).
//!
//! | file | responsibility |
//! |---|---|
//! | `classes.js` | `issue`, `verify`, `decodeUnverified` and `Key`: read the caller's values, write the input, make the call, read the output |
//! | `input.js`, `input.rs` | the options, the secret and the clock, checked in JavaScript, written into the input frame and buffer, read back in Rust |
//! | `claims.js` | claims → JSON text (issue, before the call); payload and tape → objects (verify, after it) |
//! | `mod.rs` | the exports: run the core on the input, write the output |
//! | `key.rs` | the `Key` class's key schedule, and `install` |
//! | `buffers.rs` | the frames and the buffers kept between calls |
//! | `protocol.rs` → `protocol.js` | the wire format, declared once (the JavaScript is generated) |
//! | `memory.js` | views of wasm memory, bounded to what they read or write |
//! | `error.rs`, `error.js` | failures → `JwtError` |
//! | `brand.js` | what a JavaScript value is, across realms, without throwing |
//! | `types.rs`, `types.d.ts` | the TypeScript declarations |
//!
//! No JavaScript runs while an export runs (the one exception: the
//! platform's number parser, for a NumericDate off the integer fast path,
//! `memory.js`'s `numberAt`, which cannot throw). The suite is `tests/wasm/`
//! and, against the package, `tests/hostile/`.

mod buffers;
mod error;
mod input;
mod key;
mod protocol;
mod types;

use wasm_bindgen::prelude::*;

use crate::core::{self, dangerous, ClaimsText};
use buffers::{set_output, set_output_range, wipe_stack, DATA, INPUT, PAYLOAD, TAPE};
use error::Failure;
pub use key::install;
use protocol::{output, status};

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

// Never called: wasm-bindgen ships a snippet only when Rust declares
// something of it, and `classes.js` imports these itself (so the generated
// glue imports three snippets: more, fetched at once, can stall
// wasm-bindgen-test-runner's server and hang headless Chrome).
#[wasm_bindgen(module = "/src/wasm/claims.js")]
extern "C" {
    #[wasm_bindgen(js_name = claimsText)]
    #[allow(dead_code)]
    fn claims_text();
}
#[wasm_bindgen(module = "/src/wasm/input.js")]
extern "C" {
    #[wasm_bindgen(js_name = stage)]
    #[allow(dead_code)]
    fn stage();
}
#[wasm_bindgen(module = "/src/wasm/brand.js")]
extern "C" {
    #[wasm_bindgen(js_name = kindOf)]
    #[allow(dead_code)]
    fn kind_of();
}
#[wasm_bindgen(module = "/src/wasm/protocol.js")]
extern "C" {
    #[wasm_bindgen(js_name = protocol)]
    #[allow(dead_code)]
    fn protocol();
}

#[wasm_bindgen(module = "/src/wasm/memory.js")]
extern "C" {
    #[wasm_bindgen(js_name = numberAt)]
    fn number_at(ptr: u32, len: u32) -> f64;
}

/// Lends JavaScript the input buffer, at least `len` bytes long: its address.
/// Called only when the input outgrows the buffer, or after a call threw.
#[wasm_bindgen(js_name = __edgeJwtInput, skip_typescript)]
pub fn input_entry(len: u32) -> u32 {
    buffers::reserve_input(len as usize)
}

/// Runs one operation on the input buffer and returns the export's status,
/// having written its error into the output frame if it failed. The buffer
/// is taken out of its slot and put back (`buffers.rs`); the operation runs
/// in frames of its own (`#[inline(never)]`), and the stack they used is
/// wiped after it, before the export returns.
fn run(operation: fn(&mut [u8]) -> Result<(), Failure>) -> u32 {
    let mut buffer = INPUT.take();
    let result = operation(&mut buffer);
    INPUT.put(buffer);
    let status = result.map_or_else(Failure::report, |()| status::OK);
    wipe_stack();
    status
}

/// The export of `issue`: the token, named in the output frame.
#[wasm_bindgen(js_name = __edgeJwtIssue, skip_typescript)]
pub fn issue_entry() -> u32 {
    run(issue_token)
}

#[inline(never)]
fn issue_token(buffer: &mut [u8]) -> Result<(), Failure> {
    let (given, registered) = input::issue(buffer);
    given.options.check()?;
    let key = given.key?;
    let text = given.text?;
    let mut payload = PAYLOAD.take();
    let mut token = DATA.take();
    let issued = core::issue_into(
        ClaimsText::Written(text, registered),
        &key,
        &given.options,
        &given.clock,
        &mut payload,
        &mut token,
        parse_number,
    );
    set_output_range(output::DATA, output::DATA_LEN, &token);
    PAYLOAD.put(payload);
    DATA.put(token);
    Ok(issued?)
}

/// The export of `verify`: the payload and its tape, named in the output frame.
#[wasm_bindgen(js_name = __edgeJwtVerify, skip_typescript)]
pub fn verify_entry() -> u32 {
    run(verify_token)
}

#[inline(never)]
fn verify_token(buffer: &mut [u8]) -> Result<(), Failure> {
    let given = input::verify(buffer);
    // Before the token, so that a bad maxTokenLength is reported as such.
    given.options.check()?;
    let token = given.text?;
    // A bad secret is reported after a bad token.
    let key = given.key?;
    let mut tape = TAPE.take();
    let mut payload = DATA.take();
    let verified = core::verify_payload(
        token,
        &key,
        &given.options,
        &given.clock,
        &mut tape,
        &mut payload,
        parse_number,
    );
    set_output_range(output::DATA, output::DATA_LEN, &payload);
    set_output_range(output::TAPE, output::TAPE_LEN, &tape);
    TAPE.put(tape);
    DATA.put(payload);
    Ok(verified?)
}

/// The export of `decodeUnverified`: the header's and the payload's JSON
/// text, one after the other, named in the output frame.
#[wasm_bindgen(js_name = __edgeJwtDecode, skip_typescript)]
pub fn decode_entry() -> u32 {
    run(decode_token)
}

#[inline(never)]
fn decode_token(buffer: &mut [u8]) -> Result<(), Failure> {
    let token = input::token(buffer)?;
    // Valid UTF-8 (`encodeInto` wrote it); a token is ASCII, so rarely anything else.
    let token = ::core::str::from_utf8(token)
        .map_err(|_| Failure::code(core::ErrorCode::JwsInvalid, "the token is not valid text"))?;
    let (header, payload) = dangerous::decode_json(token, parse_number)?;
    let mut data = DATA.take();
    data.clear();
    data.extend_from_slice(header.as_bytes());
    data.extend_from_slice(payload.as_bytes());
    set_output_range(output::DATA, output::DATA_LEN, &data);
    set_output(output::HEADER_LEN, header.len() as f64);
    DATA.put(data);
    Ok(())
}

/// The value of `text`, a JSON number, as JavaScript's `Number` (the parser
/// of `JSON.parse`) reads it: correctly rounded, infinite when it overflows.
/// The core's JSON scanner asks for the rare number its fast path leaves
/// (`core::ReadNumber`). `numberAt` runs no caller code and cannot throw.
fn parse_number(text: &[u8]) -> Option<f64> {
    Some(number_at(buffers::address(text), text.len() as u32))
}

/// The allocator: talc instead of Rust's default dlmalloc, which was 7 KB of
/// the module (2.4 KB gzipped) for no speed it showed here. Memory still
/// only grows when a request needs it; `make test-soak` holds it flat.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The panic handler of the module `make pkg` builds, without std (crate
/// feature `panic-trap`): a trap, without formatting a message nobody can
/// read. A panic is a bug: every failure is a `JwtError`, and clippy denies
/// the calls that panic.
#[cfg(all(feature = "panic-trap", not(any(feature = "std", test))))]
#[panic_handler]
fn trap(_: &::core::panic::PanicInfo<'_>) -> ! {
    ::core::arch::wasm32::unreachable()
}
