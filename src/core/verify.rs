//! `verify`: parse the compact form, check the header, check the MAC over the
//! bytes as received, and only then parse and validate the claims.

use hmac::Mac;
use serde_json::{Map, Value};

use super::base64url;
use super::claims;
use super::clock::{self, Clock};
use super::compact::{self, HEADER_B64};
use super::error::{Error, ErrorCode};
use super::key::Key;
use super::options::VerifyOptions;

/// A token whose MAC holds and whose claims passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// The protected header.
    pub header: Map<String, Value>,
    /// The claims, in the token's order.
    pub claims: Map<String, Value>,
    /// The payload's JSON text exactly as signed: the same claims as
    /// `claims`, for callers that hand them on (the wasm boundary gives it to
    /// `JSON.parse`).
    pub payload_json: String,
}

/// Verifies an HS256 token and returns its claims.
///
/// Steps, in order: the length limit (before any decoding), three canonical
/// base64url segments, the header (`alg` exactly `HS256`, no `crit`, no
/// `b64`), the MAC in constant time, the payload as a strict JSON object, then
/// the claims ([`VerifyOptions`]) against one reading of `clock`. No claim is
/// looked at before the MAC holds.
///
/// # Errors
/// An [`Error`] whose [`code`](Error::code) says which step failed.
pub fn verify(
    token: &str,
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<Map<String, Value>, Error> {
    verify_full(token, key, options, clock).map(|v| v.claims)
}

/// [`verify`], returning the protected header too.
///
/// # Errors
/// As [`verify`].
pub fn verify_full(
    token: &str,
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<Verified, Error> {
    options.check()?;
    let now = clock::read(clock)?;
    if token.len() > options.max_token_length {
        return Err(Error::new(
            ErrorCode::JwtTooLong,
            "the token is longer than maxTokenLength",
        ));
    }
    let parts = compact::split(token)?;
    let header = if parts.header == HEADER_B64 {
        // The header `issue` writes: known to pass every header rule.
        let mut header = Map::new();
        header.insert("alg".to_owned(), Value::from("HS256"));
        header.insert("typ".to_owned(), Value::from("JWT"));
        header
    } else {
        compact::decode_header(parts.header)?
    };
    let tag = base64url::decode_exact::<32>(parts.signature.as_bytes()).ok_or_else(|| {
        Error::new(
            ErrorCode::JwsInvalid,
            "the signature is not 32 bytes of canonical unpadded base64url",
        )
    })?;
    let mut mac = key.mac();
    mac.update(parts.signing_input.as_bytes());
    // Constant-time comparison (subtle, inside `hmac`).
    mac.verify_slice(&tag).map_err(|_| {
        Error::new(
            ErrorCode::SignatureVerificationFailed,
            "signature verification failed",
        )
    })?;
    let (claims, payload_json) = compact::decode_payload(parts.payload)?;
    claims::validate(&header, &claims, options, now)?;
    Ok(Verified {
        header,
        claims,
        payload_json,
    })
}
