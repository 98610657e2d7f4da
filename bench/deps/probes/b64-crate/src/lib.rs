//! The `base64` crate's general-purpose engine, configured as strict as edge-jwt's base64url:
//! URL-safe alphabet, no padding written, padding refused, non-zero trailing bits refused.
#![no_std]
extern crate alloc;
extern crate probe_rt;
use alloc::vec::Vec;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use wasm_bindgen::prelude::*;

const STRICT: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

#[wasm_bindgen]
pub fn encode(bytes: &[u8]) -> Vec<u8> {
    STRICT.encode(bytes).into_bytes()
}

#[wasm_bindgen]
pub fn decode(text: &[u8]) -> Option<Vec<u8>> {
    STRICT.decode(text).ok()
}

/// `iters` decodes of `text` into one reused buffer; the bytes decoded.
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn bench_decode(text: &[u8], iters: u32) -> u32 {
    let mut out = Vec::new();
    let mut sum = 0u32;
    for _ in 0..iters {
        out.clear();
        if STRICT.decode_vec(core::hint::black_box(text), &mut out).is_ok() {
            sum = sum.wrapping_add(core::hint::black_box(&out).len() as u32);
        }
    }
    sum
}

/// `iters` encodes of `bytes` into one reused buffer; the symbols written.
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn bench_encode(bytes: &[u8], iters: u32) -> u32 {
    let mut out = alloc::string::String::new();
    let mut sum = 0u32;
    for _ in 0..iters {
        out.clear();
        STRICT.encode_string(core::hint::black_box(bytes), &mut out);
        sum = sum.wrapping_add(core::hint::black_box(&out).len() as u32);
    }
    sum
}
