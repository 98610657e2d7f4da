//! The JavaScript option bags of `issue`, `verify` and `new Key`, read into
//! the core's options. Strict: `undefined` and `null` mean "no options"; any
//! other non-object, an unknown name (a typo such as `expiresin`) or a bad
//! value is `ERR_INVALID_OPTION` naming the option. A member whose value is
//! `undefined` counts as absent.

use wasm_bindgen::JsValue;

use super::brand::{self, EntriesError, Kind};
use super::clock::{self, Now};
use super::error::Failure;
use super::values;
use crate::core::{IssueOptions, VerifyOptions};

/// The options of one `issue` call.
#[derive(Debug, Default)]
pub(crate) struct Issue {
    pub(crate) options: IssueOptions,
    pub(crate) now: Now,
    pub(crate) allow_short_key: bool,
}

/// The options of one `verify` call.
#[derive(Debug, Default)]
pub(crate) struct Verify {
    pub(crate) options: VerifyOptions,
    pub(crate) now: Now,
    pub(crate) allow_short_key: bool,
}

/// Reads the options of `issue`.
pub(crate) fn issue(bag: &JsValue) -> Result<Issue, Failure> {
    let mut out = Issue::default();
    let Some(members) = members(bag)? else {
        return Ok(out);
    };
    let mut now = None;
    for (name, value) in members {
        let o = &mut out.options;
        match name.as_str() {
            "expiresIn" => o.expires_in = Some(values::duration(&name, &value)?),
            "notBefore" => o.not_before = Some(values::duration(&name, &value)?),
            "issuedAt" => o.issued_at = values::boolean(&name, &value)?,
            "issuer" => o.issuer = Some(values::string(&name, &value)?),
            "subject" => o.subject = Some(values::string(&name, &value)?),
            "audience" => o.audience = Some(values::one_or_many(&name, &value)?),
            "jwtId" => o.jwt_id = Some(values::string(&name, &value)?),
            "keyId" => o.key_id = Some(values::string(&name, &value)?),
            "now" => now = Some(value),
            "allowShortKey" => out.allow_short_key = values::boolean(&name, &value)?,
            _ => {
                return Err(Failure::option(
                    &name,
                    "is not an option of issue; they are expiresIn, notBefore, issuedAt, issuer, \
                     subject, audience, jwtId, keyId, now and allowShortKey",
                ))
            }
        }
    }
    // Last, so that a clock function runs only when every other option is valid.
    if let Some(now) = now {
        out.now = clock::read(&now)?;
    }
    Ok(out)
}

/// Reads the options of `verify`.
pub(crate) fn verify(bag: &JsValue) -> Result<Verify, Failure> {
    let mut out = Verify::default();
    let Some(members) = members(bag)? else {
        return Ok(out);
    };
    let mut now = None;
    for (name, value) in members {
        let o = &mut out.options;
        match name.as_str() {
            "leeway" => o.leeway = values::leeway(&name, &value)?,
            "maxAge" => o.max_age = Some(values::duration(&name, &value)?),
            "issuer" => o.issuer = Some(values::one_or_many(&name, &value)?),
            "audience" => o.audience = Some(values::one_or_many(&name, &value)?),
            "subject" => o.subject = Some(values::string(&name, &value)?),
            "requiredClaims" => o.required_claims = values::string_list(&name, &value)?,
            "typ" => o.typ = Some(values::string(&name, &value)?),
            "maxTokenLength" => {
                let length = values::whole_number(&name, &value)?;
                // Saturates: the core refuses anything above 1 MiB.
                o.max_token_length = usize::try_from(length).unwrap_or(usize::MAX);
            }
            "now" => now = Some(value),
            "allowShortKey" => out.allow_short_key = values::boolean(&name, &value)?,
            _ => {
                return Err(Failure::option(
                    &name,
                    "is not an option of verify; they are now, leeway, maxAge, issuer, audience, \
                     subject, requiredClaims, typ, maxTokenLength and allowShortKey",
                ))
            }
        }
    }
    if let Some(now) = now {
        out.now = clock::read(&now)?;
    }
    Ok(out)
}

/// Reads the options of `new Key`: whether short keys are allowed.
pub(crate) fn key_options(bag: &JsValue) -> Result<bool, Failure> {
    let mut allow_short_key = false;
    for (name, value) in members(bag)?.unwrap_or_default() {
        match name.as_str() {
            "allowShortKey" => allow_short_key = values::boolean(&name, &value)?,
            _ => {
                return Err(Failure::option(
                    &name,
                    "is not an option of Key; the only one is allowShortKey",
                ))
            }
        }
    }
    Ok(allow_short_key)
}

/// The members of an option bag whose value is not `undefined`; `None` for
/// an absent bag (`undefined` or `null`).
fn members(bag: &JsValue) -> Result<Option<Vec<(String, JsValue)>>, Failure> {
    if bag.is_null_or_undefined() {
        return Ok(None);
    }
    if brand::kind(bag) != Kind::PlainObject {
        return Err(Failure::option(
            "options",
            "must be a plain object, undefined or null",
        ));
    }
    let mut members = brand::entries(bag).map_err(|error| match error {
        EntriesError::Threw(thrown) => {
            Failure::option("options", "reading the options threw").caused_by(thrown)
        }
        EntriesError::SymbolName | EntriesError::IllFormedName => Failure::option(
            "options",
            "an option name is a symbol or an ill-formed string",
        ),
    })?;
    members.retain(|(_, value)| !value.is_undefined());
    Ok(Some(members))
}
