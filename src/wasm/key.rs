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

use super::clock::{self, Now};
use super::error::Failure;
use super::memory;
use super::options;
use super::secret;
use super::{settle, Left};
use crate::core::key::STATES_LEN;
use crate::core::Key;

#[wasm_bindgen(module = "/src/wasm/classes.js")]
extern "C" {
    // Re-exports the class from the generated module as `Key`; its declaration
    // is in `types.d.ts`. Imported as a function only for `skip_typescript`; never called.
    #[wasm_bindgen(reexport, skip_typescript, js_name = Key)]
    #[allow(dead_code)]
    fn key_class();

    #[wasm_bindgen(js_name = install)]
    fn install_in_js(exports: &JsValue, issued_address: u32);
}

/// Runs when the module is instantiated (`__wbindgen_start`); only with the
/// `start` feature, which `make pkg` enables.
#[cfg(feature = "start")]
#[wasm_bindgen(start, skip_typescript, js_name = __edgeJwtStart)]
fn start() {
    install();
}

/// Gives `classes.js` the module's exports (which `new Key`, `issue` and
/// `verify` call) and where `issue` says its token lies. The start function
/// calls it; Rust code that instantiates the module without running it (the
/// wasm tests) calls it once itself.
pub fn install() {
    memory::share();
    install_in_js(&wasm_bindgen::exports(), memory::issued_address());
}

/// The way in of `new Key(secret, options)` (`classes.js`), which returns a
/// number as `issue`'s does ([`settle`]): it keeps the key's two states, as
/// a new Uint8Array, or the `JwtError`.
#[wasm_bindgen(js_name = __edgeJwtKeySetup, skip_typescript)]
pub fn key_setup_entry(secret: &JsValue, options: &JsValue) -> u32 {
    settle(setup(secret, options).map(|states| {
        memory::keep(&states);
        Left::Kept
    }))
}

/// The two states of the key `new Key(secret, options)` sets up.
fn setup(secret: &JsValue, options: &JsValue) -> Result<JsValue, Failure> {
    let allow_short_key = options::key_options(options)?;
    let key = secret::key_from_bytes(secret, allow_short_key)?
        .ok_or_else(|| Failure::option("secret", "must be a string or a Uint8Array"))?;
    let states = Zeroizing::new(key.to_states());
    Ok(js_sys::Uint8Array::from(&states[..]).into())
}

/// What `value` is, as a `Key`.
pub(crate) enum Lent {
    /// A live `Key`: its states, turned back into a core key.
    Key(Key),
    /// Not a `Key` of this module.
    NotAKey,
    /// A `Key` whose `free()` was called.
    Freed,
}

/// What `issue` and `verify` take in the same call as the claims or the
/// token (`enterSecret` in `classes.js`): the secret's states when it is a
/// `Key`, and the system clock's reading when asked for. Each crossing into
/// JavaScript costs about as much as hashing a tenth of a block.
pub(crate) struct Entry {
    states: Zeroizing<[u8; STATES_LEN]>,
    /// `Date.now()`, then the Key's status.
    record: [f64; 2],
}

impl Entry {
    pub(crate) fn new() -> Self {
        Self {
            states: Zeroizing::new([0; STATES_LEN]),
            record: [f64::NAN, 1.0],
        }
    }

    /// Where JavaScript writes the states, and the record.
    pub(crate) fn addresses(&mut self) -> (u32, u32) {
        memory::share();
        (
            memory::address_mut(&mut self.states[..]),
            memory::address_mut(&mut self.record),
        )
    }

    /// Whether JavaScript should read the system clock for the `now` option
    /// given: only when it is the system clock.
    pub(crate) fn wants_clock(now: Now) -> bool {
        now == Now::System
    }

    /// The secret as lent, and the clock of the operation: the reading taken
    /// in the same call for the system clock, else the `now` option as read.
    #[inline]
    pub(crate) fn read(&self, now: Now) -> (Lent, Now) {
        let [ms, status] = self.record;
        let lent = match status as u8 {
            0 => Lent::Key(Key::from_states(&self.states)),
            2 => Lent::Freed,
            _ => Lent::NotAKey,
        };
        let now = match now {
            Now::System => Now::Fixed(clock::from_ms(ms)),
            fixed => fixed,
        };
        (lent, now)
    }
}
