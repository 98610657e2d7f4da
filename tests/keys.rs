//! Keys (RFC 7518 §3.2) and durations.
// Tests may panic: a failed assertion is how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use common::{at, claims};
use edge_jwt::{
    issue, parse_duration, verify, Claims, ErrorCode, IssueOptions, Key, VerifyOptions,
};

#[test]
fn keys_shorter_than_32_bytes_need_the_opt_in() {
    assert_eq!(
        Key::new(&[7; 31]).unwrap_err().code(),
        ErrorCode::KeyTooShort
    );
    assert!(Key::new(&[7; 32]).is_ok());
    assert!(
        Key::new(&[7; 200]).is_ok(),
        "longer than a block: hashed first"
    );
    assert_eq!(Key::new(b"").unwrap_err().code(), ErrorCode::KeyEmpty);
    assert_eq!(
        Key::new_allowing_short(b"").unwrap_err().code(),
        ErrorCode::KeyEmpty
    );
    // The FastAPI tutorial's key, through the explicit opt-in.
    let legacy = Key::new_allowing_short(b"mysecretkey").unwrap();
    let t = issue(
        &claims(r#"{"sub":"johndoe"}"#),
        &legacy,
        &IssueOptions {
            expires_in: Some(1800),
            ..IssueOptions::default()
        },
        &at(0.0),
    )
    .unwrap();
    assert!(verify::<Claims>(&t, &legacy, &VerifyOptions::default(), &at(0.0)).is_ok());
    // Not with another key, even one that shares a prefix.
    let other = Key::new_allowing_short(b"mysecretkey2").unwrap();
    let e = verify::<Claims>(&t, &other, &VerifyOptions::default(), &at(0.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SignatureVerificationFailed);
}

#[test]
fn a_key_matches_an_independent_hmac() {
    // With iat off, the signing input is fixed, so the whole token is too.
    let key = Key::new_allowing_short(b"key").unwrap();
    let t = issue(
        &claims("{}"),
        &key,
        &IssueOptions {
            issued_at: false,
            ..IssueOptions::default()
        },
        &at(0.0),
    )
    .unwrap();
    // Computed with Python: hmac.new(b"key", b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30", sha256)
    assert_eq!(
        t,
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.9EmJDfAi6fqc_FoO3yD77spdi7QZX-s9VzN89vOaOp0"
    );
}

/// The HMAC is edge-jwt's own (`src/core/key.rs`, over sha2's compression
/// function); the `hmac` crate is the oracle. Signing inputs of every length
/// modulo the 64-byte block (so every padding case: the length fits after the
/// 0x80 byte, or spills into a second block), and keys around each block
/// boundary (short, exactly a block, hashed first).
#[test]
fn the_tag_is_the_hmac_crates_at_every_padding_boundary() {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
    use hmac::{Hmac, KeyInit, Mac};

    let mut residues = std::collections::BTreeSet::new();
    for key_len in [1, 11, 31, 32, 33, 55, 56, 63, 64, 65, 127, 128, 129, 200] {
        let secret: Vec<u8> = (0..key_len).map(|i| (i * 7 + 3) as u8).collect();
        let key = Key::new_allowing_short(&secret).unwrap();
        for kid in ["", "a", "ab", "abc"] {
            for pad in 0..=140 {
                let options = IssueOptions {
                    issued_at: false,
                    key_id: (!kid.is_empty()).then(|| kid.to_owned()),
                    ..IssueOptions::default()
                };
                let body = format!(r#"{{"p":"{}"}}"#, "x".repeat(pad));
                let t = issue(&claims(&body), &key, &options, &at(0.0)).unwrap();
                let (input, tag) = t.rsplit_once('.').unwrap();
                let mut oracle = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&secret).unwrap();
                oracle.update(input.as_bytes());
                let want = URL_SAFE_NO_PAD.encode(oracle.finalize().into_bytes());
                assert_eq!(
                    tag,
                    want,
                    "key of {key_len} bytes, input of {} bytes",
                    input.len()
                );
                residues.insert(input.len() % 64);
            }
        }
    }
    assert_eq!(residues.len(), 64, "every length modulo the block size");
}

#[test]
fn debug_never_shows_the_key() {
    let secret = b"0123456789abcdef0123456789abcdef";
    let shown = format!("{:?}", Key::new(secret).unwrap());
    assert_eq!(shown, "Key { alg: \"HS256\", .. }");
    let e = Key::new(b"short secret").unwrap_err();
    assert!(!format!("{e} {e:?}").contains("short secret"));
}

#[test]
fn durations() {
    for (text, secs) in [
        ("0s", 0),
        ("45s", 45),
        ("30m", 1800),
        ("2h", 7200),
        ("7d", 604_800),
        ("1w", 604_800),
        ("5217w", 3_155_241_600),
    ] {
        assert_eq!(parse_duration(text, "expiresIn"), Ok(secs), "{text}");
    }
    for text in [
        "",
        "30",
        "m",
        "30 m",
        " 30m",
        "30m ",
        "30M",
        "1.5h",
        "-5m",
        "+5m",
        "30mm",
        "30min",
        "5218w",
        "99999999999999d",
        "３０m",
    ] {
        let e = parse_duration(text, "expiresIn").unwrap_err();
        assert_eq!(
            (e.code(), e.option_name()),
            (ErrorCode::InvalidOption, Some("expiresIn")),
            "{text:?}"
        );
    }
}
