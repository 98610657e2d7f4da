//! Pointers into wasm memory for the snippets (`memory.js`), which keep their
//! own views of it instead of the new view the glue builds for every slice
//! parameter, and the buffers kept between calls: the scratch buffer
//! JavaScript writes text into, the payload `verify` decodes and the tape it
//! records that payload on, and the payload and token `issue` writes.

use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

use spin::mutex::SpinMutex;
use wasm_bindgen::prelude::*;

use crate::core::DEFAULT_MAX_TOKEN_LENGTH;

#[wasm_bindgen(module = "/src/wasm/memory.js")]
extern "C" {
    #[wasm_bindgen(js_name = useMemory)]
    fn use_memory(memory: &JsValue);

    #[wasm_bindgen(js_name = keepAscii)]
    fn keep_ascii_at(ptr: u32, len: u32);

    #[wasm_bindgen(js_name = numberAt)]
    fn number_at(ptr: u32, len: u32) -> f64;

    /// Keeps `value` for JavaScript (`keep` in `memory.js`), which takes it
    /// when the call returns.
    #[wasm_bindgen(js_name = keep)]
    pub(crate) fn keep(value: &JsValue);

    /// The value a snippet kept for Rust (`keep` in `memory.js`), once.
    #[wasm_bindgen(js_name = takeKept)]
    pub(crate) fn take_kept() -> JsValue;

    #[wasm_bindgen(js_name = keptLength)]
    fn kept_length() -> u32;

    #[wasm_bindgen(js_name = takeKeptBytes)]
    fn take_kept_bytes_at(ptr: u32);
}

// The module's state. wasm32 without the atomics feature has one thread, so
// these are plain loads and stores, and a lock is never contended: it is held
// only when a call re-entered the module (see `with_kept`). With wasm threads
// a thread that finds a lock held takes a fresh buffer too, and `issue` does
// not hand out `TOKEN`, which is only read after the call (`with_issue_buffers`).

static GIVEN: AtomicBool = AtomicBool::new(false);
/// Where JavaScript writes a token or a payload's JSON: kept between
/// calls, grown to the largest size asked for, never shrunk.
static SCRATCH: SpinMutex<Vec<u8>> = SpinMutex::new(Vec::new());
/// The tape of the last payload verified (`core::json::scan_taped`).
static TAPE: SpinMutex<Vec<f64>> = SpinMutex::new(Vec::new());
/// The last payload verified, decoded, or issued.
static PAYLOAD: SpinMutex<Vec<u8>> = SpinMutex::new(Vec::new());
/// The last token issued.
static TOKEN: SpinMutex<Vec<u8>> = SpinMutex::new(Vec::new());
/// Where the token `issue` wrote into `TOKEN` lies (its address and
/// length, as the bits of two f64s), read by JavaScript right after the call
/// returns (`issue` in `classes.js`), at the address `install` gave it.
static ISSUED: [AtomicU64; 2] = [AtomicU64::new(0), AtomicU64::new(0)];

/// Runs `f` on a buffer kept between calls (`true`), or on a fresh one
/// (`false`) when the call re-entered (a clock function or a claim getter
/// that calls back in) and the kept one is in use.
fn with_kept<T, R>(kept: &'static SpinMutex<Vec<T>>, f: impl FnOnce(&mut Vec<T>, bool) -> R) -> R {
    match kept.try_lock() {
        Some(mut kept) => f(&mut kept, true),
        None => f(&mut Vec::new(), false),
    }
}

/// Gives `memory.js` the module's memory, once. Every function that hands
/// JavaScript a pointer calls it first.
#[inline]
pub(crate) fn share() {
    if !GIVEN.swap(true, Relaxed) {
        use_memory(&wasm_bindgen::memory());
    }
}

/// Runs `f` on the scratch buffer, at least `len` bytes long (and at least
/// the default token length, so that a token and a payload use the same
/// buffer and `memory.js` the same view of it).
pub(crate) fn with_scratch<T>(len: usize, f: impl FnOnce(&mut [u8]) -> T) -> T {
    let len = len.max(DEFAULT_MAX_TOKEN_LENGTH);
    share();
    with_kept(&SCRATCH, |scratch, _| {
        if scratch.len() < len {
            scratch.resize(len, 0);
        }
        f(scratch)
    })
}

/// Runs `f` with the tape buffer and the payload buffer.
pub(crate) fn with_tape<T>(f: impl FnOnce(&mut Vec<f64>, &mut Vec<u8>) -> T) -> T {
    with_kept(&TAPE, |tape, _| {
        with_kept(&PAYLOAD, |payload, _| f(tape, payload))
    })
}

/// Runs `f` with the payload buffer and the token buffer, for `issue`, and
/// whether the token may be handed out (see [`hand_out`]): the buffer is the
/// one kept between calls, and no other thread can write it before
/// JavaScript reads it (with wasm threads, the atomics feature, one could).
pub(crate) fn with_issue_buffers<T>(f: impl FnOnce(&mut Vec<u8>, &mut Vec<u8>, bool) -> T) -> T {
    with_kept(&PAYLOAD, |payload, _| {
        with_kept(&TOKEN, |token, kept| {
            f(
                payload,
                token,
                kept && cfg!(not(target_feature = "atomics")),
            )
        })
    })
}

/// The address of the record where [`hand_out`] writes, for `classes.js`.
pub(crate) fn issued_address() -> u32 {
    address(&ISSUED)
}

/// Tells JavaScript where the token is, for it to read when the call returns:
/// only `TOKEN`, the buffer kept between calls, is still there then (and
/// nothing runs between the return and the read).
pub(crate) fn hand_out(token: &[u8]) {
    let [at, len] = &ISSUED;
    at.store(f64::from(address(token)).to_bits(), Relaxed);
    len.store((token.len() as f64).to_bits(), Relaxed);
}

/// Keeps a JavaScript string of ASCII `bytes` (a token), decoded where they
/// lie, for JavaScript to take when the call returns.
pub(crate) fn keep_ascii(bytes: &[u8]) {
    share();
    keep_ascii_at(address(bytes), bytes.len() as u32);
}

/// The value of `text`, a JSON number, as JavaScript's `Number` (the parser
/// of `JSON.parse`) reads it: correctly rounded, infinite when it overflows.
/// The core's JSON scanner asks for the rare number its fast path leaves
/// (`core::json`). `Number` runs no caller code, so nothing else can run.
pub(crate) fn parse_number(text: &[u8]) -> Option<f64> {
    share();
    Some(number_at(address(text), text.len() as u32))
}

/// The bytes of the Uint8Array a snippet kept for Rust, copied in, once.
pub(crate) fn take_kept_bytes() -> Vec<u8> {
    let mut bytes = alloc::vec![0; kept_length() as usize];
    share();
    take_kept_bytes_at(address_mut(&mut bytes));
    bytes
}

/// The address of `items` in wasm memory, for JavaScript to read.
pub(crate) fn address<T>(items: &[T]) -> u32 {
    items.as_ptr() as usize as u32
}

/// The address of `items` in wasm memory, for JavaScript to write: taken
/// from a unique borrow, so the compiler assumes they may change.
pub(crate) fn address_mut<T>(items: &mut [T]) -> u32 {
    items.as_mut_ptr() as usize as u32
}
