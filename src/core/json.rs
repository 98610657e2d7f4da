//! Strict JSON for headers and payloads: UTF-8, objects only, no repeated
//! member names at any level, bounded nesting.
//!
//! `serde_json` alone keeps the last of two equal names, which lets a token
//! carry one `exp` for this library and another for a peer that keeps the
//! first (RFC 8725 §3.1 asks parsers to agree). [`scan`] is the one validator:
//! it walks the document once without building it, refuses what is not
//! strict, and hands back only the registered claims that validation reads.
//! A `Map` is built (by plain `serde_json`) only after the scan has passed.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

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

/// A registered claim as found: absent, of the type its rule reads, or of another type.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Slot<T> {
    #[default]
    Absent,
    Found(T),
    WrongType,
}

impl<T> Slot<T> {
    fn from_value<'a>(value: Found<'a>, pick: impl FnOnce(Found<'a>) -> Option<T>) -> Self {
        pick(value).map_or(Self::WrongType, Self::Found)
    }
}

/// The top-level member names and the registered claims of one JSON object.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct ClaimsView<'a> {
    pub names: Vec<Cow<'a, str>>,
    pub exp: Slot<f64>,
    pub nbf: Slot<f64>,
    pub iat: Slot<f64>,
    pub iss: Slot<Cow<'a, str>>,
    pub sub: Slot<Cow<'a, str>>,
    pub jti: Slot<Cow<'a, str>>,
    /// `aud` as a string (one entry) or a list of strings.
    pub aud: Slot<Vec<Cow<'a, str>>>,
    /// `typ`, read when the object is a header.
    pub typ: Slot<Cow<'a, str>>,
    /// `alg`, read when the object is a header.
    pub alg: Slot<Cow<'a, str>>,
}

impl ClaimsView<'_> {
    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }
}

/// Checks that `bytes` is one strict JSON object and returns its view.
pub(crate) fn scan(bytes: &[u8]) -> Result<ClaimsView<'_>, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let top = de
        .deserialize_any(Top)
        .and_then(|top| de.end().map(|()| top));
    match top {
        Ok(Some(view)) => Ok(view),
        Ok(None) => Err(JsonError::NotObject),
        Err(e) => Err(classify(&e)),
    }
}

/// Parses `bytes` as one strict JSON object.
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonError> {
    scan(bytes)?;
    // The scan proved it strict; serde_json builds the same document.
    serde_json::from_slice(bytes).map_err(|_| JsonError::Syntax)
}

const DUPLICATE: &str = "edge-jwt: duplicate member";
const TOO_DEEP: &str = "edge-jwt: nesting too deep";

fn classify(e: &serde_json::Error) -> JsonError {
    let text = e.to_string();
    if text.starts_with(DUPLICATE) {
        JsonError::Duplicate
    } else if text.starts_with(TOO_DEEP) {
        JsonError::TooDeep
    } else {
        JsonError::Syntax
    }
}

/// The top level: an object (whose registered members are captured) or
/// any other valid value (reported as `None`).
struct Top;

impl<'de> Visitor<'de> for Top {
    type Value = Option<ClaimsView<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        finite(v).map(|_| None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Strict::top().visit_seq(seq).map(|_| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let inner = Strict::top().deeper()?;
        let mut view = ClaimsView::default();
        while let Some(name) = access.next_key_seed(Name)? {
            if view.names.contains(&name) {
                return Err(de::Error::custom(DUPLICATE));
            }
            let collect = name == "aud";
            let value = access.next_value_seed(Strict { collect, ..inner })?;
            let number = |v: Found<'de>| match v {
                Found::Number(n) => Some(n),
                _ => None,
            };
            match &*name {
                "exp" => view.exp = Slot::from_value(value, number),
                "nbf" => view.nbf = Slot::from_value(value, number),
                "iat" => view.iat = Slot::from_value(value, number),
                "iss" => view.iss = Slot::from_value(value, Found::into_str),
                "sub" => view.sub = Slot::from_value(value, Found::into_str),
                "jti" => view.jti = Slot::from_value(value, Found::into_str),
                "typ" => view.typ = Slot::from_value(value, Found::into_str),
                "alg" => view.alg = Slot::from_value(value, Found::into_str),
                "aud" => {
                    view.aud = Slot::from_value(value, |v| match v {
                        Found::Str(s) => Some(vec![s]),
                        Found::Strings(list) => Some(list),
                        _ => None,
                    });
                }
                _ => {}
            }
            view.names.push(name);
        }
        Ok(Some(view))
    }
}

/// What a member's value was, kept only as far as the registered claims need.
enum Found<'a> {
    Number(f64),
    Str(Cow<'a, str>),
    /// An array of strings only (collected only for `aud`).
    Strings(Vec<Cow<'a, str>>),
    Other,
}

impl<'a> Found<'a> {
    fn into_str(self) -> Option<Cow<'a, str>> {
        match self {
            Self::Str(s) => Some(s),
            _ => None,
        }
    }
}

fn finite<E: de::Error>(v: f64) -> Result<f64, E> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(E::custom("number out of range"))
    }
}

/// A member name, borrowed from the input unless it has escapes.
struct Name;

impl<'de> DeserializeSeed<'de> for Name {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Name {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// Any nested value, checked strictly and not kept (apart from what
/// [`Found`] carries).
#[derive(Clone, Copy)]
struct Strict {
    depth_left: u32,
    /// Collect an array of strings (for `aud`).
    collect: bool,
}

impl Strict {
    const fn top() -> Self {
        Self {
            depth_left: MAX_DEPTH,
            collect: false,
        }
    }

    fn deeper<E: de::Error>(self) -> Result<Self, E> {
        match self.depth_left.checked_sub(1) {
            Some(depth_left) => Ok(Self {
                depth_left,
                collect: false,
            }),
            None => Err(E::custom(TOO_DEEP)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Found<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Found<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Found::Other)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Found::Other)
    }
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Found::Number(v as f64))
    }
    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Found::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        finite(v).map(Found::Number)
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Found::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Found::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let inner = self.deeper()?;
        let mut strings = self.collect.then(Vec::new);
        while let Some(item) = seq.next_element_seed(inner)? {
            strings = match (strings, item) {
                (Some(mut list), Found::Str(s)) => {
                    list.push(s);
                    Some(list)
                }
                _ => None,
            };
        }
        Ok(strings.map_or(Found::Other, Found::Strings))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let inner = self.deeper()?;
        let mut names: Vec<Cow<'de, str>> = Vec::new();
        while let Some(name) = access.next_key_seed(Name)? {
            if names.contains(&name) {
                return Err(de::Error::custom(DUPLICATE));
            }
            access.next_value_seed(inner)?;
            names.push(name);
        }
        Ok(Found::Other)
    }
}
