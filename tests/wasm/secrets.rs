//! Every kind of secret: strings (UTF-8), Uint8Arrays of any realm, and
//! reusable `Key`s; short, empty and wrong-typed secrets.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::*;

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

/// Issues with `secret` and checks the token against the same bytes, given as
/// a plain same-realm Uint8Array.
fn assert_signs_as(secret: &JsValue, raw: &[u8]) {
    let token = issue(obj(&[("a", n(1.0))]), secret, at(NOW)).unwrap();
    verify(&token, &bytes(raw), lenient(NOW)).unwrap();
    assert_eq!(
        token,
        sign(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"a":1,"iat":1700000000}"#,
            raw
        )
    );
}

#[wasm_bindgen_test]
fn a_string_secret_is_its_utf8_bytes() {
    let text = "päss wörd 😀 with enough bytes for HS256";
    assert_signs_as(&s(text), text.as_bytes());
    assert_signs_as(&secret(), SECRET.as_bytes());
}

#[wasm_bindgen_test]
fn a_uint8array_secret_is_its_bytes() {
    let raw: Vec<u8> = (0..=255).collect();
    assert_signs_as(&bytes(&raw), &raw);
}

#[wasm_bindgen_test]
fn a_subarray_secret_is_only_its_window() {
    let all: Vec<u8> = (0..64).collect();
    let window = Uint8Array::from(all.as_slice()).subarray(10, 50);
    assert_signs_as(&window.into(), all.get(10..50).unwrap());
}

#[wasm_bindgen_test]
fn a_uint8array_that_fails_instanceof_is_still_accepted() {
    // What a Uint8Array from another realm (an iframe, jsdom) looks like:
    // `instanceof Uint8Array` is false, the bytes are the same.
    let foreign = js(
        "(() => { const a = new Uint8Array(40).fill(7); Object.setPrototypeOf(a, Object.prototype); return a; })()",
    );
    assert!(!foreign.is_instance_of::<Uint8Array>());
    assert_signs_as(&foreign, &[7; 40]);
    // A subclass (such as Node's Buffer) too.
    let subclass =
        js("(() => { class Bytes extends Uint8Array {} return new Bytes(40).fill(9); })()");
    assert_signs_as(&subclass, &[9; 40]);
    // A Buffer, where there is one.
    let buffer = js("typeof Buffer === 'function' ? Buffer.from('0123456789abcdef0123456789abcdef') : undefined");
    if !buffer.is_undefined() {
        assert_signs_as(&buffer, b"0123456789abcdef0123456789abcdef");
    }
}

#[wasm_bindgen_test]
fn lookalikes_of_a_uint8array_are_refused() {
    for fake in [
        js("Object.setPrototypeOf({ length: 40 }, Uint8Array.prototype)"),
        js("new Uint16Array(40)"),
        js("new Uint8ClampedArray(40)"),
        js("new ArrayBuffer(40)"),
        js("new DataView(new ArrayBuffer(40))"),
        js("Array(40).fill(1)"),
    ] {
        let thrown = fails(issue(obj(&[]), &fake, at(NOW)), "ERR_INVALID_OPTION");
        thrown.assert_option("secret");
    }
    still_works();
}

#[wasm_bindgen_test]
fn a_key_is_reused_many_times_and_stays_usable() {
    let key = new_key(secret(), JsValue::UNDEFINED).unwrap();
    let mut tokens = Vec::new();
    for i in 0..500 {
        let token = issue(obj(&[("i", n(f64::from(i)))]), &key, at(NOW)).unwrap();
        verify(&token, &key, lenient(NOW)).unwrap();
        tokens.push(token);
    }
    // Same tokens as with the string secret, and the key still works.
    for (i, token) in tokens.iter().enumerate().take(5) {
        let again = issue(obj(&[("i", n(i as f64))]), &secret(), at(NOW)).unwrap();
        assert_eq!(&again, token);
        verify(token, &key, lenient(NOW)).unwrap();
    }
    // Its key material is a private field: nothing of it can be read or serialized.
    assert_eq!(Reflect::own_keys(&key).unwrap().length(), 0);
    assert_eq!(
        js_sys::JSON::stringify(&key)
            .unwrap()
            .as_string()
            .as_deref(),
        Some("{}")
    );
    call_method(&key, "free");
}

#[wasm_bindgen_test]
fn a_key_from_bytes_matches_the_same_string() {
    let from_bytes = new_key(bytes(SECRET.as_bytes()), JsValue::NULL).unwrap();
    let token = issue(obj(&[]), &from_bytes, at(NOW)).unwrap();
    verify(&token, &secret(), lenient(NOW)).unwrap();
    let foreign = js(
        "(() => { const a = new TextEncoder().encode('an HS256 secret of at least 32 bytes!'); \
         Object.setPrototypeOf(a, Object.prototype); return a; })()",
    );
    let from_foreign = new_key(foreign, JsValue::UNDEFINED).unwrap();
    verify(&token, &from_foreign, lenient(NOW)).unwrap();
}

/// A Key's state is JavaScript memory: keys that are never freed (and never
/// collected, here) leave wasm memory, which never shrinks, as it was. With
/// the state in wasm memory, 20,000 keys needed more than 1 MB of it.
#[wasm_bindgen_test]
fn keys_that_are_never_freed_take_no_wasm_memory() {
    let pages = || {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        get(&memory.buffer(), "byteLength").as_f64().unwrap()
    };
    let first = new_key(secret(), JsValue::UNDEFINED).unwrap();
    let before = pages();
    // Kept in a JavaScript array: a Vec of handles would itself be wasm memory.
    let kept = js_sys::Array::new();
    for _ in 0..20_000 {
        kept.push(&new_key(secret(), JsValue::UNDEFINED).unwrap());
    }
    assert_eq!(pages(), before, "wasm memory grew by keys nobody freed");
    // They all still work, with issue and verify.
    let token = issue(obj(&[("sub", s("k"))]), &kept.get(19_999), at(NOW)).unwrap();
    verify(&token, &first, lenient(NOW)).unwrap();
    verify(&token, &kept.get(0), lenient(NOW)).unwrap();
}

#[wasm_bindgen_test]
fn the_javascript_key_class_constructs_and_frees() {
    let key = new_key(secret(), JsValue::UNDEFINED).unwrap();
    // `new Key(...)` through the generated class, as JavaScript writes it.
    let class: js_sys::Function = get(&key, "constructor").unchecked_into();
    assert_eq!(get(&class, "name").as_string().as_deref(), Some("Key"));
    let args = js_sys::Array::of1(&secret());
    let constructed: JsValue = js_sys::Reflect::construct(&class, &args).unwrap();
    let token = issue(obj(&[]), &constructed, at(NOW)).unwrap();
    verify(&token, &key, lenient(NOW)).unwrap();
    // A failing constructor throws a JwtError.
    let short = js_sys::Array::of1(&s("short"));
    let thrown = jwt_error(js_sys::Reflect::construct(&class, &short).unwrap_err());
    assert_eq!(thrown.code(), "ERR_KEY_TOO_SHORT");
    // A freed key is refused, the error explains, and nothing else breaks.
    call_method(&constructed, "free");
    let thrown = fails(issue(obj(&[]), &constructed, at(NOW)), "ERR_INVALID_OPTION");
    thrown.assert_option("secret");
    assert!(thrown.message().contains("freed"), "{}", thrown.message());
    verify(&token, &key, lenient(NOW)).unwrap();
    for _ in 0..1000 {
        fails(verify(&token, &constructed, at(NOW)), "ERR_INVALID_OPTION");
    }
    still_works();
    verify(&token, &key, lenient(NOW)).unwrap();
}

#[wasm_bindgen_test]
fn short_keys_need_allow_short_key() {
    let short = s("mysecretkey");
    let thrown = fails(issue(obj(&[]), &short, at(NOW)), "ERR_KEY_TOO_SHORT");
    assert_eq!(thrown.option(), None);
    fails(
        issue(obj(&[]), &bytes(&[1; 31]), at(NOW)),
        "ERR_KEY_TOO_SHORT",
    );
    fails(
        new_key(short.clone(), JsValue::UNDEFINED),
        "ERR_KEY_TOO_SHORT",
    );
    // 32 bytes is enough.
    issue(obj(&[]), &bytes(&[1; 32]), at(NOW)).unwrap();

    let allow = || at_with(NOW, &[("allowShortKey", JsValue::TRUE)]);
    let token = issue(obj(&[]), &short, allow()).unwrap();
    verify(
        &token,
        &short,
        lenient_with(NOW, &[("allowShortKey", JsValue::TRUE)]),
    )
    .unwrap();
    fails(verify(&token, &short, at(NOW)), "ERR_KEY_TOO_SHORT");
    let key = new_key(short, obj(&[("allowShortKey", JsValue::TRUE)])).unwrap();
    verify(&token, &key, lenient(NOW)).unwrap();
    // With a Key, the Key's own choice counts.
    verify(
        &token,
        &key,
        lenient_with(NOW, &[("allowShortKey", JsValue::FALSE)]),
    )
    .unwrap();
    still_works();
}

#[wasm_bindgen_test]
fn empty_secrets_are_refused_even_when_short_keys_are_allowed() {
    let allow = obj(&[("allowShortKey", JsValue::TRUE)]);
    for empty in [s(""), bytes(&[])] {
        fails(issue(obj(&[]), &empty, at(NOW)), "ERR_KEY_EMPTY");
        fails(
            issue(
                obj(&[]),
                &empty,
                at_with(NOW, &[("allowShortKey", JsValue::TRUE)]),
            ),
            "ERR_KEY_EMPTY",
        );
        fails(new_key(empty.clone(), allow.clone()), "ERR_KEY_EMPTY");
    }
    still_works();
}

#[wasm_bindgen_test]
fn secrets_of_other_types_are_refused() {
    let key = new_key(secret(), JsValue::UNDEFINED).unwrap();
    let token = issue(obj(&[]), &key, at(NOW)).unwrap();
    for wrong in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        n(42.0),
        JsValue::TRUE,
        js("{}"),
        js("{ __wbg_ptr: 8 }"),
        js("Symbol('secret')"),
        js("10n"),
        js("() => 'secret'"),
        js("['a']"),
    ] {
        fails(issue(obj(&[]), &wrong, at(NOW)), "ERR_INVALID_OPTION").assert_option("secret");
        fails(verify(&token, &wrong, at(NOW)), "ERR_INVALID_OPTION").assert_option("secret");
    }
    // A Key is not a secret for another Key.
    fails(
        new_key(key.clone(), JsValue::UNDEFINED),
        "ERR_INVALID_OPTION",
    )
    .assert_option("secret");
    verify(&token, &key, lenient(NOW)).unwrap();
}

#[wasm_bindgen_test]
fn a_wrong_secret_fails_the_signature() {
    let token = issue(obj(&[]), &secret(), at(NOW)).unwrap();
    let other = s("another secret that is long enough!!");
    fails(
        verify(&token, &other, at(NOW)),
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    );
    let other_key = new_key(other, JsValue::UNDEFINED).unwrap();
    fails(
        verify(&token, &other_key, at(NOW)),
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    );
}

#[wasm_bindgen_test]
fn a_bad_secret_is_reported_before_bad_claims_and_after_a_bad_token() {
    // issue and verify take the claims or the token, a Key's states and the
    // clock in one call: the order of the checks is still the documented one.
    let freed = new_key(secret(), JsValue::UNDEFINED).unwrap();
    call_method(&freed, "free");
    for bad in [freed, n(7.0), js("({})")] {
        fails(issue(js("[1]"), &bad, at(NOW)), "ERR_INVALID_OPTION").assert_option("secret");
        fails(
            issue(js("({ a: undefined })"), &bad, JsValue::UNDEFINED),
            "ERR_INVALID_OPTION",
        )
        .assert_option("secret");
        fails(verify("a.b", &bad, at(NOW)), "ERR_INVALID_OPTION").assert_option("secret");
        let not_a_string = verify_value(&n(42.0), &bad, &JsValue::UNDEFINED);
        fails(not_a_string, "ERR_JWS_INVALID");
    }
    still_works();
}
