//! HMAC-SHA256 through the `hmac` crate. It cannot export its state, so a key kept in 64 bytes
//! (as the JavaScript `Key` keeps it) is its padded key block, and every tag starts with
//! `Hmac::new_from_slice`: the two key-block compressions run again per tag.
#![no_std]
extern crate alloc;
extern crate probe_rt;
use alloc::vec::Vec;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;

/// The 64 bytes kept per key: the secret (hashed first when longer than a block), zero-padded.
#[wasm_bindgen]
pub fn states(secret: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    if secret.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(secret));
    } else {
        block[..secret.len()].copy_from_slice(secret);
    }
    block.to_vec()
}

#[inline]
fn mac(states: &[u8], message: &[u8]) -> [u8; 32] {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(states) else {
        return [0; 32];
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[path = "../../../common/hmac_exports.rs"]
mod exports;
