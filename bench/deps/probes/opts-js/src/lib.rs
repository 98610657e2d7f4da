//! Verify options read in JavaScript (run.mjs's `readOptions`, as the package's input.js reads
//! them: type checks there), handed to Rust as numbers and UTF-8; the same checks as opts-jssys.
#![no_std]
extern crate alloc;
extern crate probe_rt;
use wasm_bindgen::prelude::*;

#[path = "../../../common/opts.rs"]
mod opts;

#[wasm_bindgen]
pub fn read_plain(
    leeway: Option<f64>,
    max_token_length: Option<f64>,
    issuer: Option<alloc::string::String>,
    subject: Option<alloc::string::String>,
    now: Option<f64>,
) -> u32 {
    opts::check(leeway, max_token_length, issuer.as_deref(), subject.as_deref(), now)
}
