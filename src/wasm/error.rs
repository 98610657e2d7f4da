//! Failures at the boundary, and their one JavaScript form: a `JwtError`
//! (`error.js`), re-exported from the generated module.

use wasm_bindgen::prelude::*;

use crate::core::{Error, ErrorCode};

#[wasm_bindgen(module = "/src/wasm/error.js")]
extern "C" {
    // Re-exports the class from the generated module as `JwtError`. Imported
    // as a function only because `skip_typescript` (the declaration is in
    // `types.d.ts`) is honoured on function imports; never called.
    #[wasm_bindgen(reexport, skip_typescript, js_name = JwtError)]
    #[allow(dead_code)]
    fn jwt_error_class();

    #[wasm_bindgen(js_name = createJwtError)]
    #[allow(clippy::too_many_arguments)]
    fn create_jwt_error(
        code: &str,
        message: &str,
        claim: Option<&str>,
        reason: Option<&str>,
        expired_at: Option<f64>,
        option: Option<&str>,
    ) -> JsValue;
}

/// Why an export failed: a core [`Error`], or a `JwtError` JavaScript
/// already made (`claims.js`, for claims JSON cannot carry, with what the
/// caller's code threw as its `cause`).
#[derive(Debug)]
pub(crate) enum Failure {
    Core(Error),
    Made(JsValue),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Self::Core(error)
    }
}

impl Failure {
    /// `ERR_INVALID_OPTION` about `option`.
    pub(crate) fn option(option: &str, message: &'static str) -> Self {
        Error::invalid_option(option, message).into()
    }

    /// Another code, about no claim or option (such as `ERR_JWS_INVALID` for a
    /// token that is not a string).
    pub(crate) fn code(code: ErrorCode, message: &'static str) -> Self {
        Error::new(code, message).into()
    }

    /// The `JwtError` to throw.
    pub(crate) fn into_js(self) -> JsValue {
        let error = match self {
            Self::Core(error) => error,
            Self::Made(error) => return error,
        };
        create_jwt_error(
            error.code().as_str(),
            &error.text(),
            error.claim_name(),
            error.reason().map(|reason| reason.as_str()),
            error.expired_at(),
            error.option_name(),
        )
    }
}
