//! The boundary suite under Node: `wasm-pack test --node`.
//!
//! `tests/wasm_browser.rs` runs the same suite in browsers. wasm-bindgen-test
//! picks one environment per test binary (a suite marked `run_in_browser` is
//! skipped by `--node`, an unmarked one by `--chrome`/`--firefox`), hence two
//! binaries.
#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

#[path = "wasm/mod.rs"]
mod suite;
