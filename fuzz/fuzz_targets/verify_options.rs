//! `verify` with options, clock and key built from the fuzz input, on tokens
//! whose header and claims are built from it too and then signed (so every
//! claim rule is reached), or mangled afterwards.
//!
//! Invariants:
//! - `VerifyOptions::check` agrees with an independent oracle, and `verify`
//!   fails with exactly its error when it fails;
//! - an invalid clock is `ERR_INVALID_OPTION` naming `now`;
//! - on a correctly signed token with a valid header, `verify` succeeds
//!   exactly when an independent implementation of the claim rules says so,
//!   and an `ERR_JWT_EXPIRED` carries the right `expiredAt`;
//! - success always means the MAC matched the re-signed input;
//! - errors never show the token or the secret.
#![no_main]

mod common;

use arbitrary::{Result, Unstructured};
use common::{
    assert_redacted, b64, claims_ok, clock, clock_ok, json_object, mac, sign_input, time_value,
    unb64, verify_options, verify_options_ok, VERIFY_NAMES,
};
use edge_jwt::{verify_full, Claims, ErrorCode, FixedClock, Key};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});

fn header(u: &mut Unstructured<'_>) -> Result<Map<String, Value>> {
    let mut h = Map::new();
    let alg = match u.int_in_range(0..=9)? {
        0 => Some(Value::from(
            *u.choose(&["none", "None", "hs256", "HS384", "RS256", ""])?,
        )),
        1 => None,
        2 => Some(common::json_value(u, 1)?),
        _ => Some(Value::from("HS256")),
    };
    if let Some(alg) = alg {
        h.insert("alg".into(), alg);
    }
    if u.ratio(1, 2)? {
        let typ = *u.choose(&["JWT", "jwt", "application/jwt", "at+jwt", "application/"])?;
        h.insert("typ".into(), typ.into());
    }
    if u.ratio(1, 8)? {
        h.insert("crit".into(), Value::from(vec!["exp"]));
    }
    if u.ratio(1, 8)? {
        h.insert("b64".into(), Value::from(false));
    }
    if u.ratio(1, 4)? {
        h.insert("kid".into(), Value::from(u.arbitrary::<String>()?));
    }
    Ok(h)
}

fn header_ok(h: &Map<String, Value>) -> bool {
    h.get("alg").and_then(Value::as_str) == Some("HS256")
        && !h.contains_key("crit")
        && !h.contains_key("b64")
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let options = verify_options(u)?;
    let now = clock(u)?;
    let secret: Vec<u8> = if u.ratio(1, 4)? {
        u.arbitrary()?
    } else {
        common::SECRET.to_vec()
    };
    let Ok(key) = Key::new_allowing_short(&secret) else {
        assert!(secret.is_empty());
        return Ok(());
    };
    let header = header(u)?;
    let mut claims = json_object(u, 3)?;
    for name in ["exp", "nbf", "iat"] {
        if u.ratio(1, 2)? {
            claims.insert(name.into(), time_value(u, now)?);
        }
    }
    let input = format!(
        "{}.{}",
        b64(serde_json::to_string(&header).unwrap().as_bytes()),
        b64(serde_json::to_string(&claims).unwrap().as_bytes())
    );
    let mut token = sign_input(&input, &secret);
    let mangled = u.ratio(1, 4)?;
    if mangled {
        let mut bytes = token.into_bytes();
        if !bytes.is_empty() {
            let i = u.choose_index(bytes.len())?;
            bytes[i] = u.arbitrary()?;
        }
        token = String::from_utf8_lossy(&bytes).into_owned();
    }

    let result = verify_full::<Claims>(&token, &key, &options, &FixedClock(now));
    let mut names: Vec<&str> = VERIFY_NAMES.to_vec();
    names.extend(options.required_claims.iter().map(String::as_str));

    // Options first, then the clock.
    match options.check() {
        Err(e) => {
            assert!(!verify_options_ok(&options), "{options:?}");
            assert_eq!(result.as_ref().err(), Some(&e));
            assert_eq!(e.code(), ErrorCode::InvalidOption);
            assert_redacted(&e, &[token.as_bytes(), &secret], &names);
            return Ok(());
        }
        Ok(()) => assert!(verify_options_ok(&options), "{options:?}"),
    }
    if !clock_ok(now) {
        let e = result.expect_err("an invalid clock was accepted");
        assert_eq!(
            (e.code(), e.option_name()),
            (ErrorCode::InvalidOption, Some("now"))
        );
        return Ok(());
    }

    match &result {
        Ok(v) => {
            let (input, sig) = token.rsplit_once('.').unwrap();
            assert_eq!(
                unb64(sig).as_deref(),
                Some(&mac(input.as_bytes(), &secret)[..])
            );
            assert!(header_ok(&v.header));
            assert_ne!(
                claims_ok(&v.header, &v.claims, &options, now),
                Some(false),
                "{v:?} {options:?} {now}"
            );
            if !mangled {
                assert_eq!((&v.header, &v.claims), (&header, &claims));
            }
        }
        Err(e) => assert_redacted(e, &[token.as_bytes(), &secret], &names),
    }

    if !mangled && token.len() <= options.max_token_length {
        // A correct MAC: the outcome is decided by the header and the claims.
        let expected = if header_ok(&header) {
            claims_ok(&header, &claims, &options, now)
        } else {
            Some(false)
        };
        if let Some(expected) = expected {
            assert_eq!(
                result.is_ok(),
                expected,
                "{token} {options:?} now={now} {result:?}"
            );
        }
        if let Err(e) = &result {
            if e.code() == ErrorCode::Expired {
                let at = e.expired_at().expect("expired without expiredAt");
                let exp = claims.get("exp").and_then(Value::as_f64);
                let iat = claims.get("iat").and_then(Value::as_f64);
                let by_age = iat.zip(options.max_age).map(|(i, m)| i + m as f64);
                // Exactly, but for the known rounding (common::near).
                let close = |v: Option<f64>| v.is_some_and(|v| common::near(v, at));
                assert!(close(exp) || close(by_age), "{at} {claims:?}");
            }
        }
    }
    Ok(())
}
