//! JavaScript claims into the core's JSON claims, refusing what JSON cannot
//! carry instead of dropping it as `JSON.stringify` does.
//!
//! The claims must be a plain object. Members may hold `null`, booleans,
//! finite numbers, strings, arrays and plain objects, nested at most
//! [`MAX_DEPTH`] deep (the depth `verify` accepts), and `exp`, `nbf` and `iat`
//! may also hold a `Date`, which becomes a NumericDate: whole seconds, rounded
//! down. Anything else is `ERR_INVALID_CLAIMS` naming the top-level claim it
//! is in: `undefined`, functions, symbols, BigInts, NaN and Infinity, other
//! Dates, typed arrays, Maps, Sets and other class instances, cycles, holes in
//! arrays, symbol member names and strings with lone surrogates.

use serde_json::{Map, Number, Value};
use wasm_bindgen::JsValue;

use super::brand::{self, EntriesError, ItemsError, Kind};
use super::error::Failure;
use crate::core::{MAX_DEPTH, MAX_MAX_TOKEN_LENGTH};

/// The most values (of any kind, nested included) read from one set of
/// claims. A token with more could not be verified (it would pass
/// `MAX_MAX_TOKEN_LENGTH`); the bound stops a deeply shared object graph from
/// expanding without end.
const MAX_VALUES: u32 = (MAX_MAX_TOKEN_LENGTH / 2) as u32;

/// The claims that may hold a `Date`.
const TIME_CLAIMS: [&str; 3] = ["exp", "nbf", "iat"];

/// Converts the claims given to `issue`.
pub(crate) fn from_js(claims: &JsValue) -> Result<Map<String, Value>, Failure> {
    if brand::kind(claims) != Kind::PlainObject {
        return Err(Failure::claims(
            None,
            "the claims must be a plain object (not an array, null or a class instance)",
        ));
    }
    let mut walk = Walk {
        budget: MAX_VALUES,
        ancestors: vec![claims.clone()],
    };
    let members = walk
        .members(claims)
        .map_err(|refused| refused.about(None))?;
    let mut out = Map::new();
    for (name, value) in members {
        let json = walk
            .claim(&name, &value)
            .map_err(|refused| refused.about(Some(&name)))?;
        out.insert(name, json);
    }
    Ok(out)
}

/// Why a value was refused, and what the caller's code threw, if anything.
struct Refused {
    message: &'static str,
    cause: JsValue,
}

impl From<&'static str> for Refused {
    fn from(message: &'static str) -> Self {
        Self {
            message,
            cause: JsValue::UNDEFINED,
        }
    }
}

impl Refused {
    fn about(self, claim: Option<&str>) -> Failure {
        Failure::claims(claim, self.message).caused_by(self.cause)
    }
}

/// Whole seconds (rounded down) of a Date, or `None` for an invalid Date.
fn numeric_date(date: &JsValue) -> Option<Value> {
    let seconds = (brand::date_ms(date) / 1000.0).floor();
    // A valid Date is within 8.64e15 ms of the epoch, so this fits an i64 exactly.
    seconds.is_finite().then(|| Value::from(seconds as i64))
}

/// A finite number as JSON: integers as integers, so that `3` is not written `3.0`.
fn number(value: f64) -> Option<Value> {
    if !value.is_finite() {
        return None;
    }
    // |value| < 2^63 and whole: exact as an i64.
    if value.fract() == 0.0 && value.abs() < 9_223_372_036_854_775_808.0 {
        return Some(Value::from(value as i64));
    }
    Number::from_f64(value).map(Value::Number)
}

/// A value that is not a container.
fn leaf(kind: Kind, value: &JsValue) -> Result<Value, &'static str> {
    match kind {
        Kind::Null => Ok(Value::Null),
        Kind::Boolean => Ok(Value::Bool(value.as_bool().unwrap_or_default())),
        Kind::Number => value
            .as_f64()
            .and_then(number)
            .ok_or("claim holds NaN or an infinite number, which JSON cannot carry"),
        Kind::String => Ok(Value::String(value.as_string().unwrap_or_default())),
        Kind::IllFormedString => {
            Err("claim holds a string with a lone surrogate, which UTF-8 cannot carry")
        }
        Kind::Undefined => {
            Err("claim holds undefined, which JSON cannot carry; leave the member out")
        }
        Kind::Function => Err("claim holds a function, which JSON cannot carry"),
        Kind::Symbol => Err("claim holds a symbol, which JSON cannot carry"),
        Kind::BigInt => {
            Err("claim holds a BigInt, which JSON cannot carry; use a number or a string")
        }
        Kind::Date => Err(
            "claim holds a Date; only exp, nbf and iat convert one (to seconds): convert it yourself",
        ),
        Kind::Uint8Array => {
            Err("claim holds a Uint8Array, which JSON cannot carry; encode it as a string")
        }
        Kind::Array | Kind::PlainObject | Kind::OtherObject => Err(
            "claim holds an object that is not a plain object or an array (a Map, a Set, a class instance), which JSON cannot carry",
        ),
    }
}

struct Walk {
    /// Values still allowed.
    budget: u32,
    /// The containers from the claims object down to the current one: a
    /// container that is its own ancestor is a cycle.
    ancestors: Vec<JsValue>,
}

impl Walk {
    /// One top-level claim: a Date is allowed in the time claims.
    fn claim(&mut self, name: &str, value: &JsValue) -> Result<Value, Refused> {
        if TIME_CLAIMS.contains(&name) && brand::kind(value) == Kind::Date {
            self.spend()?;
            return Ok(numeric_date(value).ok_or("claim is an invalid Date")?);
        }
        self.value(value)
    }

    fn spend(&mut self) -> Result<(), Refused> {
        self.budget = self
            .budget
            .checked_sub(1)
            .ok_or("claims hold too many values for a token that could be verified")?;
        Ok(())
    }

    fn value(&mut self, value: &JsValue) -> Result<Value, Refused> {
        self.spend()?;
        match brand::kind(value) {
            Kind::Array => self.nested(value, Self::array),
            Kind::PlainObject => self.nested(value, Self::object),
            kind => Ok(leaf(kind, value)?),
        }
    }

    /// Converts a container one level down, refusing cycles and excess depth.
    fn nested(
        &mut self,
        value: &JsValue,
        convert: fn(&mut Self, &JsValue) -> Result<Value, Refused>,
    ) -> Result<Value, Refused> {
        if self.ancestors.iter().any(|ancestor| ancestor == value) {
            return Err("claim holds a cycle (an object that contains itself)".into());
        }
        // The claims object is depth 1, as for `verify`.
        if self.ancestors.len() >= MAX_DEPTH as usize {
            return Err(
                "claim is nested deeper than verify accepts (32 levels, counting the claims)"
                    .into(),
            );
        }
        self.ancestors.push(value.clone());
        let out = convert(self, value);
        self.ancestors.pop();
        out
    }

    fn array(&mut self, array: &JsValue) -> Result<Value, Refused> {
        let items = brand::items(array, self.budget).map_err(|error| match error {
            ItemsError::Threw(cause) => Refused {
                message: "claim holds an array whose items cannot be read (a getter threw)",
                cause,
            },
            ItemsError::TooMany => {
                "claims hold too many values for a token that could be verified".into()
            }
        })?;
        items
            .iter()
            .map(|item| self.value(item))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array)
    }

    fn object(&mut self, object: &JsValue) -> Result<Value, Refused> {
        let mut out = Map::new();
        for (name, value) in self.members(object)? {
            let json = self.value(&value)?;
            out.insert(name, json);
        }
        Ok(Value::Object(out))
    }

    fn members(&mut self, object: &JsValue) -> Result<Vec<(String, JsValue)>, Refused> {
        brand::entries(object).map_err(|error| match error {
            EntriesError::Threw(cause) => Refused {
                message: "the members of an object cannot be read (a getter threw)",
                cause,
            },
            EntriesError::SymbolName => {
                "a member is named by a symbol, which JSON cannot carry".into()
            }
            EntriesError::IllFormedName => {
                "a member name holds a lone surrogate, which UTF-8 cannot carry".into()
            }
        })
    }
}
