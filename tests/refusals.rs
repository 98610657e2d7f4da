//! Every refusal of the strict defaults (RFC 8725), each asserting its code.
//! Tokens are forged with a valid MAC so that each test isolates one rule.
// Tests may panic: a failed assertion is how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use common::{at, b64, forge, forge_claims, key, sign_input, SECRET};
use edge_jwt::{verify, Claims, Error, ErrorCode, OneOrMany, VerifyOptions};

const NOW: f64 = 1000.0;

/// Verifies at `NOW`. The tokens here carry no `exp`, so each test isolates
/// its own rule by opting out of requiring it (`tests/time_rules.rs` tests
/// that default).
fn check(token: &str, options: &VerifyOptions) -> Result<(), Error> {
    let options = VerifyOptions {
        allow_missing_exp: true,
        ..options.clone()
    };
    verify::<Claims>(token, &key(), &options, &at(NOW)).map(|_| ())
}

fn refused(token: &str) -> ErrorCode {
    refused_with(token, &VerifyOptions::default())
}

fn refused_with(token: &str, options: &VerifyOptions) -> ErrorCode {
    match check(token, options) {
        Ok(()) => panic!("accepted: {token}"),
        Err(e) => {
            assert!(
                token.len() < 4 || !e.to_string().contains(token),
                "the message shows the token"
            );
            e.code()
        }
    }
}

fn with_header(header: &str) -> String {
    forge(header.as_bytes(), br#"{"sub":"a"}"#, SECRET)
}

#[test]
fn a_well_formed_token_passes() {
    assert!(check(&forge_claims(r#"{"sub":"a"}"#), &VerifyOptions::default()).is_ok());
    // Other header members (kid, jku, jwk, x5u, cty) are allowed and ignored.
    let h = r#"{"alg":"HS256","kid":"other","jku":"https://evil.example/jwks","jwk":{"kty":"oct","k":"AA"},"x5u":"https://evil.example/x"}"#;
    assert!(check(&with_header(h), &VerifyOptions::default()).is_ok());
}

#[test]
fn only_hs256_is_allowed() {
    for alg in [
        r#""none""#,
        r#""None""#,
        r#""NONE""#,
        r#""HS384""#,
        r#""HS512""#,
        r#""RS256""#,
        r#""ES256""#,
        r#""hs256""#,
        r#""HS256 ""#,
        r#""""#,
    ] {
        let h = format!(r#"{{"alg":{alg},"typ":"JWT"}}"#);
        assert_eq!(
            refused(&with_header(&h)),
            ErrorCode::AlgNotAllowed,
            "alg {alg}"
        );
    }
    for alg in ["null", "256", "true", r#"["HS256"]"#, r#"{"name":"HS256"}"#] {
        let h = format!(r#"{{"alg":{alg},"typ":"JWT"}}"#);
        assert_eq!(
            refused(&with_header(&h)),
            ErrorCode::JwsInvalid,
            "alg {alg}"
        );
    }
    assert_eq!(
        refused(&with_header(r#"{"typ":"JWT"}"#)),
        ErrorCode::JwsInvalid,
        "missing alg"
    );
}

#[test]
fn alg_none_with_an_empty_signature_is_refused() {
    let input = format!("{}.{}", b64(br#"{"alg":"none"}"#), b64(br#"{"sub":"a"}"#));
    // Classic stripping. An empty signature is the unsecured form, and the
    // header says why it is refused: its alg.
    assert_eq!(refused(&format!("{input}.")), ErrorCode::AlgNotAllowed);
    // No signature segment at all is not a compact JWS.
    assert_eq!(refused(&input), ErrorCode::JwsInvalid);
    // An HS256 header with an empty signature: the signature's form.
    let hs256 = format!("{}.{}.", b64(br#"{"alg":"HS256"}"#), b64(br#"{"sub":"a"}"#));
    let e = verify::<Claims>(&hs256, &key(), &VerifyOptions::default(), &at(NOW)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::JwsInvalid);
    assert!(e.to_string().contains("signature"), "{e}");
}

#[test]
fn payloads_that_json_cannot_round_trip_say_which_rule_refused_them() {
    for (payload, says) in [
        (r#"{"n":1e400}"#, "a number too large for a double"),
        (
            &format!(r#"{{"n":{}}}"#, "9".repeat(310)),
            "a number too large for a double",
        ),
        (r#"{"s":"\ud800"}"#, "an escaped lone surrogate"),
        (r#"{"s":"\udfff"}"#, "an escaped lone surrogate"),
        (r#"{"s":"\ud800\u0041"}"#, "an escaped lone surrogate"),
    ] {
        let e = verify::<Claims>(
            &forge_claims(payload),
            &key(),
            &VerifyOptions::default(),
            &at(NOW),
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::JwtInvalid, "{payload}");
        assert!(e.to_string().contains(says), "{payload}: {e}");
        assert!(
            !e.to_string().contains("not valid UTF-8 JSON"),
            "{payload}: {e}"
        );
    }
}

#[test]
fn crit_and_b64_are_not_supported() {
    for h in [
        r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
        r#"{"alg":"HS256","crit":[]}"#,
        r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#,
        r#"{"alg":"HS256","b64":true}"#,
        r#"{"alg":"HS256","b64":false}"#,
    ] {
        assert_eq!(refused(&with_header(h)), ErrorCode::NotSupported, "{h}");
    }
}

#[test]
fn exactly_three_non_empty_segments() {
    let good = forge_claims(r#"{"sub":"a"}"#);
    let (hp, sig) = good.rsplit_once('.').unwrap();
    let (h, p) = hp.split_once('.').unwrap();
    for bad in [
        String::new(),
        ".".to_owned(),
        "..".to_owned(),
        "...".to_owned(),
        h.to_owned(),
        format!("{h}.{p}"),
        format!("{good}."),
        format!("{good}.{sig}"),
        format!(".{p}.{sig}"),
        format!("{h}..{sig}"),
        format!("{h}.{p}."),
        format!("{h}.{p}.{sig}.x.y"),
    ] {
        assert_eq!(refused(&bad), ErrorCode::JwsInvalid, "{bad:?}");
    }
}

#[test]
fn base64url_must_be_canonical_and_unpadded() {
    // 22 and 11 bytes: both encodings end in a partial group with unused bits.
    let header = b64(br#"{"alg":"HS256","x":12}"#);
    let payload = b64(br#"{"sub":"a"}"#);
    let cases: Vec<(String, &str)> = vec![
        (format!("{header}.{payload}="), "padding"),
        (format!("{header}=.{payload}"), "padding on the header"),
        (
            format!(
                "{header}.{}",
                payload.replace('_', "/").replace('-', "+") + "+"
            ),
            "standard alphabet",
        ),
        (format!("{header}.{payload} "), "trailing space"),
        (format!("{header}.\n{payload}"), "newline"),
        (
            format!("{header}.{}", flip_trailing_bits(&payload)),
            "non-zero trailing bits",
        ),
        (
            format!("{}.{payload}", flip_trailing_bits(&header)),
            "non-zero trailing bits in the header",
        ),
        (format!("{header}.{payload}AA"), "impossible length (4n+1)"),
    ];
    for (input, what) in cases {
        // Sign the exact bytes, so only the encoding rule can refuse them.
        assert_eq!(
            refused(&sign_input(&input, SECRET)),
            ErrorCode::JwsInvalid,
            "{what}"
        );
    }
    // The signature itself: padded, or with trailing bits set.
    let good = forge_claims(r#"{"sub":"a"}"#);
    assert_eq!(
        refused(&format!("{good}=")),
        ErrorCode::JwsInvalid,
        "padded signature"
    );
    let (hp, sig) = good.rsplit_once('.').unwrap();
    assert_eq!(
        refused(&format!("{hp}.{}", flip_trailing_bits(sig))),
        ErrorCode::JwsInvalid,
        "signature trailing bits"
    );
    // A 31- or 33-byte signature.
    assert_eq!(
        refused(&format!("{hp}.{}", b64(&[7u8; 31]))),
        ErrorCode::JwsInvalid
    );
    assert_eq!(
        refused(&format!("{hp}.{}", b64(&[7u8; 33]))),
        ErrorCode::JwsInvalid
    );
}

/// Sets an unused low bit of the last character (same bytes, other text).
fn flip_trailing_bits(seg: &str) -> String {
    assert_ne!(seg.len() % 4, 0, "needs a partial last group");
    let mut chars: Vec<u8> = seg.bytes().collect();
    let last = chars.last_mut().unwrap();
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let idx = ALPHABET.iter().position(|c| c == last).unwrap();
    *last = ALPHABET[idx | 1];
    assert_ne!(&String::from_utf8(chars.clone()).unwrap(), seg);
    String::from_utf8(chars).unwrap()
}

#[test]
fn headers_must_be_strict_json_objects() {
    let cases: &[(&[u8], &str)] = &[
        (b"not json", "not JSON"),
        (b"[\"alg\",\"HS256\"]", "an array"),
        (b"\"HS256\"", "a string"),
        (b"null", "null"),
        (br#"{"alg":"HS256","alg":"HS256"}"#, "duplicate alg"),
        (
            br#"{"alg":"none","alg":"HS256"}"#,
            "duplicate alg, last wins elsewhere",
        ),
        (br#"{"alg":"HS256","x":{"a":1,"a":2}}"#, "nested duplicate"),
        (
            br#"{"alg":"HS256","\u0061lg":"none"}"#,
            "duplicate alg spelled with an escape",
        ),
        (b"{\"alg\":\"HS256\",\"x\":\"\xff\"}", "invalid UTF-8"),
        (br#"{"alg":"HS256","x":"\ud800"}"#, "lone surrogate"),
        (br#"{"alg":"HS256"} {}"#, "trailing data"),
        (br#"{"alg":"HS256",}"#, "trailing comma"),
        (b"\xef\xbb\xbf{\"alg\":\"HS256\"}", "byte order mark"),
    ];
    for (header, what) in cases {
        let token = forge(header, br#"{"sub":"a"}"#, SECRET);
        assert_eq!(refused(&token), ErrorCode::JwsInvalid, "header: {what}");
    }
}

#[test]
fn payloads_must_be_strict_json_objects() {
    let cases: &[(&[u8], &str)] = &[
        (b"not json", "not JSON"),
        (b"[1,2]", "an array"),
        (b"42", "a number"),
        (b"\"sub\"", "a string"),
        (br#"{"exp":1,"exp":9999999999}"#, "duplicate exp"),
        (
            br#"{"sub":"a","x":[{"k":1,"k":1}]}"#,
            "duplicate inside an array",
        ),
        (
            br#"{"exp":1,"\u0065xp":9999999999}"#,
            "duplicate spelled with an escape",
        ),
        (
            b"{\"x\":{\"\\u00e9\":1,\"\xc3\xa9\":2}}",
            "nested duplicate, escaped and raw UTF-8",
        ),
        (b"{\"sub\":\"\xc3\x28\"}", "invalid UTF-8"),
        (b"{\"sub\":\"a\"", "truncated"),
        (br#"{"n":NaN}"#, "NaN"),
        (br#"{"n":01}"#, "leading zero"),
    ];
    for (payload, what) in cases {
        let token = forge(br#"{"alg":"HS256","typ":"JWT"}"#, payload, SECRET);
        assert_eq!(refused(&token), ErrorCode::JwtInvalid, "payload: {what}");
    }
}

#[test]
fn nesting_is_bounded() {
    let depth = edge_jwt::MAX_DEPTH as usize;
    // The outer object is level 1; `depth - 1` arrays inside it reach the bound exactly.
    let ok = format!(
        "{{\"x\":{}{}}}",
        "[".repeat(depth - 1),
        "]".repeat(depth - 1)
    );
    assert!(check(&forge_claims(&ok), &VerifyOptions::default()).is_ok());
    let deep = format!("{{\"x\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
    assert_eq!(refused(&forge_claims(&deep)), ErrorCode::JwtInvalid);
    // Far deeper than serde_json's own limit: still an error, never a stack overflow.
    let abyss = format!("{{\"x\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let opts = VerifyOptions {
        max_token_length: 1024 * 1024,
        ..VerifyOptions::default()
    };
    assert_eq!(
        refused_with(&forge_claims(&abyss), &opts),
        ErrorCode::JwtInvalid
    );
    let header = format!(
        "{{\"alg\":\"HS256\",\"x\":{}{}}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    assert_eq!(refused(&with_header(&header)), ErrorCode::JwsInvalid);
}

#[test]
fn the_length_limit_comes_before_any_decoding() {
    let limit = edge_jwt::DEFAULT_MAX_TOKEN_LENGTH;
    // Garbage that would be JWS_INVALID if it were decoded.
    assert_eq!(refused(&"!".repeat(limit + 1)), ErrorCode::JwtTooLong);
    let big = forge_claims(&format!(r#"{{"pad":"{}"}}"#, "x".repeat(limit)));
    assert_eq!(refused(&big), ErrorCode::JwtTooLong);
    let opts = VerifyOptions {
        max_token_length: big.len(),
        ..VerifyOptions::default()
    };
    assert!(check(&big, &opts).is_ok());
    let opts = VerifyOptions {
        max_token_length: big.len() - 1,
        ..VerifyOptions::default()
    };
    assert_eq!(refused_with(&big, &opts), ErrorCode::JwtTooLong);
}

#[test]
fn the_mac_is_checked_before_the_claims() {
    // Expired, wrong issuer, invalid payload: all signed with another key.
    let other = b"another 32-byte secret, not ours";
    let opts = VerifyOptions {
        issuer: Some("me".into()),
        ..VerifyOptions::default()
    };
    for payload in [&br#"{"exp":1}"#[..], br#"{"iss":"you"}"#, b"not json"] {
        let token = forge(br#"{"alg":"HS256"}"#, payload, other);
        assert_eq!(
            refused_with(&token, &opts),
            ErrorCode::SignatureVerificationFailed
        );
    }
}

#[test]
fn any_changed_byte_fails() {
    let token = forge_claims(r#"{"sub":"a","exp":2000}"#);
    assert!(check(&token, &VerifyOptions::default()).is_ok());
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    for i in 0..token.len() {
        let mut bytes = token.clone().into_bytes();
        let orig = bytes[i];
        bytes[i] = *alphabet.iter().find(|&&c| c != orig && c != b'.').unwrap();
        let tampered = String::from_utf8(bytes).unwrap();
        // Whatever the change broke first (the header, the form, the MAC), it fails.
        refused(&tampered);
    }
}

#[test]
fn typ_is_checked_when_asked() {
    let opts = |t: &str| VerifyOptions {
        typ: Some(t.to_owned()),
        ..VerifyOptions::default()
    };
    let std_token = forge_claims(r#"{"sub":"a"}"#);
    assert!(check(&std_token, &opts("JWT")).is_ok());
    assert!(check(&std_token, &opts("application/jwt")).is_ok());
    assert_eq!(
        refused_with(&std_token, &opts("at+jwt")),
        ErrorCode::ClaimValidationFailed
    );
    let no_typ = with_header(r#"{"alg":"HS256"}"#);
    assert!(check(&no_typ, &VerifyOptions::default()).is_ok());
    assert_eq!(
        refused_with(&no_typ, &opts("JWT")),
        ErrorCode::ClaimValidationFailed
    );
    let numeric_typ = with_header(r#"{"alg":"HS256","typ":1}"#);
    assert_eq!(
        refused_with(&numeric_typ, &opts("JWT")),
        ErrorCode::ClaimValidationFailed
    );
}

fn claim_error(token: &str, options: &VerifyOptions) -> (String, &'static str) {
    let e = verify::<Claims>(token, &key(), options, &at(NOW)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ClaimValidationFailed, "{e}");
    (
        e.claim_name().unwrap().to_owned(),
        e.reason().unwrap().as_str(),
    )
}

#[test]
fn issuer_subject_audience_and_required_claims() {
    let t = forge_claims(r#"{"iss":"a","sub":"u1","aud":["x","y"],"role":"admin"}"#);
    let o = |f: fn(&mut VerifyOptions)| {
        let mut o = VerifyOptions::default();
        f(&mut o);
        o
    };
    assert!(check(&t, &o(|o| o.issuer = Some("a".into()))).is_ok());
    assert!(check(
        &t,
        &o(|o| o.issuer = Some(OneOrMany::Many(vec!["b".into(), "a".into()])))
    )
    .is_ok());
    assert_eq!(
        claim_error(&t, &o(|o| o.issuer = Some("b".into()))),
        ("iss".into(), "check_failed")
    );
    assert!(check(&t, &o(|o| o.subject = Some("u1".into()))).is_ok());
    assert_eq!(
        claim_error(&t, &o(|o| o.subject = Some("u2".into()))),
        ("sub".into(), "check_failed")
    );
    assert!(check(&t, &o(|o| o.audience = Some("y".into()))).is_ok());
    assert!(check(
        &t,
        &o(|o| o.audience = Some(OneOrMany::Many(vec!["z".into(), "x".into()])))
    )
    .is_ok());
    assert_eq!(
        claim_error(&t, &o(|o| o.audience = Some("z".into()))),
        ("aud".into(), "check_failed")
    );
    assert!(check(
        &t,
        &o(|o| o.required_claims = vec!["role".into(), "iss".into()])
    )
    .is_ok());
    assert_eq!(
        claim_error(&t, &o(|o| o.required_claims = vec!["exp".into()])),
        ("exp".into(), "missing")
    );

    // An option that names a claim makes it required.
    let bare = forge_claims(r#"{"x":1}"#);
    assert_eq!(
        claim_error(&bare, &o(|o| o.issuer = Some("a".into()))),
        ("iss".into(), "missing")
    );
    assert_eq!(
        claim_error(&bare, &o(|o| o.subject = Some("a".into()))),
        ("sub".into(), "missing")
    );
    assert_eq!(
        claim_error(&bare, &o(|o| o.audience = Some("a".into()))),
        ("aud".into(), "missing")
    );

    // Type confusion: the right value in the wrong type never matches.
    let confused = forge_claims(r#"{"iss":["a"],"sub":1,"aud":{"x":1}}"#);
    assert_eq!(
        claim_error(&confused, &o(|o| o.issuer = Some("a".into()))),
        ("iss".into(), "invalid")
    );
    assert_eq!(
        claim_error(&confused, &o(|o| o.subject = Some("1".into()))),
        ("sub".into(), "invalid")
    );
    assert_eq!(
        claim_error(&confused, &o(|o| o.audience = Some("x".into()))),
        ("aud".into(), "invalid")
    );
    let mixed = forge_claims(r#"{"aud":["x",1]}"#);
    assert_eq!(
        claim_error(&mixed, &o(|o| o.audience = Some("x".into()))),
        ("aud".into(), "invalid")
    );
    let single = forge_claims(r#"{"aud":"x"}"#);
    assert!(check(&single, &o(|o| o.audience = Some("x".into()))).is_ok());
}

#[test]
fn verify_options_are_checked() {
    let t = forge_claims(r#"{"sub":"a"}"#);
    let cases: Vec<(VerifyOptions, &str)> = vec![
        (
            VerifyOptions {
                leeway: 86_401,
                ..VerifyOptions::default()
            },
            "leeway",
        ),
        (
            VerifyOptions {
                max_age: Some(edge_jwt::MAX_DURATION_SECS + 1),
                ..VerifyOptions::default()
            },
            "maxAge",
        ),
        (
            VerifyOptions {
                issuer: Some(OneOrMany::Many(vec![])),
                ..VerifyOptions::default()
            },
            "issuer",
        ),
        (
            VerifyOptions {
                audience: Some(OneOrMany::Many(vec![])),
                ..VerifyOptions::default()
            },
            "audience",
        ),
        (
            VerifyOptions {
                required_claims: vec![String::new()],
                ..VerifyOptions::default()
            },
            "requiredClaims",
        ),
        (
            VerifyOptions {
                max_token_length: 0,
                ..VerifyOptions::default()
            },
            "maxTokenLength",
        ),
        (
            VerifyOptions {
                max_token_length: 2 << 20,
                ..VerifyOptions::default()
            },
            "maxTokenLength",
        ),
    ];
    for (opts, name) in cases {
        let e = verify::<Claims>(&t, &key(), &opts, &at(NOW)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidOption, "{name}");
        assert_eq!(e.option_name(), Some(name));
    }
    let ok = VerifyOptions {
        leeway: 86_400,
        ..VerifyOptions::default()
    };
    assert!(check(&t, &ok).is_ok());
}
