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

/// `verify` at `NOW` with these options, accepting a token without `exp`:
/// the tests of the other options use tokens without one.
fn verify_with(token: &str, options: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    verify(token, &secret(), lenient_with(NOW, options))
}

/// `verify` at `NOW` with these options and nothing else: the default rules.
fn verify_strictly(token: &str, options: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    verify(token, &secret(), at_with(NOW, options))
}

#[wasm_bindgen_test]
fn exp_is_checked_with_leeway_in_seconds_or_as_a_duration() {
    let expired = token(&[("exp", n(NOW - 5.0))]);
    let thrown = fails(verify_strictly(&expired, &[]), "ERR_JWT_EXPIRED");
    assert_eq!(thrown.claim().as_deref(), Some("exp"));
    assert_eq!(thrown.reason().as_deref(), Some("check_failed"));
    assert_eq!(thrown.expired_at(), Some(NOW - 5.0));
    verify_strictly(&expired, &[("leeway", n(6.0))]).unwrap();
    verify_strictly(&expired, &[("leeway", s("6s"))]).unwrap();
    verify_strictly(&expired, &[("leeway", s("1m"))]).unwrap();
    fails(
        verify_strictly(&expired, &[("leeway", n(5.0))]),
        "ERR_JWT_EXPIRED",
    );
    // At exp itself the token has expired.
    let now_exp = token(&[("exp", n(NOW))]);
    fails(verify_strictly(&now_exp, &[]), "ERR_JWT_EXPIRED");
}

#[wasm_bindgen_test]
fn nbf_is_checked_with_leeway() {
    let early = token(&[("nbf", n(NOW + 10.0))]);
    fails(verify_with(&early, &[]), "ERR_JWT_CLAIM_VALIDATION_FAILED")
        .assert_claim_failed("nbf", "check_failed");
    verify_with(&early, &[("leeway", n(10.0))]).unwrap();
    verify(&early, &secret(), lenient(NOW + 10.0)).unwrap();
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
    verify(&token(&[("exp", n(NOW + 60.0))]), &secret(), options).unwrap();
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

/// The message of the refusal of a token without `exp`.
const EXP_MISSING: &str = "\"exp\": claim is missing (allow tokens without exp explicitly)";

/// Checks the refusal of a token without `exp`, and that its message and its
/// JSON hold no part of the token.
fn assert_exp_missing(thrown: &Thrown, token: &str) {
    thrown.assert_claim_failed("exp", "missing");
    assert_eq!(thrown.message(), EXP_MISSING);
    assert_eq!(thrown.option(), None);
    let text: String = js_sys::JSON::stringify(&thrown.0).unwrap().into();
    for place in [thrown.message(), text] {
        assert!(!place.contains(token), "{place}");
        for segment in token.split('.') {
            assert!(!place.contains(segment), "{segment} in {place}");
        }
    }
}

#[wasm_bindgen_test]
fn a_token_without_exp_is_refused_by_default() {
    let unexpiring = token(&[("sub", s("user-1")), ("iat", n(NOW))]);
    // At a given time, at the system clock, and with other options.
    for result in [
        verify_strictly(&unexpiring, &[]),
        verify(&unexpiring, &secret(), JsValue::UNDEFINED),
        verify(&unexpiring, &secret(), JsValue::NULL),
        verify_strictly(
            &unexpiring,
            &[("subject", s("user-1")), ("leeway", n(60.0))],
        ),
    ] {
        let thrown = fails(result, "ERR_JWT_CLAIM_VALIDATION_FAILED");
        assert_exp_missing(&thrown, &unexpiring);
    }
    // So is one from elsewhere, without typ or iat.
    let foreign = sign(r#"{"alg":"HS256"}"#, r#"{"sub":"x"}"#, SECRET.as_bytes());
    let thrown = fails(
        verify_strictly(&foreign, &[]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    );
    assert_exp_missing(&thrown, &foreign);
    // Requiring exp by name says the same.
    let thrown = fails(
        verify_strictly(&unexpiring, &[("requiredClaims", js("['exp']"))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    );
    thrown.assert_claim_failed("exp", "missing");
    still_works();
}

#[wasm_bindgen_test]
fn allow_missing_exp_accepts_a_token_without_exp() {
    let unexpiring = token(&[("sub", s("user-1")), ("iat", n(NOW))]);
    let claims = verify_strictly(&unexpiring, &[("allowMissingExp", JsValue::TRUE)]).unwrap();
    assert_eq!(json(&claims), r#"{"sub":"user-1","iat":1700000000}"#);
    // With the system clock too, and beside the other options.
    verify(
        &unexpiring,
        &secret(),
        obj(&[("allowMissingExp", JsValue::TRUE)]),
    )
    .unwrap();
    verify_strictly(
        &unexpiring,
        &[
            ("allowMissingExp", JsValue::TRUE),
            ("subject", s("user-1")),
            ("maxAge", n(60.0)),
        ],
    )
    .unwrap();
    // The other rules still apply.
    fails(
        verify_strictly(
            &unexpiring,
            &[("allowMissingExp", JsValue::TRUE), ("subject", s("user-2"))],
        ),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("sub", "check_failed");
    fails(
        verify_strictly(
            &unexpiring,
            &[
                ("allowMissingExp", JsValue::TRUE),
                ("requiredClaims", js("['exp']")),
            ],
        ),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("exp", "missing");
}

#[wasm_bindgen_test]
fn allow_missing_exp_false_is_the_default() {
    let unexpiring = token(&[("sub", s("user-1"))]);
    for absent in [JsValue::FALSE, JsValue::UNDEFINED] {
        let thrown = fails(
            verify_strictly(&unexpiring, &[("allowMissingExp", absent)]),
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
        );
        assert_exp_missing(&thrown, &unexpiring);
    }
}

#[wasm_bindgen_test]
fn allow_missing_exp_must_be_a_boolean() {
    let unexpiring = token(&[("sub", s("user-1"))]);
    let expiring = token(&[("exp", n(NOW + 60.0))]);
    for value in [
        s("yes"),
        s("true"),
        n(1.0),
        n(0.0),
        JsValue::NULL,
        js("new Boolean(true)"),
        js("[true]"),
    ] {
        for issued in [&unexpiring, &expiring] {
            let thrown = fails(
                verify_strictly(issued, &[("allowMissingExp", value.clone())]),
                "ERR_INVALID_OPTION",
            );
            thrown.assert_option("allowMissingExp");
            assert!(
                thrown.message().contains("true or false"),
                "{}",
                thrown.message()
            );
        }
    }
    still_works();
}

#[wasm_bindgen_test]
fn a_token_with_exp_is_unaffected_by_allow_missing_exp() {
    let expiring = token(&[("sub", s("user-1")), ("exp", n(NOW + 60.0))]);
    let expected = format!(r#"{{"sub":"user-1","exp":{}}}"#, NOW + 60.0);
    for allow in [JsValue::TRUE, JsValue::FALSE, JsValue::UNDEFINED] {
        let claims = verify_strictly(&expiring, &[("allowMissingExp", allow.clone())]).unwrap();
        assert_eq!(json(&claims), expected);
        // And it expires as ever, allowMissingExp or not.
        let late = at_with(NOW + 60.0, &[("allowMissingExp", allow.clone())]);
        let thrown = fails(verify(&expiring, &secret(), late), "ERR_JWT_EXPIRED");
        assert_eq!(thrown.claim().as_deref(), Some("exp"));
        assert_eq!(thrown.reason().as_deref(), Some("check_failed"));
        assert_eq!(thrown.expired_at(), Some(NOW + 60.0));
    }
}

#[wasm_bindgen_test]
fn an_expired_token_is_expired_even_with_allow_missing_exp() {
    let expired = token(&[("exp", n(NOW - 5.0))]);
    let thrown = fails(
        verify_strictly(&expired, &[("allowMissingExp", JsValue::TRUE)]),
        "ERR_JWT_EXPIRED",
    );
    assert_eq!(thrown.claim().as_deref(), Some("exp"));
    assert_eq!(thrown.reason().as_deref(), Some("check_failed"));
    assert_eq!(thrown.expired_at(), Some(NOW - 5.0));
    // Leeway still decides, as without the option.
    verify_strictly(
        &expired,
        &[("allowMissingExp", JsValue::TRUE), ("leeway", n(6.0))],
    )
    .unwrap();
    // The system clock is past NOW: expired there too.
    fails(
        verify(
            &token(&[("exp", n(NOW + 60.0))]),
            &secret(),
            obj(&[("allowMissingExp", JsValue::TRUE)]),
        ),
        "ERR_JWT_EXPIRED",
    );
}

#[wasm_bindgen_test]
fn exp_missing_comes_after_the_other_claim_rules_and_before_max_age() {
    let unexpiring = token(&[("sub", s("user-1")), ("iss", s("i"))]);
    // Each earlier rule is reported first.
    for (option, value, claim) in [
        ("typ", s("at+jwt"), "typ"),
        ("requiredClaims", js("['scope']"), "scope"),
        ("issuer", s("other"), "iss"),
        ("subject", s("user-2"), "sub"),
        ("audience", s("api"), "aud"),
    ] {
        let thrown = fails(
            verify_strictly(&unexpiring, &[(option, value)]),
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
        );
        assert_eq!(thrown.claim().as_deref(), Some(claim), "{option}");
    }
    let early = token(&[("nbf", n(NOW + 10.0))]);
    fails(
        verify_strictly(&early, &[]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("nbf", "check_failed");
    // maxAge comes after: a token without exp or iat is refused for exp.
    fails(
        verify_strictly(&unexpiring, &[("maxAge", n(60.0))]),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("exp", "missing");
}
