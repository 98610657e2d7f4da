//! edge-jwt's own strict base64url (src/core/base64url.rs, included as it is).
#![no_std]
extern crate alloc;
extern crate probe_rt;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

#[path = "../../../../../src/core/base64url.rs"]
#[allow(dead_code)]
mod base64url;

#[wasm_bindgen]
pub fn encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    base64url::encode_into(bytes, &mut out);
    out
}

#[wasm_bindgen]
pub fn decode(text: &[u8]) -> Option<Vec<u8>> {
    base64url::decode(text)
}

/// `iters` decodes of `text` into one reused buffer (as the package decodes); the bytes decoded.
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn bench_decode(text: &[u8], iters: u32) -> u32 {
    let mut out = Vec::new();
    let mut sum = 0u32;
    for _ in 0..iters {
        if base64url::decode_to(core::hint::black_box(text), &mut out).is_some() {
            sum = sum.wrapping_add(core::hint::black_box(&out).len() as u32);
        }
    }
    sum
}

/// `iters` encodes of `bytes` into one reused buffer; the symbols written.
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn bench_encode(bytes: &[u8], iters: u32) -> u32 {
    let mut out = Vec::new();
    let mut sum = 0u32;
    for _ in 0..iters {
        out.clear();
        base64url::encode_into(core::hint::black_box(bytes), &mut out);
        sum = sum.wrapping_add(core::hint::black_box(&out).len() as u32);
    }
    sum
}
