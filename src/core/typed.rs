//! Typed claims: a verified payload read into the caller's type with serde,
//! and a failure told as an [`Error`] that names the claim but never shows its
//! value (serde's messages quote values: `invalid type: string "yes"`).
//!
//! The payload is read straight into `T` (as `verify::parse` reads it
//! into a map, so `T` = [`Claims`](super::Claims) costs what it did). Only
//! when that fails is it read again, as a map handed to `T` member by member
//! ([`Members`]), to find the claim at fault. That adapter, rather than
//! `serde_path_to_error`, because a missing field is reported at the path of
//! the struct that lacks it (the root, for a top-level claim) and its name is
//! only in the message text; here `missing_field` reaches an error type of our
//! own, with the name as serde gives it.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::error::{ClaimReason, Error, ErrorCode};
use super::verify;

/// A present claim that `T` cannot take (wrong type, a value out of range, a
/// nested member missing or wrong, or a claim `T` refuses).
const MISFIT: &str = "claim does not fit the type the claims are read into";
/// A claim `T` requires and the token lacks.
const MISSING: &str = "claim is missing";
/// `T` refused the claims as a whole (not an object type, or its own check).
const WHOLE: &str = "the claims do not fit the type they are read into";

/// Reads a payload that `verify::check` accepted (strict JSON, an object)
/// into `T`.
pub(crate) fn read<T: DeserializeOwned>(payload: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(payload).map_err(|_| locate::<T>(payload))
}

/// The error for a payload that `T` refused: read again member by member.
#[cold]
#[inline(never)]
fn locate<T: DeserializeOwned>(payload: &[u8]) -> Error {
    let map = match verify::parse(payload) {
        Ok(map) => map,
        Err(e) => return e,
    };
    match T::deserialize(Members(map)) {
        Err(Misfit::Claim(name, reason)) => Error::claim(&name, reason, message(reason)),
        // Read as a map, `T` took the claims after all: the two readings
        // differ only for unusual `Deserialize` impls. Still a refusal.
        Err(Misfit::Whole) | Ok(_) => Error::new(ErrorCode::ClaimValidationFailed, WHOLE),
    }
}

const fn message(reason: ClaimReason) -> &'static str {
    match reason {
        ClaimReason::Missing => MISSING,
        _ => MISFIT,
    }
}

/// Why `T` refused the claims, without serde's message.
#[derive(Debug)]
enum Misfit {
    /// A claim: named by the token (its member name), or by `T` (a field
    /// that is missing, or given twice through an alias).
    Claim(Cow<'static, str>, ClaimReason),
    /// No one claim.
    Whole,
}

impl fmt::Display for Misfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(WHOLE)
    }
}

impl core::error::Error for Misfit {}

impl de::Error for Misfit {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Self::Whole
    }
    fn missing_field(field: &'static str) -> Self {
        Self::Claim(field.into(), ClaimReason::Missing)
    }
    fn duplicate_field(field: &'static str) -> Self {
        Self::Claim(field.into(), ClaimReason::Invalid)
    }
    fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
        Self::Claim(String::from(field).into(), ClaimReason::Invalid)
    }
}

/// The verified claims as a serde `Deserializer` whose members are handed
/// out one by one, each value through `serde_json`'s own deserializer, so an
/// error inside a value is known to be that claim's.
struct Members(Map<String, Value>);

impl<'de> de::Deserializer<'de> for Members {
    type Error = Misfit;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Misfit> {
        visitor.visit_map(MemberAccess {
            members: self.0.into_iter(),
            name: String::new(),
            value: None,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Misfit> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Misfit> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct MemberAccess {
    members: serde_json::map::IntoIter,
    /// The member whose value is next.
    name: String,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for MemberAccess {
    type Error = Misfit;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Misfit> {
        let Some((name, value)) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        let key = seed.deserialize(name.as_str().into_deserializer())?;
        self.name = name;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Misfit> {
        let value = self.value.take().ok_or(Misfit::Whole)?;
        seed.deserialize(value).map_err(|_| {
            Misfit::Claim(core::mem::take(&mut self.name).into(), ClaimReason::Invalid)
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}
