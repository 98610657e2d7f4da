//! Claims that JSON cannot carry are refused, naming the claim, instead of
//! being dropped as `JSON.stringify` would drop them.

use wasm_bindgen_test::wasm_bindgen_test;

use super::*;

fn refused(claims: &str) -> Thrown {
    let thrown = fails(issue(js(claims), &secret(), at(NOW)), "ERR_INVALID_CLAIMS");
    still_works();
    thrown
}

#[wasm_bindgen_test]
fn claims_must_be_a_plain_object() {
    for claims in [
        "null",
        "undefined",
        "[]",
        "[1, 2]",
        "'{}'",
        "42",
        "true",
        "() => ({})",
        "new Map([['sub', 'x']])",
        "new Date()",
        "new (class Claims { constructor() { this.sub = 'x'; } })()",
        "new Uint8Array(4)",
    ] {
        let thrown = refused(claims);
        thrown.assert_claims(None);
        assert!(
            thrown.message().contains("plain object"),
            "{}",
            thrown.message()
        );
    }
    // Objects without a prototype are plain.
    issue(js("Object.create(null)"), &secret(), at(NOW)).unwrap();
}

#[wasm_bindgen_test]
fn values_json_cannot_carry_are_refused_naming_the_claim() {
    for value in [
        "undefined",
        "() => 1",
        "Symbol('s')",
        "10n",
        "NaN",
        "Infinity",
        "-Infinity",
        "new Map()",
        "new Set([1])",
        "new (class Point { constructor() { this.x = 1; } })()",
        "new Date()",
        "new Uint8Array(2)",
        "new Number(1)",
        "new String('s')",
        "/regex/",
        "new Error('e')",
        "'\\uDC00 lone'",
        "[1, undefined]",
        "[1, , 3]",
        "{ inner: { deeper: [() => 1] } }",
        "{ [Symbol('hidden')]: 1 }",
        "{ '\\uD800': 1 }",
        "{ get boom() { throw new Error('getter broke'); } }",
    ] {
        let thrown = refused(&format!("{{ ok: 1, bad: {value} }}"));
        thrown.assert_claims(Some("bad"));
        assert!(
            thrown.message().starts_with("\"bad\": "),
            "{value}: {}",
            thrown.message()
        );
    }
}

#[wasm_bindgen_test]
fn a_member_name_with_a_lone_surrogate_is_refused_without_naming_it() {
    for (claims, claim) in [
        ("{ ok: 1, '\\uD800x': 1 }", None),
        ("{ '\\uDC00': 1 }", None),
        (
            "{ ok: 1, nested: { fine: 1, 'a\\uD800': 2 } }",
            Some("nested"),
        ),
        ("{ list: [{ '\\uDBFF': 1 }] }", Some("list")),
    ] {
        let thrown = refused(claims);
        thrown.assert_claims(claim);
        assert!(
            thrown
                .message()
                .contains("member name holds a lone surrogate"),
            "{claims}: {}",
            thrown.message()
        );
    }
    // A surrogate pair is a character like any other.
    issue(js("{ '\\uD83D\\uDE00': 1 }"), &secret(), at(NOW)).unwrap();
}

#[wasm_bindgen_test]
fn a_getter_that_throws_becomes_the_cause() {
    // Each value is read once, by name, so the claim whose getter threw is named.
    let thrown = refused("{ get boom() { throw new Error('getter broke'); } }");
    thrown.assert_claims(Some("boom"));
    assert_eq!(
        get(&thrown.cause(), "message").as_string().as_deref(),
        Some("getter broke")
    );
}

#[wasm_bindgen_test]
fn cycles_are_refused_and_shared_objects_are_not() {
    let thrown = refused("(() => { const c = { a: 1 }; c.self = c; return { cyclic: c }; })()");
    thrown.assert_claims(Some("cyclic"));
    assert!(thrown.message().contains("cycle"), "{}", thrown.message());
    refused("(() => { const a = []; a.push(a); return { list: a }; })()")
        .assert_claims(Some("list"));
    // The claims object itself.
    refused("(() => { const c = {}; c.me = c; return c; })()").assert_claims(Some("me"));
    // A fan-out cycle is found at once, not after exponential work.
    refused(
        "(() => { const c = {}; for (let i = 0; i < 20; i++) c['k' + i] = c; return { c }; })()",
    );
    // The same object twice, not inside itself, is fine.
    let token = issue(
        js("(() => { const shared = { x: 1 }; return { a: shared, b: [shared, shared] }; })()"),
        &secret(),
        obj(&[("issuedAt", JsValue::FALSE)]),
    )
    .unwrap();
    assert_eq!(
        json(&get(&decode(&token).unwrap(), "payload")),
        r#"{"a":{"x":1},"b":[{"x":1},{"x":1}]}"#
    );
}

#[wasm_bindgen_test]
fn nesting_is_limited_to_what_verify_accepts() {
    // The claims object is level 1; 32 levels are accepted, 33 are not.
    let nest = |levels: usize| format!("{}1{}", "{ a: ".repeat(levels), " }".repeat(levels));
    let token = issue(js(&nest(32)), &secret(), at(NOW)).unwrap();
    verify(&token, &secret(), lenient(NOW)).unwrap();
    refused(&nest(33)).assert_claims(Some("a"));
    refused("(() => { let v = 1; for (let i = 0; i < 40; i++) v = [v]; return { deep: v }; })()")
        .assert_claims(Some("deep"));
}

#[wasm_bindgen_test]
fn an_exponentially_shared_graph_stops_at_the_value_budget() {
    // 2^30 paths through 30 arrays: JSON.stringify would not finish either.
    let graph =
        "(() => { let v = 1; for (let i = 0; i < 30; i++) v = [v, v]; return { wide: v }; })()";
    // At the default maxTokenLength, the text outgrows it first.
    fails(issue(js(graph), &secret(), at(NOW)), "ERR_JWT_TOO_LONG");
    // At the largest, the value budget stops the walk, naming the claim.
    let longest = at_with(NOW, &[("maxTokenLength", n(1_048_576.0))]);
    let thrown = jwt_error(issue(js(graph), &secret(), longest).unwrap_err());
    assert!(
        thrown.code() == "ERR_JWT_TOO_LONG"
            || (thrown.code() == "ERR_INVALID_CLAIMS" && thrown.message().contains("too many")),
        "{}",
        thrown.message()
    );
}

#[wasm_bindgen_test]
fn dates_are_only_converted_in_exp_nbf_and_iat() {
    let thrown = refused("{ updatedAt: new Date() }");
    thrown.assert_claims(Some("updatedAt"));
    assert!(thrown.message().contains("Date"), "{}", thrown.message());
    refused("{ exp: new Date(NaN) }").assert_claims(Some("exp"));
    refused("{ nested: { exp: new Date() } }").assert_claims(Some("nested"));
    // A Date from another realm (another Date.prototype, so `instanceof Date`
    // fails) is recognised by its internal slot.
    let foreign =
        js("Object.setPrototypeOf(new Date(1700000060000), Object.create(Object.prototype))");
    assert!(!foreign.is_instance_of::<js_sys::Date>());
    let token = issue(obj(&[("exp", foreign)]), &secret(), at(NOW)).unwrap();
    let payload = get(&decode(&token).unwrap(), "payload");
    assert_eq!(get(&payload, "exp").as_f64(), Some(NOW + 60.0));
}

#[wasm_bindgen_test]
fn members_with_undefined_are_refused_not_dropped() {
    // JSON.stringify would silently write {"a":1}.
    let thrown = refused("{ a: 1, b: undefined }");
    thrown.assert_claims(Some("b"));
    assert!(
        thrown.message().contains("undefined"),
        "{}",
        thrown.message()
    );
}

#[wasm_bindgen_test]
fn non_enumerable_and_inherited_members_are_not_claims() {
    let claims = js(
        "(() => { const c = Object.create(null); c.a = 1; \
         Object.defineProperty(c, 'hidden', { value: () => 1, enumerable: false }); return c; })()",
    );
    let token = issue(claims, &secret(), obj(&[("issuedAt", JsValue::FALSE)])).unwrap();
    assert_eq!(
        json(&get(&decode(&token).unwrap(), "payload")),
        r#"{"a":1}"#
    );
}
