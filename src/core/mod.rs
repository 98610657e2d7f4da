//! The pure-Rust core: HS256 JWTs with an injected clock. Nothing here knows
//! about WebAssembly's types, and nothing here depends on `src/wasm/`, which
//! converts JavaScript values into these. One function may be the host's: the
//! reader of a number off the JSON scanner's integer fast path
//! (`json::ReadNumber`), which the wasm boundary passes in (JavaScript's
//! `Number`); Rust callers get the core's own.
//!
//! | file | responsibility |
//! |---|---|
//! | `issue.rs` | claims + options + clock → compact JWS |
//! | `verify.rs` | token → length, form, header, MAC, then claims |
//! | `claims.rs` | the one claim-validation function (time rules live here) |
//! | `compact.rs` | segments, base64url, header rules |
//! | `json.rs` | strict JSON: no duplicate names, bounded depth |
//! | `key.rs`, `clock.rs`, `duration.rs`, `options.rs`, `error.rs` | the types |
//! | `typed.rs` | verified claims read into the caller's type (serde) |
//! | `dangerous.rs` | decoding without verification |

mod base64url;
mod claims;
mod clock;
mod compact;
pub mod dangerous;
mod duration;
mod error;
mod issue;
mod json;
pub(crate) mod key;
mod options;
#[cfg(feature = "std")]
mod typed;
mod verify;

#[cfg(feature = "std")]
pub use clock::SystemClock;
pub use clock::{Clock, FixedClock, MAX_NOW};
pub use duration::{
    check_duration, check_leeway, parse_duration, MAX_DURATION_SECS, MAX_LEEWAY_SECS,
};
pub use error::{ClaimReason, Error, ErrorCode};
#[cfg(feature = "std")]
pub use issue::issue;
pub use issue::issue_json;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use issue::{issue_into, ClaimsText};
pub use json::MAX_DEPTH;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use json::{write_string, REGISTERED};
pub use key::{Key, MIN_KEY_LEN};
pub use options::{
    IssueOptions, OneOrMany, VerifyOptions, DEFAULT_MAX_TOKEN_LENGTH, MAX_MAX_TOKEN_LENGTH,
};
pub use verify::verify_json;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use verify::verify_payload;
#[cfg(feature = "std")]
pub use verify::{verify, verify_full, Verified};

/// Claims: a JSON object whose members keep their order.
#[cfg(feature = "std")]
pub type Claims = serde_json::Map<String, serde_json::Value>;
