//! Failures at the boundary. An export that fails writes its error into the
//! output frame as JSON text (`{"code":…,"message":…}`, with `claim`, `reason`
//! and `option` when they apply, and `expiredAt` in its own slot);
//! `classes.js` makes the `JwtError` (`error.js`) after the call returns.

use wasm_bindgen::prelude::*;

use super::buffers::{set_output, set_output_range, ERROR};
use super::protocol::output;
use crate::core::write_string;
use crate::core::{Error, ErrorCode};

#[wasm_bindgen(module = "/src/wasm/error.js")]
extern "C" {
    // Re-exports the class from the generated module as `JwtError`. Imported
    // as a function only because `skip_typescript` (the declaration is in
    // `types.d.ts`) is honoured on function imports; never called.
    #[wasm_bindgen(reexport, skip_typescript, js_name = JwtError)]
    #[allow(dead_code)]
    fn jwt_error_class();
}

/// Why an export failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A core error, written into the output frame.
    Core(Error),
    /// `issue`'s claims, which JavaScript refused and holds the `JwtError` of.
    ClaimsRefused,
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

    /// Writes the failure into the output frame; returns the export's status.
    pub(crate) fn report(self) -> u32 {
        use super::protocol::status;
        let error = match self {
            Self::Core(error) => error,
            Self::ClaimsRefused => return status::CLAIMS_REFUSED,
        };
        let mut text = ERROR.take();
        text.clear();
        text.extend_from_slice(b"{\"code\":");
        write_string(&mut text, error.code().as_str());
        text.extend_from_slice(b",\"message\":");
        write_string(&mut text, &error.text());
        let fields = [
            ("claim", error.claim_name()),
            ("reason", error.reason().map(|reason| reason.as_str())),
            ("option", error.option_name()),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                text.extend_from_slice(b",\"");
                text.extend_from_slice(name.as_bytes());
                text.extend_from_slice(b"\":");
                write_string(&mut text, value);
            }
        }
        text.push(b'}');
        set_output_range(output::ERROR, output::ERROR_LEN, &text);
        set_output(output::EXPIRED_AT, error.expired_at().unwrap_or(f64::NAN));
        ERROR.put(text);
        status::FAILED
    }
}
