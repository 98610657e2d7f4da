//! The one error type, with a stable code for every condition.
//!
//! Codes follow panva/jose where the meaning is the same, so that code written
//! against jose's `err.code` keeps working. Messages are short lowercase
//! sentences; none of them ever contains the token, the key, or a claim value
//! that was not validated.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

/// The stable machine-readable code of an [`Error`].
///
/// The string form ([`ErrorCode::as_str`]) is part of the public API: it is what
/// JavaScript sees as `err.code`, and it never changes meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `ERR_JWS_INVALID`: the compact serialization or the protected header is malformed.
    JwsInvalid,
    /// `ERR_JWT_INVALID`: the signature holds but the payload is not a JSON object.
    JwtInvalid,
    /// `ERR_JWT_TOO_LONG`: the token is longer than `max_token_length`; nothing was decoded.
    JwtTooLong,
    /// `ERR_JOSE_ALG_NOT_ALLOWED`: the header's `alg` is a string other than exactly `"HS256"`.
    AlgNotAllowed,
    /// `ERR_JOSE_NOT_SUPPORTED`: the header asks for an extension (`crit`, `b64`) this library does not implement.
    NotSupported,
    /// `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`: the MAC does not match.
    SignatureVerificationFailed,
    /// `ERR_JWT_EXPIRED`: `exp` has passed, or `iat` is older than `max_age`.
    Expired,
    /// `ERR_JWT_CLAIM_VALIDATION_FAILED`: a claim is missing, of the wrong type, or not the expected value.
    ClaimValidationFailed,
    /// `ERR_KEY_EMPTY`: the HMAC key has no bytes.
    KeyEmpty,
    /// `ERR_KEY_TOO_SHORT`: the HMAC key is shorter than 32 bytes and short keys were not allowed.
    KeyTooShort,
    /// `ERR_INVALID_OPTION`: an option has the wrong type, is out of range, or is unknown.
    InvalidOption,
    /// `ERR_INVALID_CLAIMS`: the claims given to `issue` are not an object, have a registered claim of the
    /// wrong type, or set a claim that an option also sets.
    InvalidClaims,
}

impl ErrorCode {
    /// The stable string code, such as `"ERR_JWT_EXPIRED"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::JwsInvalid => "ERR_JWS_INVALID",
            Self::JwtInvalid => "ERR_JWT_INVALID",
            Self::JwtTooLong => "ERR_JWT_TOO_LONG",
            Self::AlgNotAllowed => "ERR_JOSE_ALG_NOT_ALLOWED",
            Self::NotSupported => "ERR_JOSE_NOT_SUPPORTED",
            Self::SignatureVerificationFailed => "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
            Self::Expired => "ERR_JWT_EXPIRED",
            Self::ClaimValidationFailed => "ERR_JWT_CLAIM_VALIDATION_FAILED",
            Self::KeyEmpty => "ERR_KEY_EMPTY",
            Self::KeyTooShort => "ERR_KEY_TOO_SHORT",
            Self::InvalidOption => "ERR_INVALID_OPTION",
            Self::InvalidClaims => "ERR_INVALID_CLAIMS",
        }
    }

    /// Every code, in the order of the README's table.
    pub const ALL: [ErrorCode; 12] = [
        Self::JwsInvalid,
        Self::JwtInvalid,
        Self::JwtTooLong,
        Self::AlgNotAllowed,
        Self::NotSupported,
        Self::SignatureVerificationFailed,
        Self::Expired,
        Self::ClaimValidationFailed,
        Self::KeyEmpty,
        Self::KeyTooShort,
        Self::InvalidOption,
        Self::InvalidClaims,
    ];
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a claim failed validation; the values are jose's `reason` strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimReason {
    /// `"missing"`: the claim is required (by an option, by `required_claims`, or by the type
    /// `verify::<T>` reads the claims into) and absent.
    Missing,
    /// `"invalid"`: the claim is present but of the wrong type (or, for `verify::<T>`, a value `T`
    /// does not take).
    Invalid,
    /// `"check_failed"`: the claim has the right type but not an accepted value or time.
    CheckFailed,
}

impl ClaimReason {
    /// The string form: `"missing"`, `"invalid"` or `"check_failed"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Invalid => "invalid",
            Self::CheckFailed => "check_failed",
        }
    }
}

/// Every way issuing or verifying can fail.
///
/// Switch on [`Error::code`]; read [`Error::claim_name`],
/// [`Error::option_name`], [`Error::reason`] and [`Error::expired_at`] for the
/// facts. The `Display` form is a short sentence
/// that names claims and options but never shows a token, a key or an
/// unvalidated claim value.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    code: ErrorCode,
    message: &'static str,
    /// The claim, header parameter or option the error is about.
    subject: Option<Box<str>>,
    reason: Option<ClaimReason>,
    expired_at: Option<f64>,
}

impl Error {
    /// An error with a code and a message, about no claim or option.
    pub const fn new(code: ErrorCode, message: &'static str) -> Self {
        Self {
            code,
            message,
            subject: None,
            reason: None,
            expired_at: None,
        }
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn claim(claim: &str, reason: ClaimReason, message: &'static str) -> Self {
        Self {
            code: ErrorCode::ClaimValidationFailed,
            message,
            subject: Some(claim.into()),
            reason: Some(reason),
            expired_at: None,
        }
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn expired(claim: &'static str, at: f64, message: &'static str) -> Self {
        Self {
            code: ErrorCode::Expired,
            message,
            subject: Some(claim.into()),
            reason: Some(ClaimReason::CheckFailed),
            expired_at: Some(at),
        }
    }

    /// An invalid option: `option` is its name as the caller spells it.
    #[cold]
    #[inline(never)]
    pub fn invalid_option(option: &str, message: &'static str) -> Self {
        Self {
            code: ErrorCode::InvalidOption,
            message,
            subject: Some(option.into()),
            reason: None,
            expired_at: None,
        }
    }

    /// `ERR_INVALID_CLAIMS`, about one claim or (with `None`) the whole set.
    #[cold]
    #[inline(never)]
    pub fn invalid_claims(claim: Option<&str>, message: &'static str) -> Self {
        Self {
            code: ErrorCode::InvalidClaims,
            message,
            subject: claim.map(Into::into),
            reason: None,
            expired_at: None,
        }
    }

    /// The stable code.
    pub const fn code(&self) -> ErrorCode {
        self.code
    }

    /// The human sentence, without the claim or option name (see `Display` for both).
    pub const fn message(&self) -> &'static str {
        self.message
    }

    /// For claim errors (`ERR_JWT_CLAIM_VALIDATION_FAILED`, `ERR_JWT_EXPIRED`,
    /// `ERR_INVALID_CLAIMS`): the claim's name.
    pub fn claim_name(&self) -> Option<&str> {
        match self.code {
            ErrorCode::InvalidOption => None,
            _ => self.subject.as_deref(),
        }
    }

    /// For `ERR_INVALID_OPTION`: the option's name.
    pub fn option_name(&self) -> Option<&str> {
        match self.code {
            ErrorCode::InvalidOption => self.subject.as_deref(),
            _ => None,
        }
    }

    /// For claim validation failures: why the claim failed.
    pub const fn reason(&self) -> Option<ClaimReason> {
        self.reason
    }

    /// For `ERR_JWT_EXPIRED`: the NumericDate at which the token stopped being valid
    /// (`exp`, or `iat + max_age`).
    pub const fn expired_at(&self) -> Option<f64> {
        self.expired_at
    }
}

impl Error {
    /// The text `Display` writes, in pieces: `option "name": message` for an
    /// option, `"name": message` for a claim, else the message.
    fn pieces(&self) -> [&str; 4] {
        match (&self.subject, self.code) {
            (Some(name), ErrorCode::InvalidOption) => ["option \"", name, "\": ", self.message],
            (Some(name), _) => ["\"", name, "\": ", self.message],
            (None, _) => ["", "", "", self.message],
        }
    }

    /// What `Display` writes, built without `core::fmt` (whose machinery
    /// would otherwise be linked into the wasm module for this alone).
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))] // the wasm boundary's
    pub(crate) fn text(&self) -> String {
        // Not `concat()`: its length check brings a panic message and its
        // location into the module.
        let mut text = String::new();
        for piece in self.pieces() {
            text.push_str(piece);
        }
        text
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.pieces()
            .iter()
            .try_for_each(|piece| f.write_str(piece))
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::{Error, ErrorCode};

    #[test]
    fn text_is_what_display_writes() {
        for error in [
            Error::invalid_option("expiresIn", "must be finite"),
            Error::invalid_claims(Some("exp"), "claim must be a number (a NumericDate)"),
            Error::invalid_claims(None, "the claims must be a JSON object"),
            Error::new(ErrorCode::JwsInvalid, "a JWS segment is empty"),
        ] {
            assert_eq!(error.text(), error.to_string());
        }
        assert_eq!(
            Error::invalid_option("expiresIn", "must be finite").text(),
            "option \"expiresIn\": must be finite"
        );
        assert_eq!(
            Error::invalid_claims(Some("exp"), "is wrong").text(),
            "\"exp\": is wrong"
        );
    }
}
