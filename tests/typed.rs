//! Typed claims: `issue` from any `T: Serialize` that is a JSON object,
//! `verify::<T>` into any `T: DeserializeOwned`, with the registered claims
//! checked by the core's rules first and a claim `T` cannot take named
//! without its value.
// Tests may panic: a failed assertion is how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use std::collections::BTreeMap;

use common::{at, claims, forge_claims, key};
use edge_jwt::{
    issue, issue_json, verify, verify_full, ClaimReason, Claims, Error, ErrorCode, IssueOptions,
    OneOrMany, Verified, VerifyOptions,
};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{json, Value};

const NOW: f64 = 1_700_000_000.0;

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Org {
    id: u32,
    name: String,
}

/// Registered claims (`iss`, `sub`, `aud`, `exp`) beside custom ones.
#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Session {
    iss: String,
    sub: String,
    aud: Vec<String>,
    exp: u64,
    admin: bool,
    scopes: Vec<String>,
    org: Org,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nickname: Option<String>,
}

fn session() -> Session {
    Session {
        iss: "https://issuer.example".into(),
        sub: "johndoe".into(),
        aud: vec!["api".into(), "web".into()],
        exp: NOW as u64 + 600,
        admin: true,
        scopes: vec!["read".into(), "write".into()],
        org: Org {
            id: 7,
            name: "Acme".into(),
        },
        nickname: None,
    }
}

fn no_iat() -> IssueOptions {
    IssueOptions {
        issued_at: false,
        ..IssueOptions::default()
    }
}

/// The default options, but for tokens without `exp`: these tests are about
/// reading claims into types, and many of their tokens come without one
/// (`tests/time_rules.rs` tests that default).
fn d() -> VerifyOptions {
    VerifyOptions {
        allow_missing_exp: true,
        ..VerifyOptions::default()
    }
}

/// A token signed under the standard header with the test key (no rules
/// applied): claims of any shape.
fn token_of(payload: Value) -> String {
    forge_claims(&payload.to_string())
}

/// The error's `Display`, `Debug` and message must not quote a claim's value.
fn assert_no_value(e: &Error, values: &[&str]) {
    for text in [e.to_string(), format!("{e:?}"), e.message().to_owned()] {
        for value in values {
            assert!(!text.contains(value), "{text:?} shows {value:?}");
        }
    }
}

#[test]
fn a_struct_round_trips_with_registered_and_custom_claims() {
    let mine = session();
    let token = issue(&mine, &key(), &no_iat(), &at(NOW)).unwrap();
    let options = VerifyOptions {
        issuer: Some(OneOrMany::One("https://issuer.example".into())),
        audience: Some(OneOrMany::One("web".into())),
        subject: Some("johndoe".into()),
        ..VerifyOptions::default()
    };
    let back: Session = verify(&token, &key(), &options, &at(NOW)).unwrap();
    assert_eq!(back, mine);

    // The payload is the struct's fields in declaration order (`None` skipped).
    let full: Verified<Session> = verify_full(&token, &key(), &options, &at(NOW)).unwrap();
    assert_eq!(full.claims, mine);
    assert_eq!(full.header, claims(r#"{"alg":"HS256","typ":"JWT"}"#));
    assert_eq!(
        full.payload_json,
        r#"{"iss":"https://issuer.example","sub":"johndoe","aud":["api","web"],"exp":1700000600,"admin":true,"scopes":["read","write"],"org":{"id":7,"name":"Acme"}}"#
    );

    // The option-set claims join the struct's; `Some` is written.
    let with_nick = Session {
        nickname: Some("jd".into()),
        ..mine.clone()
    };
    let token = issue(&with_nick, &key(), &IssueOptions::default(), &at(NOW)).unwrap();
    let map = verify::<Claims>(&token, &key(), &d(), &at(NOW)).unwrap();
    assert_eq!(map["nickname"], "jd");
    assert_eq!(map["iat"], NOW as u64);
    assert_eq!(
        verify::<Session>(&token, &key(), &d(), &at(NOW)).unwrap(),
        with_nick
    );
}

#[test]
fn the_map_and_json_values_are_still_available_by_name() {
    let token = issue(&session(), &key(), &no_iat(), &at(NOW)).unwrap();
    let map = verify::<Claims>(&token, &key(), &d(), &at(NOW)).unwrap();
    assert_eq!(map["org"], json!({"id": 7, "name": "Acme"}));
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["iss", "sub", "aud", "exp", "admin", "scopes", "org"],
        "the token's order"
    );
    let value = verify::<Value>(&token, &key(), &d(), &at(NOW)).unwrap();
    assert_eq!(value, Value::Object(map.clone()));
    let full = verify_full::<Claims>(&token, &key(), &d(), &at(NOW)).unwrap();
    assert_eq!(full.claims, map);
}

#[test]
fn registered_claims_are_enforced_whatever_the_struct() {
    let token = issue(&session(), &key(), &no_iat(), &at(NOW)).unwrap();
    // At exp: expired, though `Session` would take the claims.
    let e = verify::<Session>(&token, &key(), &d(), &at(NOW + 600.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Expired);
    assert_eq!(e.expired_at(), Some(NOW + 600.0));
    let e = verify_full::<Session>(&token, &key(), &d(), &at(NOW + 600.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Expired);

    // A struct without `exp` or `iss` does not switch their rules off.
    #[derive(Deserialize, Debug)]
    struct Bare {
        #[allow(dead_code)]
        sub: String,
    }
    let e = verify::<Bare>(&token, &key(), &d(), &at(NOW + 600.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Expired);
    let other_issuer = VerifyOptions {
        issuer: Some(OneOrMany::One("https://other.example".into())),
        ..VerifyOptions::default()
    };
    let e = verify::<Bare>(&token, &key(), &other_issuer, &at(NOW)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ClaimValidationFailed);
    assert_eq!(e.claim_name(), Some("iss"));
    assert_eq!(e.reason(), Some(ClaimReason::CheckFailed));

    // The rules run before the claims are read: an expired token whose `exp`
    // the struct would refuse is still `ERR_JWT_EXPIRED`.
    #[derive(Deserialize, Debug)]
    struct ExpAsText {
        #[allow(dead_code)]
        exp: String,
    }
    let e = verify::<ExpAsText>(&token, &key(), &d(), &at(NOW + 600.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Expired);
    // And a wrong key is the MAC's failure, not the struct's.
    let other = edge_jwt::Key::new(b"another 32-byte secret for tests").unwrap();
    let e = verify::<ExpAsText>(&token, &other, &d(), &at(NOW)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SignatureVerificationFailed);
}

#[test]
fn a_claim_of_the_wrong_type_is_named_without_its_value() {
    let mut payload = serde_json::to_value(session()).unwrap();
    payload["admin"] = json!("yes-secret-value");
    let token = token_of(payload);
    let e = verify::<Session>(&token, &key(), &d(), &at(NOW)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ClaimValidationFailed);
    assert_eq!(e.claim_name(), Some("admin"));
    assert_eq!(e.reason(), Some(ClaimReason::Invalid));
    assert_eq!(
        e.message(),
        "claim does not fit the type the claims are read into"
    );
    assert_eq!(
        e.to_string(),
        "\"admin\": claim does not fit the type the claims are read into"
    );
    assert_no_value(&e, &["yes-secret-value", &token]);
    let e = verify_full::<Session>(&token, &key(), &d(), &at(NOW)).unwrap_err();
    assert_eq!(e.claim_name(), Some("admin"));
}

#[test]
fn a_wrong_value_deep_in_a_claim_names_the_top_level_claim() {
    for (claim, value) in [
        ("org", json!({"id": "id-secret-value", "name": "Acme"})),
        ("org", json!({"id": 4_294_967_296_u64, "name": "Acme"})), // past u32
        ("org", json!({"id": 7})),                                 // a nested field missing
        ("scopes", json!(["read", 99_999_123])),
        ("aud", json!("aud-secret-value")), // a string where `Vec` is wanted
        ("exp", json!(1.7e9 + 600.5)),      // valid for the rules, not a u64
    ] {
        let mut payload = serde_json::to_value(session()).unwrap();
        payload[claim] = value.clone();
        let token = token_of(payload);
        let e = verify::<Session>(&token, &key(), &d(), &at(NOW)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ClaimValidationFailed, "{value}");
        assert_eq!(e.claim_name(), Some(claim), "{value}");
        assert_eq!(e.reason(), Some(ClaimReason::Invalid), "{value}");
        assert_no_value(
            &e,
            &[
                "secret-value",
                "4294967296",
                "99999123",
                "1700000600.5",
                &token,
            ],
        );
    }
}

#[test]
fn a_missing_field_is_named() {
    for claim in ["admin", "org", "scopes"] {
        let mut payload = serde_json::to_value(session()).unwrap();
        payload.as_object_mut().unwrap().remove(claim);
        let token = token_of(payload);
        let e = verify::<Session>(&token, &key(), &d(), &at(NOW)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ClaimValidationFailed, "{claim}");
        assert_eq!(e.claim_name(), Some(claim));
        assert_eq!(e.reason(), Some(ClaimReason::Missing));
        assert_eq!(e.message(), "claim is missing");
    }

    // Named as the token spells it, behind an absent `Option` field.
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Renamed {
        maybe: Option<u8>,
        #[serde(rename = "https://example.com/role")]
        role: String,
    }
    let token = token_of(json!({"sub": "johndoe"}));
    let e = verify::<Renamed>(&token, &key(), &d(), &at(NOW)).unwrap_err();
    assert_eq!(e.claim_name(), Some("https://example.com/role"));
    assert_eq!(e.reason(), Some(ClaimReason::Missing));
}

#[test]
fn an_absent_option_field_is_none() {
    #[derive(Deserialize, Debug, PartialEq)]
    struct Partial {
        sub: String,
        nickname: Option<String>,
        exp: Option<u64>,
    }
    let token = token_of(json!({"sub": "johndoe", "extra": [1, 2]}));
    let got: Partial = verify(&token, &key(), &d(), &at(NOW)).unwrap();
    assert_eq!(
        got,
        Partial {
            sub: "johndoe".into(),
            nickname: None,
            exp: None,
        }
    );
    // Present but `null` is `None` too; present with a value is `Some`.
    let token = token_of(json!({"sub": "johndoe", "nickname": null, "exp": 1_700_000_001}));
    let got: Partial = verify(&token, &key(), &d(), &at(NOW)).unwrap();
    assert_eq!(got.nickname, None);
    assert_eq!(got.exp, Some(1_700_000_001));
}

#[test]
fn a_struct_that_refuses_unknown_claims_names_the_unknown_one() {
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Exact {
        sub: String,
    }
    let token = token_of(json!({"sub": "johndoe", "role": "admin-secret-value"}));
    let e = verify::<Exact>(&token, &key(), &d(), &at(NOW)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ClaimValidationFailed);
    assert_eq!(e.claim_name(), Some("role"));
    assert_eq!(e.reason(), Some(ClaimReason::Invalid));
    assert_no_value(&e, &["admin-secret-value"]);
}

#[test]
fn a_type_that_is_not_read_from_an_object_refuses_the_whole_claims() {
    let token = token_of(json!({"sub": "johndoe-secret-value", "n": 5}));
    for e in [
        verify::<Vec<Value>>(&token, &key(), &d(), &at(NOW)).unwrap_err(),
        verify::<String>(&token, &key(), &d(), &at(NOW)).unwrap_err(),
        verify::<u64>(&token, &key(), &d(), &at(NOW)).unwrap_err(),
        verify::<()>(&token, &key(), &d(), &at(NOW)).unwrap_err(),
    ] {
        assert_eq!(e.code(), ErrorCode::ClaimValidationFailed);
        assert_eq!(e.claim_name(), None);
        assert_eq!(
            e.message(),
            "the claims do not fit the type they are read into"
        );
        assert_no_value(&e, &["johndoe-secret-value"]);
    }
    // A map of the wrong value type names the member, as a struct does.
    let e = verify::<BTreeMap<String, String>>(&token, &key(), &d(), &at(NOW)).unwrap_err();
    assert_eq!(e.claim_name(), Some("n"));
    assert_eq!(
        verify::<BTreeMap<String, Value>>(&token, &key(), &d(), &at(NOW)).unwrap()["n"],
        5
    );
}

/// A newtype of a string, and a unit struct: neither is an object.
#[derive(Serialize)]
struct Name(String);
#[derive(Serialize)]
struct Nothing;

/// A type whose serialization fails.
struct Unwritable;
impl Serialize for Unwritable {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("unwritable-secret-value"))
    }
}

#[test]
fn issuing_what_is_not_an_object_is_invalid_claims() {
    let k = key();
    let o = IssueOptions::default();
    let now = at(NOW);
    let not_object = "the claims must be a JSON object";
    let unwritable = "the claims cannot be serialized as JSON";
    let mut with_struct_keys = BTreeMap::new();
    with_struct_keys.insert((1, 2), true);
    for (what, result, message) in [
        ("a Vec", issue(&vec![1, 2], &k, &o, &now), not_object),
        ("an array", issue(&["sub"], &k, &o, &now), not_object),
        ("an i32", issue(&5_i32, &k, &o, &now), not_object),
        ("a str", issue("sub", &k, &o, &now), not_object),
        (
            "a newtype",
            issue(&Name("sub".into()), &k, &o, &now),
            not_object,
        ),
        ("a unit struct", issue(&Nothing, &k, &o, &now), not_object),
        ("None", issue(&None::<Claims>, &k, &o, &now), not_object),
        (
            "a JSON array",
            issue(&json!([{}]), &k, &o, &now),
            not_object,
        ),
        (
            "tuple keys",
            issue(&with_struct_keys, &k, &o, &now),
            unwritable,
        ),
        ("a failure", issue(&Unwritable, &k, &o, &now), unwritable),
    ] {
        let e = result.unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidClaims, "{what}");
        assert_eq!(e.claim_name(), None, "{what}");
        assert_eq!(e.message(), message, "{what}");
        assert_no_value(&e, &["unwritable-secret-value"]);
    }

    // Any object is claims: a JSON value, `Some` map, a map with integer
    // keys (serde_json writes them as strings).
    let ints: BTreeMap<u32, bool> = [(1, true)].into();
    for (result, payload) in [
        (issue(&json!({"a": 1}), &k, &no_iat(), &now), r#"{"a":1}"#),
        (
            issue(&Some(claims(r#"{"a":1}"#)), &k, &no_iat(), &now),
            r#"{"a":1}"#,
        ),
        (issue(&ints, &k, &no_iat(), &now), r#"{"1":true}"#),
    ] {
        assert_eq!(result.unwrap(), forge_claims(payload));
    }
    // The registered claims' types are still checked.
    let e = issue(&json!({"exp": "soon"}), &k, &o, &now).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidClaims);
    assert_eq!(e.claim_name(), Some("exp"));
}

#[test]
fn issuing_a_map_is_unchanged() {
    // The token is the standard header, the map's text as serde_json writes
    // it (in its order), then the option-set claims: checked against a MAC
    // computed independently of the library.
    let map = claims(r#"{"z":1,"a":[true,null],"n":{"y":"é","b":-0.5},"sub":"johndoe"}"#);
    let options = IssueOptions {
        expires_in: Some(60),
        ..IssueOptions::default()
    };
    let token = issue(&map, &key(), &options, &at(NOW + 0.9)).unwrap();
    assert_eq!(
        token,
        forge_claims(
            r#"{"z":1,"a":[true,null],"n":{"y":"é","b":-0.5},"sub":"johndoe","iat":1700000000,"exp":1700000060}"#
        )
    );
    let text = serde_json::to_string(&map).unwrap();
    assert_eq!(
        token,
        issue_json(&text, &key(), &options, &at(NOW + 0.9)).unwrap()
    );
    // By reference to a reference, and as the struct of the same members.
    let by_ref: &Claims = &map;
    assert_eq!(
        issue(by_ref, &key(), &options, &at(NOW + 0.9)).unwrap(),
        token
    );

    #[derive(Serialize)]
    struct Same {
        z: u8,
        a: (bool, Option<u8>),
        n: N,
        sub: &'static str,
    }
    #[derive(Serialize)]
    struct N {
        y: &'static str,
        b: f64,
    }
    let same = Same {
        z: 1,
        a: (true, None),
        n: N { y: "é", b: -0.5 },
        sub: "johndoe",
    };
    assert_eq!(
        issue(&same, &key(), &options, &at(NOW + 0.9)).unwrap(),
        token
    );
}
