//! `issue`: claims in, compact HS256 JWS out.

use alloc::string::String;
use alloc::vec::Vec;

#[cfg(feature = "std")]
use serde::Serialize;

use super::base64url;
use super::clock::{self, Clock};
use super::compact::{HEADER_B64, HEADER_JSON};
use super::error::{Error, ErrorCode};
use super::json::{self, write_string, write_u64, ClaimsView, JsonError, Slot};
use super::key::Key;
use super::options::{IssueOptions, OneOrMany};

/// Signs `claims` with HS256: any `T` that serializes (serde) to a JSON
/// object, such as your own `#[derive(Serialize)]` struct or a
/// [`Claims`](super::Claims) map.
///
/// The header is `{"alg":"HS256","typ":"JWT"}`, with `kid` when
/// [`IssueOptions::key_id`] is set. The claims keep their order; the claims
/// the options set follow them in the order `iss`, `sub`, `aud`, `jti`,
/// `iat`, `nbf`, `exp`. Time claims are whole seconds: the clock is read once
/// and rounded down.
///
/// `claims` is written as `serde_json::to_string` writes it, so map keys that
/// serde_json writes as strings (strings, integers, ...) are accepted, and a
/// member serialized as `null` (an `Option` without
/// `#[serde(skip_serializing_if = "Option::is_none")]`) is a claim.
///
/// ```
/// use edge_jwt::{issue, verify, FixedClock, IssueOptions, Key, VerifyOptions};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Debug, PartialEq)]
/// struct Session {
///     sub: String,
///     #[serde(skip_serializing_if = "Option::is_none")]
///     role: Option<String>,
/// }
///
/// # fn main() -> Result<(), edge_jwt::Error> {
/// let key = Key::new(b"at least 32 bytes of real secret!")?;
/// let now = FixedClock(1_700_000_000.0);
/// let options = IssueOptions { expires_in: Some(30 * 60), ..IssueOptions::default() };
/// let mine = Session { sub: "johndoe".into(), role: None };
/// let token = issue(&mine, &key, &options, &now)?;
///
/// let claims = verify::<edge_jwt::Claims>(&token, &key, &VerifyOptions::default(), &now)?;
/// assert_eq!(serde_json::Value::Object(claims).to_string(),
///            r#"{"sub":"johndoe","iat":1700000000,"exp":1700001800}"#);
/// assert_eq!(verify::<Session>(&token, &key, &VerifyOptions::default(), &now)?, mine);
///
/// // Claims must be an object: a list, a number, a string are not.
/// let e = issue(&["johndoe"], &key, &options, &now).unwrap_err();
/// assert_eq!(e.code(), edge_jwt::ErrorCode::InvalidClaims);
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// - `ERR_INVALID_OPTION` for an out-of-range option or clock reading.
/// - `ERR_INVALID_CLAIMS` when `claims` does not serialize to a JSON object
///   (or fails to serialize), a claim that an option sets is also in
///   `claims`, or a registered claim has the wrong type (`exp`, `nbf`, `iat`
///   must be numbers; `iss`, `sub`, `jti` strings; `aud` a string or a
///   list of strings).
#[cfg(feature = "std")]
pub fn issue<T: Serialize + ?Sized>(
    claims: &T,
    key: &Key,
    options: &IssueOptions,
    clock: &dyn Clock,
) -> Result<String, Error> {
    let json = serde_json::to_string(claims)
        .map_err(|_| Error::invalid_claims(None, "the claims cannot be serialized as JSON"))?;
    issue_json(&json, key, options, clock)
}

/// [`issue`], with the claims given as the text of a JSON object (as
/// `JSON.stringify` writes it). The text must be a strict JSON object: no
/// repeated names, nesting at most 32 deep. It is signed as given, with the
/// option-set claims appended.
///
/// # Errors
/// As [`issue`]; `ERR_INVALID_CLAIMS` when the text is not a strict JSON object.
pub fn issue_json(
    claims_json: &str,
    key: &Key,
    options: &IssueOptions,
    clock: &dyn Clock,
) -> Result<String, Error> {
    let mut token = Vec::new();
    issue_into(
        ClaimsText::Json(claims_json.as_bytes()),
        key,
        options,
        clock,
        &mut Vec::new(),
        &mut token,
        json::exact_number,
    )?;
    // Base64url and dots: ASCII.
    String::from_utf8(token).map_err(|_| Error::invalid_claims(None, "the token is not text"))
}

/// The claims' JSON text, as [`issue_into`] takes it.
pub(crate) enum ClaimsText<'a> {
    /// Any text: scanned strictly ([`json::scan`]).
    Json(&'a [u8]),
    /// Text the wasm boundary's claims writer wrote from a JavaScript object,
    /// with where each registered claim's value starts ([`json::view_at`]).
    /// Made by the wasm boundary alone.
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
    Written(&'a [u8], [Option<usize>; json::REGISTERED.len()]),
}

/// [`issue_json`] for the wasm boundary: the claims as bytes, the token's
/// bytes (ASCII) written into `token`, and `payload` as room for the payload
/// (both cleared first: buffers it keeps between calls).
pub(crate) fn issue_into(
    claims: ClaimsText<'_>,
    key: &Key,
    options: &IssueOptions,
    clock: &dyn Clock,
    payload: &mut Vec<u8>,
    token: &mut Vec<u8>,
    number: json::ReadNumber,
) -> Result<(), Error> {
    options.check()?;
    let (claims_json, claims) = match claims {
        ClaimsText::Json(text) => (text, json::scan(text, number)),
        ClaimsText::Written(text, at) => (text, json::view_at(text, &at, number)),
    };
    let claims = claims.map_err(claims_error)?;
    check_registered_claims(&claims)?;
    let now = whole_seconds(clock::read(clock)?);

    // The caller's object up to its closing brace (after the scan, only JSON
    // whitespace can be around it), then the claims the options set as
    // `"name":value` members, then the brace: one buffer, with room for the
    // usual ones (`iat` and `exp` take 34 bytes) without growing.
    let claims_json = claims_json.trim_ascii();
    let open = claims_json
        .strip_suffix(b"}")
        .ok_or_else(|| Error::invalid_claims(None, "the claims must be a JSON object"))?
        .trim_ascii_end();
    payload.clear();
    payload.reserve(open.len().saturating_add(64));
    payload.extend_from_slice(open);
    let member = |payload: &mut Vec<u8>, name: &'static str| -> Result<(), Error> {
        if claims.has_registered(name) {
            return Err(Error::invalid_claims(Some(name), conflict_message(name)));
        }
        // Right after the `{` of an empty object, no comma. (No member's
        // value ends with `{`.)
        if payload.last() != Some(&b'{') {
            payload.push(b',');
        }
        payload.push(b'"');
        payload.extend_from_slice(name.as_bytes());
        payload.extend_from_slice(b"\":");
        Ok(())
    };
    if let Some(iss) = &options.issuer {
        member(payload, "iss")?;
        write_string(payload, iss);
    }
    if let Some(sub) = &options.subject {
        member(payload, "sub")?;
        write_string(payload, sub);
    }
    if let Some(aud) = &options.audience {
        member(payload, "aud")?;
        match aud {
            OneOrMany::One(one) => write_string(payload, one),
            OneOrMany::Many(many) => {
                payload.push(b'[');
                for (i, one) in many.iter().enumerate() {
                    if i > 0 {
                        payload.push(b',');
                    }
                    write_string(payload, one);
                }
                payload.push(b']');
            }
        }
    }
    if let Some(jti) = &options.jwt_id {
        member(payload, "jti")?;
        write_string(payload, jti);
    }
    if options.issued_at {
        member(payload, "iat")?;
        write_u64(payload, now);
    }
    if let Some(nbf) = after(now, options.not_before, "notBefore")? {
        member(payload, "nbf")?;
        write_u64(payload, nbf);
    }
    if let Some(exp) = after(now, options.expires_in, "expiresIn")? {
        member(payload, "exp")?;
        write_u64(payload, exp);
    }
    if payload.len() == open.len() {
        // No option set a claim: the caller's text exactly as given.
        payload.clear();
        payload.extend_from_slice(claims_json);
    } else {
        payload.push(b'}');
    }
    // Checked before the token's buffer grows: its length is known from the
    // header's and the payload's. The header with a `kid` is made once, for both.
    let header = options.key_id.as_deref().map(header_with_kid);
    if token_length(header.as_deref(), payload.len()) > options.max_token_length {
        return Err(Error::new(
            ErrorCode::JwtTooLong,
            "the token would be longer than maxTokenLength",
        ));
    }
    sign(header.as_deref(), payload, key, token);
    Ok(())
}

/// The length of the token [`sign`] writes for `header` (see there) and a
/// payload of `payload_len` bytes.
fn token_length(header: Option<&[u8]>, payload_len: usize) -> usize {
    let header = header.map_or(HEADER_B64.len(), |json| base64_length(json.len()));
    // Two dots and the 43 characters of the tag.
    header
        .saturating_add(base64_length(payload_len))
        .saturating_add(45)
}

/// The protected header with `kid`.
fn header_with_kid(kid: &str) -> Vec<u8> {
    let mut json = HEADER_JSON.trim_end_matches('}').as_bytes().to_vec();
    json.extend_from_slice(b",\"kid\":");
    write_string(&mut json, kid);
    json.push(b'}');
    json
}

/// The length of unpadded base64url for `len` bytes.
fn base64_length(len: usize) -> usize {
    len.saturating_mul(4).div_ceil(3)
}

fn claims_error(e: JsonError) -> Error {
    Error::invalid_claims(
        None,
        match e {
            JsonError::NotObject => "the claims must be a JSON object",
            JsonError::Duplicate => "the claims repeat a member name",
            JsonError::TooDeep => "the claims nest too deeply",
            JsonError::Syntax => "the claims are not valid JSON",
            JsonError::NumberTooLarge => "the claims hold a number too large for a double",
            JsonError::LoneSurrogate => {
                "the claims hold an escaped lone surrogate, which UTF-8 cannot carry"
            }
        },
    )
}

/// The error message for a claim that an option also sets.
fn conflict_message(claim: &'static str) -> &'static str {
    match claim {
        "iat" => "claim is set both in the claims and by the issuedAt option (on by default); set issuedAt to false to supply your own",
        "exp" => "claim is set both in the claims and by the expiresIn option; use one",
        "nbf" => "claim is set both in the claims and by the notBefore option; use one",
        "iss" => "claim is set both in the claims and by the issuer option; use one",
        "sub" => "claim is set both in the claims and by the subject option; use one",
        "aud" => "claim is set both in the claims and by the audience option; use one",
        _ => "claim is set both in the claims and by the jwtId option; use one",
    }
}

/// `now + secs`.
fn after(now: u64, secs: Option<u64>, option: &str) -> Result<Option<u64>, Error> {
    secs.map(|secs| {
        now.checked_add(secs)
            .ok_or_else(|| Error::invalid_option(option, "the time is out of range"))
    })
    .transpose()
}

/// A clock reading (already checked: finite, 0 to [`clock::MAX_NOW`]) rounded down.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole_seconds(now: f64) -> u64 {
    // Not negative: truncation is the floor (and `f64::floor` needs std).
    now as u64
}

/// The registered claims the caller supplied must have their RFC 7519 types,
/// so that `issue` never writes a token that `verify` would refuse for its form.
fn check_registered_claims(claims: &ClaimsView<'_>) -> Result<(), Error> {
    let wrong = |name, message| Err(Error::invalid_claims(Some(name), message));
    for (name, slot) in [
        ("exp", &claims.exp),
        ("nbf", &claims.nbf),
        ("iat", &claims.iat),
    ] {
        if matches!(slot, Slot::WrongType) {
            return wrong(name, "claim must be a number (a NumericDate)");
        }
    }
    for (name, slot) in [
        ("iss", &claims.iss),
        ("sub", &claims.sub),
        ("jti", &claims.jti),
    ] {
        if matches!(slot, Slot::WrongType) {
            return wrong(name, "claim must be a string");
        }
    }
    if matches!(claims.aud, Slot::WrongType) {
        return wrong("aud", "claim must be a string or a list of strings");
    }
    Ok(())
}

/// `header.payload.signature`; the header is the precomputed constant
/// (`None`), or the JSON of one with `kid`.
fn sign(header: Option<&[u8]>, payload: &[u8], key: &Key, token: &mut Vec<u8>) {
    token.clear();
    token.reserve(token_length(header, payload.len()));
    match header {
        None => token.extend_from_slice(HEADER_B64.as_bytes()),
        Some(json) => base64url::encode_into(json, token),
    }
    token.push(b'.');
    base64url::encode_into(payload, token);
    let tag = key.tag(token);
    token.push(b'.');
    base64url::encode_into(&tag, token);
}
