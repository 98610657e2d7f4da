//! Reading one option value of a given type, strictly: the wrong type, NaN,
//! Infinity, a negative or fractional number, or a number out of the core's
//! range is `ERR_INVALID_OPTION` naming the option.

use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::JsValue;

use super::brand::{self, ItemsError, Kind, OptionValue};
use super::error::Failure;
use crate::core::{check_duration, check_leeway, parse_duration, OneOrMany};

/// The most items read from a list option (`audience`, `issuer`, `requiredClaims`).
const MAX_LIST_ITEMS: u32 = 65_536;

/// Above this a whole number is far beyond every bound the core checks;
/// below it an `f64` converts to `u64` exactly.
const HUGE: f64 = 9_007_199_254_740_992.0;

/// A string option.
pub(crate) fn string(option: &str, value: &OptionValue) -> Result<String, Failure> {
    match value {
        OptionValue::Other(value) => js_string(option, value),
        _ => Err(Failure::option(option, "must be a string")),
    }
}

fn js_string(option: &str, value: &JsValue) -> Result<String, Failure> {
    match brand::kind(value) {
        Kind::String => value
            .as_string()
            .ok_or_else(|| Failure::option(option, "must be a string")),
        Kind::IllFormedString => Err(Failure::option(
            option,
            "the string holds a lone surrogate, which UTF-8 cannot carry",
        )),
        _ => Err(Failure::option(option, "must be a string")),
    }
}

/// A boolean option.
pub(crate) fn boolean(option: &str, value: &OptionValue) -> Result<bool, Failure> {
    match value {
        OptionValue::Boolean(value) => Ok(*value),
        _ => Err(Failure::option(option, "must be true or false")),
    }
}

/// A duration (`expiresIn`, `notBefore`, `maxAge`): whole seconds as a
/// number, or a string such as `"30m"`. At most 100 years.
pub(crate) fn duration(option: &str, value: &OptionValue) -> Result<u64, Failure> {
    let secs = match value {
        OptionValue::Number(number) => whole(option, *number)?,
        OptionValue::Other(value) => parse_duration(&duration_text(option, value)?, option)?,
        OptionValue::Boolean(_) => return Err(wrong_duration(option)),
    };
    Ok(check_duration(secs, option)?)
}

/// The `leeway`: whole seconds as a number, or a duration string. At most one day.
/// A bare numeric string such as `"30"` is refused, as for every duration.
pub(crate) fn leeway(option: &str, value: &OptionValue) -> Result<u64, Failure> {
    Ok(check_leeway(duration(option, value)?, option)?)
}

fn duration_text(option: &str, value: &JsValue) -> Result<String, Failure> {
    match brand::kind(value) {
        Kind::String => value.as_string().ok_or_else(|| wrong_duration(option)),
        _ => Err(wrong_duration(option)),
    }
}

fn wrong_duration(option: &str) -> Failure {
    Failure::option(
        option,
        "must be a whole number of seconds or a duration string such as \"30m\", \"2h\" or \"7d\"",
    )
}

/// A whole, non-negative number; values past 2^53 saturate (every bound is smaller).
pub(crate) fn whole_number(option: &str, value: &OptionValue) -> Result<u64, Failure> {
    match value {
        OptionValue::Number(number) => whole(option, *number),
        _ => Err(Failure::option(option, "must be a whole number")),
    }
}

fn whole(option: &str, number: f64) -> Result<u64, Failure> {
    if number.is_nan() {
        return Err(Failure::option(option, "must be a whole number, not NaN"));
    }
    if number.is_infinite() {
        return Err(Failure::option(option, "must be finite"));
    }
    if number < 0.0 {
        return Err(Failure::option(option, "must not be negative"));
    }
    if number >= HUGE {
        // Every double this large is whole.
        return Ok(u64::MAX);
    }
    // Non-negative and below 2^53: the conversion drops exactly the fraction.
    let whole = number as u64;
    if whole as f64 != number {
        return Err(Failure::option(option, "must be a whole number"));
    }
    Ok(whole)
}

/// A string, or a non-empty list of strings (`audience`, `issuer`).
pub(crate) fn one_or_many(option: &str, value: &OptionValue) -> Result<OneOrMany, Failure> {
    let wrong = || Failure::option(option, "must be a string or a list of strings");
    let OptionValue::Other(value) = value else {
        return Err(wrong());
    };
    match brand::kind(value) {
        Kind::Array => Ok(OneOrMany::Many(list(option, value)?)),
        Kind::String | Kind::IllFormedString => Ok(OneOrMany::One(js_string(option, value)?)),
        _ => Err(wrong()),
    }
}

/// A list of strings (`requiredClaims`).
pub(crate) fn string_list(option: &str, value: &OptionValue) -> Result<Vec<String>, Failure> {
    match value {
        OptionValue::Other(value) if brand::kind(value) == Kind::Array => list(option, value),
        _ => Err(Failure::option(option, "must be a list of strings")),
    }
}

fn list(option: &str, value: &JsValue) -> Result<Vec<String>, Failure> {
    let items = brand::items(value, MAX_LIST_ITEMS).map_err(|error| match error {
        ItemsError::Threw(thrown) => {
            Failure::option(option, "reading the list threw").caused_by(thrown)
        }
        ItemsError::TooMany => Failure::option(option, "the list has more than 65536 items"),
    })?;
    items
        .iter()
        .map(|item| match brand::kind(item) {
            Kind::String => item
                .as_string()
                .ok_or_else(|| Failure::option(option, "every item of the list must be a string")),
            Kind::IllFormedString => js_string(option, item),
            _ => Err(Failure::option(
                option,
                "every item of the list must be a string",
            )),
        })
        .collect()
}
