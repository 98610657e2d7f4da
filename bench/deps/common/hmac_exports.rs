// Shared by the hmac-* probes (included with #[path]): the two exports run.mjs calls, over the
// probe's own `mac(states, message)`, so that each probe differs only in how it makes a tag.

use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

use super::mac;

/// The tag of `message` under the key whose states are `states`.
#[wasm_bindgen]
pub fn tag(states: &[u8], message: &[u8]) -> Vec<u8> {
    mac(states, message).to_vec()
}

/// `iters` tags in a loop inside the wasm (the timed path), summed so none is optimised away.
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
