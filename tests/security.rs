//! Attack classes from RFC 8725 and the JWT literature that the other suites
//! do not already cover, and the no-leak rule on every error path.
//! SECURITY.md maps each attack class to the test that proves it.
// Tests may panic: a failed assertion is how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use std::collections::HashSet;

use common::{at, b64, claims, forge, forge_claims, key, sign_input, SECRET};
use edge_jwt::dangerous::decode_unverified;
use edge_jwt::{
    issue, issue_json, parse_duration, verify, verify_full, Claims, Error, ErrorCode, IssueOptions,
    Key, OneOrMany, VerifyOptions, MAX_LEEWAY_SECS,
};
use sha2::{Digest, Sha256};

const NOW: f64 = 1_700_000_000.0;

/// A claim value that must never be echoed by an error.
const CLAIM_VALUE: &str = "claim-value-that-must-not-leak-7f3a";

fn refused(token: &str, key: &Key, options: &VerifyOptions) -> Error {
    verify::<Claims>(token, key, options, &at(NOW)).expect_err("accepted")
}

/// `Display`, `Debug` and `message()` of `e` show none of `hidden`.
fn assert_hides(e: &Error, hidden: &[&str], context: &str) {
    for text in [e.to_string(), format!("{e:?}"), e.message().to_owned()] {
        for h in hidden {
            assert!(
                !text.contains(h),
                "{context}: {:?} shows {h:?}: {text}",
                e.code()
            );
        }
    }
}

/// One failing input for every error code (ErrorCode::ALL), each checked
/// against the token, the secret and the claim values it was given.
#[test]
fn every_error_code_hides_the_token_the_key_and_claim_values() {
    let k = key();
    let secret = std::str::from_utf8(SECRET).unwrap();
    let other_secret = "another-secret-of-32-bytes-000000";
    let payload = format!(
        r#"{{"iss":"{CLAIM_VALUE}","sub":"{CLAIM_VALUE}","aud":"{CLAIM_VALUE}","exp":1600000000,"nbf":1,"iat":1}}"#
    );
    let valid_until = |exp: u64| {
        forge_claims(&format!(
            r#"{{"iss":"{CLAIM_VALUE}","sub":"{CLAIM_VALUE}","aud":"{CLAIM_VALUE}","exp":{exp}}}"#
        ))
    };
    let live = valid_until(2_000_000_000);
    let d = VerifyOptions::default;
    let mut cases: Vec<(&str, String, Error)> = Vec::new();
    let mut add = |what: &'static str, token: &str, e: Error| {
        cases.push((what, token.to_owned(), e));
    };

    let garbage = format!("{CLAIM_VALUE}.{secret}.not-base64!");
    add("garbage", &garbage, refused(&garbage, &k, &d()));
    let array = common::forge(br#"{"alg":"HS256"}"#, b"[1,2]", SECRET);
    add("payload not an object", &array, refused(&array, &k, &d()));
    let long = VerifyOptions {
        max_token_length: 16,
        ..d()
    };
    add("too long", &live, refused(&live, &k, &long));
    let hs384 = forge(br#"{"alg":"HS384"}"#, payload.as_bytes(), SECRET);
    add("alg HS384", &hs384, refused(&hs384, &k, &d()));
    let crit = forge(
        br#"{"alg":"HS256","crit":["x"],"x":1}"#,
        payload.as_bytes(),
        SECRET,
    );
    add("crit", &crit, refused(&crit, &k, &d()));
    let other = Key::new(other_secret.as_bytes()).unwrap();
    add("other key", &live, refused(&live, &other, &d()));
    let expired = valid_until(1_600_000_000);
    add("expired", &expired, refused(&expired, &k, &d()));
    for (what, options) in [
        (
            "wrong issuer",
            VerifyOptions {
                issuer: Some("x".into()),
                ..d()
            },
        ),
        (
            "wrong subject",
            VerifyOptions {
                subject: Some("x".into()),
                ..d()
            },
        ),
        (
            "wrong audience",
            VerifyOptions {
                audience: Some(OneOrMany::Many(vec!["x".into()])),
                ..d()
            },
        ),
        (
            "typ missing",
            VerifyOptions {
                typ: Some("at+jwt".into()),
                ..d()
            },
        ),
        (
            "leeway out of range",
            VerifyOptions {
                leeway: MAX_LEEWAY_SECS + 1,
                ..d()
            },
        ),
    ] {
        add(what, &live, refused(&live, &k, &options));
    }
    let ms = verify::<Claims>(&live, &k, &d(), &at(NOW * 1000.0)).unwrap_err();
    add("clock in milliseconds", &live, ms);
    add(
        "empty key",
        "",
        Key::new(b"").expect_err("an empty key was accepted"),
    );
    let short = "short-secret-xyz";
    add(
        "short key",
        short,
        Key::new(short.as_bytes()).expect_err("a short key was accepted"),
    );
    let bad_duration = format!("{CLAIM_VALUE}m");
    add(
        "bad duration",
        &bad_duration,
        parse_duration(&bad_duration, "expiresIn").unwrap_err(),
    );
    let typed = claims(&format!(r#"{{"exp":"{CLAIM_VALUE}"}}"#));
    add(
        "issue: exp is a string",
        CLAIM_VALUE,
        issue(&typed, &k, &IssueOptions::default(), &at(NOW)).unwrap_err(),
    );
    let conflict = claims(&format!(r#"{{"iat":1,"x":"{CLAIM_VALUE}"}}"#));
    add(
        "issue: iat set twice",
        CLAIM_VALUE,
        issue(&conflict, &k, &IssueOptions::default(), &at(NOW)).unwrap_err(),
    );
    let not_json = format!("{{\"{CLAIM_VALUE}\":");
    add(
        "issue_json: not JSON",
        &not_json,
        issue_json(&not_json, &k, &IssueOptions::default(), &at(NOW)).unwrap_err(),
    );
    let unverified = format!("{CLAIM_VALUE}.{CLAIM_VALUE}.{CLAIM_VALUE}");
    add(
        "decode_unverified: not base64url",
        &unverified,
        decode_unverified(&unverified).unwrap_err(),
    );

    let mut seen = HashSet::new();
    for (what, token, e) in &cases {
        seen.insert(e.code());
        let mut hidden = vec![secret, other_secret, short, CLAIM_VALUE];
        if token.len() >= 8 {
            hidden.push(token);
        }
        assert_hides(e, &hidden, what);
    }
    let missing: Vec<_> = ErrorCode::ALL
        .iter()
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(missing.is_empty(), "error codes not exercised: {missing:?}");
}

/// `Debug` of everything a caller may log around a failure: the key, the
/// options and the error. Only the key is secret; it is redacted.
#[test]
fn debug_output_never_shows_the_secret() {
    let secret = "a-secret-with-a-recognizable-shape-0001";
    let k = Key::new(secret.as_bytes()).unwrap();
    let token = issue(
        &claims(r#"{"sub":"a"}"#),
        &k,
        &IssueOptions::default(),
        &at(NOW),
    )
    .unwrap();
    let e = verify::<Claims>(&token, &key(), &VerifyOptions::default(), &at(NOW)).unwrap_err();
    let logged = format!("{k:?} {e:?} {e} {:?}", VerifyOptions::default());
    assert!(!logged.contains(secret), "{logged}");
    assert!(!logged.contains(&token), "{logged}");
    // Not even the key's hex or base64 forms.
    let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
    assert!(!logged.contains(&hex) && !logged.contains(&b64(secret.as_bytes())));
}

/// RFC 8725 §3.1 / §2.1: the key is the caller's, never one the token names.
/// A token that carries its own key (jwk), a key URL (jku, x5u) or a key id
/// (kid), signed with that attacker key, fails under the real key.
#[test]
fn keys_are_never_taken_from_the_header() {
    let attacker = b"attacker-key-of-at-least-32-bytes!!";
    let headers = [
        format!(
            r#"{{"alg":"HS256","jwk":{{"kty":"oct","k":"{}"}}}}"#,
            b64(attacker)
        ),
        r#"{"alg":"HS256","jku":"https://attacker.example/jwks.json"}"#.to_owned(),
        r#"{"alg":"HS256","x5u":"https://attacker.example/cert.pem"}"#.to_owned(),
        r#"{"alg":"HS256","kid":"../../../../dev/null"}"#.to_owned(),
        r#"{"alg":"HS256","kid":"' OR '1'='1"}"#.to_owned(),
    ];
    for h in headers {
        let token = forge(h.as_bytes(), br#"{"sub":"admin"}"#, attacker);
        assert_eq!(
            refused(&token, &key(), &VerifyOptions::default()).code(),
            ErrorCode::SignatureVerificationFailed,
            "{h}"
        );
    }
}

/// Algorithm confusion (RFC 8725 §2.1, §3.1): an RSA public key used as an
/// HMAC secret. There is no asymmetric code path, so the RS256 token is
/// refused by its alg, and an HS256 token MACed with the public key fails the
/// MAC under the real secret.
#[test]
fn algorithm_confusion_with_a_public_key_as_the_secret() {
    let public_pem = b"-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----\n";
    let payload = br#"{"sub":"admin"}"#;
    let rs = forge(br#"{"alg":"RS256","typ":"JWT"}"#, payload, public_pem);
    assert_eq!(
        refused(&rs, &key(), &VerifyOptions::default()).code(),
        ErrorCode::AlgNotAllowed
    );
    let hs = forge(br#"{"alg":"HS256","typ":"JWT"}"#, payload, public_pem);
    assert_eq!(
        refused(&hs, &key(), &VerifyOptions::default()).code(),
        ErrorCode::SignatureVerificationFailed
    );
    // Look-alike algorithm names are not HS256 either.
    for alg in ["HS256\\u0000", "\u{41d}S256", "HS256\\n", "hs256", "HS-256"] {
        let h = format!(r#"{{"alg":"{alg}"}}"#);
        let token = forge(h.as_bytes(), payload, SECRET);
        assert_eq!(
            refused(&token, &key(), &VerifyOptions::default()).code(),
            ErrorCode::AlgNotAllowed,
            "{alg}"
        );
    }
}

/// Signature stripping and truncation: every form of a missing, short, long
/// or zeroed MAC is refused.
#[test]
fn stripped_truncated_or_zeroed_signatures_fail() {
    let good = forge_claims(r#"{"sub":"a"}"#);
    let (input, sig) = good.rsplit_once('.').unwrap();
    let zeros = b64(&[0u8; 32]);
    let cases = [
        (input.to_owned(), ErrorCode::JwsInvalid),
        (format!("{input}."), ErrorCode::JwsInvalid),
        (format!("{input}.{}", &sig[..42]), ErrorCode::JwsInvalid),
        (format!("{input}.{}", &sig[..22]), ErrorCode::JwsInvalid),
        (format!("{input}.{sig}AA"), ErrorCode::JwsInvalid),
        (
            format!("{input}.{zeros}"),
            ErrorCode::SignatureVerificationFailed,
        ),
        (
            format!("{input}.{}", b64(&[0u8; 16])),
            ErrorCode::JwsInvalid,
        ),
    ];
    for (token, code) in cases {
        assert_eq!(
            refused(&token, &key(), &VerifyOptions::default()).code(),
            code,
            "{token}"
        );
    }
}

/// Timing (RFC 8725 §3.8 spirit, RFC 7515 §10.2 hint): a wrong MAC fails with
/// one and the same error wherever it differs, so the error carries no
/// position; the comparison itself is `hmac`'s `verify_slice`, which uses
/// `subtle`'s constant-time equality (src/core/verify.rs).
#[test]
fn a_wrong_mac_fails_the_same_way_wherever_it_differs() {
    let good = forge_claims(r#"{"sub":"a"}"#);
    let (input, _) = good.rsplit_once('.').unwrap();
    let mut errors = HashSet::new();
    let tag: [u8; 32] = {
        let mut mac = common::sign_input(input, SECRET);
        let sig = mac.split_off(mac.rfind('.').unwrap() + 1);
        base64_decode(&sig)
    };
    for i in 0..32 {
        let mut wrong = tag;
        wrong[i] ^= 0x01;
        let token = format!("{input}.{}", b64(&wrong));
        errors.insert(format!(
            "{:?}",
            refused(&token, &key(), &VerifyOptions::default())
        ));
    }
    assert_eq!(errors.len(), 1, "{errors:?}");
}

fn base64_decode(text: &str) -> [u8; 32] {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    URL_SAFE_NO_PAD.decode(text).unwrap().try_into().unwrap()
}

/// Weak keys (RFC 8725 §3.5, RFC 7518 §3.2): length is enforced, content is
/// not (32 zero bytes are accepted: entropy cannot be measured). Keys longer
/// than the 64-byte SHA-256 block are hashed first (RFC 2104 §2), so such a
/// key and its SHA-256 digest are the same HMAC key: inherent to HMAC, and
/// harmless for random keys, but a reason to prefer 32-64 random bytes.
#[test]
fn weak_keys_what_is_and_is_not_enforced() {
    assert_eq!(
        Key::new(&[b'k'; 31]).unwrap_err().code(),
        ErrorCode::KeyTooShort
    );
    assert!(Key::new(&[0u8; 32]).is_ok(), "content is not judged");
    let long = [7u8; 100];
    let digest = Sha256::digest(long);
    let token = issue(
        &claims("{}"),
        &Key::new(&long).unwrap(),
        &IssueOptions {
            expires_in: Some(60),
            ..IssueOptions::default()
        },
        &at(NOW),
    )
    .unwrap();
    assert!(verify::<Claims>(
        &token,
        &Key::new(&digest).unwrap(),
        &VerifyOptions::default(),
        &at(NOW)
    )
    .is_ok());
}

/// Option abuse: the largest leeway cannot revive a token that expired more
/// than a day ago, and the clock cannot be passed in milliseconds to make
/// every token valid.
#[test]
fn options_cannot_stretch_a_token_without_bound() {
    let exp = NOW as u64 - MAX_LEEWAY_SECS - 1;
    let token = forge_claims(&format!(r#"{{"exp":{exp}}}"#));
    let max = VerifyOptions {
        leeway: MAX_LEEWAY_SECS,
        ..VerifyOptions::default()
    };
    assert_eq!(refused(&token, &key(), &max).code(), ErrorCode::Expired);
    let e = verify::<Claims>(&token, &key(), &max, &at(0.5 * NOW * 1000.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidOption);
}

/// Tokens in logs: a verified token's header and claims are returned, but
/// the token and the key are not part of `Verified` at all.
#[test]
fn a_verified_result_does_not_carry_the_token() {
    let token = forge_claims(&format!(r#"{{"sub":"a","exp":{}}}"#, NOW + 60.0));
    let v = verify_full::<Claims>(&token, &key(), &VerifyOptions::default(), &at(NOW)).unwrap();
    let shown = format!("{v:?}");
    let sig = token.rsplit('.').next().unwrap();
    assert!(!shown.contains(sig), "{shown}");
    assert!(!shown.contains(std::str::from_utf8(SECRET).unwrap()));
}

/// Duplicate members hidden by escapes must be caught after unescaping, at
/// any depth, in the header and in the payload (RFC 8725 §3.1's "parsers
/// agree"); the issuer side refuses them too (`issue_json`).
#[test]
fn escaped_duplicates_are_caught_everywhere() {
    let payload = br#"{"sub":"a","\u0073ub":"admin"}"#;
    let t = forge(br#"{"alg":"HS256"}"#, payload, SECRET);
    assert_eq!(
        refused(&t, &key(), &VerifyOptions::default()).code(),
        ErrorCode::JwtInvalid
    );
    let header = br#"{"alg":"HS256","\u0063rit":["x"],"crit":[]}"#;
    let t = forge(header, br#"{"sub":"a"}"#, SECRET);
    assert_eq!(
        refused(&t, &key(), &VerifyOptions::default()).code(),
        ErrorCode::JwsInvalid
    );
    let e = issue_json(
        r#"{"role":"user","\u0072ole":"admin"}"#,
        &key(),
        &IssueOptions::default(),
        &at(NOW),
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidClaims);
    // A registered claim hidden by an escape still conflicts with its option.
    let e = issue_json(
        r#"{"\u0069at":1}"#,
        &key(),
        &IssueOptions::default(),
        &at(NOW),
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.claim_name()),
        (ErrorCode::InvalidClaims, Some("iat"))
    );
    // And an escaped exp is read as exp.
    let t = sign_input(
        &format!(
            "{}.{}",
            b64(br#"{"alg":"HS256"}"#),
            b64(br#"{"\u0065xp":1}"#)
        ),
        SECRET,
    );
    assert_eq!(
        refused(&t, &key(), &VerifyOptions::default()).code(),
        ErrorCode::Expired
    );
}
