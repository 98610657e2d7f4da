//! `issue` with claims built from arbitrary JSON and arbitrary options and
//! clock, then `verify`.
//!
//! Invariants:
//! - `IssueOptions::check` fails exactly on out-of-range options, and `issue`
//!   then fails with its error;
//! - `issue` succeeds exactly when the options, the clock and the registered
//!   claims' types are valid and no claim is set twice;
//! - a successful issue round-trips: the payload is the caller's claims in
//!   their order followed by the option-set ones, the header is
//!   `{"alg":"HS256","typ":"JWT"}` (+ `kid`), the MAC is the primitives' HMAC,
//!   and `verify` accepts it exactly when the independent claim rules do
//!   (always, at the issue time, when the caller set no time claims);
//! - errors never show a claim value or the secret.
#![no_main]

mod common;

use arbitrary::{Result, Unstructured};
use common::{
    assert_redacted, b64, claims_ok, clock, clock_ok, json_object, mac, one_or_many, short_string,
    small_secs, time_value, unb64, ISSUE_NAMES, SECRET,
};
use edge_jwt::dangerous::decode_unverified;
use edge_jwt::{
    issue, verify_full, Claims, ErrorCode, FixedClock, IssueOptions, Key, OneOrMany, VerifyOptions,
    MAX_DURATION_SECS,
};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});

fn issue_options(u: &mut Unstructured<'_>) -> Result<IssueOptions> {
    let mut o = IssueOptions {
        issued_at: u.ratio(3, 4)?,
        ..IssueOptions::default()
    };
    if u.arbitrary()? {
        o.expires_in = Some(small_secs(u, MAX_DURATION_SECS)?);
    }
    if u.ratio(1, 3)? {
        o.not_before = Some(small_secs(u, MAX_DURATION_SECS)?);
    }
    if u.ratio(1, 4)? {
        o.issuer = Some(short_string(u)?);
    }
    if u.ratio(1, 4)? {
        o.subject = Some(short_string(u)?);
    }
    if u.ratio(1, 4)? {
        o.audience = Some(one_or_many(u)?);
    }
    if u.ratio(1, 4)? {
        o.jwt_id = Some(short_string(u)?);
    }
    if u.ratio(1, 4)? {
        o.key_id = Some(u.arbitrary()?);
    }
    Ok(o)
}

fn registered_types_ok(c: &Map<String, Value>) -> bool {
    let time_ok = ["exp", "nbf", "iat"].iter().all(|n| {
        c.get(*n)
            .is_none_or(|v| v.as_f64().is_some_and(f64::is_finite))
    });
    let str_ok = ["iss", "sub", "jti"]
        .iter()
        .all(|n| c.get(*n).is_none_or(Value::is_string));
    let aud_ok = match c.get("aud") {
        None | Some(Value::String(_)) => true,
        Some(Value::Array(l)) => l.iter().all(Value::is_string),
        Some(_) => false,
    };
    time_ok && str_ok && aud_ok
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(l) => l.iter().for_each(|v| strings(v, out)),
        Value::Object(m) => m.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out);
        }),
        _ => {}
    }
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let options = issue_options(u)?;
    let now = clock(u)?;
    let mut claims = json_object(u, 4)?;
    for name in ["exp", "nbf", "iat"] {
        if u.ratio(1, 4)? {
            claims.insert(name.into(), time_value(u, now)?);
        }
    }
    let key = Key::new(SECRET).unwrap();
    let result = issue(&claims, &key, &options, &FixedClock(now));

    let options_ok = options.expires_in.is_none_or(|s| s <= MAX_DURATION_SECS)
        && options.not_before.is_none_or(|s| s <= MAX_DURATION_SECS)
        && !matches!(&options.audience, Some(OneOrMany::Many(v)) if v.is_empty());
    assert_eq!(options.check().is_ok(), options_ok, "{options:?}");
    let conflict = [
        ("iss", options.issuer.is_some()),
        ("sub", options.subject.is_some()),
        ("aud", options.audience.is_some()),
        ("jti", options.jwt_id.is_some()),
        ("iat", options.issued_at),
        ("nbf", options.not_before.is_some()),
        ("exp", options.expires_in.is_some()),
    ]
    .iter()
    .any(|(name, set)| *set && claims.contains_key(*name));
    let expected_ok = options_ok && registered_types_ok(&claims) && clock_ok(now) && !conflict;

    let token = match result {
        Err(e) => {
            assert!(
                !expected_ok,
                "refused a valid issue: {e:?} {options:?} {claims:?}"
            );
            if let Err(check) = options.check() {
                assert_eq!(e, check);
            }
            assert!(matches!(
                e.code(),
                ErrorCode::InvalidOption | ErrorCode::InvalidClaims
            ));
            let mut texts = Vec::new();
            strings(&Value::Object(claims.clone()), &mut texts);
            let mut secrets: Vec<&[u8]> = texts.iter().map(String::as_bytes).collect();
            secrets.push(SECRET);
            assert_redacted(&e, &secrets, ISSUE_NAMES);
            return Ok(());
        }
        Ok(token) => {
            assert!(
                expected_ok,
                "issued with invalid input: {options:?} {claims:?} {now}"
            );
            token
        }
    };

    // The expected payload: the caller's claims, then the option-set ones.
    let t = now.floor() as u64;
    let mut expected = claims.clone();
    let mut add = |name: &str, v: Option<Value>| {
        if let Some(v) = v {
            expected.insert(name.to_owned(), v);
        }
    };
    add("iss", options.issuer.clone().map(Value::from));
    add("sub", options.subject.clone().map(Value::from));
    add(
        "aud",
        options.audience.as_ref().map(|a| match a {
            OneOrMany::One(s) => Value::from(s.as_str()),
            OneOrMany::Many(v) => Value::from(v.clone()),
        }),
    );
    add("jti", options.jwt_id.clone().map(Value::from));
    add("iat", options.issued_at.then(|| Value::from(t)));
    add("nbf", options.not_before.map(|s| Value::from(t + s)));
    add("exp", options.expires_in.map(|s| Value::from(t + s)));

    let (input, sig) = token.rsplit_once('.').unwrap();
    assert_eq!(
        unb64(sig).as_deref(),
        Some(&mac(input.as_bytes(), SECRET)[..])
    );
    let decoded = decode_unverified(&token);
    let (h, p) = input.split_once('.').unwrap();
    let payload: Value = serde_json::from_slice(&unb64(p).unwrap()).unwrap();
    assert_eq!(payload, Value::Object(expected.clone()));
    // Order is kept too.
    let order: Vec<&String> = payload.as_object().unwrap().keys().collect();
    assert_eq!(order, expected.keys().collect::<Vec<_>>());
    let mut header = Map::new();
    header.insert("alg".into(), "HS256".into());
    header.insert("typ".into(), "JWT".into());
    if let Some(kid) = &options.key_id {
        header.insert("kid".into(), kid.clone().into());
    }
    // The header's JSON, read back (any valid escaping of `kid` will do:
    // the writer is free to write "\b" as "\u0008").
    let written: Value = serde_json::from_slice(&unb64(h).unwrap()).unwrap();
    assert_eq!(written, Value::Object(header.clone()));
    let written_order: Vec<&String> = written.as_object().unwrap().keys().collect();
    assert_eq!(written_order, header.keys().collect::<Vec<_>>());
    if options.key_id.is_none() {
        assert_eq!(h, b64(serde_json::to_string(&header).unwrap().as_bytes()));
    }
    if token.len() <= edge_jwt::DEFAULT_MAX_TOKEN_LENGTH {
        let d = decoded.expect("an issued token does not decode");
        assert_eq!((d.header, d.payload), (header.clone(), expected.clone()));
    }

    // Verify at the issue time, or when nbf starts if it is later.
    // (The clock stops at MAX_NOW: an nbf after it is never reached.)
    let at = options
        .not_before
        .map_or(now, |s| (t + s) as f64)
        .max(now)
        .min(edge_jwt::MAX_NOW);
    let nbf_reached = options.not_before.is_none_or(|s| (t + s) as f64 <= at);
    // Any claims round-trip, with or without exp (verify_options fuzzes that rule).
    let vo = VerifyOptions {
        max_token_length: edge_jwt::MAX_MAX_TOKEN_LENGTH,
        allow_missing_exp: true,
        ..VerifyOptions::default()
    };
    let verified = verify_full::<Claims>(&token, &key, &vo, &FixedClock(at));
    if let Some(ok) = claims_ok(&header, &expected, &vo, at) {
        assert_eq!(verified.is_ok(), ok, "{token} at {at}: {verified:?}");
    }
    let caller_time = ["exp", "nbf", "iat"]
        .iter()
        .any(|n| claims.contains_key(*n));
    let expires_now = options.expires_in.is_some_and(|s| (t + s) as f64 <= at);
    if !caller_time && !expires_now && nbf_reached && token.len() <= vo.max_token_length {
        let v = verified.expect("an issued token does not verify at its issue time");
        assert_eq!(v.claims, expected);
        assert_eq!(v.header, header);
    }
    Ok(())
}
