//! Reading a token without verifying it. The module's name marks every call site.

use serde_json::{Map, Value};

use super::compact;
use super::error::{Error, ErrorCode};
use super::json;
use super::options::DEFAULT_MAX_TOKEN_LENGTH;

/// The header and payload of a token that was NOT verified.
#[derive(Debug, Clone, PartialEq)]
pub struct Unverified {
    /// The protected header, as the token claims it.
    pub header: Map<String, Value>,
    /// The payload, as the token claims it. Nothing in it can be trusted.
    pub payload: Map<String, Value>,
}

/// Decodes a token's header and payload WITHOUT checking its MAC or claims.
///
/// For display and debugging (which key id, when does it expire), never for
/// decisions. The same form rules as `verify` apply: length limit (16 KiB),
/// three canonical base64url segments, strict JSON objects. The header's `alg`
/// is not checked, so that any token can be inspected.
///
/// # Errors
/// `ERR_JWT_TOO_LONG`, `ERR_JWS_INVALID` or `ERR_JWT_INVALID`.
pub fn decode_unverified(token: &str) -> Result<Unverified, Error> {
    if token.len() > DEFAULT_MAX_TOKEN_LENGTH {
        return Err(Error::new(
            ErrorCode::JwtTooLong,
            "the token is longer than maxTokenLength",
        ));
    }
    let parts = compact::split(token)?;
    let header = compact::decode_header(parts.header)?;
    let header = json::parse_object(&header).map_err(compact::header_error)?;
    let payload = compact::decode_payload(parts.payload)?;
    let payload = json::parse_object(&payload).map_err(compact::payload_error)?;
    Ok(Unverified { header, payload })
}
