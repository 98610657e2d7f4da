//! Property tests (proptest): round trips over arbitrary claims, clocks and
//! options; every single-byte change to a valid token fails; errors never show
//! the token or the secret. Case counts keep the whole file under a few
//! seconds in a debug build.
// Natively and under WASI (`make test-wasi`): proptest's OS RNG does not
// build for wasm32-unknown-unknown.
#![cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
// Tests may panic: a failed assertion is how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

mod common;

use common::{at, SECRET};
use edge_jwt::{
    issue, verify, verify_full, ClaimReason, Claims, Error, ErrorCode, IssueOptions, Key,
    OneOrMany, VerifyOptions, MAX_DURATION_SECS, MAX_LEEWAY_SECS, MAX_NOW,
};
use proptest::prelude::*;
use serde_json::{Number, Value};

/// Names that `issue`'s options may set: the generated claims leave them out,
/// so that no case is a conflict (those are tested in tests/issue.rs).
const REGISTERED: [&str; 7] = ["iss", "sub", "aud", "jti", "iat", "nbf", "exp"];

/// Any JSON value: unicode strings, integers up to 2^53 either side, finite
/// doubles, nested arrays and objects.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0u64..=(1 << 53)).prop_map(Value::from),
        (-(1i64 << 53)..=0).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| Value::Number(Number::from_f64(f).unwrap())),
        any::<String>().prop_map(Value::String),
        "[\\PC]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Top-level claims without the registered names.
fn claims() -> impl Strategy<Value = Claims> {
    prop::collection::vec(
        (
            prop_oneof![any::<String>(), "[a-z_]{1,8}", "[\\PC]{1,6}"],
            json_value(),
        ),
        0..8,
    )
    .prop_map(|members| {
        members
            .into_iter()
            .filter(|(name, _)| !REGISTERED.contains(&name.as_str()))
            .collect()
    })
}

/// A clock reading from 0 to MAX_NOW, whole or fractional.
fn clock() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(MAX_NOW),
        0.0..=MAX_NOW,
        (0u64..=MAX_NOW as u64, 0u32..8)
            .prop_map(|(s, eighths)| { (s as f64 + f64::from(eighths) / 8.0).min(MAX_NOW) }),
        (1_600_000_000u64..1_900_000_000).prop_map(|s| s as f64 + 0.5),
    ]
}

fn one_or_many() -> impl Strategy<Value = OneOrMany> {
    prop_oneof![
        any::<String>().prop_map(OneOrMany::One),
        prop::collection::vec(any::<String>(), 1..4).prop_map(OneOrMany::Many),
    ]
}

fn issue_options() -> impl Strategy<Value = IssueOptions> {
    (
        prop::option::of(prop_oneof![1u64..=3600, 1u64..=MAX_DURATION_SECS]),
        prop::option::of(prop_oneof![
            Just(0u64),
            0u64..=3600,
            0u64..=MAX_DURATION_SECS
        ]),
        any::<bool>(),
        prop::option::of(any::<String>()),
        prop::option::of(any::<String>()),
        prop::option::of(one_or_many()),
        prop::option::of(any::<String>()),
        prop::option::of(any::<String>()),
    )
        .prop_map(
            |(expires_in, not_before, issued_at, issuer, subject, audience, jwt_id, key_id)| {
                IssueOptions {
                    expires_in,
                    not_before,
                    issued_at,
                    issuer,
                    subject,
                    audience,
                    jwt_id,
                    key_id,
                    ..IssueOptions::default()
                }
            },
        )
}

/// What `issue` must have written: the caller's claims, then the option-set
/// ones in the order iss, sub, aud, jti, iat, nbf, exp.
fn expected_claims(claims: &Claims, o: &IssueOptions, t: u64) -> Claims {
    let mut want = claims.clone();
    if let Some(v) = &o.issuer {
        want.insert("iss".into(), v.clone().into());
    }
    if let Some(v) = &o.subject {
        want.insert("sub".into(), v.clone().into());
    }
    match &o.audience {
        Some(OneOrMany::One(v)) => {
            want.insert("aud".into(), v.clone().into());
        }
        Some(OneOrMany::Many(v)) => {
            want.insert("aud".into(), v.clone().into());
        }
        None => {}
    }
    if let Some(v) = &o.jwt_id {
        want.insert("jti".into(), v.clone().into());
    }
    if o.issued_at {
        want.insert("iat".into(), t.into());
    }
    if let Some(s) = o.not_before {
        want.insert("nbf".into(), (t + s).into());
    }
    if let Some(s) = o.expires_in {
        want.insert("exp".into(), (t + s).into());
    }
    want
}

/// The error's `Display` and `Debug` contain neither `needle` nor the secret.
fn assert_hidden(e: &Error, needle: &str, secret: &[u8]) {
    let shown = format!("{e} {e:?}");
    let secret = String::from_utf8_lossy(secret);
    assert!(!shown.contains(secret.as_ref()), "secret shown: {shown}");
    if needle.len() >= 8 {
        assert!(!shown.contains(needle), "token shown: {shown}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// issue then verify gives back exactly the claims, in order, at any clock.
    #[test]
    fn issue_then_verify_round_trips(
        claims in claims(),
        options in issue_options(),
        now in clock(),
        leeway in prop_oneof![Just(0u64), 0..=MAX_LEEWAY_SECS],
        check_every_claim in any::<bool>(),
        allow_missing_exp in any::<bool>(),
    ) {
        let key = Key::new(SECRET).unwrap();
        let token = issue(&claims, &key, &options, &at(now)).unwrap();
        let t = now.floor() as u64;
        let want = expected_claims(&claims, &options, t);

        // Verify when the token starts being valid: now, or nbf if later.
        let nbf = options.not_before.map(|s| (t + s) as f64);
        let when = nbf.map_or(now, |nbf| nbf.max(now));
        prop_assume!(when <= MAX_NOW);
        let mut vo = VerifyOptions {
            leeway,
            max_token_length: edge_jwt::MAX_MAX_TOKEN_LENGTH,
            allow_missing_exp,
            ..VerifyOptions::default()
        };
        if check_every_claim {
            vo.issuer = options.issuer.clone().map(OneOrMany::One);
            vo.subject = options.subject.clone();
            vo.audience = options.audience.clone();
            vo.required_claims = want.keys().filter(|k| !k.is_empty()).cloned().collect();
            vo.typ = Some("application/JWT".into());
            // The tightest max age the token still meets.
            let age = (when - t as f64).ceil() as u64 + 1;
            if options.issued_at && age <= MAX_DURATION_SECS {
                vo.max_age = Some(age);
            }
        }
        let result = verify_full::<Claims>(&token, &key, &vo, &at(when));
        let exp = options.expires_in.map(|s| (t + s) as f64);
        match exp {
            // At exp + leeway the token has expired (README "Time rules").
            Some(exp) if when >= exp + leeway as f64 => {
                let e = result.unwrap_err();
                prop_assert_eq!(e.code(), ErrorCode::Expired);
                prop_assert_eq!(e.expired_at(), Some(exp));
            }
            // Without exp, only the explicit opt-in lets the token through.
            None if !allow_missing_exp => {
                let e = result.unwrap_err();
                prop_assert_eq!(e.code(), ErrorCode::ClaimValidationFailed);
                prop_assert_eq!(e.claim_name(), Some("exp"));
                prop_assert_eq!(e.reason(), Some(ClaimReason::Missing));
            }
            _ => {
                let v = result.unwrap();
                prop_assert_eq!(&v.claims, &want);
                prop_assert!(v.claims.keys().eq(want.keys()), "order kept");
                prop_assert_eq!(v.header.get("kid").and_then(Value::as_str), options.key_id.as_deref());
                // verify and verify_full agree.
                prop_assert_eq!(verify::<Claims>(&token, &key, &vo, &at(when)).unwrap(), want);
            }
        }
    }

    /// Any single-byte change to a valid token fails verification, at every
    /// position, with an ASCII or a non-ASCII replacement.
    #[test]
    fn any_single_byte_change_fails(
        claims in claims(),
        kid in prop::option::of("[ -~]{0,12}"),
        replacements in prop::collection::vec(
            prop_oneof![
                3 => (0u8..0x80).prop_map(|b| char::from(b).to_string()),
                1 => any::<char>().prop_filter("non-ASCII", |c| !c.is_ascii()).prop_map(String::from),
            ],
            1..64,
        ),
    ) {
        let key = Key::new(SECRET).unwrap();
        let options = IssueOptions { key_id: kid, expires_in: Some(60), ..IssueOptions::default() };
        let token = issue(&claims, &key, &options, &at(1_700_000_000.0)).unwrap();
        let vo = VerifyOptions { max_token_length: edge_jwt::MAX_MAX_TOKEN_LENGTH, ..VerifyOptions::default() };
        prop_assert!(verify::<Claims>(&token, &key, &vo, &at(1_700_000_000.0)).is_ok());
        for (i, original) in token.char_indices() {
            let mut with = replacements[i % replacements.len()].clone();
            if with.len() == 1 && with.starts_with(original) {
                // Same byte: take the next ASCII character instead.
                with = char::from((original as u8).wrapping_add(1) & 0x7f).to_string();
            }
            let changed = format!("{}{with}{}", &token[..i], &token[i + 1..]);
            prop_assert_ne!(&changed, &token);
            let e = verify::<Claims>(&changed, &key, &vo, &at(1_700_000_000.0))
                .expect_err("a changed token verified");
            prop_assert!(
                matches!(
                    e.code(),
                    ErrorCode::JwsInvalid
                        | ErrorCode::SignatureVerificationFailed
                        | ErrorCode::AlgNotAllowed
                        | ErrorCode::NotSupported
                ),
                "position {} ({:?} -> {:?}): {:?}", i, original, with, e
            );
            assert_hidden(&e, &changed, SECRET);
        }
    }

    /// Errors never show the token or the secret, whatever the input.
    #[test]
    fn errors_never_show_the_token_or_the_secret(
        secret in "[A-Za-z0-9]{32,48}",
        garbage in prop_oneof![
            any::<String>(),
            "[A-Za-z0-9_.-]{8,80}",
            "[A-Za-z0-9_-]{4,40}\\.[A-Za-z0-9_-]{4,40}\\.[A-Za-z0-9_-]{4,43}",
        ],
        claims in claims(),
        now in clock(),
    ) {
        let key = Key::new(secret.as_bytes()).unwrap();
        let e = verify::<Claims>(&garbage, &key, &VerifyOptions::default(), &at(now)).unwrap_err();
        assert_hidden(&e, &garbage, secret.as_bytes());

        // A real token under another key, expired, or refused by an option.
        let token = issue(&claims, &key, &IssueOptions { expires_in: Some(1), ..IssueOptions::default() }, &at(now)).unwrap();
        let other = Key::new(b"another secret of at least 32 bytes!").unwrap();
        let failures = [
            verify::<Claims>(&token, &other, &VerifyOptions::default(), &at(now)),
            verify::<Claims>(&token, &key, &VerifyOptions::default(), &at(now.floor() + 1.0)),
            verify::<Claims>(&token, &key, &VerifyOptions { issuer: Some("x".into()), ..VerifyOptions::default() }, &at(now)),
            verify::<Claims>(&token, &key, &VerifyOptions { max_token_length: 8, ..VerifyOptions::default() }, &at(now)),
        ];
        for result in failures {
            if let Err(e) = result {
                assert_hidden(&e, &token, secret.as_bytes());
            }
        }
    }
}

/// Reads `text` (the token's own `exp` lexeme) exactly, as `serde_json`
/// (with `float_roundtrip`) and `str::parse` do.
fn exact(text: &str) -> f64 {
    text.parse().unwrap()
}

/// The expected outcome around the exact value of `exp`: valid one ULP
/// before it, expired at it. `None` when it holds.
fn exp_rule_violation(lexeme: &str) -> Option<String> {
    let exp = exact(lexeme);
    let token = common::forge_claims(&format!(r#"{{"exp":{lexeme}}}"#));
    let key = Key::new(SECRET).unwrap();
    let o = VerifyOptions::default();
    let before = verify::<Claims>(&token, &key, &o, &at(f64::from_bits(exp.to_bits() - 1)));
    let at_exp = verify::<Claims>(&token, &key, &o, &at(exp));
    match (before, at_exp) {
        (Ok(claims), Err(e)) if e.code() == ErrorCode::Expired => {
            (claims["exp"].as_f64() != Some(exp) || e.expired_at() != Some(exp)).then(|| {
                format!("{lexeme}: claims exp {:?}, expiredAt {:?}, exact {exp:?}", claims["exp"], e.expired_at())
            })
        }
        (Ok(_), Ok(_)) => Some(format!("{lexeme} (exactly {exp:?}) is still valid at its exp")),
        (Err(e), _) => Some(format!(
            "{lexeme} (exactly {exp:?}) is refused one ULP before its exp; the rule read expiredAt {:?}",
            e.expired_at()
        )),
        (Ok(_), Err(e)) => Some(format!("{lexeme}: unexpected {e:?}")),
    }
}

/// RFC 7519 §4.1.4: at its exact `exp` a token has expired, however `exp` is
/// written. Found by the `verify_options` fuzzer when the scanner read such
/// numbers approximately: `131072.7327249120900` was accepted at its exact
/// instant and `131072.7327239120642` refused one ulp early. The scanner now
/// reads every number of up to 19 significant digits exactly.
#[test]
fn exp_at_its_exact_instant_has_expired() {
    let found: Vec<String> = ["131072.7327249120900", "131072.7327239120642"]
        .iter()
        .filter_map(|lexeme| exp_rule_violation(lexeme))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The property behind `exp_at_its_exact_instant_has_expired`: however
    /// `exp` is written (20 and more significant digits, far exponents, tiny
    /// fractions), the rule uses its exact value, correctly rounded.
    #[test]
    fn exp_is_read_exactly_however_it_is_written(
        lexeme in prop_oneof![
            "[1-9][0-9]{0,9}\\.[0-9]{1,25}",
            "[1-9]\\.[0-9]{1,25}[eE]\\+?[0-9]",
            "[1-9][0-9]{15,22}[eE]-(1[0-9]|2[0-2])",
            "0\\.[0-9]{0,5}[1-9][0-9]{1,20}[eE]1[0-1]",
        ],
    ) {
        let exp = exact(&lexeme);
        prop_assume!(exp.is_finite() && exp > 0.0 && exp <= MAX_NOW);
        let violation = exp_rule_violation(&lexeme);
        prop_assert!(violation.is_none(), "{}", violation.unwrap_or_default());
    }

    /// What does hold: integers of up to 15 digits and the short decimal
    /// forms other issuers write (PyJWT, python-jose and jose write integers;
    /// fractions like `1700000000.5`) are read exactly.
    #[test]
    fn exp_written_as_issuers_write_it_is_read_exactly(
        secs in 1u64..=MAX_NOW as u64,
        fraction in prop_oneof![Just(""), Just(".5"), Just(".25"), Just(".125"), Just(".75")],
    ) {
        let lexeme = format!("{secs}{fraction}");
        let violation = exp_rule_violation(&lexeme);
        prop_assert!(violation.is_none(), "{}", violation.unwrap_or_default());
    }
}
