//! The clock as edge-jwt's `SystemClock` reads it (src/core/clock.rs): web-time's SystemTime.
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn now_secs() -> f64 {
    web_time::SystemTime::now()
        .duration_since(web_time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}
