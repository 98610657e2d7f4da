//! edge-jwt's strict scanner (src/core/json.rs, included as it is) over a claims payload, with
//! JavaScript's `Number` as the reader of the numbers its fast path leaves, as the package passes.
//! The result: the registered claims the rules read, and the member names.
#![no_std]
extern crate alloc;
extern crate probe_rt;
use wasm_bindgen::prelude::*;

#[path = "../../../../../src/core/json.rs"]
#[allow(dead_code, unexpected_cfgs)]
mod json;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Number)]
    fn js_number(text: &str) -> f64;
}

fn number(text: &[u8]) -> Option<f64> {
    core::str::from_utf8(text).ok().map(js_number)
}

/// 0 when `payload` is a strict JSON object, else the refusal (1 + `JsonError`).
#[wasm_bindgen]
pub fn scan(payload: &[u8]) -> u32 {
    match json::scan(payload, number) {
        Ok(view) => u32::from(core::hint::black_box(view).names.is_empty()) * 0,
        Err(e) => 1 + e as u32,
    }
}

#[cfg(feature = "bench")]
mod bench {
    use super::*;
    use alloc::vec::Vec;
    use json::Slot;
    use probe_rt::Summary;

    fn num(s: &mut Summary, name: &str, slot: &Slot<f64>) {
        match slot {
            Slot::Absent => s.num(name, None),
            Slot::Found(v) => s.num(name, Some(*v)),
            Slot::WrongType => s.bytes(name, b"!"),
        }
    }
    fn text(s: &mut Summary, name: &str, slot: &Slot<alloc::borrow::Cow<'_, str>>) {
        match slot {
            Slot::Absent => s.text(name, None),
            Slot::Found(v) => s.text(name, Some(v)),
            Slot::WrongType => s.bytes(name, b"!"),
        }
    }

    /// What the scan found, for run.mjs to compare with json-serde's; `None` when refused.
    #[wasm_bindgen]
    pub fn summary(payload: &[u8]) -> Option<Vec<u8>> {
        let view = json::scan(payload, number).ok()?;
        let mut s = Summary::default();
        let mut names: Vec<&str> = view.names.iter().map(|n| &**n).collect();
        names.sort_unstable();
        s.bytes("names", names.join(",").as_bytes());
        num(&mut s, "exp", &view.exp);
        num(&mut s, "nbf", &view.nbf);
        num(&mut s, "iat", &view.iat);
        text(&mut s, "iss", &view.iss);
        text(&mut s, "sub", &view.sub);
        text(&mut s, "jti", &view.jti);
        match &view.aud {
            Slot::Absent => s.text("aud", None),
            Slot::Found(v) => {
                let v: Vec<&str> = v.iter().map(|n| &**n).collect();
                s.text("aud", Some(&v.join(",")))
            }
            Slot::WrongType => s.bytes("aud", b"!"),
        }
        Some(s.0)
    }

    #[wasm_bindgen]
    pub fn bench_scan(payload: &[u8], iters: u32) -> u32 {
        let mut sum = 0u32;
        for _ in 0..iters {
            if let Ok(view) = json::scan(core::hint::black_box(payload), number) {
                sum = sum.wrapping_add(core::hint::black_box(view).names.len() as u32);
            }
        }
        sum
    }
}
