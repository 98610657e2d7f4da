//! `issue_json`: claims given as arbitrary JSON text (as `JSON.stringify`
//! would hand them over from JavaScript), with arbitrary options and clock.
//!
//! Invariants:
//! - success implies the text is a JSON object (by `serde_json`), the payload
//!   is that text with the option-set claims appended, the MAC is the
//!   primitives' HMAC, `decode_unverified` and `verify` read back the same
//!   object (when its time claims allow), and `issue` on the parsed object
//!   agrees;
//! - text that `serde_json` refuses, or that is not an object, is refused
//!   with `ERR_INVALID_CLAIMS`;
//! - errors are `ERR_INVALID_OPTION` or `ERR_INVALID_CLAIMS` and never show
//!   the text or the secret.
#![no_main]

mod common;

use arbitrary::{Result, Unstructured};
use common::{assert_redacted, clock, clock_ok, mac, small_secs, unb64, ISSUE_NAMES, SECRET};
use edge_jwt::{
    issue, issue_json, verify_full, Claims, ErrorCode, FixedClock, IssueOptions, Key, VerifyOptions,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let options = IssueOptions {
        issued_at: u.arbitrary()?,
        expires_in: if u.arbitrary()? {
            Some(small_secs(u, 3_155_760_000)?)
        } else {
            None
        },
        ..IssueOptions::default()
    };
    let now = clock(u)?;
    let rest = u.len();
    let text = String::from_utf8_lossy(u.bytes(rest)?).into_owned();
    let key = Key::new(SECRET).unwrap();
    let result = issue_json(&text, &key, &options, &FixedClock(now));
    let parsed: Option<serde_json::Map<String, Value>> = match serde_json::from_str(&text) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    };
    let token = match result {
        Err(e) => {
            assert!(matches!(
                e.code(),
                ErrorCode::InvalidOption | ErrorCode::InvalidClaims
            ));
            if options.check().is_ok() && parsed.is_none() {
                assert_eq!(e.code(), ErrorCode::InvalidClaims, "{text:?}");
            }
            assert_redacted(&e, &[text.as_bytes(), SECRET], ISSUE_NAMES);
            return Ok(());
        }
        Ok(token) => token,
    };
    let claims = parsed.expect("issue_json accepted text serde_json refuses or not an object");
    assert!(clock_ok(now) && options.check().is_ok());
    let (input, sig) = token.rsplit_once('.').unwrap();
    assert_eq!(
        unb64(sig).as_deref(),
        Some(&mac(input.as_bytes(), SECRET)[..])
    );
    let payload = String::from_utf8(unb64(input.split_once('.').unwrap().1).unwrap()).unwrap();
    // Signed as given (without the whitespace around it), with the
    // option-set claims appended.
    let body = text.trim().strip_suffix('}').unwrap().trim_end();
    assert!(payload.starts_with(body), "{payload}");
    if !options.issued_at && options.expires_in.is_none() {
        assert_eq!(payload, text.trim());
    }
    let Value::Object(signed) = serde_json::from_str::<Value>(&payload).unwrap() else {
        panic!("payload is not an object");
    };
    for (k, v) in &claims {
        assert_eq!(signed.get(k), Some(v), "{k}");
    }
    // The parsed object issues too, with the same claims.
    let again = issue(&claims, &key, &options, &FixedClock(now)).expect("issue disagrees");
    let again = edge_jwt::dangerous::decode_unverified(&again).map(|d| d.payload);
    if token.len() <= edge_jwt::DEFAULT_MAX_TOKEN_LENGTH {
        let d = edge_jwt::dangerous::decode_unverified(&token).expect("does not decode");
        assert_eq!(d.payload, signed);
        assert_eq!(again.ok(), Some(signed.clone()));
    }
    // Verify at the issue time, when the caller's time claims allow it.
    // Any claims round-trip, with or without exp (verify_options fuzzes that rule).
    let vo = VerifyOptions {
        max_token_length: edge_jwt::MAX_MAX_TOKEN_LENGTH,
        allow_missing_exp: true,
        ..VerifyOptions::default()
    };
    let v = verify_full::<Claims>(&token, &key, &vo, &FixedClock(now));
    let caller_time = ["exp", "nbf", "iat"]
        .iter()
        .any(|n| claims.contains_key(*n));
    let exp_passed = options
        .expires_in
        .is_some_and(|s| (now.floor() + s as f64) <= now);
    if !caller_time && !exp_passed {
        assert_eq!(v.map(|v| v.claims), Ok(signed), "{token}");
    }
    Ok(())
}
