//! The wire format between the exports (`mod.rs`) and the JavaScript around
//! them (`classes.js`, `input.js`, `claims.js`), declared once: `protocol.js`
//! is generated from this file (`tests/protocol.rs` writes it with
//! `UPDATE_PROTOCOL=1`, and fails while the checked-in copy is stale).
//!
//! One operation is one call: JavaScript writes the input frame and the input
//! buffer, calls the export, and reads the output frame and the buffers it
//! names. No JavaScript runs while the export runs, so one set of frames and
//! buffers serves every call, nested ones included (a nested call, from a
//! getter or a clock function, runs before the outer one writes its input or
//! after it has read its output).
//!
//! This file holds constants only, so that the generator can include it
//! natively. Some are read by JavaScript alone.
#![allow(dead_code)]

/// Slots of the input frame: f64s, written by JavaScript before each call.
pub mod input {
    /// Seconds since the epoch: the `now` option's reading, or `Date.now()`'s.
    pub const NOW: usize = 0;
    /// The secret: its length in bytes at the start of the input buffer, or
    /// one of [`super::secret`].
    pub const SECRET: usize = 1;
    /// 1 when `allowShortKey` is true, 0 when not; NaN when no option bag was
    /// given, and then no option slot was written: the defaults apply.
    pub const ALLOW_SHORT_KEY: usize = 2;
    /// The token or the claims text: its length in bytes, after the secret's
    /// in the input buffer (the string options follow it), or one of [`super::text`].
    pub const TEXT: usize = 3;
    /// Then each option of the call's kind, in the order of its list in
    /// `input.js` (NaN: absent).
    pub const FIRST_OPTION: usize = 4;
    /// The most options of one kind (`issue` has nine besides `now` and `allowShortKey`).
    pub const OPTIONS: usize = 9;
    /// Where the value of each registered claim starts in the claims text,
    /// plus one (0: absent), in the order of `core::REGISTERED`.
    pub const REGISTERED: usize = 13;
    /// A Key's two SHA-256 states, 64 bytes (8 slots). Read and wiped by the
    /// export; left here by `new Key` for JavaScript to copy out and wipe, and
    /// after a call whose secret was a string when [`HAND_OUT_STATES`] asks.
    pub const STATES: usize = 20;
    /// 1: the secret is a string whose key the caller keeps (the last string
    /// secret, compared by value, runs at the speed of a reused `Key`); the
    /// export leaves its states in [`STATES`] and sets this slot to 2.
    pub const HAND_OUT_STATES: usize = 28;
    /// The frame's length in slots.
    pub const LEN: usize = 29;
}

/// The options of `issue` that have a slot of their own, by its index after
/// [`input::FIRST_OPTION`]; JavaScript names them in camelCase (`now` and
/// `allowShortKey` are in [`input::NOW`] and [`input::ALLOW_SHORT_KEY`]).
pub mod issue_option {
    /// Seconds, or a duration string: `exp` is now plus it.
    pub const EXPIRES_IN: usize = 0;
    /// Seconds, or a duration string: `nbf` is now plus it.
    pub const NOT_BEFORE: usize = 1;
    /// 1 or 0: whether `iat` is set.
    pub const ISSUED_AT: usize = 2;
    /// 0: a string follows in the input buffer.
    pub const ISSUER: usize = 3;
    /// 0: a string follows.
    pub const SUBJECT: usize = 4;
    /// -1: a string follows; else the number of strings that follow.
    pub const AUDIENCE: usize = 5;
    /// 0: a string follows.
    pub const JWT_ID: usize = 6;
    /// 0: a string follows.
    pub const KEY_ID: usize = 7;
    /// Whole bytes.
    pub const MAX_TOKEN_LENGTH: usize = 8;
}

/// The options of `verify` that have a slot of their own, as [`issue_option`].
pub mod verify_option {
    /// Seconds, or a duration string.
    pub const LEEWAY: usize = 0;
    /// Seconds, or a duration string.
    pub const MAX_AGE: usize = 1;
    /// -1: a string follows; else the number of strings that follow.
    pub const ISSUER: usize = 2;
    /// -1: a string follows; else the number of strings that follow.
    pub const AUDIENCE: usize = 3;
    /// 0: a string follows.
    pub const SUBJECT: usize = 4;
    /// The number of strings that follow.
    pub const REQUIRED_CLAIMS: usize = 5;
    /// 0: a string follows.
    pub const TYP: usize = 6;
    /// Whole bytes.
    pub const MAX_TOKEN_LENGTH: usize = 7;
    /// 1 or 0: whether a token without `exp` is accepted.
    pub const ALLOW_MISSING_EXP: usize = 8;
}

/// What the [`input::SECRET`] slot holds when the secret is not bytes.
pub mod secret {
    /// A live `Key`: its states are in the frame.
    pub const KEY: f64 = -1.0;
    /// Not a string, a Uint8Array nor a live Key (a freed Key, say).
    pub const REFUSED: f64 = -2.0;
    /// A Uint8Array whose buffer is detached.
    pub const DETACHED: f64 = -3.0;
    /// A string with a lone surrogate, which UTF-8 cannot carry.
    pub const ILL_FORMED: f64 = -4.0;
    /// Longer than the longest token (`MAX_MAX_TOKEN_LENGTH`, in bytes or,
    /// for a string, UTF-16 units): not copied into wasm memory, which could
    /// not always hold it.
    pub const TOO_LONG: f64 = -5.0;
}

/// What the [`input::TEXT`] slot holds when no text was written.
pub mod text {
    /// The token is not a string.
    pub const NOT_A_STRING: f64 = -1.0;
    /// The token, or the claims text, is longer than `maxTokenLength` bytes.
    pub const TOO_LONG: f64 = -2.0;
    /// JavaScript refused the claims and holds their `JwtError`.
    pub const CLAIMS_REFUSED: f64 = -3.0;
}

/// Slots of the output frame: f64s, written by the export, read by
/// JavaScript right after it returns.
pub mod output {
    /// Where the output bytes are: the token (`issue`), the payload
    /// (`verify`), or the header then the payload (`decodeUnverified`).
    pub const DATA: usize = 0;
    /// Their length in bytes.
    pub const DATA_LEN: usize = 1;
    /// `decodeUnverified`: the header's length, at the start of the data.
    pub const HEADER_LEN: usize = 2;
    /// `verify`: where the payload's tape is (f64s; see `core::json::tape`).
    pub const TAPE: usize = 3;
    /// Its length in entries; 0 when the payload was too long to tape.
    pub const TAPE_LEN: usize = 4;
    /// On failure: where the error's JSON text is (`code`, `message`, and
    /// `claim`, `reason` and `option` when they apply).
    pub const ERROR: usize = 5;
    /// Its length in bytes.
    pub const ERROR_LEN: usize = 6;
    /// On failure: the `expiredAt` of `ERR_JWT_EXPIRED`, else NaN.
    pub const EXPIRED_AT: usize = 7;
    /// The frame's length in slots.
    pub const LEN: usize = 8;
}

/// What an export returns.
pub mod status {
    /// Done: the output frame names the result.
    pub const OK: u32 = 0;
    /// Failed: the output frame names the error.
    pub const FAILED: u32 = 1;
    /// `issue` only: the claims were refused by JavaScript, which throws its
    /// own `JwtError`. Returned only once the options and the secret passed.
    pub const CLAIMS_REFUSED: u32 = 2;
}
