//! The compact serialization: `header.payload.signature`, each part canonical
//! base64url, and the protected header's rules.

use super::base64url;
use super::error::{Error, ErrorCode};
use super::json::{ClaimsView, JsonError, Slot};

/// `{"alg":"HS256","typ":"JWT"}`, the header `issue` writes without a `kid`.
pub(crate) const HEADER_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// [`HEADER_JSON`] in base64url. A token starting with it needs no header parse.
pub(crate) const HEADER_B64: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// The three segments of a compact JWS, as received.
pub(crate) struct Parts<'a> {
    pub header: &'a [u8],
    pub payload: &'a [u8],
    pub signature: &'a [u8],
    /// `header.payload`: the bytes the MAC covers, exactly as received.
    pub signing_input: &'a [u8],
}

/// Splits a token into exactly three non-empty segments. Bytes, not text: a
/// token is ASCII, and anything else fails as base64url.
pub(crate) fn split(token: &[u8]) -> Result<Parts<'_>, Error> {
    let mut segments = token.splitn(4, |&b| b == b'.');
    let (Some(header), Some(payload), Some(signature), None) = (
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
    ) else {
        return Err(Error::new(
            ErrorCode::JwsInvalid,
            "a compact JWS has exactly three segments separated by dots",
        ));
    };
    if header.is_empty() || payload.is_empty() || signature.is_empty() {
        return Err(Error::new(ErrorCode::JwsInvalid, "a JWS segment is empty"));
    }
    // header.len() + 1 + payload.len() never exceeds token.len().
    let signing_input = token
        .get(
            ..token
                .len()
                .saturating_sub(signature.len())
                .saturating_sub(1),
        )
        .ok_or_else(|| Error::new(ErrorCode::JwsInvalid, "the token is malformed"))?;
    Ok(Parts {
        header,
        payload,
        signature,
        signing_input,
    })
}

/// Decodes the protected header segment.
pub(crate) fn decode_header(segment: &[u8]) -> Result<Vec<u8>, Error> {
    base64url::decode(segment).ok_or_else(|| {
        Error::new(
            ErrorCode::JwsInvalid,
            "the header is not canonical unpadded base64url",
        )
    })
}

/// Decodes the payload segment into `out` (cleared first).
pub(crate) fn decode_payload(segment: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
    base64url::decode_to(segment, out).ok_or_else(|| {
        Error::new(
            ErrorCode::JwsInvalid,
            "the payload is not canonical unpadded base64url",
        )
    })
}

/// A header that is not a strict JSON object is a malformed JWS.
pub(crate) fn header_error(e: JsonError) -> Error {
    Error::new(
        ErrorCode::JwsInvalid,
        match e {
            JsonError::Syntax => "the header is not valid UTF-8 JSON",
            JsonError::NotObject => "the header is not a JSON object",
            JsonError::Duplicate => "the header repeats a member name",
            JsonError::TooDeep => "the header nests too deeply",
        },
    )
}

/// A payload that is not a strict JSON object is a valid JWS but not a JWT.
pub(crate) fn payload_error(e: JsonError) -> Error {
    Error::new(
        ErrorCode::JwtInvalid,
        match e {
            JsonError::Syntax => "the payload is not valid UTF-8 JSON",
            JsonError::NotObject => "the payload is not a JSON object",
            JsonError::Duplicate => "the payload repeats a member name",
            JsonError::TooDeep => "the payload nests too deeply",
        },
    )
}

/// The header rules: `alg` exactly `"HS256"`, and neither `crit` nor `b64`.
pub(crate) fn check_header(header: &ClaimsView<'_>) -> Result<(), Error> {
    match &header.alg {
        Slot::Found(alg) if alg == "HS256" => {}
        Slot::Found(_) => {
            return Err(Error::new(
                ErrorCode::AlgNotAllowed,
                "the \"alg\" header parameter is not HS256, the only algorithm allowed",
            ))
        }
        Slot::WrongType => {
            return Err(Error::new(
                ErrorCode::JwsInvalid,
                "the \"alg\" header parameter must be a string",
            ))
        }
        Slot::Absent => {
            return Err(Error::new(
                ErrorCode::JwsInvalid,
                "the \"alg\" header parameter is missing",
            ))
        }
    }
    if header.has("crit") {
        return Err(Error::new(
            ErrorCode::NotSupported,
            "the \"crit\" header parameter names extensions this library does not support",
        ));
    }
    if header.has("b64") {
        return Err(Error::new(
            ErrorCode::NotSupported,
            "the \"b64\" header parameter (RFC 7797 unencoded payloads) is not supported",
        ));
    }
    Ok(())
}
