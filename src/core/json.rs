//! Strict JSON for headers and payloads: UTF-8, objects only, no repeated
//! member names at any level, bounded nesting.
//!
//! `serde_json` alone keeps the last of two equal names, which lets a token
//! carry one `exp` for this library and another for a peer that keeps the
//! first (RFC 8725 §3.1 asks parsers to agree). This visitor refuses them.

use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// How deep objects and arrays may nest, counting the outermost object as 1.
pub const MAX_DEPTH: u32 = 32;

/// Why a document was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not UTF-8, not JSON, or a number too large for a double.
    Syntax,
    /// Valid JSON, but not an object at the top.
    NotObject,
    /// A member name repeats inside one object.
    Duplicate,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

const DUPLICATE: &str = "edge-jwt: duplicate member";
const TOO_DEEP: &str = "edge-jwt: nesting too deep";

/// Parses `bytes` as one strict JSON object.
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Strict {
        depth_left: MAX_DEPTH,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v))
    .map_err(|e| {
        let text = e.to_string();
        if text.starts_with(DUPLICATE) {
            JsonError::Duplicate
        } else if text.starts_with(TOO_DEEP) {
            JsonError::TooDeep
        } else {
            JsonError::Syntax
        }
    })?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(JsonError::NotObject),
    }
}

#[derive(Clone, Copy)]
struct Strict {
    depth_left: u32,
}

impl Strict {
    fn deeper<E: de::Error>(self) -> Result<Self, E> {
        match self.depth_left.checked_sub(1) {
            Some(depth_left) => Ok(Self { depth_left }),
            None => Err(E::custom(TOO_DEEP)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.deeper()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let inner = self.deeper()?;
        let mut map = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            if map.contains_key(&name) {
                return Err(de::Error::custom(DUPLICATE));
            }
            let value = access.next_value_seed(inner)?;
            map.insert(name, value);
        }
        Ok(Value::Object(map))
    }
}
