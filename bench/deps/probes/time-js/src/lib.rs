//! The clock as the package reads it: `Date.now()` in JavaScript, passed in as seconds, and
//! checked (finite, not negative) as src/core/clock.rs checks any clock.
#![no_std]
extern crate probe_rt;
use wasm_bindgen::prelude::*;

/// `now` if it is a usable reading, else -1.
#[wasm_bindgen]
pub fn use_now(now: f64) -> f64 {
    if now.is_finite() && now >= 0.0 {
        now
    } else {
        -1.0
    }
}
