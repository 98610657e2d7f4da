//! serde_json over the same claims payload: parsed into a `serde_json::Map`, then the registered
//! claims read from it as edge-jwt's rules read them. serde_json keeps the last of two equal names
//! (RFC 8725 §3.1 asks parsers to agree), so a visitor refuses a repeated name at any level, and
//! nesting deeper than edge-jwt's MAX_DEPTH (32), as the scanner does.
#![no_std]
extern crate alloc;
extern crate probe_rt;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;

/// A JSON value with at most `.0` more levels of nesting and no repeated member names.
#[derive(Clone, Copy)]
struct Strict(u32);

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
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
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("number"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.into()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.0.checked_sub(1).ok_or_else(|| A::Error::custom("too deep"))?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict(inner))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.0.checked_sub(1).ok_or_else(|| A::Error::custom("too deep"))?;
        let mut members = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            let value = map.next_value_seed(Strict(inner))?;
            if members.insert(name, value).is_some() {
                return Err(A::Error::custom("duplicate member name"));
            }
        }
        Ok(Value::Object(members))
    }
}

/// A registered claim as found (edge-jwt's `Slot`).
enum Slot<T> {
    Absent,
    Found(T),
    WrongType,
}

/// What edge-jwt's scan hands its rules: the names and the registered claims.
#[cfg_attr(not(feature = "bench"), allow(dead_code))] // the size build only builds it
struct View<'a> {
    names: Vec<&'a str>,
    exp: Slot<f64>,
    nbf: Slot<f64>,
    iat: Slot<f64>,
    iss: Slot<&'a str>,
    sub: Slot<&'a str>,
    jti: Slot<&'a str>,
    aud: Slot<Vec<&'a str>>,
}

fn num(m: &Map<String, Value>, name: &str) -> Slot<f64> {
    match m.get(name) {
        None => Slot::Absent,
        Some(Value::Number(n)) => n.as_f64().map_or(Slot::WrongType, Slot::Found),
        Some(_) => Slot::WrongType,
    }
}

fn text<'a>(m: &'a Map<String, Value>, name: &str) -> Slot<&'a str> {
    match m.get(name) {
        None => Slot::Absent,
        Some(Value::String(s)) => Slot::Found(s),
        Some(_) => Slot::WrongType,
    }
}

fn parse(payload: &[u8]) -> Option<Map<String, Value>> {
    let mut de = serde_json::Deserializer::from_slice(payload);
    let value = Strict(json_depth()).deserialize(&mut de).ok()?;
    de.end().ok()?;
    match value {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

/// edge-jwt's MAX_DEPTH: the top object is level 1 of 32.
const fn json_depth() -> u32 {
    32
}

fn view(m: &Map<String, Value>) -> View<'_> {
    View {
        names: m.keys().map(String::as_str).collect(),
        exp: num(m, "exp"),
        nbf: num(m, "nbf"),
        iat: num(m, "iat"),
        iss: text(m, "iss"),
        sub: text(m, "sub"),
        jti: text(m, "jti"),
        aud: match m.get("aud") {
            None => Slot::Absent,
            Some(Value::String(s)) => Slot::Found(alloc::vec![s.as_str()]),
            Some(Value::Array(items)) => items
                .iter()
                .map(Value::as_str)
                .collect::<Option<Vec<_>>>()
                .map_or(Slot::WrongType, Slot::Found),
            Some(_) => Slot::WrongType,
        },
    }
}

/// 0 when `payload` is a strict JSON object, else 1.
#[wasm_bindgen]
pub fn scan(payload: &[u8]) -> u32 {
    match parse(payload) {
        Some(m) => u32::from(core::hint::black_box(view(&m)).names.is_empty()) * 0,
        None => 1,
    }
}

#[cfg(feature = "bench")]
mod bench {
    use super::*;
    use probe_rt::Summary;

    fn put_num(s: &mut Summary, name: &str, slot: &Slot<f64>) {
        match slot {
            Slot::Absent => s.num(name, None),
            Slot::Found(v) => s.num(name, Some(*v)),
            Slot::WrongType => s.bytes(name, b"!"),
        }
    }
    fn put_text(s: &mut Summary, name: &str, slot: &Slot<&str>) {
        match slot {
            Slot::Absent => s.text(name, None),
            Slot::Found(v) => s.text(name, Some(v)),
            Slot::WrongType => s.bytes(name, b"!"),
        }
    }

    #[wasm_bindgen]
    pub fn summary(payload: &[u8]) -> Option<Vec<u8>> {
        let m = parse(payload)?;
        let v = view(&m);
        let mut s = Summary::default();
        let mut names = v.names.clone();
        names.sort_unstable();
        s.bytes("names", names.join(",").as_bytes());
        put_num(&mut s, "exp", &v.exp);
        put_num(&mut s, "nbf", &v.nbf);
        put_num(&mut s, "iat", &v.iat);
        put_text(&mut s, "iss", &v.iss);
        put_text(&mut s, "sub", &v.sub);
        put_text(&mut s, "jti", &v.jti);
        match &v.aud {
            Slot::Absent => s.text("aud", None),
            Slot::Found(list) => s.text("aud", Some(&list.join(","))),
            Slot::WrongType => s.bytes("aud", b"!"),
        }
        Some(s.0)
    }

    #[wasm_bindgen]
    pub fn bench_scan(payload: &[u8], iters: u32) -> u32 {
        let mut sum = 0u32;
        for _ in 0..iters {
            if let Some(m) = parse(core::hint::black_box(payload)) {
                sum = sum.wrapping_add(core::hint::black_box(view(&m)).names.len() as u32);
            }
        }
        sum
    }
}
