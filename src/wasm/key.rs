//! The exported `Key` class (`classes.js`): an HS256 key set up once, for many
//! calls, whose 64 bytes of HMAC state JavaScript owns.
//!
//! The class is JavaScript so that its key material lives in JavaScript
//! memory: a `Key` that is dropped without `free()` is reclaimed by the
//! garbage collector like any object, and wasm memory, which never shrinks,
//! does not grow for it. Each call copies the states into the input frame,
//! and the export wipes them there as it reads them.
//!
//! The constructor needs the key schedule, which is Rust: the export
//! [`key_setup_entry`] leaves the states in the input frame, and `new Key`
//! copies them out and wipes them.

use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::buffers::frame_addresses;
use super::error::Failure;
use super::input;
use crate::core::{DEFAULT_MAX_TOKEN_LENGTH, MAX_DEPTH, MAX_MAX_TOKEN_LENGTH};

#[wasm_bindgen(module = "/src/wasm/classes.js")]
extern "C" {
    // Re-exports the class from the generated module as `Key`; its declaration
    // is in `types.d.ts`. Imported as a function only for `skip_typescript`; never called.
    #[wasm_bindgen(reexport, skip_typescript, js_name = Key)]
    #[allow(dead_code)]
    fn key_class();

    // Re-exported from the generated module, for the package's build to hand
    // over the glue's `__wbg_reset_state`; never called from Rust.
    #[wasm_bindgen(reexport, skip_typescript, js_name = __edgeJwtUseReset)]
    #[allow(dead_code)]
    fn use_reset();

    #[wasm_bindgen(js_name = install)]
    fn install_in_js(
        exports: &JsValue,
        memory: &JsValue,
        input_frame: u32,
        output_frame: u32,
        default_max_token_length: u32,
        max_max_token_length: u32,
        max_depth: u32,
    );
}

/// Runs when the module is instantiated (`__wbindgen_start`); only with the
/// `start` feature, which `make pkg` enables.
#[cfg(feature = "start")]
#[wasm_bindgen(start, skip_typescript, js_name = __edgeJwtStart)]
fn start() {
    install();
}

/// Gives `classes.js` the module's exports and memory, the addresses of the
/// two frames, and the limits on token length and nesting. The start function calls it;
/// Rust code that instantiates the module without running it (the wasm
/// tests) calls it once itself.
pub fn install() {
    let (input_frame, output_frame) = frame_addresses();
    install_in_js(
        &wasm_bindgen::exports(),
        &wasm_bindgen::memory(),
        input_frame,
        output_frame,
        DEFAULT_MAX_TOKEN_LENGTH as u32,
        MAX_MAX_TOKEN_LENGTH as u32,
        MAX_DEPTH,
    );
}

/// The export of `new Key(secret, options)` (`classes.js`): leaves the key's
/// two states in the input frame, or fails.
#[wasm_bindgen(js_name = __edgeJwtKeySetup, skip_typescript)]
pub fn key_setup_entry() -> u32 {
    super::run(setup)
}

#[inline(never)]
fn setup(buffer: &mut [u8]) -> Result<(), Failure> {
    let key = input::key_setup(buffer)?;
    input::hand_out_states(&Zeroizing::new(key.to_states()));
    Ok(())
}
