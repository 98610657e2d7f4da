//! Each option of `issue`.

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::*;

/// The payload of a token `issue` wrote with these options, as JSON text.
fn payload_with(claims: JsValue, options: &[(&str, JsValue)]) -> String {
    let token = issue(claims, &secret(), at_with(NOW, options)).unwrap();
    json(&get(&decode(&token).unwrap(), "payload"))
}

#[wasm_bindgen_test]
fn expires_in_and_not_before_take_seconds_or_duration_strings() {
    let cases: [(JsValue, f64); 7] = [
        (n(90.0), 90.0),
        (n(0.0), 0.0),
        (s("45s"), 45.0),
        (s("30m"), 1800.0),
        (s("2h"), 7200.0),
        (s("7d"), 604_800.0),
        (s("1w"), 604_800.0),
    ];
    for (duration, secs) in cases {
        let token = issue(
            obj(&[]),
            &secret(),
            at_with(
                NOW,
                &[("expiresIn", duration.clone()), ("notBefore", duration)],
            ),
        )
        .unwrap();
        let payload = get(&decode(&token).unwrap(), "payload");
        assert_eq!(get(&payload, "exp").as_f64(), Some(NOW + secs));
        assert_eq!(get(&payload, "nbf").as_f64(), Some(NOW + secs));
    }
    // 100 years is the most.
    payload_with(obj(&[]), &[("expiresIn", n(3_155_760_000.0))]);
    payload_with(obj(&[]), &[("expiresIn", s("36524d"))]);
}

#[wasm_bindgen_test]
fn the_option_claims_follow_the_given_ones_in_a_fixed_order() {
    let payload = payload_with(
        obj(&[("custom", s("x"))]),
        &[
            ("expiresIn", n(60.0)),
            ("notBefore", n(10.0)),
            ("jwtId", s("id-1")),
            ("audience", s("api")),
            ("subject", s("user-1")),
            ("issuer", s("https://issuer.example")),
        ],
    );
    assert_eq!(
        payload,
        r#"{"custom":"x","iss":"https://issuer.example","sub":"user-1","aud":"api","jti":"id-1","iat":1700000000,"nbf":1700000010,"exp":1700000060}"#
    );
}

#[wasm_bindgen_test]
fn audience_may_be_a_list() {
    let audience = js(r#"["a", "b"]"#);
    assert_eq!(
        payload_with(obj(&[]), &[("audience", audience)]),
        r#"{"aud":["a","b"],"iat":1700000000}"#
    );
}

#[wasm_bindgen_test]
fn issued_at_false_leaves_iat_out_or_to_the_claims() {
    assert_eq!(
        payload_with(obj(&[]), &[("issuedAt", JsValue::FALSE)]),
        "{}"
    );
    assert_eq!(
        payload_with(obj(&[("iat", n(5.0))]), &[("issuedAt", JsValue::FALSE)]),
        r#"{"iat":5}"#
    );
    assert_eq!(
        payload_with(obj(&[]), &[("issuedAt", JsValue::TRUE)]),
        r#"{"iat":1700000000}"#
    );
}

#[wasm_bindgen_test]
fn key_id_goes_in_the_header() {
    let token = issue(obj(&[]), &secret(), at_with(NOW, &[("keyId", s("k\"1"))])).unwrap();
    let header = get(&decode(&token).unwrap(), "header");
    assert_eq!(get(&header, "kid").as_string().as_deref(), Some("k\"1"));
    verify(&token, &secret(), lenient(NOW)).unwrap();
}

#[wasm_bindgen_test]
fn a_claim_set_twice_is_refused_naming_it() {
    let cases = [
        ("exp", "expiresIn", n(60.0)),
        ("nbf", "notBefore", n(60.0)),
        ("iss", "issuer", s("i")),
        ("sub", "subject", s("s")),
        ("aud", "audience", s("a")),
        ("jti", "jwtId", s("j")),
    ];
    for (claim, option, value) in cases {
        let claim_value = if claim == "exp" || claim == "nbf" {
            n(1.0)
        } else {
            s("from the claims")
        };
        let thrown = fails(
            issue(
                obj(&[(claim, claim_value)]),
                &secret(),
                at_with(NOW, &[(option, value)]),
            ),
            "ERR_INVALID_CLAIMS",
        );
        thrown.assert_claims(Some(claim));
        assert!(thrown.message().contains(option), "{}", thrown.message());
    }
    // iat is set by default.
    let thrown = fails(
        issue(obj(&[("iat", n(1.0))]), &secret(), at(NOW)),
        "ERR_INVALID_CLAIMS",
    );
    thrown.assert_claims(Some("iat"));
    assert!(
        thrown.message().contains("issuedAt"),
        "{}",
        thrown.message()
    );
    still_works();
}

#[wasm_bindgen_test]
fn registered_claims_of_the_wrong_type_are_refused() {
    let cases = [
        ("exp", s("tomorrow")),
        ("nbf", JsValue::TRUE),
        ("iss", n(1.0)),
        ("sub", JsValue::NULL),
        ("jti", js("[]")),
        ("aud", js("[1]")),
    ];
    for (claim, value) in cases {
        let thrown = fails(
            issue(
                obj(&[(claim, value)]),
                &secret(),
                at_with(NOW, &[("issuedAt", JsValue::FALSE)]),
            ),
            "ERR_INVALID_CLAIMS",
        );
        thrown.assert_claims(Some(claim));
    }
}

/// The walk tells the core where each registered claim's value starts (in
/// UTF-8 bytes, also once the text has outgrown the scratch buffer); only
/// top-level members are registered claims.
#[wasm_bindgen_test]
fn registered_claims_are_checked_wherever_they_stand() {
    let no_iat = || {
        obj(&[
            ("issuedAt", JsValue::FALSE),
            ("maxTokenLength", n(65_536.0)),
        ])
    };
    let wrong = [
        ("exp", "'tomorrow'"),
        ("nbf", "[1]"),
        ("iat", "null"),
        ("iss", "1"),
        ("sub", "{ sub: 's' }"),
        ("jti", "false"),
        ("aud", "['a', 1]"),
    ];
    // Before them, members whose text has escapes and two-byte characters;
    // or more text than the scratch buffer holds.
    for before in [
        "'ü\\\"': 'é\\n', x: [{ exp: 'x' }]",
        "long: 'é'.repeat(10000)",
    ] {
        for (claim, value) in wrong {
            let claims = js(&format!("({{ {before}, {claim}: {value}, after: 1 }})"));
            let thrown = fails(issue(claims, &secret(), no_iat()), "ERR_INVALID_CLAIMS");
            thrown.assert_claims(Some(claim));
        }
        let claims = js(&format!(
            "({{ {before}, exp: new Date(1700000060000), nbf: 1700000000, iat: 1.5, \
             iss: 'i', sub: 's', jti: 'j', aud: ['a', 'b'], after: {{ sub: 1, aud: 2 }} }})"
        ));
        let token = issue(claims.clone(), &secret(), no_iat()).unwrap();
        let long = at_with(NOW, &[("maxTokenLength", n(65_536.0))]);
        let payload = verify(&token, &secret(), long).unwrap();
        assert_eq!(get(&payload, "exp").as_f64(), Some(NOW + 60.0));
        assert_eq!(json(&get(&payload, "aud")), r#"["a","b"]"#);
        // And each conflicts with the option that sets it.
        for (claim, option, value) in [
            ("iat", "issuedAt", JsValue::TRUE),
            ("exp", "expiresIn", n(60.0)),
            ("aud", "audience", s("a")),
            ("jti", "jwtId", s("j")),
        ] {
            let long = ("maxTokenLength", n(65_536.0));
            let options = match option {
                "issuedAt" => obj(&[(option, value), long]),
                _ => obj(&[("issuedAt", JsValue::FALSE), (option, value), long]),
            };
            let thrown = fails(
                issue(claims.clone(), &secret(), options),
                "ERR_INVALID_CLAIMS",
            );
            thrown.assert_claims(Some(claim));
        }
    }
    // A nested member of a registered name is no claim.
    let nested = js("({ a: { exp: 'x', iss: 1 }, b: [{ aud: 2 }] })");
    let token = issue(nested, &secret(), at(NOW)).unwrap();
    assert_eq!(
        json(&get(&decode(&token).unwrap(), "payload")),
        r#"{"a":{"exp":"x","iss":1},"b":[{"aud":2}],"iat":1700000000}"#
    );
}

#[wasm_bindgen_test]
fn options_may_be_undefined_or_null_and_undefined_members_are_absent() {
    for options in [JsValue::UNDEFINED, JsValue::NULL] {
        issue(obj(&[]), &secret(), options).unwrap();
    }
    let options = obj(&[
        ("now", n(NOW)),
        ("expiresIn", JsValue::UNDEFINED),
        ("issuer", JsValue::UNDEFINED),
    ]);
    assert_eq!(
        payload_with(obj(&[]), &[("expiresIn", JsValue::UNDEFINED)]),
        r#"{"iat":1700000000}"#
    );
    issue(obj(&[]), &secret(), options).unwrap();
}

#[wasm_bindgen_test]
fn options_from_an_object_without_prototype_are_read() {
    let options = js("Object.assign(Object.create(null), { now: 1700000000, subject: 'x' })");
    let token = issue(obj(&[]), &secret(), options).unwrap();
    assert_eq!(
        json(&get(&decode(&token).unwrap(), "payload")),
        r#"{"sub":"x","iat":1700000000}"#
    );
}

#[wasm_bindgen_test]
fn an_option_getter_that_grows_memory_still_sets_its_option() {
    // The getter issues a large token (memory grows, so every view of it made
    // before is detached); the number it returns must still be read.
    let grow = callback(|| {
        let big = "y".repeat(400_000);
        let longest = obj(&[("maxTokenLength", n(1_048_576.0))]);
        issue(obj(&[("big", s(&big))]), &secret(), longest).unwrap();
        n(60.0)
    });
    let options = at(NOW);
    let define: Function = js(
        "(options, get) => Object.defineProperty(options, 'expiresIn', { get, enumerable: true })",
    )
    .unchecked_into();
    define.call2(&JsValue::UNDEFINED, &options, &grow).unwrap();
    let token = issue(obj(&[]), &secret(), options).unwrap();
    let verified = verify(&token, &secret(), at(NOW)).unwrap();
    assert_eq!(get(&verified, "exp").as_f64(), Some(NOW + 60.0));
}

/// The string options reach the module as UTF-8 with a length before each
/// (`input.js`): long ones, multi-byte ones and lists, around a string
/// secret that is staged first, come out whole and in their places.
#[wasm_bindgen_test]
fn string_options_of_any_length_and_script_keep_their_places() {
    let long = "é".repeat(300); // 600 bytes: a length of more than one byte
    let emoji = "🔑".repeat(70); // 280 bytes of 4-byte characters
    let secret = s(&format!("{SECRET}ü"));
    let audience = js(&format!("['a', '{emoji}', '', 'z']"));
    let token = issue(
        obj(&[]),
        &secret,
        at_with(
            NOW,
            &[
                ("issuer", s(&long)),
                ("subject", s("")),
                ("audience", audience.clone()),
                ("jwtId", s(&emoji)),
                ("keyId", s("k")),
                ("expiresIn", n(60.0)),
            ],
        ),
    )
    .unwrap();
    let decoded = decode(&token).unwrap();
    let payload = get(&decoded, "payload");
    assert_eq!(get(&payload, "iss").as_string(), Some(long.clone()));
    assert_eq!(get(&payload, "sub").as_string().as_deref(), Some(""));
    assert_eq!(json(&get(&payload, "aud")), json(&audience));
    assert_eq!(get(&payload, "jti").as_string(), Some(emoji.clone()));
    assert_eq!(
        get(&get(&decoded, "header"), "kid").as_string().as_deref(),
        Some("k")
    );
    // verify reads its lists the same way.
    let options = at_with(
        NOW,
        &[
            ("issuer", js(&format!("['x', '{long}']"))),
            ("audience", js(&format!("['{emoji}']"))),
            ("subject", s("")),
            ("requiredClaims", js("['jti', 'iss']")),
        ],
    );
    verify(&token, &secret, options).unwrap();
    let other = at_with(NOW, &[("issuer", js(&format!("['{long}x']")))]);
    fails(
        verify(&token, &secret, other),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
    .assert_claim_failed("iss", "check_failed");
    // The secret's bytes, staged before the strings, are its own.
    fails(
        verify(&token, &s(SECRET), at(NOW)),
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    );
}

/// A call's options, secret and clock are read when it starts: a claim
/// getter that issues with other ones (which `input.js` writes in the same
/// place) changes nothing in the outer token.
#[wasm_bindgen_test]
fn a_nested_call_from_a_claim_getter_leaves_the_outer_options_alone() {
    let inner = callback(|| {
        let options = at_with(
            NOW + 500.0,
            &[
                ("issuer", s("inner")),
                ("expiresIn", s("1d")),
                ("keyId", s("inner-kid")),
            ],
        );
        issue(
            obj(&[]),
            &s("another secret that is long enough!!"),
            options,
        )
        .unwrap();
        verify(
            &issue(obj(&[]), &secret(), at(NOW)).unwrap(),
            &secret(),
            lenient_with(NOW, &[("requiredClaims", js("['iat']"))]),
        )
        .unwrap();
        s("got")
    });
    let claims = obj(&[]);
    let define: Function =
        js("(o, get) => Object.defineProperty(o, 'x', { get, enumerable: true })").unchecked_into();
    define.call2(&JsValue::UNDEFINED, &claims, &inner).unwrap();
    let key = new_key(secret(), JsValue::UNDEFINED).unwrap();
    let token = issue(
        claims,
        &key,
        at_with(NOW, &[("issuer", s("outer")), ("expiresIn", n(60.0))]),
    )
    .unwrap();
    let decoded = decode(&token).unwrap();
    assert_eq!(
        json(&get(&decoded, "payload")),
        r#"{"x":"got","iss":"outer","iat":1700000000,"exp":1700000060}"#
    );
    assert_eq!(get(&get(&decoded, "header"), "kid"), JsValue::UNDEFINED);
    verify(&token, &secret(), at_with(NOW, &[("issuer", s("outer"))])).unwrap();
}
