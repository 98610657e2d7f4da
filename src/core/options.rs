//! The options of `issue` and `verify`. Every default is stated on its field.

use super::duration::{check_duration, check_leeway};
use super::error::Error;
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

/// The default for [`VerifyOptions::max_token_length`]: 16 KiB.
pub const DEFAULT_MAX_TOKEN_LENGTH: usize = 16 * 1024;

/// The largest `max_token_length` accepted: 1 MiB.
pub const MAX_MAX_TOKEN_LENGTH: usize = 1024 * 1024;

/// One string, or a list of which any one is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OneOrMany {
    /// A single value.
    One(String),
    /// A list; must not be empty.
    Many(Vec<String>),
}

impl OneOrMany {
    pub(crate) fn as_slice(&self) -> &[String] {
        match self {
            Self::One(one) => core::slice::from_ref(one),
            Self::Many(many) => many,
        }
    }

    fn check(&self, option: &str) -> Result<(), Error> {
        if self.as_slice().is_empty() {
            return Err(Error::invalid_option(option, "the list is empty"));
        }
        Ok(())
    }
}

impl From<&str> for OneOrMany {
    fn from(one: &str) -> Self {
        Self::One(one.to_owned())
    }
}

impl From<String> for OneOrMany {
    fn from(one: String) -> Self {
        Self::One(one)
    }
}

impl From<Vec<String>> for OneOrMany {
    fn from(many: Vec<String>) -> Self {
        Self::Many(many)
    }
}

/// How `issue` builds a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueOptions {
    /// Sets `exp` to the issue time plus this many seconds. Default: none, no `exp`.
    /// At most 100 years. Setting it while the claims hold `exp` is an error.
    pub expires_in: Option<u64>,
    /// Sets `nbf` to the issue time plus this many seconds. Default: none, no `nbf`.
    /// At most 100 years. Setting it while the claims hold `nbf` is an error.
    pub not_before: Option<u64>,
    /// Sets `iat` to the issue time. Default: `true`. While `true`, claims that
    /// hold `iat` are an error; set it to `false` to supply your own.
    pub issued_at: bool,
    /// Sets `iss`. Default: none.
    pub issuer: Option<String>,
    /// Sets `sub`. Default: none.
    pub subject: Option<String>,
    /// Sets `aud`, as a string or as a list. Default: none.
    pub audience: Option<OneOrMany>,
    /// Sets `jti`. Default: none.
    pub jwt_id: Option<String>,
    /// Adds `kid` to the protected header. Default: none. It only labels the
    /// key; `verify` never uses it to choose one.
    pub key_id: Option<String>,
    /// The longest token issued, in bytes: claims that would make a longer
    /// token are refused with `ERR_JWT_TOO_LONG`, as `verify` would refuse
    /// the token. Default: 16 KiB, as for `verify`. From 1 byte to 1 MiB.
    pub max_token_length: usize,
}

impl Default for IssueOptions {
    fn default() -> Self {
        Self {
            expires_in: None,
            not_before: None,
            issued_at: true,
            issuer: None,
            subject: None,
            audience: None,
            jwt_id: None,
            key_id: None,
            max_token_length: DEFAULT_MAX_TOKEN_LENGTH,
        }
    }
}

impl IssueOptions {
    /// Checks every option's range.
    ///
    /// # Errors
    /// `ERR_INVALID_OPTION`, naming the option.
    pub fn check(&self) -> Result<(), Error> {
        if let Some(secs) = self.expires_in {
            check_duration(secs, "expiresIn")?;
        }
        if let Some(secs) = self.not_before {
            check_duration(secs, "notBefore")?;
        }
        if let Some(audience) = &self.audience {
            audience.check("audience")?;
        }
        check_max_token_length(self.max_token_length)
    }
}

/// `max_token_length` is from 1 byte to 1 MiB.
fn check_max_token_length(length: usize) -> Result<(), Error> {
    if length == 0 || length > MAX_MAX_TOKEN_LENGTH {
        return Err(Error::invalid_option(
            "maxTokenLength",
            "must be from 1 byte to 1 MiB",
        ));
    }
    Ok(())
}

/// What `verify` requires of a token beyond a valid MAC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Seconds of clock skew tolerated by every time rule (`exp`, `nbf`,
    /// `iat`, `max_age`). Default: 0. At most one day.
    pub leeway: u64,
    /// The oldest `iat` accepted, in seconds before now. Default: none.
    /// Setting it makes `iat` required.
    pub max_age: Option<u64>,
    /// Accepted issuers. Default: any. Setting it makes `iss` required.
    pub issuer: Option<OneOrMany>,
    /// Accepted audiences: the token's `aud` (a string or a list) must contain
    /// one of them. Default: any. Setting it makes `aud` required.
    pub audience: Option<OneOrMany>,
    /// The required `sub`. Default: any. Setting it makes `sub` required.
    pub subject: Option<String>,
    /// Claims that must be present, by name. Default: none.
    pub required_claims: Vec<String>,
    /// Accept a token without `exp`. Default: false: a token without `exp`
    /// never expires, and nobody can revoke it at the edge, so `verify`
    /// refuses it (`ERR_JWT_CLAIM_VALIDATION_FAILED`, claim `exp`, reason
    /// `missing`) unless this names the exception.
    pub allow_missing_exp: bool,
    /// The required header `typ`, compared as a media type: case-insensitive,
    /// with an optional `application/` prefix (`"JWT"` matches
    /// `"application/jwt"`). Default: any. Setting it makes `typ` required.
    pub typ: Option<String>,
    /// The longest token accepted, in bytes, checked before any decoding.
    /// Default: 16 KiB. From 1 byte to 1 MiB.
    pub max_token_length: usize,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            leeway: 0,
            max_age: None,
            issuer: None,
            audience: None,
            subject: None,
            required_claims: Vec::new(),
            allow_missing_exp: false,
            typ: None,
            max_token_length: DEFAULT_MAX_TOKEN_LENGTH,
        }
    }
}

impl VerifyOptions {
    /// Checks every option's range.
    ///
    /// # Errors
    /// `ERR_INVALID_OPTION`, naming the option.
    pub fn check(&self) -> Result<(), Error> {
        check_leeway(self.leeway, "leeway")?;
        if let Some(secs) = self.max_age {
            check_duration(secs, "maxAge")?;
        }
        if let Some(issuer) = &self.issuer {
            issuer.check("issuer")?;
        }
        if let Some(audience) = &self.audience {
            audience.check("audience")?;
        }
        if self.required_claims.iter().any(String::is_empty) {
            return Err(Error::invalid_option(
                "requiredClaims",
                "a claim name is empty",
            ));
        }
        check_max_token_length(self.max_token_length)
    }
}
