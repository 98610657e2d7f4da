//! `verify`: parse the compact form, check the header, check the MAC over the
//! bytes as received, and only then parse and validate the claims.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

#[cfg(feature = "std")]
use serde_json::{Map, Value};

use super::base64url;
use super::claims;
use super::clock::{self, Clock};
use super::compact;
#[cfg(feature = "std")]
use super::compact::HEADER_JSON;
use super::error::{Error, ErrorCode};
use super::json::{self, exact_number, ReadNumber, Slot};
use super::key::Key;
use super::options::VerifyOptions;

/// A token whose MAC holds and whose claims passed validation.
#[cfg(feature = "std")]
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// The protected header.
    pub header: Map<String, Value>,
    /// The claims, in the token's order.
    pub claims: Map<String, Value>,
    /// The payload's JSON text exactly as signed: the same claims as `claims`.
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
#[cfg(feature = "std")]
pub fn verify(
    token: &str,
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<Map<String, Value>, Error> {
    let (_, payload) = check_text(token, key, options, clock)?;
    parse(&payload)
}

/// [`verify`], returning the protected header too.
///
/// # Errors
/// As [`verify`].
#[cfg(feature = "std")]
pub fn verify_full(
    token: &str,
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<Verified, Error> {
    let (header, payload) = check_text(token, key, options, clock)?;
    let header = match &header {
        Some(bytes) => parse(bytes)?,
        None => parse(HEADER_JSON.as_bytes())?,
    };
    Ok(Verified {
        header,
        claims: parse(&payload)?,
        payload_json: text(payload)?,
    })
}

/// [`verify`], returning the payload's JSON text exactly as signed instead
/// of a parsed map: for callers that hand the claims on (the wasm boundary
/// builds JavaScript objects from it). Nothing is parsed twice in Rust.
///
/// # Errors
/// As [`verify`].
pub fn verify_json(
    token: &str,
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<String, Error> {
    let (_, payload) = check_text(token, key, options, clock)?;
    text(payload)
}

/// Payloads up to this many bytes are recorded on a tape; a longer one
/// leaves the tape empty (its tape could be several times its size, and the
/// wasm boundary keeps the tape buffer: memory that a huge token would grow
/// for good).
#[cfg(target_arch = "wasm32")]
pub(crate) const TAPE_LIMIT: usize = 4096;

/// [`verify_json`] for a token given as bytes (the wasm boundary's, written
/// there by `TextEncoder`), leaving the payload's bytes (checked strict JSON,
/// so UTF-8) in `payload` (a buffer the boundary keeps between calls) and,
/// up to [`TAPE_LIMIT`] bytes, recording the payload on `tape` (see
/// [`json::scan_taped`]); otherwise `tape` is left empty.
#[cfg(target_arch = "wasm32")]
pub(crate) fn verify_payload(
    token: &[u8],
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
    tape: &mut Vec<f64>,
    payload: &mut Vec<u8>,
    number: ReadNumber,
) -> Result<(), Error> {
    check(token, key, options, clock, Some(tape), payload, number).map(drop)
}

/// [`check`] for the public entry points: a token given as text, no tape, a
/// fresh payload buffer; returns the header's bytes and the payload's.
fn check_text(
    token: &str,
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<(Option<Vec<u8>>, Vec<u8>), Error> {
    let mut payload = Vec::new();
    let header = check(
        token.as_bytes(),
        key,
        options,
        clock,
        None,
        &mut payload,
        exact_number,
    )?;
    Ok((header, payload))
}

/// Checks a token, leaving its payload's bytes (checked strict JSON) in
/// `payload`; returns its header's bytes (`None` for the standard header).
fn check(
    token: &[u8],
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
    tape: Option<&mut Vec<f64>>,
    payload: &mut Vec<u8>,
    number: ReadNumber,
) -> Result<Option<Vec<u8>>, Error> {
    options.check()?;
    let now = clock::read(clock)?;
    if token.len() > options.max_token_length {
        return Err(Error::new(
            ErrorCode::JwtTooLong,
            "the token is longer than maxTokenLength",
        ));
    }
    let parts = compact::split(token)?;

    // The header `issue` writes is known to pass every header rule.
    let header = (!compact::is_standard_header(parts.header))
        .then(|| compact::decode_header(parts.header))
        .transpose()?;
    let header_view = match &header {
        Some(bytes) => {
            let view = json::scan(bytes, number).map_err(compact::header_error)?;
            compact::check_header(&view)?;
            Some(view)
        }
        None => None,
    };

    let tag = base64url::decode_exact::<32>(parts.signature).ok_or_else(|| {
        Error::new(
            ErrorCode::JwsInvalid,
            "the signature is not 32 bytes of canonical unpadded base64url",
        )
    })?;
    // Constant-time comparison (subtle).
    if !key.verify(parts.signing_input, &tag) {
        return Err(Error::new(
            ErrorCode::SignatureVerificationFailed,
            "signature verification failed",
        ));
    }

    compact::decode_payload(parts.payload, payload)?;
    let view = match tape {
        #[cfg(target_arch = "wasm32")]
        Some(tape) if payload.len() <= TAPE_LIMIT => json::scan_taped(payload, tape, number),
        Some(tape) => {
            tape.clear();
            json::scan(payload, number)
        }
        None => json::scan(payload, number),
    }
    .map_err(compact::payload_error)?;
    let typ = match header_view {
        Some(view) => view.typ,
        None => Slot::Found(Cow::Borrowed("JWT")),
    };
    claims::validate(&typ, &view, options, now)?;
    drop(view);
    Ok(header)
}

/// The text of a payload `check` accepted: strict JSON is UTF-8 throughout,
/// so this only re-labels the bytes.
fn text(payload: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(payload).map_err(|_| compact::payload_error(json::JsonError::Syntax))
}

/// Builds the map of a document `check` already scanned.
#[cfg(feature = "std")]
fn parse(bytes: &[u8]) -> Result<Map<String, Value>, Error> {
    json::build_object(bytes).map_err(compact::payload_error)
}
