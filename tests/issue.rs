//! Issuing: the header, the option-set claims, conflicts, and round trips.
// Tests may panic: a failed assertion is how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::{at, claims, key};
use edge_jwt::{
    dangerous::decode_unverified, issue, verify, verify_full, Claims, ErrorCode, IssueOptions,
    OneOrMany, VerifyOptions,
};
use serde_json::{json, Value};

fn segment(token: &str, i: usize) -> String {
    let seg = token.split('.').nth(i).unwrap();
    String::from_utf8(URL_SAFE_NO_PAD.decode(seg).unwrap()).unwrap()
}

#[test]
fn the_fastapi_flow() {
    // create_access_token: {"sub": username} + exp = now + 30 minutes, HS256.
    let opts = IssueOptions {
        expires_in: Some(1800),
        issued_at: false,
        ..IssueOptions::default()
    };
    let token = issue(
        &claims(r#"{"sub":"johndoe"}"#),
        &key(),
        &opts,
        &at(1_700_000_000.9),
    )
    .unwrap();
    assert_eq!(segment(&token, 0), r#"{"alg":"HS256","typ":"JWT"}"#);
    assert_eq!(segment(&token, 1), r#"{"sub":"johndoe","exp":1700001800}"#);
    let v = VerifyOptions::default();
    assert!(verify::<Claims>(&token, &key(), &v, &at(1_700_001_799.0)).is_ok());
    let e = verify::<Claims>(&token, &key(), &v, &at(1_700_001_800.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Expired);
    assert_eq!(e.expired_at(), Some(1_700_001_800.0));
}

#[test]
fn every_option_sets_its_claim_after_the_callers_in_order() {
    let opts = IssueOptions {
        expires_in: Some(60),
        not_before: Some(10),
        issued_at: true,
        issuer: Some("https://issuer.example".into()),
        subject: Some("u1".into()),
        audience: Some(OneOrMany::Many(vec!["a".into(), "b".into()])),
        jwt_id: Some("id-1".into()),
        key_id: Some("k\"1".into()),
        max_token_length: edge_jwt::DEFAULT_MAX_TOKEN_LENGTH,
    };
    let token = issue(&claims(r#"{"z":1,"a":2}"#), &key(), &opts, &at(100.5)).unwrap();
    assert_eq!(
        segment(&token, 0),
        r#"{"alg":"HS256","typ":"JWT","kid":"k\"1"}"#
    );
    assert_eq!(
        segment(&token, 1),
        r#"{"z":1,"a":2,"iss":"https://issuer.example","sub":"u1","aud":["a","b"],"jti":"id-1","iat":100,"nbf":110,"exp":160}"#
    );
    let v = VerifyOptions {
        issuer: Some("https://issuer.example".into()),
        audience: Some("b".into()),
        subject: Some("u1".into()),
        required_claims: vec!["jti".into()],
        max_age: Some(60),
        typ: Some("JWT".into()),
        ..VerifyOptions::default()
    };
    assert_eq!(
        verify::<Claims>(&token, &key(), &v, &at(109.0))
            .unwrap_err()
            .claim_name(),
        Some("nbf")
    );
    let full = verify_full::<Claims>(&token, &key(), &v, &at(111.0)).unwrap();
    assert_eq!(full.header["kid"], json!("k\"1"));
    assert_eq!(full.claims["aud"], json!(["a", "b"]));
    assert_eq!(full.payload_json, segment(&token, 1));
}

#[test]
fn a_single_audience_is_a_string() {
    let opts = IssueOptions {
        audience: Some("api".into()),
        issued_at: false,
        ..IssueOptions::default()
    };
    let token = issue(&claims("{}"), &key(), &opts, &at(0.0)).unwrap();
    assert_eq!(segment(&token, 1), r#"{"aud":"api"}"#);
    let token = issue(
        &claims("{}"),
        &key(),
        &IssueOptions {
            issued_at: false,
            ..IssueOptions::default()
        },
        &at(0.0),
    )
    .unwrap();
    assert_eq!(segment(&token, 1), "{}");
}

#[test]
fn issued_at_is_on_by_default_and_rounds_down() {
    let token = issue(
        &claims(r#"{"sub":"a"}"#),
        &key(),
        &IssueOptions::default(),
        &at(0.999),
    )
    .unwrap();
    assert_eq!(segment(&token, 1), r#"{"sub":"a","iat":0}"#);
    let token = issue(
        &claims(r#"{}"#),
        &key(),
        &IssueOptions::default(),
        &at(1_700_000_000.5),
    )
    .unwrap();
    assert_eq!(segment(&token, 1), r#"{"iat":1700000000}"#);
}

#[test]
fn a_claim_an_option_also_sets_is_an_error() {
    let cases: Vec<(&str, IssueOptions, &str)> = vec![
        (
            r#"{"exp":1}"#,
            IssueOptions {
                expires_in: Some(1),
                ..IssueOptions::default()
            },
            "exp",
        ),
        (
            r#"{"nbf":1}"#,
            IssueOptions {
                not_before: Some(1),
                ..IssueOptions::default()
            },
            "nbf",
        ),
        (r#"{"iat":1}"#, IssueOptions::default(), "iat"),
        (
            r#"{"iss":"x"}"#,
            IssueOptions {
                issuer: Some("y".into()),
                ..IssueOptions::default()
            },
            "iss",
        ),
        (
            r#"{"sub":"x"}"#,
            IssueOptions {
                subject: Some("y".into()),
                ..IssueOptions::default()
            },
            "sub",
        ),
        (
            r#"{"aud":"x"}"#,
            IssueOptions {
                audience: Some("y".into()),
                ..IssueOptions::default()
            },
            "aud",
        ),
        (
            r#"{"jti":"x"}"#,
            IssueOptions {
                jwt_id: Some("y".into()),
                ..IssueOptions::default()
            },
            "jti",
        ),
    ];
    for (c, opts, name) in cases {
        let e = issue(&claims(c), &key(), &opts, &at(0.0)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidClaims, "{name}");
        assert_eq!(e.claim_name(), Some(name));
    }
    // Turning issuedAt off lets the caller supply iat; the claims' own exp stands alone.
    let no_iat = IssueOptions {
        issued_at: false,
        ..IssueOptions::default()
    };
    let token = issue(&claims(r#"{"iat":5,"exp":10}"#), &key(), &no_iat, &at(0.0)).unwrap();
    assert_eq!(segment(&token, 1), r#"{"iat":5,"exp":10}"#);
}

#[test]
fn registered_claims_must_have_their_types() {
    let no_iat = IssueOptions {
        issued_at: false,
        ..IssueOptions::default()
    };
    for (c, name) in [
        (r#"{"exp":"1"}"#, "exp"),
        (r#"{"nbf":null}"#, "nbf"),
        (r#"{"iat":true}"#, "iat"),
        (r#"{"iss":1}"#, "iss"),
        (r#"{"sub":{}}"#, "sub"),
        (r#"{"jti":[]}"#, "jti"),
        (r#"{"aud":1}"#, "aud"),
        (r#"{"aud":["a",1]}"#, "aud"),
    ] {
        let e = issue(&claims(c), &key(), &no_iat, &at(0.0)).unwrap_err();
        assert_eq!(
            (e.code(), e.claim_name()),
            (ErrorCode::InvalidClaims, Some(name)),
            "{c}"
        );
    }
}

#[test]
fn issue_options_and_clock_are_checked() {
    let c = claims("{}");
    let too_long = edge_jwt::MAX_DURATION_SECS + 1;
    for (opts, name) in [
        (
            IssueOptions {
                expires_in: Some(too_long),
                ..IssueOptions::default()
            },
            "expiresIn",
        ),
        (
            IssueOptions {
                not_before: Some(too_long),
                ..IssueOptions::default()
            },
            "notBefore",
        ),
        (
            IssueOptions {
                audience: Some(OneOrMany::Many(vec![])),
                ..IssueOptions::default()
            },
            "audience",
        ),
    ] {
        let e = issue(&c, &key(), &opts, &at(0.0)).unwrap_err();
        assert_eq!(
            (e.code(), e.option_name()),
            (ErrorCode::InvalidOption, Some(name))
        );
    }
    // Date.now() passed as seconds would make a token that lives 50,000 years.
    let e = issue(
        &c,
        &key(),
        &IssueOptions::default(),
        &at(1_700_000_000_000.0),
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.option_name()),
        (ErrorCode::InvalidOption, Some("now"))
    );
    assert!(e.to_string().contains("milliseconds"), "{e}");
    // The latest clock and the longest duration still fit.
    let opts = IssueOptions {
        expires_in: Some(edge_jwt::MAX_DURATION_SECS),
        ..IssueOptions::default()
    };
    assert!(issue(&c, &key(), &opts, &at(edge_jwt::MAX_NOW)).is_ok());
}

#[test]
fn claims_round_trip_exactly() {
    let original = json!({
        "sub": "ユーザー🔑",
        "name": "Zoë \"quoted\" \\ back\nslash",
        "nested": {"deep": {"list": [1, 2.5, -3, true, null, {"k": "v"}], "empty": {}}},
        "max_safe": 9_007_199_254_740_991_u64,
        "beyond": 18_446_744_073_709_551_615_u64,
        "negative": -9_007_199_254_740_991_i64,
        "float": 0.1,
        "tiny": 5e-324,
        "escapes": "\u{0000}\u{001f}\u{2028}",
    });
    let Value::Object(map) = original.clone() else {
        panic!()
    };
    let token = issue(
        &map,
        &key(),
        &IssueOptions {
            issued_at: false,
            ..IssueOptions::default()
        },
        &at(0.0),
    )
    .unwrap();
    let lenient = VerifyOptions {
        allow_missing_exp: true,
        ..VerifyOptions::default()
    };
    let back = verify::<Claims>(&token, &key(), &lenient, &at(0.0)).unwrap();
    assert_eq!(Value::Object(back.clone()), original);
    // Order is kept too.
    let keys: Vec<&String> = back.keys().collect();
    let want: Vec<&String> = map.keys().collect();
    assert_eq!(keys, want);
}

#[test]
fn decode_unverified_reads_without_checking() {
    let token = issue(
        &claims(r#"{"sub":"a"}"#),
        &key(),
        &IssueOptions {
            expires_in: Some(1),
            ..IssueOptions::default()
        },
        &at(10.0),
    )
    .unwrap();
    let d = decode_unverified(&token).unwrap();
    assert_eq!(d.header["alg"], json!("HS256"));
    assert_eq!(d.payload["exp"], json!(11));
    // Expired, other key, alg none: still readable.
    let none = common::forge(br#"{"alg":"none"}"#, br#"{"sub":"a"}"#, b"k");
    assert_eq!(
        decode_unverified(&none).unwrap().header["alg"],
        json!("none")
    );
    // The form rules still hold.
    for (bad, code) in [
        ("a.b", ErrorCode::JwsInvalid),
        ("e30.bm90IGpzb24.c2ln", ErrorCode::JwtInvalid),
        ("bm90IGpzb24.e30.c2ln", ErrorCode::JwsInvalid),
    ] {
        assert_eq!(decode_unverified(bad).unwrap_err().code(), code, "{bad}");
    }
    let long = "a".repeat(edge_jwt::DEFAULT_MAX_TOKEN_LENGTH + 1);
    assert_eq!(
        decode_unverified(&long).unwrap_err().code(),
        ErrorCode::JwtTooLong
    );
}

#[test]
fn issue_json_signs_the_text_as_given() {
    use edge_jwt::{issue_json, verify_json};
    let no_iat = IssueOptions {
        issued_at: false,
        ..IssueOptions::default()
    };
    // JSON.stringify output, and text with spaces: both signed as written.
    let token = issue_json(r#"{"sub":"a","n":1}"#, &key(), &no_iat, &at(0.0)).unwrap();
    assert_eq!(segment(&token, 1), r#"{"sub":"a","n":1}"#);
    let with_exp = IssueOptions {
        expires_in: Some(5),
        ..no_iat.clone()
    };
    let token = issue_json(" { \"sub\" : \"a\" } ", &key(), &with_exp, &at(0.0)).unwrap();
    assert_eq!(segment(&token, 1), r#"{ "sub" : "a","exp":5}"#);
    let token = issue_json("{ }", &key(), &with_exp, &at(0.0)).unwrap();
    assert_eq!(segment(&token, 1), r#"{"exp":5}"#);
    assert_eq!(
        verify_json(&token, &key(), &VerifyOptions::default(), &at(4.0)).unwrap(),
        r#"{"exp":5}"#
    );
    for bad in [
        "",
        "[]",
        "null",
        "{",
        r#"{"a":1,"a":2}"#,
        r#"{"a":1}{}"#,
        r#"{"exp":1}"#,
    ] {
        let e = issue_json(bad, &key(), &with_exp, &at(0.0)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidClaims, "{bad:?}");
    }
}

#[test]
fn max_token_length_caps_the_token_as_verify_would_refuse_it() {
    let claims = claims(&format!(r#"{{"blob":"{}"}}"#, "x".repeat(20_000)));
    let refused = issue(&claims, &key(), &IssueOptions::default(), &at(100.0)).unwrap_err();
    assert_eq!(
        refused.code(),
        ErrorCode::JwtTooLong,
        "the default is 16 KiB"
    );
    let longer = IssueOptions {
        max_token_length: 65_536,
        ..IssueOptions::default()
    };
    let token = issue(&claims, &key(), &longer, &at(100.0)).unwrap();
    // The limit is the token's length, exactly; with a kid too.
    for key_id in [None, Some("k\"é".to_string())] {
        let base = IssueOptions {
            key_id,
            ..longer.clone()
        };
        let token = issue(&claims, &key(), &base, &at(100.0)).unwrap();
        let exact = IssueOptions {
            max_token_length: token.len(),
            ..base.clone()
        };
        assert_eq!(issue(&claims, &key(), &exact, &at(100.0)).unwrap(), token);
        let under = IssueOptions {
            max_token_length: token.len() - 1,
            ..base
        };
        let e = issue(&claims, &key(), &under, &at(100.0)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::JwtTooLong);
    }
    assert!(token.len() > 16 * 1024);
    for bad in [0, edge_jwt::MAX_MAX_TOKEN_LENGTH + 1] {
        let options = IssueOptions {
            max_token_length: bad,
            ..IssueOptions::default()
        };
        let e = issue(&claims, &key(), &options, &at(100.0)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidOption);
    }
}
