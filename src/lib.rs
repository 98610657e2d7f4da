//! Synchronous HS256 JSON Web Tokens with an injected clock.
//!
//! `issue` and `verify` are plain functions: no async, no global state, and
//! the time is a value you pass in, so a test can stop the clock and a server
//! can use the real one. The same core is the npm package `edge-jwt`
//! (WebAssembly, for browsers, Node and edge workers); this page is about the
//! Rust crate.
//!
//! ```
//! use edge_jwt::{issue, verify, Claims, ErrorCode, FixedClock, IssueOptions, Key, VerifyOptions};
//!
//! # fn main() -> Result<(), edge_jwt::Error> {
//! let key = Key::new(b"at least 32 bytes of real secret!")?; // RFC 7518 §3.2
//! let mut claims = Claims::new();
//! claims.insert("sub".into(), "johndoe".into());
//!
//! // The clock is a value: the same kind feeds issue and verify.
//! let t0 = FixedClock(1_700_000_000.0);
//! let options = IssueOptions { expires_in: Some(30 * 60), ..Default::default() };
//! let token = issue(&claims, &key, &options, &t0)?;
//!
//! let verified = verify::<Claims>(&token, &key, &VerifyOptions::default(), &t0)?;
//! assert_eq!(verified["sub"], "johndoe");
//! assert_eq!(verified["exp"], 1_700_001_800);
//!
//! // At exp the token has already expired (RFC 7519 §4.1.4).
//! let later = FixedClock(1_700_001_800.0);
//! let err = verify::<Claims>(&token, &key, &VerifyOptions::default(), &later).unwrap_err();
//! assert_eq!(err.code(), ErrorCode::Expired);
//! assert_eq!(err.expired_at(), Some(1_700_001_800.0));
//! # Ok(())
//! # }
//! ```
//!
//! `verify::<Claims>` reads the claims as a `serde_json` map; `verify::<T>`
//! reads them into any `T: DeserializeOwned`, and `issue` takes any
//! `Serialize` value that is a JSON object (see [`verify`] and [`issue`]).
//!
//! # Clocks, keys, errors
//!
//! A [`Clock`] is [`SystemClock`] (the real time), [`FixedClock`] (a stopped
//! one) or any `Fn() -> f64` returning seconds since the Unix epoch.
//! Durations are whole seconds; [`parse_duration`] reads the string forms
//! (`"30m"`, `"2h"`). A [`Key`] keeps only the two precomputed HMAC states,
//! wiped when dropped; a legacy key under [`MIN_KEY_LEN`] bytes needs
//! [`Key::new_allowing_short`]. Every failure is an [`Error`] with an
//! [`ErrorCode`], and no message contains the token or the key. Decoding
//! without verification lives in [`dangerous`], so that every call site says
//! what it is.
//!
//! # Strict by default
//!
//! `alg` must be exactly `"HS256"` (the key is never chosen from the header);
//! the length, form, header and signature (compared in constant time) are
//! checked before the payload is parsed; base64url must be canonical and the
//! JSON strict, with no duplicate member names at any level; a token without
//! `exp` is refused unless [`VerifyOptions::allow_missing_exp`] says so;
//! out-of-range options are errors, not clamped. [`VerifyOptions`] adds audience, issuer,
//! subject, required claims, `typ`, `max_age` and leeway.
//!
//! # Features
//!
//! | feature | default | what it gives |
//! |---|---|---|
//! | `std` | yes | the claims as `serde_json` values ([`issue`], [`verify`], [`Claims`], [`dangerous::decode_unverified`]) and [`SystemClock`]. Without it the claims are JSON text ([`issue_json`], [`verify_json`], [`dangerous::decode_unverified_json`]). |
//! | `js` | no | the npm package's JavaScript boundary (wasm-bindgen exports), on `wasm32` only. Leave it off in a Rust application, on any target. |
//! | `start`, `panic-trap` | no | the npm package's wasm start function and panic handler (imply `js`). |
//!
//! # WebAssembly without JavaScript
//!
//! Without the `js` feature a `wasm32` build of the crate is plain Rust: a
//! WASI program (`wasm32-wasip1`) imports only WASI functions, and a
//! workers-rs application keeps its own wasm-bindgen (on
//! `wasm32-unknown-unknown`, [`SystemClock`] reads `Date.now()` through
//! `web-time`, which uses wasm-bindgen). The crate's test suites run under
//! WASI in CI.
#![cfg_attr(not(test), warn(clippy::print_stdout, clippy::print_stderr))]
// docs.rs (Cargo.toml's metadata sets the cfg): items that need a feature say so.
#![cfg_attr(docsrs, feature(doc_cfg))]
// In WebAssembly with `panic-trap` (which implies `js`) and without `std`
// (the npm package's module), alloc is enough: the boundary brings the
// allocator and the panic handler. Otherwise (natively, or on wasm32 without
// them) std stays linked, so that the cdylib links without the `std` feature
// too (the feature then only leaves out the serde_json API).
#![cfg_attr(
    all(
        target_arch = "wasm32",
        feature = "panic-trap",
        not(any(feature = "std", test))
    ),
    no_std
)]

extern crate alloc;

pub mod core;
/// The WebAssembly boundary. JavaScript reaches it through wasm-bindgen; it is
/// public (and hidden) only so that the boundary suite (`tests/wasm.rs`,
/// `tests/wasm_browser.rs`) can call the exports: an integration test cannot
/// name a private module. Rust users use [`core`]. Compiled only on wasm32
/// with the `js` feature.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
#[doc(hidden)]
pub mod wasm;

pub use crate::core::*;

// The README's Rust code, tested as it is shown (on GitHub, where rustdoc's
// hidden lines would show).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
#[cfg(feature = "std")]
pub use serde_json;
