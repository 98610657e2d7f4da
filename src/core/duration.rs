//! Durations: whole seconds, written as a number or as a string such as `"30m"`.

use super::error::Error;

/// The longest duration accepted for `expires_in`, `not_before` and `max_age`:
/// 100 years of 365.25 days. Anything longer is a bug, not a policy.
pub const MAX_DURATION_SECS: u64 = 3_155_760_000;

/// The largest `leeway` accepted: one day. Clock skew is seconds or minutes;
/// a larger tolerance silently extends every token's life.
pub const MAX_LEEWAY_SECS: u64 = 86_400;

/// Parses a duration string into whole seconds.
///
/// The form is digits followed by one unit: `s` (seconds), `m` (minutes), `h`
/// (hours), `d` (days) or `w` (weeks), with nothing else: `"30m"`, `"2h"`,
/// `"7d"`. A string without a unit is refused, because `"30"` could mean
/// seconds or minutes. `option` names the option in the error.
///
/// # Errors
/// `ERR_INVALID_OPTION` when the string is not of that form or longer than
/// [`MAX_DURATION_SECS`].
///
/// ```
/// use edge_jwt::parse_duration;
/// assert_eq!(parse_duration("30m", "expiresIn"), Ok(1800));
/// assert_eq!(parse_duration("7d", "expiresIn"), Ok(604_800));
/// assert!(parse_duration("30", "expiresIn").is_err());
/// ```
pub fn parse_duration(text: &str, option: &str) -> Result<u64, Error> {
    let no_unit = || {
        Error::invalid_option(
            option,
            "a duration string needs a unit: s, m, h, d or w (as in \"30m\")",
        )
    };
    let unit_at = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(no_unit)?;
    // Checked, though `find` only returns boundaries: a split that could
    // panic links the panic's formatting machinery into the wasm.
    let (digits, unit) = text.split_at_checked(unit_at).ok_or_else(no_unit)?;
    let per_unit: u64 = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => {
            return Err(Error::invalid_option(
                option,
                "a duration string is whole digits followed by one unit: s, m, h, d or w (as in \"30m\")",
            ))
        }
    };
    if digits.is_empty() || digits.len() > 12 {
        return Err(Error::invalid_option(
            option,
            "a duration string is whole digits followed by one unit: s, m, h, d or w (as in \"30m\")",
        ));
    }
    let count: u64 = digits.parse().map_err(|_| {
        Error::invalid_option(option, "the duration's number is not a whole number")
    })?;
    let secs = count
        .checked_mul(per_unit)
        .ok_or_else(|| Error::invalid_option(option, "the duration is longer than 100 years"))?;
    check_duration(secs, option)
}

/// Checks a duration given in seconds against [`MAX_DURATION_SECS`].
///
/// # Errors
/// `ERR_INVALID_OPTION` when it is longer.
pub fn check_duration(secs: u64, option: &str) -> Result<u64, Error> {
    if secs > MAX_DURATION_SECS {
        return Err(Error::invalid_option(
            option,
            "the duration is longer than 100 years",
        ));
    }
    Ok(secs)
}

/// Checks a leeway given in seconds against [`MAX_LEEWAY_SECS`].
///
/// # Errors
/// `ERR_INVALID_OPTION` when it is larger.
pub fn check_leeway(secs: u64, option: &str) -> Result<u64, Error> {
    if secs > MAX_LEEWAY_SECS {
        return Err(Error::invalid_option(
            option,
            "the leeway is larger than one day",
        ));
    }
    Ok(secs)
}
