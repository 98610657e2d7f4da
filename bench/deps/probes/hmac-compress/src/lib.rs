//! HMAC-SHA256 as src/core/key.rs wrote it until commit 50fb8e4 (which moved it to sha2's
//! `SerializableState`, probe hmac-key): the padding by hand over `sha2::block_api::compress256`,
//! resumed from the two precomputed states (64 bytes, big-endian words). The functions below are
//! copied from key.rs at 4c38fce, the file as 50fb8e4 found it (`absorb_pad`, `sha256`,
//! `write_be`, `Padded`, `Key::new_allowing_short`, `Key::to_states`, `Key::from_states`,
//! `Key::tag`), with sha2 built as the crate built it then, without its zeroize feature.
#![no_std]
extern crate alloc;
extern crate probe_rt;
use alloc::vec::Vec;
use sha2::block_api::compress256;
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

const BLOCK: usize = 64;

/// SHA-256's initial hash value (FIPS 180-4 §5.3.3).
const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

#[wasm_bindgen]
pub fn states(secret: &[u8]) -> Vec<u8> {
    // Key::new_allowing_short
    let mut block = Padded([0u8; BLOCK]);
    if secret.len() > BLOCK {
        let digest = Padded(sha256(IV, 0, secret));
        block.0.iter_mut().zip(digest.0).for_each(|(b, d)| *b = d);
    } else {
        block.0.iter_mut().zip(secret).for_each(|(b, s)| *b = *s);
    }
    let (inner, outer) = (absorb_pad(&block.0, 0x36), absorb_pad(&block.0, 0x5c));
    // Key::to_states
    let mut out = [0u8; 64];
    write_be(inner.iter().chain(&outer), &mut out);
    out.to_vec()
}

/// Key::from_states, then Key::tag.
#[inline]
fn mac(states: &[u8], message: &[u8]) -> [u8; 32] {
    let (mut inner, mut outer) = ([0u32; 8], [0u32; 8]);
    let words = inner.iter_mut().chain(outer.iter_mut());
    for (word, chunk) in words.zip(states.as_chunks::<4>().0) {
        *word = u32::from_be_bytes(*chunk);
    }
    let digest = sha256(inner, 1, message);
    sha256(outer, 1, &digest)
}

#[path = "../../../common/hmac_exports.rs"]
mod exports;

/// One padded key block XORed with `pad`, absorbed into a fresh state.
fn absorb_pad(key_block: &[u8; BLOCK], pad: u8) -> [u32; 8] {
    let mut block = Padded([0u8; BLOCK]);
    block
        .0
        .iter_mut()
        .zip(key_block)
        .for_each(|(b, k)| *b = k ^ pad);
    let mut state = IV;
    compress256(&mut state, core::slice::from_ref(&block.0));
    state
}

/// SHA-256 of `message`, continuing from `state` after `blocks_done` blocks.
fn sha256(mut state: [u32; 8], blocks_done: u64, message: &[u8]) -> [u8; 32] {
    let (blocks, rest) = message.as_chunks::<BLOCK>();
    compress256(&mut state, blocks);
    let bits = blocks_done
        .wrapping_mul(BLOCK as u64)
        .wrapping_add(message.len() as u64)
        .wrapping_shl(3);
    let mut tail = Padded([0u8; 2 * BLOCK]);
    tail.0.iter_mut().zip(rest).for_each(|(t, r)| *t = *r);
    if let Some(b) = tail.0.get_mut(rest.len()) {
        *b = 0x80;
    }
    let (used, length) = if rest.len() < BLOCK - 8 {
        (1, BLOCK - 8..BLOCK)
    } else {
        (2, 2 * BLOCK - 8..2 * BLOCK)
    };
    if let Some(length) = tail.0.get_mut(length) {
        length.copy_from_slice(&bits.to_be_bytes());
    }
    let (tail_blocks, _) = tail.0.as_chunks::<BLOCK>();
    compress256(&mut state, tail_blocks.get(..used).unwrap_or_default());
    let mut out = [0u8; 32];
    write_be(&state, &mut out);
    state.zeroize();
    out
}

fn write_be<'a>(words: impl IntoIterator<Item = &'a u32>, out: &mut [u8]) {
    for (chunk, word) in out.chunks_exact_mut(4).zip(words) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
}

struct Padded<const N: usize>([u8; N]);

impl<const N: usize> Drop for Padded<N> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}
