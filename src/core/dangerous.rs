//! Reading a token without verifying it. The module's name marks every call site.

use alloc::string::String;
use alloc::vec::Vec;

#[cfg(feature = "std")]
use serde_json::{Map, Value};

use super::compact;
use super::error::{Error, ErrorCode};
use super::json;
use super::options::DEFAULT_MAX_TOKEN_LENGTH;

/// The header and payload of a token that was NOT verified.
#[cfg(feature = "std")]
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
#[cfg(feature = "std")]
pub fn decode_unverified(token: &str) -> Result<Unverified, Error> {
    let (header, payload) = decode_unverified_json(token)?;
    Ok(Unverified {
        header: json::build_object(header.as_bytes()).map_err(compact::header_error)?,
        payload: json::build_object(payload.as_bytes()).map_err(compact::payload_error)?,
    })
}

/// [`decode_unverified`], returning the header's and the payload's JSON text
/// instead of maps (for callers that hand them on, such as the wasm boundary).
///
/// # Errors
/// As [`decode_unverified`].
pub fn decode_unverified_json(token: &str) -> Result<(String, String), Error> {
    decode_json(token, json::exact_number)
}

/// [`decode_unverified_json`], with the host's reader of the numbers the
/// scanner's fast path leaves (the wasm boundary's).
pub(crate) fn decode_json(
    token: &str,
    number: json::ReadNumber,
) -> Result<(String, String), Error> {
    if token.len() > DEFAULT_MAX_TOKEN_LENGTH {
        return Err(Error::new(
            ErrorCode::JwtTooLong,
            "the token is longer than maxTokenLength",
        ));
    }
    let parts = compact::split(token.as_bytes())?;
    if parts.signature.is_empty() {
        return Err(Error::new(ErrorCode::JwsInvalid, "a JWS segment is empty"));
    }
    let header = compact::decode_header(parts.header)?;
    json::scan(&header, number).map_err(compact::header_error)?;
    let mut payload = Vec::new();
    compact::decode_payload(parts.payload, &mut payload)?;
    json::scan(&payload, number).map_err(compact::payload_error)?;
    // Scanned: strict JSON, so UTF-8.
    let text = |bytes: Vec<u8>, err: fn(json::JsonError) -> Error| {
        String::from_utf8(bytes).map_err(|_| err(json::JsonError::Syntax))
    };
    Ok((
        text(header, compact::header_error)?,
        text(payload, compact::payload_error)?,
    ))
}
