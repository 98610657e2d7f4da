//! A table of every edge of the time rules (RFC 7519 §4.1.4–4.1.6), run
//! against forged tokens so that each row isolates one rule.
// Tests may panic: a failed assertion is how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use common::{at, forge_claims, key};
use edge_jwt::{verify, Claims, ErrorCode, VerifyOptions};

#[derive(Clone, Copy)]
enum Want {
    Valid,
    Expired(&'static str, f64),
    Claim(&'static str, &'static str),
}
use Want::{Claim, Expired, Valid};

struct Row {
    name: &'static str,
    payload: &'static str,
    now: f64,
    leeway: u64,
    max_age: Option<u64>,
    want: Want,
}

const fn row(
    name: &'static str,
    payload: &'static str,
    now: f64,
    leeway: u64,
    max_age: Option<u64>,
    want: Want,
) -> Row {
    Row {
        name,
        payload,
        now,
        leeway,
        max_age,
        want,
    }
}

const ROWS: &[Row] = &[
    // exp: expired iff now >= exp + leeway
    row("exp == now + 1", r#"{"exp":1001}"#, 1000.0, 0, None, Valid),
    row(
        "exp == now",
        r#"{"exp":1000}"#,
        1000.0,
        0,
        None,
        Expired("exp", 1000.0),
    ),
    row(
        "exp == now - 1",
        r#"{"exp":999}"#,
        1000.0,
        0,
        None,
        Expired("exp", 999.0),
    ),
    row(
        "exp == now, leeway 1",
        r#"{"exp":1000}"#,
        1000.0,
        1,
        None,
        Valid,
    ),
    row(
        "exp == now - 5, leeway 5",
        r#"{"exp":995}"#,
        1000.0,
        5,
        None,
        Expired("exp", 995.0),
    ),
    row(
        "exp == now - 4, leeway 5",
        r#"{"exp":996}"#,
        1000.0,
        5,
        None,
        Valid,
    ),
    row(
        "exp fractional, just after now",
        r#"{"exp":1000.5}"#,
        1000.25,
        0,
        None,
        Valid,
    ),
    row(
        "exp fractional, just before now",
        r#"{"exp":1000.5}"#,
        1000.75,
        0,
        None,
        Expired("exp", 1000.5),
    ),
    row(
        "exp = 0 at now = 0",
        r#"{"exp":0}"#,
        0.0,
        0,
        None,
        Expired("exp", 0.0),
    ),
    row("exp = 1 at now = 0", r#"{"exp":1}"#, 0.0, 0, None, Valid),
    row(
        "exp = 0 at now = 0, leeway 1",
        r#"{"exp":0}"#,
        0.0,
        1,
        None,
        Valid,
    ),
    row(
        "exp negative at now = 0",
        r#"{"exp":-1}"#,
        0.0,
        0,
        None,
        Expired("exp", -1.0),
    ),
    row("exp huge", r#"{"exp":1e300}"#, 1000.0, 86400, None, Valid),
    // nbf: not yet valid iff now + leeway < nbf
    row("nbf == now", r#"{"nbf":1000}"#, 1000.0, 0, None, Valid),
    row(
        "nbf == now + 1",
        r#"{"nbf":1001}"#,
        1000.0,
        0,
        None,
        Claim("nbf", "check_failed"),
    ),
    row(
        "nbf == now + 1, leeway 1",
        r#"{"nbf":1001}"#,
        1000.0,
        1,
        None,
        Valid,
    ),
    row(
        "nbf == now + 6, leeway 5",
        r#"{"nbf":1006}"#,
        1000.0,
        5,
        None,
        Claim("nbf", "check_failed"),
    ),
    row("nbf == now - 1", r#"{"nbf":999}"#, 1000.0, 0, None, Valid),
    row("nbf = 0 at now = 0", r#"{"nbf":0}"#, 0.0, 0, None, Valid),
    row(
        "nbf = 1 at now = 0",
        r#"{"nbf":1}"#,
        0.0,
        0,
        None,
        Claim("nbf", "check_failed"),
    ),
    // nbf is checked before exp: a window that is both shows nbf
    row(
        "nbf and exp both fail",
        r#"{"nbf":2000,"exp":10}"#,
        1000.0,
        0,
        None,
        Claim("nbf", "check_failed"),
    ),
    row(
        "inside nbf..exp",
        r#"{"nbf":1000,"exp":1001}"#,
        1000.0,
        0,
        None,
        Valid,
    ),
    // max age: too old iff iat + maxAge <= now - leeway; future iff iat > now + leeway
    row(
        "max age: iat missing",
        r#"{"sub":"a"}"#,
        1000.0,
        0,
        Some(60),
        Claim("iat", "missing"),
    ),
    row(
        "max age: age maxAge - 1",
        r#"{"iat":941}"#,
        1000.0,
        0,
        Some(60),
        Valid,
    ),
    row(
        "max age: age == maxAge",
        r#"{"iat":940}"#,
        1000.0,
        0,
        Some(60),
        Expired("iat", 1000.0),
    ),
    row(
        "max age: age == maxAge, leeway 1",
        r#"{"iat":940}"#,
        1000.0,
        1,
        Some(60),
        Valid,
    ),
    row(
        "max age: age == maxAge + 1, leeway 1",
        r#"{"iat":939}"#,
        1000.0,
        1,
        Some(60),
        Expired("iat", 999.0),
    ),
    row(
        "max age: iat == now",
        r#"{"iat":1000}"#,
        1000.0,
        0,
        Some(60),
        Valid,
    ),
    row(
        "max age: iat == now + 1",
        r#"{"iat":1001}"#,
        1000.0,
        0,
        Some(60),
        Claim("iat", "check_failed"),
    ),
    row(
        "max age: iat == now + 1, leeway 1",
        r#"{"iat":1001}"#,
        1000.0,
        1,
        Some(60),
        Valid,
    ),
    row(
        "max age 0 rejects iat == now",
        r#"{"iat":1000}"#,
        1000.0,
        0,
        Some(0),
        Expired("iat", 1000.0),
    ),
    row(
        "max age at now = 0, iat = 0",
        r#"{"iat":0}"#,
        0.0,
        0,
        Some(60),
        Valid,
    ),
    row(
        "max age at now = 0, leeway, iat = 0",
        r#"{"iat":0}"#,
        0.0,
        30,
        Some(60),
        Valid,
    ),
    row(
        "iat in the future without max age",
        r#"{"iat":5000}"#,
        1000.0,
        0,
        None,
        Valid,
    ),
    // NumericDate types: finite JSON numbers only
    row(
        "exp as a string",
        r#"{"exp":"1001"}"#,
        1000.0,
        0,
        None,
        Claim("exp", "invalid"),
    ),
    row(
        "exp as a boolean",
        r#"{"exp":true}"#,
        1000.0,
        0,
        None,
        Claim("exp", "invalid"),
    ),
    row(
        "exp null",
        r#"{"exp":null}"#,
        1000.0,
        0,
        None,
        Claim("exp", "invalid"),
    ),
    row(
        "exp as an array",
        r#"{"exp":[1001]}"#,
        1000.0,
        0,
        None,
        Claim("exp", "invalid"),
    ),
    row(
        "nbf as a string",
        r#"{"nbf":"0"}"#,
        1000.0,
        0,
        None,
        Claim("nbf", "invalid"),
    ),
    row(
        "iat as an object",
        r#"{"iat":{}}"#,
        1000.0,
        0,
        None,
        Claim("iat", "invalid"),
    ),
    row(
        "iat as a string, no max age",
        r#"{"iat":"now"}"#,
        1000.0,
        0,
        None,
        Claim("iat", "invalid"),
    ),
];

#[test]
fn every_time_edge() {
    let key = key();
    for r in ROWS {
        let token = forge_claims(r.payload);
        // Each row tests its rule alone, so rows without exp opt out of
        // requiring it (that default is `exp_is_required_unless_allowed`).
        let options = VerifyOptions {
            leeway: r.leeway,
            max_age: r.max_age,
            allow_missing_exp: true,
            ..VerifyOptions::default()
        };
        let got = verify::<Claims>(&token, &key, &options, &at(r.now));
        match (r.want, got) {
            (Valid, Ok(_)) => {}
            (Expired(claim, when), Err(e)) => {
                assert_eq!(e.code(), ErrorCode::Expired, "{}: {e}", r.name);
                assert_eq!(e.claim_name(), Some(claim), "{}", r.name);
                assert_eq!(e.expired_at(), Some(when), "{}", r.name);
            }
            (Claim(claim, reason), Err(e)) => {
                assert_eq!(
                    e.code(),
                    ErrorCode::ClaimValidationFailed,
                    "{}: {e}",
                    r.name
                );
                assert_eq!(e.claim_name(), Some(claim), "{}", r.name);
                assert_eq!(e.reason().map(|r| r.as_str()), Some(reason), "{}", r.name);
            }
            (Valid, Err(e)) => panic!("{}: expected valid, got {} ({e})", r.name, e.code()),
            (_, Ok(c)) => panic!("{}: expected an error, got {c:?}", r.name),
        }
    }
}

/// A token without `exp` never expires: refused by default, with the claim
/// and reason a caller can switch on; accepted only through the named opt-in.
/// The requirement comes after the MAC and after `nbf`, in the documented order.
#[test]
fn exp_is_required_unless_allowed() {
    let key = key();
    let no_exp = forge_claims(r#"{"sub":"a","nbf":900}"#);
    let e = verify::<Claims>(&no_exp, &key, &VerifyOptions::default(), &at(1000.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ClaimValidationFailed);
    assert_eq!(e.claim_name(), Some("exp"));
    assert_eq!(e.reason().map(|r| r.as_str()), Some("missing"));
    assert!(!e.to_string().contains(&no_exp));
    let allowed = VerifyOptions {
        allow_missing_exp: true,
        ..VerifyOptions::default()
    };
    assert!(verify::<Claims>(&no_exp, &key, &allowed, &at(1000.0)).is_ok());
    // A token not yet valid says so first, and a bad MAC before anything.
    let e = verify::<Claims>(&no_exp, &key, &VerifyOptions::default(), &at(800.0)).unwrap_err();
    assert_eq!(e.claim_name(), Some("nbf"));
    let other = edge_jwt::Key::new(&[9u8; 32]).unwrap();
    let e = verify::<Claims>(&no_exp, &other, &VerifyOptions::default(), &at(1000.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SignatureVerificationFailed);
    // exp: null is not a missing exp but a wrong type.
    let null = forge_claims(r#"{"exp":null}"#);
    let e = verify::<Claims>(&null, &key, &allowed, &at(1000.0)).unwrap_err();
    assert_eq!(e.reason().map(|r| r.as_str()), Some("invalid"));
}

#[test]
fn numbers_that_overflow_a_double_are_refused() {
    let token = forge_claims(r#"{"exp":1e400}"#);
    let e = verify::<Claims>(&token, &key(), &VerifyOptions::default(), &at(0.0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::JwtInvalid, "{e}");
}

#[test]
fn the_clock_is_read_in_seconds() {
    let token = forge_claims(r#"{"exp":2000000000}"#);
    let opts = VerifyOptions::default();
    // Date.now() in milliseconds: refused, not "valid until the year 50,000".
    for bad in [1.7e12, f64::NAN, f64::INFINITY, -1.0] {
        let e = verify::<Claims>(&token, &key(), &opts, &at(bad)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidOption, "now = {bad}");
        assert_eq!(e.option_name(), Some("now"));
    }
    assert!(verify::<Claims>(&token, &key(), &opts, &at(edge_jwt::MAX_NOW)).is_err());
    assert!(verify::<Claims>(&token, &key(), &opts, &at(1_999_999_999.9)).is_ok());
}

#[test]
fn a_closure_is_a_clock() {
    let token = forge_claims(r#"{"exp":100}"#);
    let clock = || 99.0;
    assert!(verify::<Claims>(&token, &key(), &VerifyOptions::default(), &clock).is_ok());
    let clock = || 100.0;
    assert!(verify::<Claims>(&token, &key(), &VerifyOptions::default(), &clock).is_err());
}

#[test]
fn the_system_clock_reads_the_present() {
    use edge_jwt::{Clock, SystemClock};
    let now = SystemClock.now();
    // After 2024-01-01 and before 2100: seconds, not milliseconds.
    assert!(now > 1_704_067_200.0 && now < 4_102_444_800.0, "{now}");
}
