//! `dangerous::decode_unverified` on arbitrary bytes.
//!
//! Invariants: a success means three segments whose first two are canonical
//! unpadded base64url (re-encoding gives the same text) of JSON objects equal
//! to an independent parse; the only error codes are the form ones; errors
//! never show the token; a token `verify` accepts always decodes.
#![no_main]

mod common;

use common::{assert_redacted, b64, parse_object, sign_input, unb64, NOW, SECRET};
use edge_jwt::dangerous::decode_unverified;
use edge_jwt::{verify, Claims, ErrorCode, FixedClock, Key, VerifyOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    match decode_unverified(&token) {
        Ok(u) => {
            assert!(token.len() <= edge_jwt::DEFAULT_MAX_TOKEN_LENGTH);
            let parts: Vec<&str> = token.split('.').collect();
            assert_eq!(parts.len(), 3, "{token:?}");
            assert!(parts.iter().all(|p| !p.is_empty()));
            let header = unb64(parts[0]).expect("header not base64url");
            let payload = unb64(parts[1]).expect("payload not base64url");
            assert_eq!(b64(&header), parts[0], "non-canonical header accepted");
            assert_eq!(b64(&payload), parts[1], "non-canonical payload accepted");
            assert_eq!(parse_object(&header).as_ref(), Some(&u.header));
            assert_eq!(parse_object(&payload).as_ref(), Some(&u.payload));
            // Signed with the right key, the same token verifies or is refused
            // for its header or claims, never for its form or its MAC.
            let signed = sign_input(&format!("{}.{}", parts[0], parts[1]), SECRET);
            let key = Key::new(SECRET).unwrap();
            let options = VerifyOptions {
                max_token_length: edge_jwt::MAX_MAX_TOKEN_LENGTH,
                ..VerifyOptions::default()
            };
            if let Err(e) = verify::<Claims>(&signed, &key, &options, &FixedClock(NOW)) {
                assert!(
                    matches!(
                        e.code(),
                        ErrorCode::AlgNotAllowed
                            | ErrorCode::JwsInvalid
                            | ErrorCode::NotSupported
                            | ErrorCode::Expired
                            | ErrorCode::ClaimValidationFailed
                    ),
                    "{e:?}"
                );
            }
        }
        Err(e) => {
            assert!(
                matches!(
                    e.code(),
                    ErrorCode::JwtTooLong | ErrorCode::JwsInvalid | ErrorCode::JwtInvalid
                ),
                "{e:?}"
            );
            assert_redacted(&e, &[token.as_bytes()], &[]);
            // What cannot be decoded cannot be verified.
            let key = Key::new(SECRET).unwrap();
            assert!(
                verify::<Claims>(&token, &key, &VerifyOptions::default(), &FixedClock(NOW))
                    .is_err()
            );
        }
    }
});
