//! What a JavaScript value is, asked of `brand.js` so that values from another
//! realm count too, and so that nothing a caller passes can throw through wasm:
//! every import that can throw is declared with `catch`.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/brand.js")]
extern "C" {
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(value: &JsValue) -> u32;

    #[wasm_bindgen(js_name = dateMillis)]
    fn date_millis(date: &JsValue) -> f64;

    #[wasm_bindgen(catch, js_name = entriesOf)]
    fn entries_of(object: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = arrayItems)]
    fn array_items(array: &JsValue, max: u32) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = uint8View)]
    fn uint8_view(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// The kinds of JavaScript value; `brand.js` has the same numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Undefined,
    Null,
    Boolean,
    Number,
    /// A string that is valid UTF-16, so it converts to UTF-8 unchanged.
    String,
    /// A string with a lone surrogate, which UTF-8 (and so JSON in a token) cannot carry.
    IllFormedString,
    BigInt,
    Symbol,
    Function,
    Array,
    /// An object whose prototype is null or some realm's `Object.prototype`.
    PlainObject,
    Date,
    Uint8Array,
    /// Any other object: a class instance, a Map, a Set, a boxed primitive, ...
    OtherObject,
}

/// The kind of `value`.
pub(crate) fn kind(value: &JsValue) -> Kind {
    match kind_of(value) {
        0 => Kind::Undefined,
        1 => Kind::Null,
        2 => Kind::Boolean,
        3 => Kind::Number,
        4 => Kind::String,
        5 => Kind::IllFormedString,
        6 => Kind::BigInt,
        7 => Kind::Symbol,
        8 => Kind::Function,
        9 => Kind::Array,
        10 => Kind::PlainObject,
        11 => Kind::Date,
        12 => Kind::Uint8Array,
        _ => Kind::OtherObject,
    }
}

/// The milliseconds since the epoch of a value of kind [`Kind::Date`]; NaN for an invalid Date.
pub(crate) fn date_ms(date: &JsValue) -> f64 {
    date_millis(date)
}

/// Why the members of an object could not be read.
pub(crate) enum EntriesError {
    /// A getter or a Proxy trap threw this.
    Threw(JsValue),
    /// An enumerable member is named by a symbol, which JSON cannot carry.
    SymbolName,
    /// A member name holds a lone surrogate.
    IllFormedName,
}

/// The own enumerable members of an object (call it only on [`Kind::PlainObject`]).
pub(crate) fn entries(object: &JsValue) -> Result<Vec<(String, JsValue)>, EntriesError> {
    let flat = entries_of(object).map_err(EntriesError::Threw)?;
    match flat.as_f64() {
        Some(1.0) => return Err(EntriesError::SymbolName),
        Some(_) => return Err(EntriesError::IllFormedName),
        None => {}
    }
    let flat: Array = flat.unchecked_into();
    let mut out = Vec::with_capacity(flat.length().div_euclid(2) as usize);
    let mut i = 0;
    while i < flat.length() {
        // `entriesOf` built this array from strings it checked.
        let name = flat.get(i).as_string().unwrap_or_default();
        let value = flat.get(i.saturating_add(1));
        out.push((name, value));
        i = i.saturating_add(2);
    }
    Ok(out)
}

/// Why the items of an array could not be read.
pub(crate) enum ItemsError {
    /// A getter or a Proxy trap threw this.
    Threw(JsValue),
    /// The array has more than the allowed number of items.
    TooMany,
}

/// The items of a value of kind [`Kind::Array`], at most `max` of them.
pub(crate) fn items(array: &JsValue, max: u32) -> Result<Vec<JsValue>, ItemsError> {
    let items = array_items(array, max).map_err(ItemsError::Threw)?;
    if items.is_null() {
        return Err(ItemsError::TooMany);
    }
    let items: Array = items.unchecked_into();
    Ok(items.iter().collect())
}

/// A same-realm view of the bytes of a Uint8Array of any realm; `Ok(None)` when
/// `value` is not a Uint8Array, `Err` when its buffer is detached.
pub(crate) fn uint8_array(value: &JsValue) -> Result<Option<Uint8Array>, JsValue> {
    let view = uint8_view(value)?;
    Ok((!view.is_undefined()).then(|| view.unchecked_into()))
}
