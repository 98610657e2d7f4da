//! The JavaScript option bags of `issue`, `verify` and `new Key`, read into
//! the core's options. Strict: `undefined` and `null` mean "no options"; any
//! other non-object, an unknown name (a typo such as `expiresin`) or a bad
//! value is `ERR_INVALID_OPTION` naming the option. A member whose value is
//! `undefined` counts as absent.

use wasm_bindgen::JsValue;

use super::brand::{self, Members, OptionNames, OptionsError};
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

/// The names of one kind of option bag, listed once: as a list, and joined
/// by commas for `brand.js`.
macro_rules! option_names {
    ($first:literal $(, $name:literal)* $(,)?) => {
        OptionNames::new(&[$first $(, $name)*], concat!($first $(, ",", $name)*))
    };
}

/// The options of `issue`; `now` last, so that a clock function runs only
/// when every other option is valid.
static ISSUE_NAMES: OptionNames = option_names!(
    "expiresIn",
    "notBefore",
    "issuedAt",
    "issuer",
    "subject",
    "audience",
    "jwtId",
    "keyId",
    "allowShortKey",
    "now",
);

/// The options of `verify`; `now` last, as for `issue`.
static VERIFY_NAMES: OptionNames = option_names!(
    "leeway",
    "maxAge",
    "issuer",
    "audience",
    "subject",
    "requiredClaims",
    "typ",
    "maxTokenLength",
    "allowShortKey",
    "now",
);

/// The options of `new Key`.
static KEY_NAMES: OptionNames = option_names!("allowShortKey");

/// Reads the options of `issue` (`None`: the bag is `undefined`).
pub(crate) fn issue(bag: Option<&JsValue>) -> Result<Issue, Failure> {
    let mut out = Issue::default();
    let Some(bag) = bag else {
        return Ok(out);
    };
    let members = members(
        bag,
        &ISSUE_NAMES,
        "is not an option of issue; they are expiresIn, notBefore, issuedAt, issuer, \
         subject, audience, jwtId, keyId, now and allowShortKey",
    )?;
    for (name, value) in members {
        let o = &mut out.options;
        match name {
            "expiresIn" => o.expires_in = Some(values::duration(name, &value)?),
            "notBefore" => o.not_before = Some(values::duration(name, &value)?),
            "issuedAt" => o.issued_at = values::boolean(name, &value)?,
            "issuer" => o.issuer = Some(values::string(name, &value)?),
            "subject" => o.subject = Some(values::string(name, &value)?),
            "audience" => o.audience = Some(values::one_or_many(name, &value)?),
            "jwtId" => o.jwt_id = Some(values::string(name, &value)?),
            "keyId" => o.key_id = Some(values::string(name, &value)?),
            "allowShortKey" => out.allow_short_key = values::boolean(name, &value)?,
            _ => out.now = clock::read(&value)?,
        }
    }
    Ok(out)
}

/// Reads the options of `verify` (`None`: the bag is `undefined`).
pub(crate) fn verify(bag: Option<&JsValue>) -> Result<Verify, Failure> {
    let mut out = Verify::default();
    let Some(bag) = bag else {
        return Ok(out);
    };
    let members = members(
        bag,
        &VERIFY_NAMES,
        "is not an option of verify; they are now, leeway, maxAge, issuer, audience, \
         subject, requiredClaims, typ, maxTokenLength and allowShortKey",
    )?;
    for (name, value) in members {
        let o = &mut out.options;
        match name {
            "leeway" => o.leeway = values::leeway(name, &value)?,
            "maxAge" => o.max_age = Some(values::duration(name, &value)?),
            "issuer" => o.issuer = Some(values::one_or_many(name, &value)?),
            "audience" => o.audience = Some(values::one_or_many(name, &value)?),
            "subject" => o.subject = Some(values::string(name, &value)?),
            "requiredClaims" => o.required_claims = values::string_list(name, &value)?,
            "typ" => o.typ = Some(values::string(name, &value)?),
            "maxTokenLength" => {
                let length = values::whole_number(name, &value)?;
                // Saturates: the core refuses anything above 1 MiB.
                o.max_token_length = usize::try_from(length).unwrap_or(usize::MAX);
            }
            "allowShortKey" => out.allow_short_key = values::boolean(name, &value)?,
            _ => out.now = clock::read(&value)?,
        }
    }
    Ok(out)
}

/// Reads the options of `new Key`: whether short keys are allowed.
pub(crate) fn key_options(bag: &JsValue) -> Result<bool, Failure> {
    if bag.is_undefined() {
        return Ok(false);
    }
    let members = members(
        bag,
        &KEY_NAMES,
        "is not an option of Key; the only one is allowShortKey",
    )?;
    let mut allow_short_key = false;
    for (name, value) in members {
        allow_short_key = values::boolean(name, &value)?;
    }
    Ok(allow_short_key)
}

/// The members of an option bag of the kind `names` describes (see
/// [`brand::options`]); `unknown` is the message for a name that is not an
/// option of that kind.
fn members(
    bag: &JsValue,
    names: &'static OptionNames,
    unknown: &'static str,
) -> Result<Members, Failure> {
    brand::options(bag, names).map_err(|error| refused(error, unknown))
}

/// The failure for a bag that could not be read; `unknown` is the message
/// for a name that is not an option.
fn refused(error: OptionsError, unknown: &'static str) -> Failure {
    match error {
        OptionsError::NotAnObject => {
            Failure::option("options", "must be a plain object, undefined or null")
        }
        OptionsError::BadName => Failure::option(
            "options",
            "an option name is an ill-formed string (a lone surrogate)",
        ),
        OptionsError::Unknown(name) => Failure::option(&name, unknown),
        OptionsError::Threw(thrown) => {
            Failure::option("options", "reading the options threw").caused_by(thrown)
        }
    }
}
