//! Verify options read from Rust through js-sys: `Reflect::get` per field, then a type check on
//! the JsValue (each a call out of wasm), then the same checks as opts-js.
#![no_std]
extern crate alloc;
extern crate probe_rt;
use wasm_bindgen::prelude::*;

#[path = "../../../common/opts.rs"]
mod opts;

/// `Err(())` for a value of the wrong type, `Ok(None)` when absent.
fn number(o: &JsValue, name: &str) -> Result<Option<f64>, ()> {
    let v = js_sys::Reflect::get(o, &JsValue::from_str(name)).map_err(drop)?;
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_f64().map(Some).ok_or(())
}

fn string(o: &JsValue, name: &str) -> Result<Option<alloc::string::String>, ()> {
    let v = js_sys::Reflect::get(o, &JsValue::from_str(name)).map_err(drop)?;
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or(())
}

/// 1..=5 for the first option refused (wrong type or value), 6 when `options` is not an object,
/// else the digest of what was read.
#[wasm_bindgen]
pub fn read(options: &JsValue) -> u32 {
    if !options.is_object() {
        return 6;
    }
    let Ok(leeway) = number(options, "leeway") else { return 1 };
    let Ok(max) = number(options, "maxTokenLength") else { return 2 };
    let Ok(issuer) = string(options, "issuer") else { return 3 };
    let Ok(subject) = string(options, "subject") else { return 4 };
    let Ok(now) = number(options, "now") else { return 5 };
    opts::check(leeway, max, issuer.as_deref(), subject.as_deref(), now)
}
