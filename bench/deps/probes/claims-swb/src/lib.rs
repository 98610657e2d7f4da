//! Claims to JavaScript through serde-wasm-bindgen: edge-jwt's core (src/core/, included)
//! verifies the token, serde_json parses the payload (already checked strict by the core) into a
//! `Value`, and serde-wasm-bindgen builds the JavaScript object (plain objects, as JSON.parse).
extern crate alloc;
use serde::Serialize as _;
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

/// The claims of a valid token at `now` as a JavaScript object, else `undefined`.
#[wasm_bindgen]
pub fn verify(token: &str, key: &ProbeKey, now: f64) -> JsValue {
    let options = jwt::VerifyOptions::default();
    let Ok(text) = jwt::verify_json(token, &key.0, &options, &jwt::FixedClock(now)) else {
        return JsValue::UNDEFINED;
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        return JsValue::UNDEFINED;
    };
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::UNDEFINED)
}
