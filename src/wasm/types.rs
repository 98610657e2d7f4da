//! The TypeScript declarations that the generated `.d.ts` cannot derive from
//! Rust signatures: the option bags, the claims, the clock, the error class
//! and its codes. The exported functions name these types through
//! `unchecked_param_type` / `unchecked_return_type`.

use wasm_bindgen::prelude::*;

// Kept in a `.d.ts` file so that editors and `tsc` read it as TypeScript.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use crate::core::ErrorCode;

    /// The union in the declarations lists every code the core can produce.
    #[wasm_bindgen_test]
    fn every_error_code_is_declared() {
        let declarations = include_str!("types.d.ts");
        for code in ErrorCode::ALL {
            let quoted = format!("\"{}\"", code.as_str());
            assert!(
                declarations.contains(&quoted),
                "{quoted} is not in JwtErrorCode"
            );
        }
    }
}
