//! time-js linked with std (as web-time needs): what std alone adds to such a module.
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
