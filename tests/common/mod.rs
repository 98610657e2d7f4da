//! Shared helpers for the native test suites.
#![allow(dead_code)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use edge_jwt::{Claims, FixedClock, Key};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// A 32-byte secret.
pub const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

pub fn key() -> Key {
    Key::new(SECRET).unwrap()
}

pub fn at(now: f64) -> FixedClock {
    FixedClock(now)
}

pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Signs arbitrary header and payload bytes with a raw secret, bypassing every
/// rule of the library: this is how an attacker or a sloppy peer makes tokens.
pub fn forge(header: &[u8], payload: &[u8], secret: &[u8]) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    sign_input(&input, secret)
}

/// `input.signature` for an already-encoded signing input.
pub fn sign_input(input: &str, secret: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

/// A payload signed under the standard header with [`SECRET`].
pub fn forge_claims(payload: &str) -> String {
    forge(
        br#"{"alg":"HS256","typ":"JWT"}"#,
        payload.as_bytes(),
        SECRET,
    )
}

pub fn claims(json: &str) -> Claims {
    match serde_json::from_str(json).unwrap() {
        serde_json::Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}
