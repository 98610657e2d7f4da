//! Tokens issued and verified through the exports, with an injected clock.

use js_sys::{Array, Date, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::*;

#[wasm_bindgen_test]
fn claims_come_back_in_order_with_iat_from_the_clock() {
    let claims = obj(&[("sub", s("user-1")), ("role", s("admin")), ("n", n(42.0))]);
    let token = issue(claims, &secret(), at_with(NOW, &[("expiresIn", n(60.0))])).unwrap();
    assert_eq!(token.split('.').count(), 3);
    let verified = verify(&token, &secret(), at(NOW)).unwrap();
    assert_eq!(
        json(&verified),
        r#"{"sub":"user-1","role":"admin","n":42,"iat":1700000000,"exp":1700000060}"#
    );
}

#[wasm_bindgen_test]
fn verify_returns_a_plain_object() {
    let options = at_with(NOW, &[("expiresIn", n(60.0))]);
    let token = issue(obj(&[("a", n(1.0))]), &secret(), options).unwrap();
    let verified = verify(&token, &secret(), at(NOW)).unwrap();
    assert_eq!(
        Object::get_prototype_of(&verified),
        js("Object.prototype").unchecked_into::<Object>()
    );
    assert_eq!(get(&verified, "a").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn integers_up_to_2_pow_53_and_fractions_are_exact() {
    let claims = obj(&[
        ("max", n(9_007_199_254_740_992.0)),
        ("maxSafe", n(9_007_199_254_740_991.0)),
        ("negative", n(-9_007_199_254_740_991.0)),
        ("tenth", n(0.1)),
        ("tiny", n(5e-324)),
        ("huge", n(1e300)),
        ("negativeZero", n(-0.0)),
    ]);
    let token = issue(claims, &secret(), at_with(NOW, &[("expiresIn", n(60.0))])).unwrap();
    let verified = verify(&token, &secret(), at(NOW)).unwrap();
    assert_eq!(
        get(&verified, "max").as_f64(),
        Some(9_007_199_254_740_992.0)
    );
    assert_eq!(
        get(&verified, "maxSafe").as_f64(),
        Some(9_007_199_254_740_991.0)
    );
    assert_eq!(
        get(&verified, "negative").as_f64(),
        Some(-9_007_199_254_740_991.0)
    );
    assert_eq!(get(&verified, "tenth").as_f64(), Some(0.1));
    assert_eq!(get(&verified, "tiny").as_f64(), Some(5e-324));
    assert_eq!(get(&verified, "huge").as_f64(), Some(1e300));
    assert_eq!(get(&verified, "negativeZero").as_f64(), Some(0.0));
    // Integers are written as integers, as JSON.stringify writes them.
    let payload = json(&get(&decode(&token).unwrap(), "payload"));
    assert!(payload.contains(r#""max":9007199254740992,"#), "{payload}");
    assert!(payload.contains(r#""tenth":0.1,"#), "{payload}");
}

#[wasm_bindgen_test]
fn nested_values_and_unicode_round_trip() {
    let claims = js(
        r#"{ "name": "Zoë 😀 日本", "nested": { "list": [1, "two", null, true, { "deep": [] }], "empty": {} },
             "quote\"and\\slash": "line\nbreak" }"#,
    );
    let expected = json(&claims);
    let token = issue(claims, &secret(), obj(&[("issuedAt", JsValue::FALSE)])).unwrap();
    let no_exp = obj(&[("allowMissingExp", JsValue::TRUE)]);
    let verified = verify(&token, &secret(), no_exp).unwrap();
    assert_eq!(json(&verified), expected);
}

#[wasm_bindgen_test]
fn a_fractional_clock_is_rounded_down() {
    let options = at_with(NOW + 0.999, &[("expiresIn", n(60.0))]);
    let token = issue(obj(&[]), &secret(), options).unwrap();
    let verified = verify(&token, &secret(), at(NOW + 0.999)).unwrap();
    assert_eq!(get(&verified, "iat").as_f64(), Some(NOW));
    assert_eq!(get(&verified, "exp").as_f64(), Some(NOW + 60.0));
}

#[wasm_bindgen_test]
fn the_clock_can_be_a_date_or_a_function_returning_seconds_or_a_date() {
    let clocks = [
        Date::new(&n(NOW * 1000.0 + 500.0)).into(),
        js("() => 1700000000.5"),
        js("() => new Date(1700000000500)"),
    ];
    for clock in clocks {
        let options = obj(&[("now", clock.clone()), ("expiresIn", n(60.0))]);
        let token = issue(obj(&[]), &secret(), options).unwrap();
        let verified = verify(&token, &secret(), obj(&[("now", clock)])).unwrap();
        assert_eq!(get(&verified, "iat").as_f64(), Some(NOW));
    }
}

#[wasm_bindgen_test]
fn a_clock_function_is_called_once_per_operation() {
    let clock = js(
        "(() => { let calls = 0; const now = () => { calls += 1; return 1700000000; }; \
                    now.calls = () => calls; return now; })()",
    );
    let options = obj(&[
        ("now", clock.clone()),
        ("expiresIn", n(60.0)),
        ("notBefore", n(0.0)),
    ]);
    let token = issue(obj(&[]), &secret(), options).unwrap();
    assert_eq!(call_method(&clock, "calls").as_f64(), Some(1.0));
    verify(
        &token,
        &secret(),
        obj(&[("now", clock.clone()), ("maxAge", n(60.0))]),
    )
    .unwrap();
    assert_eq!(call_method(&clock, "calls").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn one_clock_drives_issue_and_verify() {
    let token = issue(obj(&[]), &secret(), at_with(NOW, &[("expiresIn", n(60.0))])).unwrap();
    verify(&token, &secret(), at(NOW + 59.0)).unwrap();
    let thrown = fails(verify(&token, &secret(), at(NOW + 60.0)), "ERR_JWT_EXPIRED");
    assert_eq!(thrown.expired_at(), Some(NOW + 60.0));
}

#[wasm_bindgen_test]
fn without_now_the_system_clock_is_used() {
    let before = (Date::now() / 1000.0).floor();
    let token = issue(obj(&[]), &secret(), obj(&[("expiresIn", s("5m"))])).unwrap();
    let after = (Date::now() / 1000.0).floor();
    let verified = verify(&token, &secret(), JsValue::UNDEFINED).unwrap();
    let iat = get(&verified, "iat").as_f64().unwrap();
    assert!(
        before <= iat && iat <= after,
        "{before} <= {iat} <= {after}"
    );
    assert_eq!(get(&verified, "exp").as_f64(), Some(iat + 300.0));
    // A token that expired by the system clock is refused without options.
    let old = issue(obj(&[]), &secret(), at_with(NOW, &[("expiresIn", n(1.0))])).unwrap();
    fails(verify(&old, &secret(), JsValue::NULL), "ERR_JWT_EXPIRED");
}

#[wasm_bindgen_test]
fn date_claims_become_whole_seconds_rounded_down() {
    let claims = obj(&[
        ("exp", Date::new(&n(NOW * 1000.0 + 3_600_999.0)).into()),
        ("nbf", Date::new(&n(NOW * 1000.0 - 1.0)).into()),
        ("iat", Date::new(&n(NOW * 1000.0)).into()),
    ]);
    let token = issue(
        claims,
        &secret(),
        at_with(NOW, &[("issuedAt", JsValue::FALSE)]),
    )
    .unwrap();
    let verified = verify(&token, &secret(), at(NOW)).unwrap();
    assert_eq!(
        json(&verified),
        r#"{"exp":1700003600,"nbf":1699999999,"iat":1700000000}"#
    );
    // Before 1970, rounding down goes away from zero.
    let token = issue(
        obj(&[("nbf", Date::new(&n(-1500.0)).into())]),
        &secret(),
        at(NOW),
    )
    .unwrap();
    let payload = get(&decode(&token).unwrap(), "payload");
    assert_eq!(get(&payload, "nbf").as_f64(), Some(-2.0));
}

#[wasm_bindgen_test]
fn decode_unverified_returns_header_and_payload_objects() {
    let token = issue(
        obj(&[("sub", s("u"))]),
        &secret(),
        at_with(NOW, &[("keyId", s("key-2024"))]),
    )
    .unwrap();
    let decoded = decode(&token).unwrap();
    assert_eq!(
        json(&get(&decoded, "header")),
        r#"{"alg":"HS256","typ":"JWT","kid":"key-2024"}"#
    );
    assert_eq!(
        json(&get(&decoded, "payload")),
        r#"{"sub":"u","iat":1700000000}"#
    );
    // Nothing is verified: another key's token, an expired one, decode the same.
    let other = issue(
        obj(&[]),
        &s("another secret that is long enough!!"),
        at(1.0),
    )
    .unwrap();
    assert_eq!(
        json(&get(&decode(&other).unwrap(), "payload")),
        r#"{"iat":1}"#
    );
    // It still refuses what is not a token.
    fails(decode("not.a token"), "ERR_JWS_INVALID");
    fails(decode(&"a".repeat(16 * 1024 + 1)), "ERR_JWT_TOO_LONG");
    assert!(!Array::is_array(&get(&decoded, "payload")));
}
