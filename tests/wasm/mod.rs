//! The boundary suite (`wasm_bindgen_test`), run by `wasm-pack test` in
//! Chrome, Firefox and Node. Filled in by the next commit.
