//! `verify`: parse the compact form, check the header, check the MAC over the
//! bytes as received, and only then parse and validate the claims.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

#[cfg(feature = "std")]
use serde::de::DeserializeOwned;
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
#[cfg(feature = "std")]
use super::{typed, Claims};

/// A token whose MAC holds and whose claims passed validation, with its
/// claims read into `T` (by default the map, [`Claims`]).
#[cfg(feature = "std")]
#[derive(Debug, Clone, PartialEq)]
pub struct Verified<T = Claims> {
    /// The protected header.
    pub header: Map<String, Value>,
    /// The claims, read into `T` (a map keeps the token's order).
    pub claims: T,
    /// The payload's JSON text exactly as signed: the same claims as `claims`.
    pub payload_json: String,
}

/// Verifies an HS256 token and returns its claims, read into `T`: your own
/// `#[derive(Deserialize)]` struct, or [`Claims`] (`verify::<Claims>`) for
/// the map of every claim in the token's order.
///
/// Steps, in order: the length limit (before any decoding), three canonical
/// base64url segments, the header (`alg` exactly `HS256`, no `crit`, no
/// `b64`), the MAC in constant time, the payload as a strict JSON object, then
/// the claims ([`VerifyOptions`]) against one reading of `clock`. No claim is
/// looked at before the MAC holds. Only then are the claims read into `T`:
/// the registered claims are checked by these rules whatever `T` says about
/// them.
///
/// ```
/// use edge_jwt::{issue, verify, ErrorCode, FixedClock, IssueOptions, Key, VerifyOptions};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Debug, PartialEq)]
/// struct Session {
///     sub: String,
///     exp: u64,
///     admin: bool,
/// }
///
/// # fn main() -> Result<(), edge_jwt::Error> {
/// let key = Key::new(b"at least 32 bytes of real secret!")?;
/// let now = FixedClock(1_700_000_000.0);
/// let mine = Session { sub: "johndoe".into(), exp: 1_700_000_060, admin: false };
/// let token = issue(&mine, &key, &IssueOptions::default(), &now)?;
///
/// // `exp` is checked as always; `iat` (set by `issue`) is not in `Session`.
/// let back: Session = verify(&token, &key, &VerifyOptions::default(), &now)?;
/// assert_eq!(back, mine);
/// let later = FixedClock(1_700_000_060.0);
/// let e = verify::<Session>(&token, &key, &VerifyOptions::default(), &later).unwrap_err();
/// assert_eq!(e.code(), ErrorCode::Expired);
///
/// // The claims' map, every claim in the token's order:
/// let claims = verify::<edge_jwt::Claims>(&token, &key, &VerifyOptions::default(), &now)?;
/// assert_eq!(claims["iat"], 1_700_000_000);
///
/// // A claim `T` cannot take is named, without its value.
/// #[derive(Deserialize, Debug)]
/// struct Strict {
///     admin: String,
/// }
/// let e = verify::<Strict>(&token, &key, &VerifyOptions::default(), &now).unwrap_err();
/// assert_eq!(e.code(), ErrorCode::ClaimValidationFailed);
/// assert_eq!(e.claim_name(), Some("admin"));
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// An [`Error`] whose [`code`](Error::code) says which step failed. Claims
/// that `T` cannot take are `ERR_JWT_CLAIM_VALIDATION_FAILED` naming the
/// (top-level) claim: reason `missing` for a field `T` requires and the
/// token lacks, `invalid` for a claim of the wrong type or value (or one
/// `T` refuses, with `#[serde(deny_unknown_fields)]`); without a claim name
/// when `T` refuses the claims as a whole (`T` is not read from an object).
#[cfg(feature = "std")]
pub fn verify<T: DeserializeOwned>(
    token: &str,
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<T, Error> {
    let (_, payload) = check_text(token, key, options, clock)?;
    typed::read(&payload)
}

/// [`verify`], returning the protected header too (`verify_full::<Claims>`
/// for the claims' map).
///
/// # Errors
/// As [`verify`].
#[cfg(feature = "std")]
pub fn verify_full<T: DeserializeOwned>(
    token: &str,
    key: &Key,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<Verified<T>, Error> {
    let (header, payload) = check_text(token, key, options, clock)?;
    let header = match &header {
        Some(bytes) => parse(bytes)?,
        None => parse(HEADER_JSON.as_bytes())?,
    };
    Ok(Verified {
        header,
        claims: typed::read(&payload)?,
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
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) const TAPE_LIMIT: usize = 4096;

/// [`verify_json`] for a token given as bytes (the wasm boundary's, written
/// there by `TextEncoder`), leaving the payload's bytes (checked strict JSON,
/// so UTF-8) in `payload` (a buffer the boundary keeps between calls) and,
/// up to [`TAPE_LIMIT`] bytes, recording the payload on `tape` (see
/// [`json::scan_taped`]); otherwise `tape` is left empty.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
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
        #[cfg(all(target_arch = "wasm32", feature = "js"))]
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
pub(super) fn parse(bytes: &[u8]) -> Result<Map<String, Value>, Error> {
    json::build_object(bytes).map_err(compact::payload_error)
}
