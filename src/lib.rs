#![doc = include_str!("../README.md")]
#![cfg_attr(not(test), warn(clippy::print_stdout, clippy::print_stderr))]
// In WebAssembly with `panic-trap` (which implies `js`) and without `std`
// (the npm package's module), alloc is enough: the boundary brings the
// allocator and the panic handler. Otherwise (natively, or on wasm32 without
// them) std stays linked, so that the cdylib links without the `std` feature
// too (the feature then only leaves out the serde_json API).
#![cfg_attr(
    all(
        target_arch = "wasm32",
        feature = "panic-trap",
        not(any(feature = "std", test))
    ),
    no_std
)]

extern crate alloc;

pub mod core;
/// The WebAssembly boundary. JavaScript reaches it through wasm-bindgen; it is
/// public (and hidden) only so that the boundary suite (`tests/wasm.rs`,
/// `tests/wasm_browser.rs`) can call the exports: an integration test cannot
/// name a private module. Rust users use [`core`]. Compiled only on wasm32
/// with the `js` feature.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
#[doc(hidden)]
pub mod wasm;

pub use crate::core::*;
#[cfg(feature = "std")]
pub use serde_json;
