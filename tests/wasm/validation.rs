//! Strict option validation: every bad option is `ERR_INVALID_OPTION`
//! naming it, and the next valid call still works.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::*;

fn bad_issue_option(name: &str, value: JsValue) -> Thrown {
    let thrown = fails(
        issue(obj(&[]), &secret(), at_with(NOW, &[(name, value)])),
        "ERR_INVALID_OPTION",
    );
    thrown.assert_option(name);
    thrown
}

/// A token `verify` accepts at `NOW` with the default options.
fn good_token() -> String {
    issue(obj(&[]), &secret(), at_with(NOW, &[("expiresIn", n(60.0))])).unwrap()
}

fn bad_verify_option(name: &str, value: JsValue) -> Thrown {
    let token = good_token();
    let thrown = fails(
        verify(&token, &secret(), at_with(NOW, &[(name, value)])),
        "ERR_INVALID_OPTION",
    );
    thrown.assert_option(name);
    thrown
}

/// Checks that `issue` and `verify` both refuse `bag` as a whole (`option` is
/// "options"), and returns what `issue` threw.
fn bad_bag(bag: JsValue) -> Thrown {
    let thrown = fails(
        issue(obj(&[]), &secret(), bag.clone()),
        "ERR_INVALID_OPTION",
    );
    thrown.assert_option("options");
    let token = good_token();
    fails(verify(&token, &secret(), bag), "ERR_INVALID_OPTION").assert_option("options");
    thrown
}

#[wasm_bindgen_test]
fn option_names_are_well_formed_strings_and_symbol_members_are_not_options() {
    // A lone surrogate cannot be an option's name: refused as such, not echoed.
    for bag in [
        js("({ ['now\\ud800']: 1 })"),
        js("({ expiresIn: 60, ['\\udc00']: 1 })"),
    ] {
        let thrown = bad_bag(bag);
        assert!(
            thrown.message().contains("ill-formed"),
            "{}",
            thrown.message()
        );
    }
    // Object.keys does not list symbol-named members, and no option has such a
    // name: they are ignored, as every peer ignores them, while the options
    // beside them still apply.
    let with_symbol =
        js("({ [Symbol('expiresIn')]: 'bad', [Symbol.iterator]: null, expiresIn: 60 })");
    let token = issue(obj(&[]), &secret(), with_symbol).unwrap();
    let exp = get(
        &verify(&token, &secret(), JsValue::UNDEFINED).unwrap(),
        "exp",
    );
    assert!(
        exp.as_f64().is_some(),
        "expiresIn beside the symbols applied"
    );
    still_works();
}

#[wasm_bindgen_test]
fn unknown_option_names_are_refused() {
    for typo in [
        "expiresin",
        "expires_in",
        "exp",
        "algorithm",
        "clockTolerance",
    ] {
        let thrown = bad_issue_option(typo, n(60.0));
        assert!(
            thrown.message().contains("expiresIn"),
            "{}",
            thrown.message()
        );
    }
    for typo in [
        "maxage",
        "algorithms",
        "audiences",
        "clockTolerance",
        "allowMissingExpiry",
    ] {
        let thrown = bad_verify_option(typo, n(60.0));
        assert!(
            thrown.message().ends_with(
                "is not an option of verify; they are leeway, maxAge, issuer, audience, \
                 subject, requiredClaims, typ, maxTokenLength, allowMissingExp, allowShortKey \
                 and now"
            ),
            "{}",
            thrown.message()
        );
    }
    let thrown = fails(
        new_key(secret(), obj(&[("allowShortKeys", JsValue::TRUE)])),
        "ERR_INVALID_OPTION",
    );
    thrown.assert_option("allowShortKeys");
    still_works();
}

#[wasm_bindgen_test]
fn durations_must_be_whole_non_negative_finite_and_in_range() {
    let bad = [
        n(f64::NAN),
        n(f64::INFINITY),
        n(f64::NEG_INFINITY),
        n(-1.0),
        n(1.5),
        n(3_155_760_001.0),
        n(1e300),
        s("30"),
        s(""),
        s("30 m"),
        s("-30m"),
        s("1.5h"),
        s("30M"),
        s("30min"),
        s("m"),
        s("5219w"),
        s("99999999999999999999d"),
        JsValue::NULL,
        JsValue::TRUE,
        js("[60]"),
        js("{}"),
        js("new Number(60)"),
        js("60n"),
    ];
    for name in ["expiresIn", "notBefore"] {
        for value in &bad {
            bad_issue_option(name, value.clone());
        }
    }
    for value in &bad {
        bad_verify_option("maxAge", value.clone());
    }
    let thrown = bad_issue_option("expiresIn", s("30"));
    assert!(thrown.message().contains("unit"), "{}", thrown.message());
    still_works();
}

#[wasm_bindgen_test]
fn leeway_is_whole_seconds_or_a_duration_of_at_most_a_day() {
    verify(
        &issue(obj(&[]), &secret(), at(NOW)).unwrap(),
        &secret(),
        lenient_with(NOW, &[("leeway", s("1d"))]),
    )
    .unwrap();
    for value in [
        s("30"),
        n(86_401.0),
        s("25h"),
        s("2d"),
        n(-1.0),
        n(0.5),
        n(f64::NAN),
        n(f64::INFINITY),
        JsValue::NULL,
    ] {
        bad_verify_option("leeway", value);
    }
    still_works();
}

#[wasm_bindgen_test]
fn strings_lists_and_booleans_must_have_their_type() {
    for (name, value) in [
        ("issuer", n(1.0)),
        ("subject", js("['a']")),
        ("jwtId", JsValue::NULL),
        ("keyId", js("{}")),
        ("audience", n(1.0)),
        ("audience", js("[]")),
        ("audience", js("['a', 1]")),
        ("audience", js("[, 'a']")),
        ("issuedAt", n(0.0)),
        ("issuedAt", s("false")),
        ("allowShortKey", n(1.0)),
        ("subject", js("'\\uD800'")),
    ] {
        bad_issue_option(name, value);
    }
    for (name, value) in [
        ("issuer", js("[]")),
        ("issuer", js("[1]")),
        ("issuer", js("{}")),
        ("audience", JsValue::TRUE),
        ("subject", n(1.0)),
        ("typ", n(1.0)),
        ("requiredClaims", s("sub")),
        ("requiredClaims", js("['sub', 1]")),
        ("requiredClaims", js("['']")),
        ("maxTokenLength", n(0.0)),
        ("maxTokenLength", n(-1.0)),
        ("maxTokenLength", n(1.5)),
        ("maxTokenLength", n(1_048_577.0)),
        ("maxTokenLength", n(f64::INFINITY)),
        ("maxTokenLength", s("100")),
        ("allowShortKey", s("yes")),
        ("allowMissingExp", n(1.0)),
        ("allowMissingExp", JsValue::NULL),
        // A Proxy of a list that answers a length no list has.
        (
            "audience",
            js("new Proxy(['a', 'b', 'c'], { get: (t, k) => (k === 'length' ? 2.5 : t[k]) })"),
        ),
    ] {
        bad_verify_option(name, value);
    }
    still_works();
}

#[wasm_bindgen_test]
fn a_clock_in_milliseconds_is_refused_in_every_form() {
    let ms = NOW * 1000.0;
    for clock in [
        n(ms),
        js("Date.now()"),
        js("() => Date.now()"),
        js("() => 1700000000000"),
    ] {
        let thrown = bad_issue_option("now", clock.clone());
        assert!(
            thrown.message().contains("milliseconds"),
            "{}",
            thrown.message()
        );
        let thrown = bad_verify_option("now", clock);
        assert!(
            thrown.message().contains("milliseconds"),
            "{}",
            thrown.message()
        );
    }
    // A Date is not refused: it is converted.
    issue(obj(&[]), &secret(), obj(&[("now", js("new Date()"))])).unwrap();
    still_works();
}

#[wasm_bindgen_test]
fn a_bad_clock_is_refused() {
    for clock in [
        n(f64::NAN),
        n(f64::INFINITY),
        n(-1.0),
        s("1700000000"),
        JsValue::NULL,
        js("new Date(NaN)"),
        js("() => '1700000000'"),
        js("() => undefined"),
        js("() => NaN"),
        js("() => -5"),
        js("() => () => 1700000000"),
        js("1700000000n"),
    ] {
        bad_issue_option("now", clock.clone());
        bad_verify_option("now", clock);
    }
    still_works();
}

#[wasm_bindgen_test]
fn a_system_clock_before_1970_is_refused_not_a_trap() {
    // Without `now`, the system clock: Date.now() is read by the boundary.
    let token = issue(obj(&[]), &secret(), at(NOW)).unwrap();
    let key = new_key(secret(), JsValue::UNDEFINED).unwrap();
    let swap: js_sys::Function =
        js("(f) => { const old = Date.now; Date.now = f; return old; }").unchecked_into();
    let real = swap
        .call1(&JsValue::UNDEFINED, &js("() => -86400000"))
        .unwrap();
    let on_issue = issue(obj(&[]), &secret(), JsValue::UNDEFINED);
    let on_verify = verify(&token, &secret(), JsValue::UNDEFINED);
    let on_verify_with_key = verify(&token, &key, JsValue::UNDEFINED);
    swap.call1(&JsValue::UNDEFINED, &real).unwrap();
    for thrown in [
        fails(on_issue, "ERR_INVALID_OPTION"),
        fails(on_verify, "ERR_INVALID_OPTION"),
        fails(on_verify_with_key, "ERR_INVALID_OPTION"),
    ] {
        thrown.assert_option("now");
    }
    still_works();
}

#[wasm_bindgen_test]
fn a_clock_that_throws_is_refused_with_the_error_as_cause() {
    let thrown = bad_issue_option("now", js("() => { throw new RangeError('clock broke'); }"));
    let cause = thrown.cause();
    assert_eq!(
        get(&cause, "message").as_string().as_deref(),
        Some("clock broke")
    );
    still_works();
}

#[wasm_bindgen_test]
fn the_options_must_be_a_plain_object() {
    for options in [
        n(1.0),
        s("{}"),
        JsValue::TRUE,
        js("[]"),
        js("new Map([['now', 1]])"),
        js("new Date()"),
        js("() => 1"),
        js("new (class Options { constructor() { this.now = 1700000000; } })()"),
    ] {
        bad_bag(options.clone());
        fails(new_key(secret(), options), "ERR_INVALID_OPTION").assert_option("options");
    }
    still_works();
}

#[wasm_bindgen_test]
fn options_whose_getters_throw_are_refused_with_the_error_as_cause() {
    let options = js("{ get now() { throw new Error('getter broke'); } }");
    let thrown = fails(issue(obj(&[]), &secret(), options), "ERR_INVALID_OPTION");
    thrown.assert_option("options");
    assert_eq!(
        get(&thrown.cause(), "message").as_string().as_deref(),
        Some("getter broke")
    );
    let revoked =
        js("(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()");
    fails(issue(obj(&[]), &secret(), revoked), "ERR_INVALID_OPTION").assert_option("options");
    still_works();
}

/// `input.js` reads duration strings for the package; the core's
/// `parse_duration` (fuzzed, `fuzz/`) reads them for Rust callers. Both must
/// accept the same strings as the same seconds and refuse the rest with the
/// same message.
#[wasm_bindgen_test]
fn the_javascript_duration_grammar_is_the_cores() {
    let mut texts: Vec<String> = [
        "",
        "s",
        "0s",
        "00m",
        "1s",
        "30m",
        "2h",
        "7d",
        "1w",
        "36524d",
        "36525d",
        "5217w",
        "5218w",
        "999999999999s",
        "9999999999999s",
        "000000000001w",
        "30",
        "30 m",
        " 30m",
        "30m ",
        "+30m",
        "-30m",
        "1.5h",
        "1e3s",
        "0x10m",
        "30M",
        "30S",
        "30min",
        "30ms",
        "30mm",
        "m30",
        "3m0",
        "١٢m",
        "３０m",
        "30\u{00a0}m",
        "30\u{0}m",
        "30m\n",
        "toString",
        "30constructor",
        "30__proto__",
        "30hasOwnProperty",
    ]
    .iter()
    .map(|text| (*text).to_owned())
    .collect();
    for digits in 1..=14 {
        for unit in ["s", "m", "h", "d", "w", "y", ""] {
            texts.push(format!("{}{unit}", "9".repeat(digits)));
        }
    }
    for text in &texts {
        let core = edge_jwt::parse_duration(text, "expiresIn");
        let js = issue(
            obj(&[]),
            &secret(),
            at_with(NOW, &[("expiresIn", s(text)), ("issuedAt", JsValue::FALSE)]),
        );
        match (core, js) {
            (Ok(secs), Ok(token)) => {
                let payload = get(&decode(&token).unwrap(), "payload");
                assert_eq!(
                    get(&payload, "exp").as_f64(),
                    Some(NOW + secs as f64),
                    "{text:?}"
                );
            }
            (Err(core), Err(thrown)) => {
                let thrown = jwt_error(thrown);
                assert_eq!(thrown.code(), "ERR_INVALID_OPTION", "{text:?}");
                assert_eq!(thrown.message(), core.to_string(), "{text:?}");
            }
            (core, js) => panic!("{text:?}: the core read {core:?}, JavaScript {js:?}"),
        }
    }
}
