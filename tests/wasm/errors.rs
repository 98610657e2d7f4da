//! Every error code arrives as a `JwtError` with its fields, and no message
//! ever contains the token or the secret.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::*;

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// One failing call per code, with the checks particular to it; returns the
/// error and the token involved (empty when there is none).
fn every_code() -> Vec<(&'static str, Thrown, String)> {
    let key = SECRET.as_bytes();
    let expiring = at_with(NOW, &[("expiresIn", n(60.0))]);
    let good = issue(obj(&[("sub", s("u"))]), &secret(), expiring).unwrap();
    let mut out = Vec::new();
    let mut check = |code: &'static str, token: String, result: Result<JsValue, JsValue>| {
        out.push((code, fails(result, code), token));
    };

    let malformed = format!("{good}.extra");
    check(
        "ERR_JWS_INVALID",
        malformed.clone(),
        verify(&malformed, &secret(), at(NOW)),
    );
    let array_payload = sign(HEADER, "[1,2]", key);
    check(
        "ERR_JWT_INVALID",
        array_payload.clone(),
        verify(&array_payload, &secret(), at(NOW)),
    );
    check(
        "ERR_JWT_TOO_LONG",
        good.clone(),
        verify(
            &good,
            &secret(),
            at_with(NOW, &[("maxTokenLength", n(10.0))]),
        ),
    );
    let hs512 = sign(r#"{"alg":"HS512"}"#, "{}", key);
    check(
        "ERR_JOSE_ALG_NOT_ALLOWED",
        hs512.clone(),
        verify(&hs512, &secret(), at(NOW)),
    );
    let none = sign(r#"{"alg":"none"}"#, "{}", key);
    check(
        "ERR_JOSE_ALG_NOT_ALLOWED",
        none.clone(),
        verify(&none, &secret(), at(NOW)),
    );
    let crit = sign(r#"{"alg":"HS256","crit":["exp"]}"#, "{}", key);
    check(
        "ERR_JOSE_NOT_SUPPORTED",
        crit.clone(),
        verify(&crit, &secret(), at(NOW)),
    );
    let forged = sign(
        HEADER,
        r#"{"sub":"admin"}"#,
        b"a different secret of 32 bytes!!",
    );
    check(
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
        forged.clone(),
        verify(&forged, &secret(), at(NOW)),
    );
    let expired = sign(HEADER, r#"{"exp":1699999000}"#, key);
    check(
        "ERR_JWT_EXPIRED",
        expired.clone(),
        verify(&expired, &secret(), at(NOW)),
    );
    check(
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
        good.clone(),
        verify(&good, &secret(), at_with(NOW, &[("subject", s("other"))])),
    );
    let unexpiring = sign(HEADER, r#"{"sub":"u","iat":1700000000}"#, key);
    check(
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
        unexpiring.clone(),
        verify(&unexpiring, &secret(), at(NOW)),
    );
    check(
        "ERR_KEY_EMPTY",
        good.clone(),
        verify(&good, &s(""), at(NOW)),
    );
    check(
        "ERR_KEY_TOO_SHORT",
        good.clone(),
        verify(&good, &s("short"), at(NOW)),
    );
    check(
        "ERR_INVALID_OPTION",
        good.clone(),
        verify(&good, &secret(), at_with(NOW, &[("leeway", s("30"))])),
    );
    let invalid_claims = issue(obj(&[("n", n(f64::NAN))]), &secret(), at(NOW)).map(JsValue::from);
    check("ERR_INVALID_CLAIMS", String::new(), invalid_claims);
    out
}

#[wasm_bindgen_test]
fn every_code_of_the_core_reaches_javascript() {
    let thrown = every_code();
    for code in edge_jwt::core::ErrorCode::ALL {
        assert!(
            thrown.iter().any(|(c, ..)| *c == code.as_str()),
            "{} was not produced",
            code.as_str()
        );
    }
    still_works();
}

#[wasm_bindgen_test]
fn fields_are_set_only_where_they_apply() {
    for (code, thrown, _) in every_code() {
        let has = |field: &str| js_sys::Reflect::has(&thrown.0, &s(field)).unwrap();
        assert_eq!(has("expiredAt"), code == "ERR_JWT_EXPIRED", "{code}");
        assert_eq!(has("option"), code == "ERR_INVALID_OPTION", "{code}");
        assert_eq!(
            has("reason"),
            code == "ERR_JWT_EXPIRED" || code == "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "{code}"
        );
        assert_eq!(
            has("claim"),
            matches!(
                code,
                "ERR_JWT_EXPIRED" | "ERR_JWT_CLAIM_VALIDATION_FAILED" | "ERR_INVALID_CLAIMS"
            ),
            "{code}"
        );
    }
    let expired = every_code()
        .into_iter()
        .find(|(code, ..)| *code == "ERR_JWT_EXPIRED")
        .unwrap()
        .1;
    assert_eq!(expired.claim().as_deref(), Some("exp"));
    assert_eq!(expired.reason().as_deref(), Some("check_failed"));
    assert_eq!(expired.expired_at(), Some(1_699_999_000.0));
    assert_eq!(
        expired.message(),
        "\"exp\": claim timestamp check failed (the token has expired)"
    );
}

#[wasm_bindgen_test]
fn messages_never_contain_the_token_or_the_secret() {
    for (code, thrown, token) in every_code() {
        let message = thrown.message();
        let text: String = js_sys::JSON::stringify(&thrown.0).unwrap().into();
        let shown: String = thrown.0.unchecked_ref::<js_sys::Error>().to_string().into();
        for place in [&message, &text, &shown] {
            assert!(!place.contains(SECRET), "{code}: {place}");
            for segment in token.split('.').filter(|segment| segment.len() > 8) {
                assert!(!place.contains(segment), "{code}: {place}");
            }
        }
    }
    // The secret of a refused short key is not echoed either.
    let thrown = fails(
        issue(obj(&[]), &s("hunter2-secret"), at(NOW)),
        "ERR_KEY_TOO_SHORT",
    );
    assert!(
        !thrown.message().contains("hunter2"),
        "{}",
        thrown.message()
    );
}

#[wasm_bindgen_test]
fn the_error_is_a_real_error_subclass() {
    let thrown = fails(verify("a.b.c", &secret(), at(NOW)), "ERR_JWS_INVALID");
    let error: js_sys::Error = thrown.0.clone().unchecked_into();
    assert_eq!(String::from(error.name()), "JwtError");
    assert_eq!(String::from(error.message()), thrown.message());
    assert!(String::from(error.to_string()).starts_with("JwtError: "));
    // It has a stack where the engine gives one.
    let stack = get(&thrown.0, "stack");
    assert!(stack.is_undefined() || stack.is_string());
    // JavaScript code can construct one, for tests and mocks.
    let made = js("(e) => new e.constructor('by hand', { code: 'ERR_JWT_EXPIRED', expiredAt: 5 })");
    let made: js_sys::Function = made.unchecked_into();
    let made = jwt_error(made.call1(&JsValue::UNDEFINED, &thrown.0).unwrap());
    assert_eq!(made.code(), "ERR_JWT_EXPIRED");
    assert_eq!(made.expired_at(), Some(5.0));
    assert_eq!(made.message(), "by hand");
}

#[wasm_bindgen_test]
fn a_token_that_is_not_a_string_is_malformed() {
    for token in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        n(1.0),
        js("{}"),
        js("['a.b.c']"),
    ] {
        let thrown = jwt_error(verify_value(&token, &secret(), &at(NOW)).unwrap_err());
        assert_eq!(thrown.code(), "ERR_JWS_INVALID");
        let thrown = jwt_error(edge_jwt::wasm::decode_unverified(&token).unwrap_err());
        assert_eq!(thrown.code(), "ERR_JWS_INVALID");
    }
    still_works();
}

#[wasm_bindgen_test]
fn every_code_is_in_the_typescript_union() {
    let declarations = include_str!("../../src/wasm/types.d.ts");
    for code in edge_jwt::core::ErrorCode::ALL {
        let quoted = format!("\"{}\"", code.as_str());
        assert!(
            declarations.contains(&quoted),
            "{quoted} is not in JwtErrorCode"
        );
    }
}
