//! Canonical, unpadded base64url (RFC 7515 §2, RFC 4648 §5): the only form
//! accepted. Written here rather than taken from the `base64` crate (which the
//! tests use as the oracle): a JWT needs one alphabet, no padding and strict
//! decoding, and the general engine was 7 KB of the wasm and slower on the
//! short inputs a token has.

use alloc::vec::Vec;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Marks a byte that is not in the alphabet.
const NOT: u8 = 0xff;

/// The value of each byte in the alphabet, [`NOT`] for every other byte.
#[allow(clippy::indexing_slicing)] // const evaluation: out of range fails the build
const VALUES: [u8; 256] = {
    let mut values = [NOT; 256];
    let mut i = 0;
    while i < 64 {
        values[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    values
};

fn symbol(six_bits: u32) -> u8 {
    // `& 63` keeps the index in range, so the fallback never happens.
    ALPHABET
        .get((six_bits & 63) as usize)
        .copied()
        .unwrap_or(b'A')
}

/// Encodes without padding.
#[cfg(test)]
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    encode_into(bytes, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the encoding of `bytes` (ASCII) to `out`.
pub(crate) fn encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    // 4 symbols per 3 bytes, and 2 or 3 for the 1 or 2 left over.
    let len = (bytes.len() / 3)
        .saturating_mul(4)
        .saturating_add([0, 2, 3].get(bytes.len() % 3).copied().unwrap_or(0));
    // Sized once, then written in place: no capacity check per group.
    out.resize(start.saturating_add(len), 0);
    let Some(room) = out.get_mut(start..) else {
        return;
    };
    // Arrays, not slices: no length test per group.
    let (triples, bytes_rest) = bytes.as_chunks::<3>();
    let (groups, room_rest) = room.as_chunks_mut::<4>();
    for (&[a, b, c], [w, x, y, z]) in triples.iter().zip(groups) {
        let n = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
        (*w, *x, *y, *z) = (symbol(n >> 18), symbol(n >> 12), symbol(n >> 6), symbol(n));
    }
    match (bytes_rest, room_rest) {
        (&[a], [w, x]) => {
            let n = u32::from(a) << 16;
            (*w, *x) = (symbol(n >> 18), symbol(n >> 12));
        }
        (&[a, b], [w, x, y]) => {
            let n = u32::from(a) << 16 | u32::from(b) << 8;
            (*w, *x, *y) = (symbol(n >> 18), symbol(n >> 12), symbol(n >> 6));
        }
        _ => {}
    }
}

/// The value of one symbol, [`NOT`] for a byte outside the alphabet.
fn raw(byte: u8) -> u8 {
    // A u8 indexes 256 entries: the fallback never happens.
    VALUES.get(usize::from(byte)).copied().unwrap_or(NOT)
}

/// The value of one symbol, `None` for a byte outside the alphabet.
fn value(byte: u8) -> Option<u32> {
    let v = raw(byte);
    (v != NOT).then_some(u32::from(v))
}

/// How many bytes `len` symbols of canonical unpadded base64url carry;
/// `None` for a length no encoding has (one symbol alone carries no byte).
fn decoded_len(len: usize) -> Option<usize> {
    let tail = match len % 4 {
        0 => 0,
        2 => 1,
        3 => 2,
        _ => return None,
    };
    (len / 4).checked_mul(3)?.checked_add(tail)
}

/// Decodes canonical unpadded base64url: `=`, `+`, `/`, whitespace and
/// non-zero trailing bits are all refused, so every byte string has exactly
/// one accepted encoding.
pub(crate) fn decode(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    decode_to(text, &mut out)?;
    Some(out)
}

/// [`decode`] into `out` (cleared first), reusing its allocation.
#[inline]
pub(crate) fn decode_to(text: &[u8], out: &mut Vec<u8>) -> Option<()> {
    out.clear();
    out.resize(decoded_len(text.len())?, 0);
    decode_into(text, out)
}

/// Decodes into a fixed-size buffer; refuses any other decoded length.
pub(crate) fn decode_exact<const N: usize>(text: &[u8]) -> Option<[u8; N]> {
    if decoded_len(text.len())? != N {
        return None;
    }
    let mut out = [0u8; N];
    decode_into(text, &mut out)?;
    Some(out)
}

/// Decodes `text` into `out`, which holds exactly [`decoded_len`] bytes.
fn decode_into(text: &[u8], out: &mut [u8]) -> Option<()> {
    // Arrays, not slices: no length test per group.
    let (groups, text_rest) = text.as_chunks::<4>();
    let (triples, out_rest) = out.as_chunks_mut::<3>();
    for (&[a, b, c, d], [x, y, z]) in groups.iter().zip(triples) {
        let (a, b, c, d) = (raw(a), raw(b), raw(c), raw(d));
        // One test for the four: NOT has the high bit, no value has.
        if (a | b | c | d) & 0x80 != 0 {
            return None;
        }
        let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        *x = (n >> 16) as u8;
        *y = (n >> 8) as u8;
        *z = n as u8;
    }
    match (text_rest, out_rest) {
        ([], []) => {}
        (&[a, b], [x]) => {
            let n = value(a)? << 18 | value(b)? << 12;
            // 12 bits carry 8: the last 4 must be zero.
            if n & 0xffff != 0 {
                return None;
            }
            *x = (n >> 16) as u8;
        }
        (&[a, b, c], [x, y]) => {
            let n = value(a)? << 18 | value(b)? << 12 | value(c)? << 6;
            // 18 bits carry 16: the last 2 must be zero.
            if n & 0xff != 0 {
                return None;
            }
            *x = (n >> 16) as u8;
            *y = (n >> 8) as u8;
        }
        _ => return None,
    }
    Some(())
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;

    /// The `base64` crate's strict URL_SAFE_NO_PAD is the oracle.
    fn oracle(text: &[u8]) -> Option<Vec<u8>> {
        URL_SAFE_NO_PAD.decode(text).ok()
    }

    #[test]
    fn encoding_matches_the_oracle_at_every_length() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            let text = encode(&bytes);
            assert_eq!(text, URL_SAFE_NO_PAD.encode(&bytes));
            assert_eq!(decode(text.as_bytes()), Some(bytes));
        }
    }

    #[test]
    fn decoding_agrees_with_the_oracle_on_every_short_string() {
        let symbols: Vec<u8> = ALPHABET.iter().copied().chain(*b"=+/ .\0\xff").collect();
        let mut text = Vec::new();
        for a in &symbols {
            for b in &symbols {
                for c in &symbols {
                    for len in 1..=3 {
                        text.clear();
                        text.extend_from_slice(&[*a, *b, *c][..len]);
                        assert_eq!(decode(&text), oracle(&text), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn decoding_agrees_with_the_oracle_on_mutated_tokens() {
        let base = encode(b"{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}");
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut text = base.clone().into_bytes();
            let at = (state % text.len() as u64) as usize;
            match (state >> 32) % 3 {
                0 => text[at] = (state >> 40) as u8,
                1 => drop(text.remove(at)),
                _ => text.truncate(at),
            }
            assert_eq!(decode(&text), oracle(&text), "{text:?}");
        }
    }

    #[test]
    fn rfc_4648_vectors_in_the_url_alphabet() {
        let cases: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (bytes, text) in cases {
            assert_eq!(encode(bytes), text);
            assert_eq!(decode(text.as_bytes()).as_deref(), Some(bytes));
        }
        assert_eq!(encode(&[0xfb, 0xff, 0xbf]), "-_-_");
        assert_eq!(decode(b"-_-_").as_deref(), Some(&[0xfb, 0xff, 0xbf][..]));
    }

    #[test]
    fn every_non_canonical_form_is_refused() {
        for bad in [
            &b"Zg=="[..],
            b"Zm8=",
            b"Z",
            b"Zm9vY",
            b"Zh",   // trailing bits set (Zg is canonical)
            b"Zm9",  // trailing bits set (Zm8 is canonical)
            b"+/+/", // the standard alphabet
            b"Zm 9v",
            b"Zm9v\n",
        ] {
            assert_eq!(decode(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
