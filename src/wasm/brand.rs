//! What a JavaScript value is, asked of `brand.js` so that values from another
//! realm count too, and so that nothing a caller passes can throw through wasm:
//! every import that can throw is declared with `catch`.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::memory;

#[wasm_bindgen(module = "/src/wasm/brand.js")]
extern "C" {
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(value: &JsValue) -> u32;

    #[wasm_bindgen(js_name = dateMillis)]
    fn date_millis(date: &JsValue) -> f64;

    #[wasm_bindgen(js_name = readOptions)]
    fn read_options(bag: &JsValue, names_ptr: u32, names_len: u32, ptr: u32) -> u32;

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

/// The names of one kind of option bag, and their slots.
pub(crate) struct OptionNames {
    names: &'static [&'static str],
    /// The same names joined by commas: `brand.js` makes its table of them
    /// once, and finds it again by their address.
    joined: &'static str,
}

impl OptionNames {
    /// `names`, and `joined`, the same joined by commas (see `option_names!`
    /// in `options.rs`).
    pub(crate) const fn new<const N: usize>(
        names: &'static [&'static str; N],
        joined: &'static str,
    ) -> Self {
        // Checked when compiled: the record has room for every slot.
        const { assert!(N <= MAX_OPTIONS) };
        Self { names, joined }
    }
}

/// One option value as `readOptions` hands it over.
#[derive(Debug)]
pub(crate) enum OptionValue {
    Number(f64),
    Boolean(bool),
    /// Any other value: a string, null, an object, a function, ...
    Other(JsValue),
}

/// Why an option bag could not be read.
pub(crate) enum OptionsError {
    /// Not a plain object (nor undefined or null).
    NotAnObject,
    /// A member is named by a string with a lone surrogate. (Members named by
    /// symbols are not options and are not read.)
    BadName,
    /// A member that is not an option of this kind.
    Unknown(String),
    /// A getter or a Proxy trap threw this.
    Threw(JsValue),
}

/// The most options of one kind.
const MAX_OPTIONS: usize = 10;

/// The members of an option bag whose value is not `undefined`, in the order
/// of their kind's names: an iterator over what [`options`] read, which
/// decodes each slot as it goes (no list is built).
pub(crate) struct Members {
    names: &'static [&'static str],
    /// Two f64s per slot: the tag (0: absent) and a number or a boolean.
    record: [f64; 2 * MAX_OPTIONS],
    /// The values of tag 3, at their slots.
    others: Option<Array>,
    slot: usize,
}

impl Iterator for Members {
    type Item = (&'static str, OptionValue);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let slot = self.slot;
            let name = *self.names.get(slot)?;
            self.slot = slot.saturating_add(1);
            let at = slot.saturating_mul(2);
            let (Some(&tag), Some(&number)) = (self.record.get(at), self.record.get(at | 1)) else {
                return None;
            };
            let value = match tag as u8 {
                1 => OptionValue::Number(number),
                2 => OptionValue::Boolean(number != 0.0),
                3 => OptionValue::Other(match &self.others {
                    Some(others) => others.get(slot as u32),
                    None => JsValue::UNDEFINED,
                }),
                _ => continue,
            };
            return Some((name, value));
        }
    }
}

/// The members of an option bag whose value is not `undefined`, in the order
/// of `names` (none for `null` and `undefined`, which callers tell without
/// this call), read in one call: numbers and booleans come back through
/// wasm memory, other values as themselves.
pub(crate) fn options(bag: &JsValue, names: &OptionNames) -> Result<Members, OptionsError> {
    let mut members = Members {
        names: names.names,
        record: [0f64; 2 * MAX_OPTIONS],
        others: None,
        slot: 0,
    };
    memory::share();
    // JavaScript writes the record before the call returns.
    match read_options(
        bag,
        memory::address(names.joined.as_bytes()),
        names.joined.len() as u32,
        memory::address_mut(&mut members.record[..]),
    ) {
        0 => {}
        1 => return Err(OptionsError::NotAnObject),
        2 => return Err(OptionsError::BadName),
        3 => {
            let name = memory::take_kept().as_string().unwrap_or_default();
            return Err(OptionsError::Unknown(name));
        }
        4 => return Err(OptionsError::Threw(memory::take_kept())),
        _ => members.others = Some(memory::take_kept().unchecked_into()),
    }
    Ok(members)
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
