//! The boundary suite in browsers: `wasm-pack test --headless --chrome` and
//! `--headless --firefox`. See `tests/wasm.rs`, which runs it under Node.
#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/mod.rs"]
mod suite;
