//! HMAC-SHA256 as edge-jwt computes it: src/core/key.rs itself (and src/core/error.rs, which it
//! uses), included by #[path], not copied. A key leaves as `Key::to_states` (64 bytes, as the
//! JavaScript `Key` keeps them) and every tag is `Key::from_states` then `Key::tag`, as the
//! package's verify does with a key handed back from JavaScript (src/wasm/input.rs).
//! Probe hmac-serial builds this same file with sha2 without its zeroize feature.
#![no_std]
// key.rs and error.rs name the crate's `js` feature, which this probe does not have.
#![allow(unexpected_cfgs)]
extern crate alloc;
extern crate probe_rt;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

#[path = "../../../../../src/core/error.rs"]
#[allow(dead_code, missing_docs)]
mod error;
#[path = "../../../../../src/core/key.rs"]
#[allow(dead_code, missing_docs)]
mod key;

use key::{Key, STATES_LEN, TAG_LEN};

/// `Key::new_allowing_short(secret)`'s two states (`Key::to_states`); empty for an empty secret.
#[wasm_bindgen]
pub fn states(secret: &[u8]) -> Vec<u8> {
    Key::new_allowing_short(secret).map_or(Vec::new(), |k| k.to_states().to_vec())
}

/// `Key::from_states`, then `Key::tag`; zeros when `states` is not 64 bytes.
#[inline]
fn mac(states: &[u8], message: &[u8]) -> [u8; TAG_LEN] {
    let Ok(states) = <&[u8; STATES_LEN]>::try_from(states) else {
        return [0; TAG_LEN];
    };
    Key::from_states(states).tag(message)
}

#[path = "../../../common/hmac_exports.rs"]
mod exports;
