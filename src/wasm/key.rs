//! The exported `Key` class (`classes.js`): an HS256 key set up once, for many
//! calls, whose 64 bytes of HMAC state JavaScript owns.
//!
//! The class is JavaScript so that its key material lives in JavaScript
//! memory: a `Key` that is dropped without `free()` is reclaimed by the
//! garbage collector like any object. A wasm-bindgen class would hold wasm
//! memory until a finalizer ran (100,000 dropped keys once grew the instance
//! by about 7 MB), and wasm memory never shrinks. Each call copies the states
//! into wasm memory (64 bytes) and runs no key schedule.
//!
//! The constructor needs the key schedule, which is Rust: it calls the wasm
//! export [`key_setup_entry`], whose place the start function (the `start`
//! feature, on in the npm package) hands `classes.js` when the module is
//! instantiated; without it, call [`install`] (which `issue` and `verify`
//! need too).

use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::error::Failure;
use super::input;
use super::memory;
use super::{settle, Left};

#[wasm_bindgen(module = "/src/wasm/classes.js")]
extern "C" {
    // Re-exports the class from the generated module as `Key`; its declaration
    // is in `types.d.ts`. Imported as a function only for `skip_typescript`; never called.
    #[wasm_bindgen(reexport, skip_typescript, js_name = Key)]
    #[allow(dead_code)]
    fn key_class();

    #[wasm_bindgen(js_name = install)]
    fn install_in_js(exports: &JsValue, issued_address: u32, input_address: u32);
}

/// Runs when the module is instantiated (`__wbindgen_start`); only with the
/// `start` feature, which `make pkg` enables.
#[cfg(feature = "start")]
#[wasm_bindgen(start, skip_typescript, js_name = __edgeJwtStart)]
fn start() {
    install();
}

/// Gives `classes.js` the module's exports (which `new Key`, `issue` and
/// `verify` call), where `issue` says its token lies and where `input.js`
/// writes a call's input. The start function calls it; Rust code that
/// instantiates the module without running it (the wasm tests) calls it once
/// itself.
pub fn install() {
    memory::share();
    install_in_js(
        &wasm_bindgen::exports(),
        memory::issued_address(),
        input::record_address(),
    );
}

/// The way in of `new Key(secret, options)` (`classes.js`), which returns a
/// number as `issue`'s does ([`settle`]): it hands out the key's two states
/// in the record `input.js` wrote the secret in, or keeps the `JwtError`.
#[wasm_bindgen(js_name = __edgeJwtKeySetup, skip_typescript)]
pub fn key_setup_entry() -> u32 {
    settle(setup())
}

fn setup() -> Result<Left, Failure> {
    let key = input::key_setup()?;
    input::hand_out_states(&Zeroizing::new(key.to_states()));
    Ok(Left::HandedOut)
}
