//! The claims codec of the boundary (`src/wasm/claims.js`): `verify` builds
//! exactly what `JSON.parse` builds from the payload, `issue` writes exactly
//! what `JSON.stringify` writes, and neither is confused by calls that
//! re-enter the module or grow its memory.

use base64::Engine;
use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::*;

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// An empty string when `value` is what `JSON.parse(text)` builds (same
/// prototypes, same own property names in the same order, same descriptors,
/// leaves equal by `Object.is`); otherwise where they differ.
fn difference(value: &JsValue, text: &str) -> String {
    let compare: Function = js(r#"function compare(a, b, path = "$") {
        if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
          return Object.is(a, b) ? "" : `${path}: ${String(a)} is not ${String(b)}`;
        }
        if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototype`;
        const ka = Reflect.ownKeys(a), kb = Reflect.ownKeys(b);
        if (ka.join("\u0000") !== kb.join("\u0000")) return `${path}: names ${ka} vs ${kb}`;
        for (const k of ka) {
          const da = Object.getOwnPropertyDescriptor(a, k), db = Object.getOwnPropertyDescriptor(b, k);
          if (da.writable !== db.writable || da.enumerable !== db.enumerable ||
              da.configurable !== db.configurable || ("get" in da) !== ("get" in db)) {
            return `${path}.${k}: descriptor`;
          }
          const inner = compare(da.value, db.value, `${path}.${k}`);
          if (inner) return inner;
        }
        return "";
      }"#)
    .unchecked_into();
    let parsed = js_sys::JSON::parse(text).unwrap();
    compare
        .call2(&JsValue::UNDEFINED, value, &parsed)
        .unwrap()
        .as_string()
        .unwrap()
}

/// Payload texts as other libraries write them: spacing, escapes, raw
/// non-ASCII, every number form, names Object.prototype holds.
const PAYLOADS: &[&str] = &[
    r#"{"sub":"1234567890","name":"John Doe","role":"dev","iat":1700000000,"exp":1700003600}"#,
    "{ \"a\" : [ 1 , 2 ] ,\n\t\"b\" : { } , \"c\":[ ] ,\r\n\"d\" : [ [ ] , { \"e\" : null } ] }",
    r#"{"q":"say \"hi\"\\n","u":"\u00e9\ud83d\ude00","k\u0065y":1,"slash":"a\/b","ctl":"\b\f\n\r\t\u0000"}"#,
    r#"{"name":"Zoë 😀 日本","日本":"x","mixed":"abc\u00e9déf"}"#,
    r#"{"a":-0,"b":0,"c":1e3,"d":1E-2,"e":-1.5e+300,"f":123456789012345,"g":1234567890123456,"h":12345678901234567890,"i":9007199254740993,"j":0.1,"k":-123,"l":-999999999999999,"m":0.30000000000000004,"n":1e-7,"o":5e-324}"#,
    r#"{"__proto__":{"x":1},"toString":"t","constructor":2,"hasOwnProperty":null,"valueOf":[1],"__defineGetter__":true}"#,
    r#"{"t":true,"f":false,"n":null,"list":[true,false,null,"",0,-1,{}],"":"empty name","0":"index","1":"one"}"#,
    // Names that share a slot of the name cache (same length, first and last byte).
    r#"{"ab1b":1,"ax1b":2,"ab1b2":3,"aa":4,"ba":5,"a":6,"b":7}"#,
    // Short names (up to 6 bytes, found by number) whose first four bytes agree,
    // so they share a slot too, next to longer ones.
    r#"{"abcdef":1,"abcdeg":2,"abcd":3,"abcdefg":4,"abcdef0":5,"~~~~~~":6,"0":7}"#,
    r#"{"d":[[[[[[[[[[{"x":[{"y":{"z":[1,[2,[3,{"w":"deep"}]]]}}]}]]]]]]]]]]}"#,
];

#[wasm_bindgen_test]
fn verify_builds_what_json_parse_builds() {
    // Twice: the second time, every member name comes from the name cache.
    for _ in 0..2 {
        for payload in PAYLOADS {
            let token = sign(HEADER, payload, SECRET.as_bytes());
            let verified = verify(&token, &secret(), lenient(NOW)).unwrap();
            assert_eq!(difference(&verified, payload), "", "{payload}");
            let decoded = decode(&token).unwrap();
            assert_eq!(
                difference(&get(&decoded, "payload"), payload),
                "",
                "{payload}"
            );
            assert_eq!(difference(&get(&decoded, "header"), HEADER), "");
        }
    }
}

#[wasm_bindgen_test]
fn every_two_letter_name_is_built_right_across_calls() {
    // 676 short names over three payloads, twice: many share a cache slot, so
    // names are found, replaced and found again.
    let names: Vec<String> = (b'a'..=b'z')
        .flat_map(|a| (b'a'..=b'z').map(move |b| String::from_utf8(vec![a, b]).unwrap()))
        .collect();
    for _ in 0..2 {
        for chunk in names.chunks(230) {
            let members: Vec<String> = chunk.iter().map(|n| format!(r#""{n}":1"#)).collect();
            let payload = format!("{{{}}}", members.join(","));
            assert!(payload.len() <= 4096, "taped");
            let token = sign(HEADER, &payload, SECRET.as_bytes());
            let verified = verify(&token, &secret(), lenient(NOW)).unwrap();
            assert_eq!(difference(&verified, &payload), "");
        }
    }
}

#[wasm_bindgen_test]
fn a_long_payload_is_built_as_json_parse_builds_it() {
    // Hundreds of names (more than the name cache holds), fractions, escapes.
    let members: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#""claim{i}":{}"#,
                if i % 3 == 0 {
                    format!("{i}.5")
                } else {
                    format!(r#""välue {i}\n""#)
                }
            )
        })
        .collect();
    let payload = format!("{{{}}}", members.join(","));
    assert!(payload.len() > 4096);
    let token = sign(HEADER, &payload, SECRET.as_bytes());
    let verified = verify(&token, &secret(), lenient(NOW)).unwrap();
    assert_eq!(difference(&verified, &payload), "");
}

#[wasm_bindgen_test]
fn a_name_added_to_object_prototype_stays_there() {
    // JSON.parse defines members; it does not call a setter the prototype chain holds.
    let payload = r#"{"__proto__":[1],"sub":"a"}"#;
    let token = sign(HEADER, payload, SECRET.as_bytes());
    let verified = verify(&token, &secret(), lenient(NOW)).unwrap();
    assert_eq!(difference(&verified, payload), "");
    assert_eq!(
        js_sys::Object::get_prototype_of(&verified),
        js("Object.prototype").unchecked_into::<js_sys::Object>()
    );
}

#[wasm_bindgen_test]
fn time_claims_the_fast_path_leaves_are_read_as_json_parse_reads_them() {
    // Fractions, exponents and long mantissas: the core asks JavaScript's
    // Number for each (src/wasm/memory.rs, `parse_number`). Some of these
    // straddle two doubles, or were misread by the 128-bit reader it replaced.
    for lexeme in [
        "1700000000.5",
        "17e8",
        "1700000000.12345678901234567890123",
        "131072.7327249120900",
        "131072.73272391206411",
        "46120035520202539e-20",
        "0.000000000000000000000000000000000000000000000000000000000123456789",
        "1.2345678901234567890123e9",
    ] {
        let exp = js_sys::JSON::parse(lexeme).unwrap().as_f64().unwrap();
        let token = sign(HEADER, &format!(r#"{{"exp":{lexeme}}}"#), SECRET.as_bytes());
        // Valid a double before exp, with exp read as JSON.parse reads it
        // (the payload's exp is built from the same text, so the check is
        // also on the value the core compared).
        let before = f64::from_bits(exp.to_bits().wrapping_sub(1));
        let claims = verify(&token, &secret(), at(before)).unwrap();
        assert_eq!(
            get(&claims, "exp").as_f64().map(f64::to_bits),
            Some(exp.to_bits()),
            "{lexeme}"
        );
        // Expired at exp itself, and expiredAt is that same double.
        let expired = jwt_error(verify(&token, &secret(), at(exp)).unwrap_err());
        assert_eq!(expired.code(), "ERR_JWT_EXPIRED", "{lexeme}");
        assert_eq!(
            expired.expired_at().map(f64::to_bits),
            Some(exp.to_bits()),
            "{lexeme}"
        );
    }
    // A number too large for a double is refused wherever it stands, as the
    // fast path refuses nothing: JSON.parse would read Infinity.
    for payload in [
        r#"{"exp":1e309}"#,
        r#"{"a":[-2e308]}"#,
        r#"{"b":{"c":1.8e308}}"#,
    ] {
        let token = sign(HEADER, payload, SECRET.as_bytes());
        let error = jwt_error(verify(&token, &secret(), at(NOW)).unwrap_err());
        assert_eq!(error.code(), "ERR_JWT_INVALID", "{payload}");
        assert!(
            error
                .message()
                .starts_with("the payload holds a number too large for a double"),
            "{payload}: {}",
            error.message()
        );
    }
}

/// The payload of a token, as text.
fn payload_of(token: &str) -> String {
    let segment = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(segment)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[wasm_bindgen_test]
fn issue_writes_what_json_stringify_writes() {
    let claims = [
        r#"{ "q": "say \"hi\" \\ /", "ctl": "\u0000\u0001\b\f\n\r\t\u001f\u007f", "sep": "\u2028\u2029" }"#,
        r#"{ "emoji": "😀", "name": "Zoë 日本", "na\"me\n": 1, "": "" }"#,
        // One character to escape each, and nothing else.
        r#"{ "a\"b": "c\"d", "e\\f": "g\\h", "i\nj": "k\u0001l" }"#,
        r#"{ "a": -0, "b": 1e21, "c": 1e-7, "d": 0.1, "e": 5e-324, "f": -1.7976931348623157e308, "g": 123456789012345680000 }"#,
        r#"{ "t": true, "f": false, "n": null, "list": [1, "two", [[]], {}, { "x": [null] }] }"#,
        r#"{ "2": "index", "1": "one", "b": 1, "a": 2 }"#,
    ];
    for claims in claims {
        let value = js(claims);
        let expected = json(&value);
        let token = issue(value, &secret(), obj(&[("issuedAt", JsValue::FALSE)])).unwrap();
        assert_eq!(payload_of(&token), expected);
    }
}

#[wasm_bindgen_test]
fn claims_longer_than_the_scratch_buffer_are_issued() {
    // 20,000 ASCII characters, and 10,000 that are 2 bytes each: both are more
    // UTF-8 than the 16 KiB buffer, the second in fewer UTF-16 units.
    for (text, units) in [("a", 20_000), ("é", 10_000)] {
        let long = text.repeat(units);
        let claims = obj(&[("long", s(&long)), ("n", n(1.0))]);
        let options = obj(&[
            ("issuedAt", JsValue::FALSE),
            ("maxTokenLength", n(65_536.0)),
        ]);
        let token = issue(claims, &secret(), options).unwrap();
        let options = lenient_with(NOW, &[("maxTokenLength", n(65_536.0))]);
        let verified = verify(&token, &secret(), options).unwrap();
        assert_eq!(
            get(&verified, "long").as_string().as_deref(),
            Some(long.as_str())
        );
        assert_eq!(get(&verified, "n").as_f64(), Some(1.0));
    }
}

#[wasm_bindgen_test]
fn a_claim_getter_that_issues_and_grows_memory_does_not_disturb_the_outer_issue() {
    let inner = callback(|| {
        // Memory grows, which detaches every view of it the outer walk holds:
        // for certain (grow), and again if the big claims below need more.
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory.grow(1);
        let big = "x".repeat(300_000);
        let longest = obj(&[("maxTokenLength", n(1_048_576.0))]);
        let token = issue(obj(&[("big", s(&big))]), &secret(), longest).unwrap();
        s(&format!("inner:{}", token.len()))
    });
    // Members after the getter too: the outer walk writes on after memory grew.
    let claims = js("{ sub: 'outer', first: 1 }");
    let define: Function =
        js("(claims, get) => Object.defineProperty(claims, 'nested', { get, enumerable: true })")
            .unchecked_into();
    define.call2(&JsValue::UNDEFINED, &claims, &inner).unwrap();
    js_sys::Reflect::set(&claims, &s("last"), &s("after")).unwrap();
    let token = issue(claims, &secret(), obj(&[("issuedAt", JsValue::FALSE)])).unwrap();
    let verified = verify(&token, &secret(), lenient(NOW)).unwrap();
    assert_eq!(get(&verified, "sub").as_string().as_deref(), Some("outer"));
    let nested = get(&verified, "nested").as_string().unwrap();
    assert!(nested.starts_with("inner:"), "{nested}");
    assert_eq!(get(&verified, "last").as_string().as_deref(), Some("after"));
}

/// Each place where the walk runs the caller's code (a getter, a Proxy's
/// `get`, `getPrototypeOf` and `ownKeys` traps, also on the way to a Date
/// claim), nested too, may grow wasm memory; what the walk writes after it
/// must land in the grown memory.
#[wasm_bindgen_test]
fn every_place_the_walk_runs_foreign_code_may_grow_memory() {
    let grow = callback(|| {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory.grow(1);
        JsValue::UNDEFINED
    });
    let build: Function = js("(grow) => {
        const nested = {};
        Object.defineProperty(nested, 'x', { get: () => (grow(), 'nx'), enumerable: true });
        const items = [1, 2];
        Object.defineProperty(items, 1, { get: () => (grow(), 'i1'), enumerable: true });
        const prototype = new Proxy({ p: 1 }, {
            getPrototypeOf: () => (grow(), Object.prototype),
        });
        const keys = new Proxy({ k: 1 }, { ownKeys: (t) => (grow(), Reflect.ownKeys(t)) });
        const length = new Proxy([7], {
            get: (t, k) => (k === 'length' && grow(), Reflect.get(t, k)),
        });
        // A real Date, whose prototype is a Proxy that is asked for its own.
        const exp = new Date(1700000060000);
        Object.setPrototypeOf(exp, new Proxy(Date.prototype, {
            getPrototypeOf: () => (grow(), Object.prototype),
        }));
        return { a: nested, b: items, c: prototype, d: keys, e: length, exp, z: 'after' };
    }")
    .unchecked_into();
    let claims = build.call1(&JsValue::UNDEFINED, &grow).unwrap();
    let token = issue(claims, &secret(), obj(&[("issuedAt", JsValue::FALSE)])).unwrap();
    assert_eq!(
        payload_of(&token),
        r#"{"a":{"x":"nx"},"b":[1,"i1"],"c":{"p":1},"d":{"k":1},"e":[7],"exp":1700000060,"z":"after"}"#
    );
}

/// A setter that code adds to `Object.prototype` after the module loaded
/// never runs while `verify` builds the claims: the result has the claim as
/// an own data property, as `JSON.parse` would build it, and the setter is
/// not called (it used to be, with the claim's value; it could re-enter
/// `verify` or throw through the module).
#[wasm_bindgen_test]
fn a_setter_on_object_prototype_never_runs_while_the_claims_are_built() {
    let outer = issue(
        js("({ sub: 'outer', zz: 'outer zz', after: 'outer after', n: 1 })"),
        &secret(),
        at(NOW),
    )
    .unwrap();
    let log = js_sys::Array::new();
    let define: Function = js("(log) => Object.defineProperty(Object.prototype, 'zz', {
        configurable: true,
        set(value) { log.push(value); },
        get() { return 'from the prototype'; },
    })")
    .unchecked_into();
    define.call1(&JsValue::UNDEFINED, &log).unwrap();
    let verified = verify(&outer, &secret(), lenient(NOW));
    let own: Function =
        js("(o) => JSON.stringify(Object.getOwnPropertyDescriptor(o, 'zz'))").unchecked_into();
    let descriptor = verified
        .as_ref()
        .ok()
        .and_then(|v| own.call1(&JsValue::UNDEFINED, v).ok())
        .and_then(|d| d.as_string());
    js("delete Object.prototype.zz");
    assert_eq!(
        json(&verified.unwrap()),
        r#"{"sub":"outer","zz":"outer zz","after":"outer after","n":1,"iat":1700000000}"#
    );
    assert_eq!(log.length(), 0, "the setter never ran");
    assert_eq!(
        descriptor.as_deref(),
        Some(r#"{"value":"outer zz","writable":true,"enumerable":true,"configurable":true}"#)
    );
}

#[wasm_bindgen_test]
fn a_clock_that_verifies_does_not_disturb_the_outer_verify() {
    let inner_options = at_with(NOW, &[("expiresIn", n(60.0))]);
    let inner_token = issue(obj(&[("inner", JsValue::TRUE)]), &secret(), inner_options).unwrap();
    let clock = callback(move || {
        // The largest token limit: a buffer of its own, 1 MiB.
        let options = at_with(NOW, &[("maxTokenLength", n(1_048_576.0))]);
        let inner = verify(&inner_token, &secret(), options).unwrap();
        assert_eq!(get(&inner, "inner").as_bool(), Some(true));
        n(NOW)
    });
    let payload = r#"{"sub":"outer","list":[1,2,3],"iat":1700000000,"exp":1700000060}"#;
    let token = sign(HEADER, payload, SECRET.as_bytes());
    let verified = verify(&token, &secret(), obj(&[("now", clock)])).unwrap();
    assert_eq!(difference(&verified, payload), "");
}

#[wasm_bindgen_test]
fn a_long_payload_is_read_without_a_tape_several_times_its_size() {
    let memory_size = || {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        get(&memory.buffer(), "byteLength").as_f64().unwrap()
    };
    // 700 KB of zeros in a list: 350,000 values, whose tape would take 5.6 MB.
    let payload = format!(r#"{{"zeros":[0{}]}}"#, ",0".repeat(349_999));
    let token = sign(HEADER, &payload, SECRET.as_bytes());
    let options = || lenient_with(NOW, &[("maxTokenLength", n(1_048_576.0))]);
    let before = memory_size();
    let verified = verify(&token, &secret(), options()).unwrap();
    assert_eq!(
        js_sys::Array::from(&get(&verified, "zeros")).length(),
        350_000
    );
    // The token buffer (1 MiB) and the decoded payload may need new memory;
    // a tape would need 5.6 MB more.
    let grown = memory_size() - before;
    assert!(
        grown < 4.0 * 1024.0 * 1024.0,
        "wasm memory grew by {grown} bytes"
    );
}
