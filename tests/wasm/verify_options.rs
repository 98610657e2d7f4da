//! Each option of `verify`, and the claim errors they produce.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::*;

/// A token with these claims (and no `iat` unless given), issued at `NOW`.
fn token(claims: &[(&str, JsValue)]) -> String {
    issue(
        obj(claims),
        &secret(),
        at_with(NOW, &[("issuedAt", JsValue::FALSE)]),
    )
    .unwrap()
}

fn verify_with(token: &str, options: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    verify(token, &secret(), at_with(NOW, options))
}

#[wasm_bindgen_test]
fn exp_is_checked_with_leeway_in_seconds_or_as_a_duration() {
    let expired = token(&[("exp", n(NOW - 5.0))]);
    let thrown = fails(verify_with(&expired, &[]), "ERR_JWT_EXPIRED");
    assert_eq!(thrown.claim().as_deref(), Some("exp"));
    assert_eq!(thrown.reason().as_deref(), Some("check_failed"));
    assert_eq!(thrown.expired_at(), Some(NOW - 5.0));
    verify_with(&expired, &[("leeway", n(6.0))]).unwrap();
    verify_with(&expired, &[("leeway", s("6s"))]).unwrap();
    verify_with(&expired, &[("leeway", s("1m"))]).unwrap();
    fails(
        verify_with(&expired, &[("leeway", n(5.0))]),
        "ERR_JWT_EXPIRED",
    );
    // At exp itself the token has expired.
    let now_exp = token(&[("exp", n(NOW))]);
    fails(verify_with(&now_exp, &[]), "ERR_JWT_EXPIRED");
}

#[wasm_bindgen_test]
fn nbf_is_checked_with_leeway() {
    let early = token(&[("nbf", n(NOW + 10.0))]);
    fails(verify_with(&early, &[]), "ERR_JWT_CLAIM_VALIDATION_FAILED")
        .assert_claim_failed("nbf", "check_failed");
    verify_with(&early, &[("leeway", n(10.0))]).unwrap();
    verify(&early, &secret(), at(NOW + 10.0)).unwrap();
}

#[wasm_bindgen_test]
fn max_age_requires_a_recent_iat() {
    let issued = token(&[("iat", n(NOW - 3600.0))]);
    verify_with(&issued, &[("maxAge", s("2h"))]).unwrap();
    verify_with(&issued, &[("maxAge", n(3601.0))]).unwrap();
    let thrown = fails(
        verify_with(&issued, &[("maxAge", s("1h"))]),
        "ERR_JWT_EXPIRED",
    );
    assert_eq!(thrown.claim().as_deref(), Some("iat"));
    assert_eq!(thrown.expired_at(), Some(NOW));
    fails(
        verify_with(&token(&[]), &[("maxAge", n(60.0))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("iat", "missing");
    let future = token(&[("iat", n(NOW + 60.0))]);
    fails(
        verify_with(&future, &[("maxAge", n(600.0))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("iat", "check_failed");
}

#[wasm_bindgen_test]
fn issuer_is_one_or_one_of_a_list() {
    let issued = token(&[("iss", s("https://a.example"))]);
    verify_with(&issued, &[("issuer", s("https://a.example"))]).unwrap();
    verify_with(
        &issued,
        &[(
            "issuer",
            js(r#"["https://b.example", "https://a.example"]"#),
        )],
    )
    .unwrap();
    fails(
        verify_with(&issued, &[("issuer", s("https://b.example"))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("iss", "check_failed");
    fails(
        verify_with(&token(&[]), &[("issuer", s("x"))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("iss", "missing");
    // `issue` refuses a number as `iss`; a token from elsewhere may hold one.
    let numeric = sign(r#"{"alg":"HS256"}"#, r#"{"iss":1}"#, SECRET.as_bytes());
    fails(
        verify_with(&numeric, &[("issuer", s("x"))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("iss", "invalid");
}

#[wasm_bindgen_test]
fn audience_matches_a_string_or_a_list_on_either_side() {
    let single = token(&[("aud", s("api"))]);
    let list = token(&[("aud", js(r#"["web", "api"]"#))]);
    for issued in [&single, &list] {
        verify_with(issued, &[("audience", s("api"))]).unwrap();
        verify_with(issued, &[("audience", js(r#"["other", "api"]"#))]).unwrap();
        fails(
            verify_with(issued, &[("audience", s("other"))]),
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
        )
        .assert_claim_failed("aud", "check_failed");
    }
    fails(
        verify_with(&token(&[]), &[("audience", s("api"))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("aud", "missing");
}

#[wasm_bindgen_test]
fn subject_must_match() {
    let issued = token(&[("sub", s("user-1"))]);
    verify_with(&issued, &[("subject", s("user-1"))]).unwrap();
    fails(
        verify_with(&issued, &[("subject", s("user-2"))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("sub", "check_failed");
}

#[wasm_bindgen_test]
fn required_claims_must_be_present() {
    let issued = token(&[("role", s("admin")), ("org", JsValue::NULL)]);
    verify_with(&issued, &[("requiredClaims", js(r#"["role", "org"]"#))]).unwrap();
    verify_with(&issued, &[("requiredClaims", js("[]"))]).unwrap();
    fails(
        verify_with(&issued, &[("requiredClaims", js(r#"["role", "scope"]"#))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("scope", "missing");
}

#[wasm_bindgen_test]
fn typ_is_compared_as_a_media_type() {
    let issued = token(&[]);
    verify_with(&issued, &[("typ", s("JWT"))]).unwrap();
    verify_with(&issued, &[("typ", s("application/jwt"))]).unwrap();
    fails(
        verify_with(&issued, &[("typ", s("at+jwt"))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("typ", "check_failed");
    let untyped = sign(r#"{"alg":"HS256"}"#, "{}", SECRET.as_bytes());
    verify_with(&untyped, &[]).unwrap();
    fails(
        verify_with(&untyped, &[("typ", s("JWT"))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("typ", "missing");
}

#[wasm_bindgen_test]
fn max_token_length_is_checked_before_anything_else() {
    let issued = token(&[("data", s(&"x".repeat(100)))]);
    let length = issued.len() as f64;
    verify_with(&issued, &[("maxTokenLength", n(length))]).unwrap();
    let thrown = fails(
        verify_with(&issued, &[("maxTokenLength", n(length - 1.0))]),
        "ERR_JWT_TOO_LONG",
    );
    assert_eq!(thrown.claim(), None);
    // The default is 16 KiB; up to 1 MiB may be allowed.
    let long = issue(
        obj(&[("data", s(&"x".repeat(20_000)))]),
        &secret(),
        at_with(NOW, &[("maxTokenLength", n(1_048_576.0))]),
    )
    .unwrap();
    fails(verify_with(&long, &[]), "ERR_JWT_TOO_LONG");
    verify_with(&long, &[("maxTokenLength", n(1_048_576.0))]).unwrap();
}

#[wasm_bindgen_test]
fn options_from_another_realm_like_object_are_read() {
    // `verify` reads own enumerable members only; a getter runs once.
    let options = js("{ get now() { return 1700000000; }, leeway: 0 }");
    verify(&token(&[]), &secret(), options).unwrap();
}

#[wasm_bindgen_test]
fn a_huge_token_is_refused_without_growing_wasm_memory() {
    let memory_size = || {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        get(&memory.buffer(), "byteLength").as_f64().unwrap()
    };
    let huge = js("'a'.repeat(64 * 1024 * 1024)");
    let before = memory_size();
    for options in [
        JsValue::UNDEFINED,
        obj(&[("maxTokenLength", n(1_048_576.0))]),
    ] {
        let thrown = jwt_error(verify_value(&huge, &secret(), &options).unwrap_err());
        assert_eq!(thrown.code(), "ERR_JWT_TOO_LONG");
    }
    let thrown = jwt_error(edge_jwt::wasm::decode_unverified(&huge).unwrap_err());
    assert_eq!(thrown.code(), "ERR_JWT_TOO_LONG");
    assert_eq!(memory_size(), before);
    still_works();
}
