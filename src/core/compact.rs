//! The compact serialization: `header.payload.signature`, each part canonical
//! base64url, and the protected header's rules.

use serde_json::{Map, Value};

use super::base64url;
use super::error::{Error, ErrorCode};
use super::json::{self, JsonError};

/// `{"alg":"HS256","typ":"JWT"}`, the header `issue` writes without a `kid`.
pub(crate) const HEADER_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// [`HEADER_JSON`] in base64url. A token starting with it needs no header parse.
pub(crate) const HEADER_B64: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// The three segments of a compact JWS, as received.
pub(crate) struct Parts<'a> {
    pub header: &'a str,
    pub payload: &'a str,
    pub signature: &'a str,
    /// `header.payload`: the bytes the MAC covers, exactly as received.
    pub signing_input: &'a str,
}

/// Splits a token into exactly three non-empty segments.
pub(crate) fn split(token: &str) -> Result<Parts<'_>, Error> {
    let mut segments = token.splitn(4, '.');
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

/// Decodes and checks the protected header. It must be a strict JSON object
/// with `alg` exactly `"HS256"`, and neither `crit` nor `b64`.
pub(crate) fn decode_header(segment: &str) -> Result<Map<String, Value>, Error> {
    let header = decode_json_header(segment)?;
    check_header(&header)?;
    Ok(header)
}

/// Decodes the protected header as a strict JSON object, without its rules.
pub(crate) fn decode_json_header(segment: &str) -> Result<Map<String, Value>, Error> {
    let bytes = base64url::decode(segment.as_bytes()).ok_or_else(|| {
        Error::new(
            ErrorCode::JwsInvalid,
            "the header is not canonical unpadded base64url",
        )
    })?;
    let header = json::parse_object(&bytes).map_err(|e| {
        Error::new(
            ErrorCode::JwsInvalid,
            match e {
                JsonError::Syntax => "the header is not valid UTF-8 JSON",
                JsonError::NotObject => "the header is not a JSON object",
                JsonError::Duplicate => "the header repeats a member name",
                JsonError::TooDeep => "the header nests too deeply",
            },
        )
    })?;
    Ok(header)
}

/// The header rules, apart from the JSON form.
pub(crate) fn check_header(header: &Map<String, Value>) -> Result<(), Error> {
    match header.get("alg") {
        Some(Value::String(alg)) if alg == "HS256" => {}
        Some(Value::String(_)) => {
            return Err(Error::new(
                ErrorCode::AlgNotAllowed,
                "the \"alg\" header parameter is not HS256, the only algorithm allowed",
            ))
        }
        Some(_) => {
            return Err(Error::new(
                ErrorCode::JwsInvalid,
                "the \"alg\" header parameter must be a string",
            ))
        }
        None => {
            return Err(Error::new(
                ErrorCode::JwsInvalid,
                "the \"alg\" header parameter is missing",
            ))
        }
    }
    if header.contains_key("crit") {
        return Err(Error::new(
            ErrorCode::NotSupported,
            "the \"crit\" header parameter names extensions this library does not support",
        ));
    }
    if header.contains_key("b64") {
        return Err(Error::new(
            ErrorCode::NotSupported,
            "the \"b64\" header parameter (RFC 7797 unencoded payloads) is not supported",
        ));
    }
    Ok(())
}

/// Decodes the payload and parses it as a strict JSON object. Returns the
/// object and its exact JSON text.
pub(crate) fn decode_payload(segment: &str) -> Result<(Map<String, Value>, String), Error> {
    let bytes = base64url::decode(segment.as_bytes()).ok_or_else(|| {
        Error::new(
            ErrorCode::JwsInvalid,
            "the payload is not canonical unpadded base64url",
        )
    })?;
    let invalid = |message| Error::new(ErrorCode::JwtInvalid, message);
    let map = json::parse_object(&bytes).map_err(|e| {
        invalid(match e {
            JsonError::Syntax => "the payload is not valid UTF-8 JSON",
            JsonError::NotObject => "the payload is not a JSON object",
            JsonError::Duplicate => "the payload repeats a member name",
            JsonError::TooDeep => "the payload nests too deeply",
        })
    })?;
    // Strict JSON is UTF-8 throughout, so this only re-labels the bytes.
    let text =
        String::from_utf8(bytes).map_err(|_| invalid("the payload is not valid UTF-8 JSON"))?;
    Ok((map, text))
}
