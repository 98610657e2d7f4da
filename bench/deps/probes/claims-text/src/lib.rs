//! Claims to JavaScript as JSON text: edge-jwt's core (src/core/, included) verifies the token
//! and returns the payload's text; JavaScript runs JSON.parse on it (run.mjs).
#![no_std]
extern crate alloc;
extern crate probe_rt;
use alloc::string::String;
use wasm_bindgen::prelude::*;

#[path = "../../../../../src/core/mod.rs"]
#[allow(dead_code, unused_imports, unexpected_cfgs, missing_docs)]
mod jwt;

#[wasm_bindgen]
pub struct ProbeKey(jwt::Key);

/// The key of `secret` (at least 32 bytes), else `undefined`.
#[wasm_bindgen]
pub fn key(secret: &[u8]) -> Option<ProbeKey> {
    jwt::Key::new(secret).ok().map(ProbeKey)
}

/// The payload's JSON text of a valid token at `now`, else `None`.
#[wasm_bindgen]
pub fn verify(token: &str, key: &ProbeKey, now: f64) -> Option<String> {
    let options = jwt::VerifyOptions::default();
    jwt::verify_json(token, &key.0, &options, &jwt::FixedClock(now)).ok()
}
