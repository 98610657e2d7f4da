//! The compact serialization: `header.payload.signature`, each part canonical
//! base64url, and the protected header's rules.

use super::base64url;
use super::error::{Error, ErrorCode};
use super::json::{ClaimsView, JsonError, Slot};
use alloc::vec::Vec;

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
#[inline]
pub(crate) fn split(token: &[u8]) -> Result<Parts<'_>, Error> {
    let first = dot(token, 0);
    let second = first.and_then(|at| dot(token, at.saturating_add(1)));
    let third = second.and_then(|at| dot(token, at.saturating_add(1)));
    let (Some(first), Some(second), None) = (first, second, third) else {
        return Err(Error::new(
            ErrorCode::JwsInvalid,
            "a compact JWS has exactly three segments separated by dots",
        ));
    };
    let header = token.get(..first).unwrap_or_default();
    let payload = token
        .get(first.saturating_add(1)..second)
        .unwrap_or_default();
    let signature = token.get(second.saturating_add(1)..).unwrap_or_default();
    // An empty signature is left to the header's rules: it is the form of an
    // unsecured JWS (RFC 7515 Appendix A.5), whose `alg` is "none", and
    // `ERR_JOSE_ALG_NOT_ALLOWED` says why it is refused.
    if header.is_empty() || payload.is_empty() {
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

/// Whether a header segment is [`HEADER_B64`]: compared eight bytes at a
/// time (a slice `==` is a `memcmp` call, which wasm32 runs a byte at a time).
pub(crate) fn is_standard_header(segment: &[u8]) -> bool {
    let (words, tail) = segment.as_chunks::<8>();
    let (want_words, want_tail) = HEADER_B64.as_bytes().as_chunks::<8>();
    words.len() == want_words.len()
        && words
            .iter()
            .zip(want_words)
            .all(|(a, b)| u64::from_ne_bytes(*a) == u64::from_ne_bytes(*b))
        && tail == want_tail
}

/// Where the first `.` at or after `from` is: eight bytes at a time, since
/// a token is a few hundred bytes with two dots in it.
#[inline(never)] // three calls in `split`: one copy of the loop
fn dot(bytes: &[u8], from: usize) -> Option<usize> {
    const DOTS: u64 = u64::from_ne_bytes([b'.'; 8]);
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let rest = bytes.get(from..)?;
    let (words, tail) = rest.as_chunks::<8>();
    let mut at = from;
    for word in words {
        // A dot is a zero byte of `x`. The lowest bit set in `found` is the
        // high bit of the first zero byte (a borrow can only mark bytes
        // above a zero one).
        let x = u64::from_le_bytes(*word) ^ DOTS;
        let found = x.wrapping_sub(ONES) & !x & HIGHS;
        if found != 0 {
            return Some(at.saturating_add((found.trailing_zeros() / 8) as usize));
        }
        at = at.saturating_add(8);
    }
    tail.iter()
        .position(|&b| b == b'.')
        .map(|i| at.saturating_add(i))
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
            JsonError::NumberTooLarge => "the header holds a number too large for a double",
            JsonError::LoneSurrogate => {
                "the header holds an escaped lone surrogate, which UTF-8 cannot carry"
            }
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
            JsonError::NumberTooLarge => "the payload holds a number too large for a double (such as 1e400), which JSON.parse would read as Infinity",
            JsonError::LoneSurrogate => "the payload holds an escaped lone surrogate (such as \\ud800), which UTF-8 cannot carry",
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

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
mod tests {
    use super::{dot, is_standard_header, split, HEADER_B64};

    #[test]
    fn finds_every_dot_as_a_byte_search_does() {
        // Near misses of '.' (0x2e) in every lane: 0x2f, 0x2d, 0xae, 0x00, 0xff.
        let fill = [b'a', 0x2f, 0x2d, 0xae, 0x00, 0xff, b'.'];
        for len in 0..40 {
            for seed in 0..fill.len() {
                let mut bytes: Vec<u8> = (0..len)
                    .map(|i| fill[(i * 7 + seed) % fill.len()])
                    .collect();
                for from in 0..=len {
                    let naive = bytes[from..]
                        .iter()
                        .position(|&b| b == b'.')
                        .map(|i| from + i);
                    assert_eq!(dot(&bytes, from), naive, "{bytes:?} from {from}");
                }
                // And with no dot at all.
                bytes.retain(|&b| b != b'.');
                assert_eq!(dot(&bytes, 0), None);
            }
        }
        assert_eq!(dot(b"abc", 4), None);
    }

    #[test]
    fn only_the_standard_header_is_standard() {
        assert!(is_standard_header(HEADER_B64.as_bytes()));
        let standard = HEADER_B64.as_bytes();
        for i in 0..standard.len() {
            let mut other = standard.to_vec();
            other[i] ^= 1;
            assert!(!is_standard_header(&other), "byte {i}");
            assert!(!is_standard_header(&standard[..i]), "prefix {i}");
        }
        let mut longer = standard.to_vec();
        longer.push(b'A');
        assert!(!is_standard_header(&longer));
        assert!(!is_standard_header(b""));
    }

    #[test]
    fn splits_into_exactly_three_segments() {
        for dots in 0..6 {
            for len in 1..30 {
                let token: Vec<u8> = (0..dots * len + len)
                    .map(|i| {
                        if i % len == len - 1 && i / len < dots {
                            b'.'
                        } else {
                            b'x'
                        }
                    })
                    .collect();
                let naive: Vec<&[u8]> = token.split(|&b| b == b'.').collect();
                match split(&token) {
                    Ok(parts) => {
                        assert_eq!(naive.len(), 3, "{token:?}");
                        assert_eq!(
                            [parts.header, parts.payload, parts.signature],
                            [naive[0], naive[1], naive[2]]
                        );
                        assert_eq!(
                            parts.signing_input,
                            &token[..naive[0].len() + 1 + naive[1].len()]
                        );
                    }
                    Err(_) => assert!(
                        naive.len() != 3 || naive.iter().any(|s| s.is_empty()),
                        "{token:?}"
                    ),
                }
            }
        }
    }
}
