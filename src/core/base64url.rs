//! Canonical, unpadded base64url (RFC 7515 §2): the only form accepted.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// Encodes without padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Appends the encoding of `bytes` to `out`.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    URL_SAFE_NO_PAD.encode_string(bytes, out);
}

/// Decodes canonical unpadded base64url: `=`, `+`, `/`, whitespace and
/// non-zero trailing bits are all refused, so every byte string has exactly
/// one accepted encoding.
pub(crate) fn decode(text: &[u8]) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// Decodes into a fixed-size buffer; refuses any other decoded length.
pub(crate) fn decode_exact<const N: usize>(text: &[u8]) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    // A canonical encoding of N bytes has exactly this many characters.
    let want = N.checked_mul(4)?.checked_add(2)? / 3;
    if text.len() != want {
        return None;
    }
    match URL_SAFE_NO_PAD.decode_slice(text, &mut out) {
        Ok(n) if n == N => Some(out),
        _ => None,
    }
}
