//! Claim validation: one straight-line function, run only after the MAC holds.
//!
//! Order: `typ`, required claims, `iss`, `sub`, `aud`, then the clock
//! (`iat`, `nbf`, `exp`, max age). The time rules (RFC 7519 §4.1.4–4.1.6),
//! with every comparison widened by `leeway`:
//!
//! | rule | fails when |
//! |---|---|
//! | expired | `now >= exp + leeway` (at `now == exp` it has expired) |
//! | not yet valid | `now + leeway < nbf` (at `now == nbf` it is valid) |
//! | too old (`max_age`) | `iat + max_age <= now - leeway` |
//! | issued in the future (`max_age`) | `iat > now + leeway` |
//! | no expiry | no `exp`, unless `allow_missing_exp` (checked where `exp` is) |

use alloc::borrow::Cow;

use super::error::{ClaimReason, Error};
use super::json::{ClaimsView, Slot};
use super::options::VerifyOptions;

/// Validates the claims of a token whose MAC already holds. `typ` is the
/// protected header's.
pub(crate) fn validate(
    typ: &Slot<Cow<'_, str>>,
    claims: &ClaimsView<'_>,
    options: &VerifyOptions,
    now: f64,
) -> Result<(), Error> {
    if let Some(expected) = &options.typ {
        match typ {
            Slot::Absent => {
                return Err(Error::claim(
                    "typ",
                    ClaimReason::Missing,
                    "header parameter is missing",
                ))
            }
            Slot::Found(typ) if media_type_eq(typ, expected) => {}
            _ => {
                return Err(Error::claim(
                    "typ",
                    ClaimReason::CheckFailed,
                    "header parameter is not the expected type",
                ))
            }
        }
    }

    for name in &options.required_claims {
        if !claims.has(name) {
            return Err(Error::claim(name, ClaimReason::Missing, "claim is missing"));
        }
    }

    if let Some(issuers) = &options.issuer {
        let iss = string_claim(&claims.iss, "iss")?;
        if !issuers.as_slice().iter().any(|want| want == iss) {
            return Err(Error::claim(
                "iss",
                ClaimReason::CheckFailed,
                "claim is not an accepted issuer",
            ));
        }
    }

    if let Some(subject) = &options.subject {
        if string_claim(&claims.sub, "sub")? != subject {
            return Err(Error::claim(
                "sub",
                ClaimReason::CheckFailed,
                "claim is not the expected subject",
            ));
        }
    }

    if let Some(audiences) = &options.audience {
        let accepted = audiences.as_slice();
        let listed = match &claims.aud {
            Slot::Absent => {
                return Err(Error::claim(
                    "aud",
                    ClaimReason::Missing,
                    "claim is missing",
                ))
            }
            Slot::WrongType => {
                return Err(Error::claim(
                    "aud",
                    ClaimReason::Invalid,
                    "claim must be a string or a list of strings",
                ))
            }
            Slot::Found(listed) => listed,
        };
        if !listed
            .iter()
            .any(|aud| accepted.iter().any(|want| want == aud))
        {
            return Err(Error::claim(
                "aud",
                ClaimReason::CheckFailed,
                "claim does not name an accepted audience",
            ));
        }
    }

    let leeway = to_f64(options.leeway);
    let iat = numeric_date(&claims.iat, "iat")?;
    let nbf = numeric_date(&claims.nbf, "nbf")?;
    let exp = numeric_date(&claims.exp, "exp")?;

    if let Some(nbf) = nbf {
        if now + leeway < nbf {
            return Err(Error::claim(
                "nbf",
                ClaimReason::CheckFailed,
                "claim timestamp check failed (the token is not yet valid)",
            ));
        }
    }
    match exp {
        Some(exp) if now >= exp + leeway => {
            return Err(Error::expired(
                "exp",
                exp,
                "claim timestamp check failed (the token has expired)",
            ))
        }
        None if !options.allow_missing_exp => {
            return Err(Error::claim(
                "exp",
                ClaimReason::Missing,
                "claim is missing (allow tokens without exp explicitly)",
            ))
        }
        _ => {}
    }
    if let Some(max_age) = options.max_age {
        let iat = iat.ok_or_else(|| {
            Error::claim(
                "iat",
                ClaimReason::Missing,
                "claim is missing (max age requires it)",
            )
        })?;
        if iat > now + leeway {
            return Err(Error::claim(
                "iat",
                ClaimReason::CheckFailed,
                "claim timestamp check failed (it is in the future)",
            ));
        }
        let too_old_at = iat + to_f64(max_age);
        if too_old_at <= now - leeway {
            return Err(Error::expired(
                "iat",
                too_old_at,
                "claim timestamp check failed (the token is older than max age)",
            ));
        }
    }
    Ok(())
}

/// A claim that must be a string when an option asks about it.
fn string_claim<'a>(slot: &'a Slot<Cow<'_, str>>, name: &'static str) -> Result<&'a str, Error> {
    match slot {
        Slot::Absent => Err(Error::claim(name, ClaimReason::Missing, "claim is missing")),
        Slot::Found(s) => Ok(s),
        Slot::WrongType => Err(Error::claim(
            name,
            ClaimReason::Invalid,
            "claim must be a string",
        )),
    }
}

/// A NumericDate claim: absent, or a JSON number (fractions allowed; the
/// scan already refused numbers too large for a double). Strings, booleans,
/// null, arrays and objects are refused.
fn numeric_date(slot: &Slot<f64>, name: &'static str) -> Result<Option<f64>, Error> {
    match slot {
        Slot::Absent => Ok(None),
        Slot::Found(v) => Ok(Some(*v)),
        Slot::WrongType => Err(Error::claim(
            name,
            ClaimReason::Invalid,
            "claim must be a number (a NumericDate)",
        )),
    }
}

/// Seconds as a double; every bounded option (at most 100 years) is exact.
#[allow(clippy::cast_precision_loss)]
fn to_f64(secs: u64) -> f64 {
    secs as f64
}

/// Media types compare case-insensitively, and `application/` may be left out
/// (RFC 7515 §4.1.9).
fn media_type_eq(a: &str, b: &str) -> bool {
    fn strip(t: &str) -> &str {
        match t.get(..12) {
            Some(prefix) if prefix.eq_ignore_ascii_case("application/") => t.get(12..).unwrap_or(t),
            _ => t,
        }
    }
    strip(a).eq_ignore_ascii_case(strip(b))
}

#[cfg(test)]
mod tests {
    use super::media_type_eq;

    #[test]
    fn media_types_compare_like_jose() {
        assert!(media_type_eq("JWT", "jwt"));
        assert!(media_type_eq("application/jwt", "JWT"));
        assert!(media_type_eq("JWT", "Application/JWT"));
        assert!(!media_type_eq("at+jwt", "JWT"));
        assert!(!media_type_eq("application/", "JWT"));
    }
}
