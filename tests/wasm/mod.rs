//! The boundary suite, shared by `tests/wasm.rs` (Node) and
//! `tests/wasm_browser.rs` (Chrome, Firefox).
//!
//! Each test calls the exported functions with the values JavaScript would
//! pass and checks what JavaScript would receive: a `Key` is a real
//! JavaScript `Key` object, errors are checked as JavaScript objects
//! (`instanceof JwtError`, `code`, ...).

// A failing test panics: that is how the harness reports it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod claims;
mod codec;
mod errors;
mod issue_options;
mod round_trip;
mod secrets;
mod validation;
mod verify_options;

use std::fmt::Debug;

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use js_sys::{Function, Object, Reflect};
use sha2::Sha256;
use wasm_bindgen::prelude::*;

/// A secret of 37 bytes: long enough without `allowShortKey`.
pub(super) const SECRET: &str = "an HS256 secret of at least 32 bytes!";

/// 2023-11-14T22:13:20Z.
pub(super) const NOW: f64 = 1_700_000_000.0;

#[wasm_bindgen(module = "/src/wasm/classes.js")]
extern "C" {
    /// The exported `Key` class (the same module instance the library re-exports).
    #[wasm_bindgen(js_name = Key)]
    type KeyClass;

    #[wasm_bindgen(constructor, js_class = "Key", catch)]
    fn new(secret: JsValue, options: JsValue) -> Result<KeyClass, JsValue>;
}

#[wasm_bindgen(module = "/src/wasm/error.js")]
extern "C" {
    /// The class every failure must be an instance of.
    #[wasm_bindgen(js_name = JwtError)]
    type JwtErrorClass;
}

/// Evaluates a JavaScript expression (for values Rust cannot build directly:
/// Proxies, getters, Maps, closures with state).
pub(super) fn js(expression: &str) -> JsValue {
    Function::new_no_args(&format!("return ({expression});"))
        .call0(&JsValue::UNDEFINED)
        .expect("the test's JavaScript expression threw")
}

/// A plain object with these members, in this order.
pub(super) fn obj(members: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in members {
        Reflect::set(&object, &JsValue::from_str(name), value).unwrap();
    }
    object.into()
}

/// `{ now }`: the options of a call at a fixed time.
pub(super) fn at(now: f64) -> JsValue {
    obj(&[("now", JsValue::from_f64(now))])
}

/// `{ now, ...members }`.
pub(super) fn at_with(now: f64, members: &[(&str, JsValue)]) -> JsValue {
    let options = at(now);
    for (name, value) in members {
        Reflect::set(&options, &JsValue::from_str(name), value).unwrap();
    }
    options
}

/// `{ now, allowMissingExp: true }`: the options of a verify at a fixed time
/// that accepts a token without `exp`. For tests about another rule, whose
/// tokens have no `exp`; `verify_options.rs` tests the `exp` rule itself.
pub(super) fn lenient(now: f64) -> JsValue {
    lenient_with(now, &[])
}

/// `{ now, allowMissingExp: true, ...members }`: see [`lenient`].
pub(super) fn lenient_with(now: f64, members: &[(&str, JsValue)]) -> JsValue {
    let options = at_with(now, &[("allowMissingExp", JsValue::TRUE)]);
    for (name, value) in members {
        Reflect::set(&options, &JsValue::from_str(name), value).unwrap();
    }
    options
}

/// A member of an object.
pub(super) fn get(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(name)).unwrap()
}

/// `JSON.stringify(value)`.
pub(super) fn json(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).unwrap().into()
}

pub(super) fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

pub(super) fn n(number: f64) -> JsValue {
    JsValue::from_f64(number)
}

pub(super) fn secret() -> JsValue {
    s(SECRET)
}

/// A test binary has no start function: gives `classes.js` the key schedule
/// and the module's exports once, as instantiation does.
pub(super) fn installed() {
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(edge_jwt::wasm::install);
}

/// `issue(claims, secret, options)` as JavaScript calls it.
pub(super) fn issue(
    claims: JsValue,
    secret: &JsValue,
    options: JsValue,
) -> Result<String, JsValue> {
    installed();
    edge_jwt::wasm::issue(&claims, secret, &options)
        .map(|token| token.as_string().expect("issue returns a string"))
}

/// `verify(token, secret, options)` as JavaScript calls it.
pub(super) fn verify(token: &str, secret: &JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    verify_value(&s(token), secret, &options)
}

/// `verify` with a token of any type.
pub(super) fn verify_value(
    token: &JsValue,
    secret: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    installed();
    edge_jwt::wasm::verify(token, secret, options)
}

/// `decodeUnverified(token)`.
pub(super) fn decode(token: &str) -> Result<JsValue, JsValue> {
    installed();
    edge_jwt::wasm::decode_unverified(&s(token))
}

/// `new Key(secret, options)`: the JavaScript object, owned by JavaScript.
pub(super) fn new_key(secret: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    installed();
    KeyClass::new(secret, options).map(JsValue::from)
}

/// A JavaScript function that runs `f` (a call back into the module).
pub(super) fn callback(f: impl Fn() -> JsValue + 'static) -> JsValue {
    Closure::<dyn Fn() -> JsValue>::new(f).into_js_value()
}

/// Calls a method of a JavaScript object (such as `key.free()`).
pub(super) fn call_method(object: &JsValue, method: &str) -> JsValue {
    let function: Function = get(object, method).unchecked_into();
    function.call0(object).unwrap()
}

/// A token with this header and payload JSON, signed with `secret`: for
/// tokens `issue` would never write.
pub(super) fn sign(header: &str, payload: &str, secret: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let input = format!("{}.{}", b64.encode(header), b64.encode(payload));
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64.encode(mac.finalize().into_bytes()))
}

/// A thrown value, checked to be a `JwtError`.
pub(super) struct Thrown(pub(super) JsValue);

impl Thrown {
    fn text(&self, name: &str) -> Option<String> {
        get(&self.0, name).as_string()
    }

    pub(super) fn code(&self) -> String {
        self.text("code").unwrap_or_default()
    }

    pub(super) fn message(&self) -> String {
        self.text("message").unwrap_or_default()
    }

    pub(super) fn claim(&self) -> Option<String> {
        self.text("claim")
    }

    pub(super) fn reason(&self) -> Option<String> {
        self.text("reason")
    }

    pub(super) fn option(&self) -> Option<String> {
        self.text("option")
    }

    pub(super) fn expired_at(&self) -> Option<f64> {
        get(&self.0, "expiredAt").as_f64()
    }

    pub(super) fn cause(&self) -> JsValue {
        get(&self.0, "cause")
    }

    /// `expected` must be `ERR_INVALID_OPTION` about `option`.
    pub(super) fn assert_option(&self, option: &str) {
        assert_eq!(self.code(), "ERR_INVALID_OPTION", "{}", self.message());
        assert_eq!(self.option().as_deref(), Some(option), "{}", self.message());
        assert!(
            self.message()
                .starts_with(&format!("option \"{option}\": ")),
            "{}",
            self.message()
        );
        assert_eq!(self.claim(), None);
    }

    /// `ERR_INVALID_CLAIMS`, about `claim` when it is `Some`.
    pub(super) fn assert_claims(&self, claim: Option<&str>) {
        assert_eq!(self.code(), "ERR_INVALID_CLAIMS", "{}", self.message());
        assert_eq!(self.claim().as_deref(), claim, "{}", self.message());
        assert_eq!(self.option(), None);
    }

    /// A claim validation failure of `claim` for `reason`.
    pub(super) fn assert_claim_failed(&self, claim: &str, reason: &str) {
        assert_eq!(
            self.code(),
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "{}",
            self.message()
        );
        assert_eq!(self.claim().as_deref(), Some(claim), "{}", self.message());
        assert_eq!(self.reason().as_deref(), Some(reason), "{}", self.message());
        assert_eq!(self.expired_at(), None);
    }
}

/// Checks that `thrown` is a real `JwtError`: an instance of the class and of
/// `Error`, named `JwtError`, with a code and a message.
pub(super) fn jwt_error(thrown: JsValue) -> Thrown {
    assert!(
        thrown.is_instance_of::<JwtErrorClass>(),
        "not a JwtError: {thrown:?}"
    );
    assert!(
        thrown.is_instance_of::<js_sys::Error>(),
        "not an Error: {thrown:?}"
    );
    assert_eq!(
        get(&thrown, "name").as_string().as_deref(),
        Some("JwtError")
    );
    let thrown = Thrown(thrown);
    assert!(
        thrown.code().starts_with("ERR_"),
        "code {:?}",
        thrown.code()
    );
    assert!(!thrown.message().is_empty());
    thrown
}

/// The `JwtError` a call threw, checked to carry `code`.
pub(super) fn fails<T: Debug>(result: Result<T, JsValue>, code: &str) -> Thrown {
    let thrown = jwt_error(result.expect_err("the call succeeded, but it should have failed"));
    assert_eq!(thrown.code(), code, "{}", thrown.message());
    thrown
}

/// After a bad call, a good one still works: the instance is not poisoned.
pub(super) fn still_works() {
    let options = at_with(NOW, &[("expiresIn", n(60.0))]);
    let token = issue(obj(&[("ok", JsValue::TRUE)]), &secret(), options).unwrap();
    let claims = verify(&token, &secret(), at(NOW)).unwrap();
    assert_eq!(
        json(&claims),
        format!(r#"{{"ok":true,"iat":{NOW},"exp":{}}}"#, NOW + 60.0)
    );
}
