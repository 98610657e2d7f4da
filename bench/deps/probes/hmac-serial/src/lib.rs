//! HMAC-SHA256 resumed from two states kept through `sha2` 0.11's own hasher core:
//! `Sha256VarCore` absorbs the padded key block, `SerializableState` exports it (32 bytes of state
//! and a block count, always 1 here, which is put back on the way in: 64 bytes per key, as the
//! JavaScript `Key` keeps). Per tag: deserialize each core, drive it with a block buffer
//! (`UpdateCore` + `finalize_variable_core`), the padding being sha2's.
#![no_std]
extern crate alloc;
extern crate probe_rt;
use alloc::vec::Vec;
use sha2::block_api::Sha256VarCore;
use sha2::digest::block_api::{Buffer, UpdateCore, VariableOutputCore};
use sha2::digest::common::hazmat::{SerializableState, SerializedState};
use sha2::digest::Output;
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;

fn absorb_pad(key_block: &[u8; 64], pad: u8) -> [u8; 32] {
    let mut block = sha2::digest::block_api::Block::<Sha256VarCore>::default();
    block.iter_mut().zip(key_block).for_each(|(b, k)| *b = k ^ pad);
    let Ok(mut core) = Sha256VarCore::new(32) else {
        return [0; 32];
    };
    core.update_blocks(core::slice::from_ref(&block));
    let serialized = core.serialize();
    let mut out = [0u8; 32];
    out.copy_from_slice(&serialized[..32]);
    out
}

#[wasm_bindgen]
pub fn states(secret: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    if secret.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(secret));
    } else {
        block[..secret.len()].copy_from_slice(secret);
    }
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&absorb_pad(&block, 0x36));
    out.extend_from_slice(&absorb_pad(&block, 0x5c));
    out
}

/// The core that has absorbed one block into `state`.
#[inline]
fn resume(state: &[u8]) -> Option<Sha256VarCore> {
    let mut serialized = SerializedState::<Sha256VarCore>::default();
    serialized[..32].copy_from_slice(state);
    serialized[32] = 1;
    Sha256VarCore::deserialize(&serialized).ok()
}

#[inline]
fn hash_from(state: &[u8], message: &[u8]) -> Option<Output<Sha256VarCore>> {
    let mut core = resume(state)?;
    let mut buffer = Buffer::<Sha256VarCore>::default();
    buffer.digest_blocks(message, |blocks| core.update_blocks(blocks));
    let mut out = Output::<Sha256VarCore>::default();
    core.finalize_variable_core(&mut buffer, &mut out);
    Some(out)
}

#[inline]
fn mac(states: &[u8], message: &[u8]) -> [u8; 32] {
    let (Some(inner), Some(outer)) = (states.get(..32), states.get(32..64)) else {
        return [0; 32];
    };
    let Some(digest) = hash_from(inner, message) else {
        return [0; 32];
    };
    hash_from(outer, &digest).map_or([0; 32], Into::into)
}

#[wasm_bindgen]
pub fn tag(states: &[u8], message: &[u8]) -> Vec<u8> {
    mac(states, message).to_vec()
}

#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn bench_tag(states: &[u8], message: &[u8], iters: u32) -> u32 {
    let mut sum = 0u32;
    for _ in 0..iters {
        let t = mac(core::hint::black_box(states), core::hint::black_box(message));
        sum = sum.wrapping_add(u32::from(core::hint::black_box(t)[0]));
    }
    sum
}
