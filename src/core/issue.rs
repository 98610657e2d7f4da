//! `issue`: claims in, compact HS256 JWS out.

use hmac::Mac;
use serde_json::{Map, Value};

use super::base64url;
use super::clock::{self, Clock};
use super::compact::{HEADER_B64, HEADER_JSON};
use super::error::Error;
use super::key::Key;
use super::options::{IssueOptions, OneOrMany};

/// Signs `claims` with HS256.
///
/// The header is `{"alg":"HS256","typ":"JWT"}`, with `kid` when
/// [`IssueOptions::key_id`] is set. The claims keep their order; the claims
/// the options set follow them in the order `iss`, `sub`, `aud`, `jti`,
/// `iat`, `nbf`, `exp`. Time claims are whole seconds: the clock is read once
/// and rounded down.
///
/// # Errors
/// - `ERR_INVALID_OPTION` for an out-of-range option or clock reading.
/// - `ERR_INVALID_CLAIMS` when a claim that an option sets is also in
///   `claims`, or a registered claim has the wrong type (`exp`, `nbf`, `iat`
///   must be finite numbers; `iss`, `sub`, `jti` strings; `aud` a string or a
///   list of strings).
pub fn issue(
    claims: &Map<String, Value>,
    key: &Key,
    options: &IssueOptions,
    clock: &dyn Clock,
) -> Result<String, Error> {
    options.check()?;
    check_registered_claims(claims)?;
    let now = whole_seconds(clock::read(clock)?);

    let mut extra: Vec<(&'static str, Value)> = Vec::new();
    let mut set =
        |name: &'static str, value: Option<Value>, option: &'static str| -> Result<(), Error> {
            if let Some(value) = value {
                if claims.contains_key(name) {
                    return Err(Error::invalid_claims(Some(name), conflict_message(option)));
                }
                extra.push((name, value));
            }
            Ok(())
        };
    set("iss", options.issuer.clone().map(Value::from), "issuer")?;
    set("sub", options.subject.clone().map(Value::from), "subject")?;
    set(
        "aud",
        options.audience.as_ref().map(|aud| match aud {
            OneOrMany::One(one) => Value::from(one.as_str()),
            OneOrMany::Many(many) => Value::from(many.clone()),
        }),
        "audience",
    )?;
    set("jti", options.jwt_id.clone().map(Value::from), "jwtId")?;
    set(
        "iat",
        options.issued_at.then(|| Value::from(now)),
        "issuedAt",
    )?;
    set(
        "nbf",
        after(now, options.not_before, "notBefore")?,
        "notBefore",
    )?;
    set(
        "exp",
        after(now, options.expires_in, "expiresIn")?,
        "expiresIn",
    )?;

    let payload = payload_json(claims, &extra)?;
    Ok(sign(
        &header_b64(options.key_id.as_deref())?,
        payload.as_bytes(),
        key,
    ))
}

/// The error message for a claim that an option also sets.
fn conflict_message(option: &'static str) -> &'static str {
    match option {
        "issuedAt" => "claim is set both in the claims and by the issuedAt option (on by default); set issuedAt to false to supply your own",
        "expiresIn" => "claim is set both in the claims and by the expiresIn option; use one",
        "notBefore" => "claim is set both in the claims and by the notBefore option; use one",
        "issuer" => "claim is set both in the claims and by the issuer option; use one",
        "subject" => "claim is set both in the claims and by the subject option; use one",
        "audience" => "claim is set both in the claims and by the audience option; use one",
        _ => "claim is set both in the claims and by the jwtId option; use one",
    }
}

/// `now + secs`, as a JSON integer.
fn after(now: u64, secs: Option<u64>, option: &str) -> Result<Option<Value>, Error> {
    secs.map(|secs| {
        now.checked_add(secs)
            .map(Value::from)
            .ok_or_else(|| Error::invalid_option(option, "the time is out of range"))
    })
    .transpose()
}

/// A clock reading (already checked: finite, 0 to [`clock::MAX_NOW`]) rounded down.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole_seconds(now: f64) -> u64 {
    now.floor() as u64
}

/// The registered claims the caller supplied must have their RFC 7519 types,
/// so that `issue` never writes a token that `verify` would refuse for its form.
fn check_registered_claims(claims: &Map<String, Value>) -> Result<(), Error> {
    for name in ["exp", "nbf", "iat"] {
        if let Some(value) = claims.get(name) {
            if !value.as_f64().is_some_and(f64::is_finite) {
                return Err(Error::invalid_claims(
                    Some(name),
                    "claim must be a finite number (a NumericDate)",
                ));
            }
        }
    }
    for name in ["iss", "sub", "jti"] {
        if claims.get(name).is_some_and(|v| !v.is_string()) {
            return Err(Error::invalid_claims(Some(name), "claim must be a string"));
        }
    }
    match claims.get("aud") {
        None | Some(Value::String(_)) => Ok(()),
        Some(Value::Array(list)) if list.iter().all(Value::is_string) => Ok(()),
        Some(_) => Err(Error::invalid_claims(
            Some("aud"),
            "claim must be a string or a list of strings",
        )),
    }
}

/// The caller's claims in their order, then the option-set ones.
fn payload_json(
    claims: &Map<String, Value>,
    extra: &[(&'static str, Value)],
) -> Result<String, Error> {
    let serialize_err = |_| Error::invalid_claims(None, "the claims cannot be serialized as JSON");
    let mut json = serde_json::to_string(claims).map_err(serialize_err)?;
    if extra.is_empty() {
        return Ok(json);
    }
    json.pop(); // the closing brace
    let mut first = claims.is_empty();
    for (name, value) in extra {
        if !first {
            json.push(',');
        }
        first = false;
        json.push('"');
        json.push_str(name);
        json.push_str("\":");
        json.push_str(&serde_json::to_string(value).map_err(serialize_err)?);
    }
    json.push('}');
    Ok(json)
}

/// The header segment: the precomputed constant, or one with `kid`.
fn header_b64(key_id: Option<&str>) -> Result<String, Error> {
    let Some(kid) = key_id else {
        return Ok(HEADER_B64.to_owned());
    };
    let kid = serde_json::to_string(kid)
        .map_err(|_| Error::invalid_option("keyId", "cannot be serialized"))?;
    let mut json = String::new();
    json.push_str(HEADER_JSON.trim_end_matches('}'));
    json.push_str(",\"kid\":");
    json.push_str(&kid);
    json.push('}');
    Ok(base64url::encode(json.as_bytes()))
}

/// `header.payload.signature`.
fn sign(header_b64: &str, payload: &[u8], key: &Key) -> String {
    // Base64 grows by 4/3; the rest is two dots and a 43-character tag.
    let capacity = payload
        .len()
        .saturating_mul(4)
        .div_euclid(3)
        .saturating_add(header_b64.len())
        .saturating_add(48);
    let mut token = String::with_capacity(capacity);
    token.push_str(header_b64);
    token.push('.');
    base64url::encode_into(payload, &mut token);
    let mut mac = key.mac();
    mac.update(token.as_bytes());
    let tag = mac.finalize().into_bytes();
    token.push('.');
    base64url::encode_into(&tag, &mut token);
    token
}
