//! The TypeScript declarations that the generated `.d.ts` cannot derive from
//! Rust signatures: `issue`, `verify` and `decodeUnverified` (JavaScript, in
//! `classes.js`), the option bags, the claims, the clock, the error class and
//! its codes.

use wasm_bindgen::prelude::*;

// Kept in a `.d.ts` file so that editors and `tsc` read it as TypeScript.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");
