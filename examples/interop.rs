//! Drives edge-jwt from other languages, for `scripts/test-interop.sh`.
//!
//! Reads one JSON command per line on stdin and writes one JSON result per
//! line on stdout:
//!
//! ```text
//! {"op":"issue","key":"...","claims":{...},"options":{"expiresIn":1800},"now":1700000000}
//!   -> {"ok":true,"token":"..."}
//! {"op":"verify","key":"...","token":"...","options":{"audience":"a"},"now":1700000000.5}
//!   -> {"ok":true,"header":{...},"claims":{...}}
//! any failure
//!   -> {"ok":false,"code":"ERR_...","claim":"exp"|null,"option":null,"message":"..."}
//! ```
//!
//! The key is `"key"` (UTF-8 text) or `"keyB64"` (base64url bytes); with
//! `"allowShortKey": true` it goes through `Key::new_allowing_short`. Option
//! names are the JavaScript ones (`expiresIn`, `maxAge`, ...).
//!
//! Run: `cargo run --quiet --example interop`
// An example for a test harness: a malformed command may stop it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stdout,
    missing_docs
)]

use std::io::{BufRead, Write};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use edge_jwt::serde_json::{self, json, Map, Value};
use edge_jwt::{
    issue, issue_json, verify_full, Claims, Error, FixedClock, IssueOptions, Key, OneOrMany,
    VerifyOptions,
};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line.trim().is_empty() {
            continue;
        }
        let command: Value = serde_json::from_str(&line).expect("a JSON command per line");
        let result = match run(&command) {
            Ok(value) => value,
            Err(e) => failure(&e),
        };
        writeln!(out, "{result}").expect("stdout");
        out.flush().expect("stdout");
    }
}

fn run(c: &Value) -> Result<Value, Error> {
    let key = key(c)?;
    let now = c["now"].as_f64().expect("\"now\" is a number");
    let options = c.get("options").cloned().unwrap_or_else(|| json!({}));
    match c["op"].as_str().expect("\"op\"") {
        "issue" => {
            let options = issue_options(&options);
            let token = match (&c["claims"], c["claimsJson"].as_str()) {
                (_, Some(text)) => issue_json(text, &key, &options, &FixedClock(now))?,
                (Value::Object(claims), None) => issue(claims, &key, &options, &FixedClock(now))?,
                _ => panic!("issue needs \"claims\" (an object) or \"claimsJson\""),
            };
            Ok(json!({ "ok": true, "token": token }))
        }
        "verify" => {
            let token = c["token"].as_str().expect("\"token\"");
            let v =
                verify_full::<Claims>(token, &key, &verify_options(&options), &FixedClock(now))?;
            Ok(json!({ "ok": true, "header": v.header, "claims": v.claims }))
        }
        other => panic!("unknown op {other:?}"),
    }
}

fn key(c: &Value) -> Result<Key, Error> {
    let bytes = match (c["key"].as_str(), c["keyB64"].as_str()) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, Some(b64)) => URL_SAFE_NO_PAD.decode(b64).expect("keyB64 is base64url"),
        (None, None) => panic!("\"key\" or \"keyB64\""),
    };
    if c["allowShortKey"].as_bool().unwrap_or(false) {
        Key::new_allowing_short(&bytes)
    } else {
        Key::new(&bytes)
    }
}

fn string(o: &Value, name: &str) -> Option<String> {
    o.get(name).and_then(Value::as_str).map(str::to_owned)
}

fn secs(o: &Value, name: &str) -> Option<u64> {
    o.get(name).map(|v| {
        v.as_u64()
            .unwrap_or_else(|| panic!("{name}: whole seconds"))
    })
}

fn one_or_many(o: &Value, name: &str) -> Option<OneOrMany> {
    match o.get(name)? {
        Value::String(s) => Some(OneOrMany::One(s.clone())),
        Value::Array(list) => Some(OneOrMany::Many(
            list.iter()
                .map(|v| v.as_str().expect("strings").to_owned())
                .collect(),
        )),
        _ => panic!("{name}: a string or a list of strings"),
    }
}

fn issue_options(o: &Value) -> IssueOptions {
    IssueOptions {
        expires_in: secs(o, "expiresIn"),
        not_before: secs(o, "notBefore"),
        issued_at: o.get("issuedAt").and_then(Value::as_bool).unwrap_or(true),
        issuer: string(o, "issuer"),
        subject: string(o, "subject"),
        audience: one_or_many(o, "audience"),
        jwt_id: string(o, "jwtId"),
        key_id: string(o, "keyId"),
        ..IssueOptions::default()
    }
}

fn verify_options(o: &Value) -> VerifyOptions {
    let defaults = VerifyOptions::default();
    VerifyOptions {
        leeway: secs(o, "leeway").unwrap_or(0),
        max_age: secs(o, "maxAge"),
        issuer: one_or_many(o, "issuer"),
        audience: one_or_many(o, "audience"),
        subject: string(o, "subject"),
        required_claims: o
            .get("requiredClaims")
            .and_then(Value::as_array)
            .map(|l| {
                l.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        allow_missing_exp: o.get("allowMissingExp").and_then(Value::as_bool) == Some(true),
        typ: string(o, "typ"),
        max_token_length: o
            .get("maxTokenLength")
            .and_then(Value::as_u64)
            .map_or(defaults.max_token_length, |n| n as usize),
    }
}

fn failure(e: &Error) -> Value {
    let mut m = Map::new();
    m.insert("ok".into(), false.into());
    m.insert("code".into(), e.code().as_str().into());
    m.insert("claim".into(), e.claim_name().into());
    m.insert("option".into(), e.option_name().into());
    m.insert("message".into(), e.to_string().into());
    Value::Object(m)
}
