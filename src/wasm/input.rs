//! What a call is given besides the claims and the token: the options, the
//! secret and the clock. `input.js` reads and checks the JavaScript values
//! (where asking what a value is costs no crossing) and writes them into wasm
//! memory just before the call: numbers in [`RECORD`], and the secret's bytes
//! and the string options, as UTF-8, in the staged buffer it asks for with
//! [`stage_entry`]. Each way in reads them here first, before anything that
//! can run the caller's code (a claim getter may call `issue` again, and
//! write them again).
//!
//! Ranges are checked by the core, as for Rust callers: a duration of at most
//! 100 years, a leeway of at most a day, a list that is not empty, a key of at
//! least 32 bytes.

use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering::Relaxed};

use spin::mutex::SpinMutex;
use wasm_bindgen::prelude::*;
use zeroize::{Zeroize, Zeroizing};

use super::error::Failure;
use super::memory;
use crate::core::key::STATES_LEN;
use crate::core::{FixedClock, IssueOptions, Key, OneOrMany, VerifyOptions};

// The record's slots (f64s); `input.js` has the same numbers.
/// Seconds since the epoch: the `now` option's reading, or `Date.now()`'s.
const NOW: usize = 0;
/// [`KEY`], [`DETACHED`], -2 for any other value that is not a secret (a
/// freed Key), or the secret's length in staged bytes.
const SECRET: usize = 1;
/// 1 when `allowShortKey` is true, 0 when not; NaN when no option bag was
/// given, and no option slot was written: the defaults apply.
const ALLOW_SHORT_KEY: usize = 2;
/// Then each option of the call's kind, in the order of its list (NaN: absent).
const FIRST_OPTION: usize = 3;
const OPTIONS: usize = 8;
/// A Key's two states: 64 bytes.
const STATES: usize = 16;
const RECORD_LEN: usize = STATES + STATES_LEN / 8;

const KEY: f64 = -1.0;
const DETACHED: f64 = -3.0;

/// Written by JavaScript before each call, read first thing in it. One per
/// instance, as `ISSUED` is (`memory.rs`): with wasm threads (the `atomics`
/// target feature, which no build here uses) the JavaScript of two threads
/// could write it at once.
static RECORD: [AtomicU64; RECORD_LEN] = [const { AtomicU64::new(0) }; RECORD_LEN];
/// The secret's bytes, then each string option as its length (4 bytes,
/// little-endian) and its UTF-8: kept between calls, grown to the largest
/// size asked for.
static STAGED: SpinMutex<Vec<u8>> = SpinMutex::new(Vec::new());

// `classes.js` imports `input.js`, and `input.js` and `claims.js` import
// `brand.js`. wasm-bindgen ships a snippet only when Rust declares something
// of it; these declarations are never called, so the generated glue does not
// import the two itself. That keeps the glue's own imports at four modules:
// wasm-bindgen-test-runner's server (tiny_http 0.12) can leave a fifth
// connection opened at the same moment unserved, and headless Chrome then
// waits for that module until the test times out.
#[wasm_bindgen(module = "/src/wasm/input.js")]
extern "C" {
    #[wasm_bindgen(js_name = useRecord)]
    #[allow(dead_code)]
    fn use_record(exports: &JsValue, record_address: u32);
}

#[wasm_bindgen(module = "/src/wasm/brand.js")]
extern "C" {
    #[wasm_bindgen(js_name = kindOf)]
    #[allow(dead_code)]
    fn kind_of(value: &JsValue) -> u32;
}

/// The address of [`RECORD`], which `install` (`key.rs`) hands `classes.js`
/// for `input.js`.
pub(crate) fn record_address() -> u32 {
    RECORD.as_ptr() as usize as u32
}

/// Lends `input.js` at least `len` bytes to write a call's strings into.
#[wasm_bindgen(js_name = __edgeJwtStage, skip_typescript)]
pub fn stage_entry(len: u32) -> u32 {
    memory::share();
    match STAGED.try_lock() {
        Some(mut staged) => {
            let len = len as usize;
            if staged.len() < len {
                staged.resize(len, 0);
            }
            memory::address_mut(staged.as_mut_slice())
        }
        // Held only while a call reads what it was given, which calls no
        // JavaScript: never, but with wasm threads. `input.js` throws.
        None => 0,
    }
}

/// What one call was given.
pub(crate) struct Given<O> {
    pub(crate) options: O,
    /// The key, or why the secret is refused: reported where the call's
    /// documented order puts it (after a bad token, before bad claims).
    pub(crate) key: Result<Key, Failure>,
    pub(crate) clock: FixedClock,
}

/// What `issue` was given.
pub(crate) fn issue() -> Given<IssueOptions> {
    read(true, |slots, strings| {
        let [expires_in, not_before, issued_at, issuer, subject, audience, jwt_id, key_id] = *slots;
        IssueOptions {
            expires_in: seconds(expires_in),
            not_before: seconds(not_before),
            issued_at: issued_at.is_nan() || issued_at == 1.0,
            issuer: strings.one(issuer),
            subject: strings.one(subject),
            audience: strings.one_or_many(audience),
            jwt_id: strings.one(jwt_id),
            key_id: strings.one(key_id),
        }
    })
}

/// What `verify` was given.
pub(crate) fn verify() -> Given<VerifyOptions> {
    read(true, |slots, strings| {
        let [leeway, max_age, issuer, audience, subject, required, typ, max_length] = *slots;
        let mut options = VerifyOptions {
            leeway: seconds(leeway).unwrap_or(0),
            max_age: seconds(max_age),
            issuer: strings.one_or_many(issuer),
            audience: strings.one_or_many(audience),
            subject: strings.one(subject),
            required_claims: strings.many(required).unwrap_or_default(),
            typ: strings.one(typ),
            ..VerifyOptions::default()
        };
        if let Some(length) = seconds(max_length) {
            // Saturates: the core refuses anything above 1 MiB.
            options.max_token_length = usize::try_from(length).unwrap_or(usize::MAX);
        }
        options
    })
}

/// The key `new Key` was given (a string or a Uint8Array, not a Key).
pub(crate) fn key_setup() -> Result<Key, Failure> {
    read(false, |_, _| ()).key
}

/// Leaves a new Key's states in the record, for `takeStates` (`input.js`),
/// which copies them out and wipes them.
pub(crate) fn hand_out_states(states: &[u8; STATES_LEN]) {
    for (slot, bytes) in RECORD.iter().skip(STATES).zip(states.chunks_exact(8)) {
        let mut word = <[u8; 8]>::try_from(bytes).unwrap_or_default();
        slot.store(u64::from_le_bytes(word), Relaxed);
        word.zeroize();
    }
}

/// Reads the record and the staged bytes: the key (the staged bytes of the
/// secret wiped, and the states of a Key), the clock, and the options
/// `options` makes of their slots and strings. `keys` tells whether the
/// secret may be a Key.
fn read<O>(keys: bool, options: impl FnOnce(&[f64; OPTIONS], &mut Strings<'_>) -> O) -> Given<O> {
    let slot = |i: usize| {
        RECORD
            .get(i)
            .map_or(f64::NAN, |s| f64::from_bits(s.load(Relaxed)))
    };
    let secret = slot(SECRET);
    let bag = slot(ALLOW_SHORT_KEY);
    let allow_short_key = bag == 1.0;
    let mut staged = STAGED.try_lock();
    let bytes: &mut [u8] = staged.as_deref_mut().map_or(&mut [], Vec::as_mut_slice);
    // A count of bytes that JavaScript wrote: exact in an f64.
    let secret_len = if secret >= 0.0 { secret as usize } else { 0 };
    let (secret_bytes, rest) = bytes
        .split_at_mut_checked(secret_len)
        .unwrap_or((&mut [], &mut []));
    let key = if secret == KEY {
        let mut states = Zeroizing::new([0u8; STATES_LEN]);
        for (slot, bytes) in RECORD.iter().skip(STATES).zip(states.chunks_exact_mut(8)) {
            for (byte, from) in bytes.iter_mut().zip(slot.swap(0, Relaxed).to_le_bytes()) {
                *byte = from;
            }
        }
        if keys {
            Ok(Key::from_states(&states))
        } else {
            Err(refused(keys))
        }
    } else if secret == DETACHED {
        Err(Failure::option(
            "secret",
            "the Uint8Array cannot be read (is its buffer detached?)",
        ))
    } else if secret >= 0.0 {
        let key = if allow_short_key {
            Key::new_allowing_short(secret_bytes)
        } else {
            Key::new(secret_bytes)
        };
        secret_bytes.zeroize();
        key.map_err(Failure::from)
    } else {
        // -2: not a string, a Uint8Array nor a live Key.
        Err(refused(keys))
    };
    // Without an option bag the option slots were not written: all absent.
    let slots: [f64; OPTIONS] = if bag.is_nan() {
        [f64::NAN; OPTIONS]
    } else {
        core::array::from_fn(|i| slot(FIRST_OPTION.saturating_add(i)))
    };
    let options = options(&slots, &mut Strings { rest: &*rest });
    Given {
        options,
        key,
        clock: FixedClock(slot(NOW)),
    }
}

fn refused(keys: bool) -> Failure {
    Failure::option(
        "secret",
        if keys {
            "must be a string, a Uint8Array or a Key that has not been freed"
        } else {
            "must be a string or a Uint8Array"
        },
    )
}

/// A duration or a length in whole seconds or bytes; `None` when absent
/// (NaN). `input.js` wrote a whole, non-negative number: past 2^53 it
/// saturates, far beyond every bound the core checks.
fn seconds(value: f64) -> Option<u64> {
    (!value.is_nan()).then_some(value as u64)
}

/// The staged strings, taken in the order `input.js` wrote them.
struct Strings<'a> {
    rest: &'a [u8],
}

impl Strings<'_> {
    /// The next string: its length in 4 bytes, then its UTF-8 (which
    /// `encodeInto` wrote, from a string with no lone surrogate).
    fn next(&mut self) -> String {
        let Some((len, rest)) = self.rest.split_first_chunk::<4>() else {
            return String::new();
        };
        let (text, rest) = rest
            .split_at_checked(u32::from_le_bytes(*len) as usize)
            .unwrap_or((rest, &[]));
        self.rest = rest;
        core::str::from_utf8(text)
            .map(String::from)
            .unwrap_or_default()
    }

    /// A string option: present (0) or absent (NaN).
    fn one(&mut self, slot: f64) -> Option<String> {
        (!slot.is_nan()).then(|| self.next())
    }

    /// A list of strings: its length, or absent (NaN).
    fn many(&mut self, slot: f64) -> Option<Vec<String>> {
        (slot >= 0.0).then(|| (0..slot as usize).map(|_| self.next()).collect())
    }

    /// A string (-1), a list (its length), or absent (NaN).
    fn one_or_many(&mut self, slot: f64) -> Option<OneOrMany> {
        if slot == -1.0 {
            Some(OneOrMany::One(self.next()))
        } else {
            self.many(slot).map(OneOrMany::Many)
        }
    }
}
