//! `verify` on arbitrary bytes, with a fixed key, default options and a fixed
//! clock. Each input is verified twice: as given, and re-signed with the right
//! key (so the fuzzer also reaches the header, payload and claim rules).
//!
//! Invariants:
//! - success implies the signature is exactly the HMAC of the signing input
//!   recomputed by the primitives, the header is `alg: HS256` without
//!   `crit`/`b64`, and the claims are the payload parsed independently;
//! - a re-signed token never fails with a signature error;
//! - `decode_unverified` reads the same header and claims as a success;
//! - errors never show the token or the secret.
#![no_main]

mod common;

use common::{assert_redacted, mac, parse_object, sign_input, unb64, NOW, SECRET, VERIFY_NAMES};
use edge_jwt::dangerous::decode_unverified;
use edge_jwt::{verify_full, verify_json, Claims, ErrorCode, FixedClock, Key, VerifyOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    let key = Key::new(SECRET).unwrap();
    let options = VerifyOptions::default();
    let _ = check(&token, &key, &options);

    // The same header and payload, signed with the right key.
    if let Some((input, _)) = token.rsplit_once('.') {
        let resigned = sign_input(input, SECRET);
        if let Err(e) = check(&resigned, &key, &options) {
            assert_ne!(e, ErrorCode::SignatureVerificationFailed, "{resigned:?}");
        }
    }
});

fn check(token: &str, key: &Key, options: &VerifyOptions) -> Result<(), ErrorCode> {
    let result = verify_full::<Claims>(token, key, options, &FixedClock(NOW));
    // Deterministic: a second call gives the same answer.
    assert_eq!(
        result,
        verify_full::<Claims>(token, key, options, &FixedClock(NOW))
    );
    // verify_json is the same check, returning the payload text.
    assert_eq!(
        verify_json(token, key, options, &FixedClock(NOW)),
        result
            .as_ref()
            .map(|v| v.payload_json.clone())
            .map_err(Clone::clone)
    );
    match result {
        Ok(v) => {
            assert!(token.len() <= options.max_token_length);
            let mut parts = token.split('.');
            let (Some(h), Some(p), Some(s), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                panic!("verified a token that is not three segments: {token:?}");
            };
            // The MAC matched a re-signed input.
            let input = format!("{h}.{p}");
            let tag = unb64(s).expect("verified a signature that is not base64url");
            assert_eq!(
                tag,
                mac(input.as_bytes(), SECRET),
                "MAC mismatch: {token:?}"
            );
            assert_eq!(
                sign_input(&input, SECRET),
                token,
                "non-canonical signature accepted"
            );
            let header = parse_object(&unb64(h).unwrap()).expect("header is not an object");
            assert_eq!(header, v.header);
            assert_eq!(header.get("alg").and_then(|a| a.as_str()), Some("HS256"));
            assert!(!header.contains_key("crit") && !header.contains_key("b64"));
            let payload = unb64(p).unwrap();
            assert_eq!(parse_object(&payload).as_ref(), Some(&v.claims));
            assert_eq!(v.payload_json.as_bytes(), payload.as_slice());
            assert_ne!(
                common::claims_ok(&v.header, &v.claims, options, NOW),
                Some(false)
            );
            let unverified = decode_unverified(token).expect("verified but not decodable");
            assert_eq!(
                (unverified.header, unverified.payload),
                (v.header, v.claims)
            );
            Ok(())
        }
        Err(e) => {
            assert_redacted(&e, &[token.as_bytes(), SECRET], VERIFY_NAMES);
            if token.len() > options.max_token_length {
                assert_eq!(e.code(), ErrorCode::JwtTooLong);
            }
            Err(e.code())
        }
    }
}
