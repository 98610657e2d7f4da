//! The `now` option: seconds since the epoch as a number, a `Date`, or a
//! function returning either (called once per operation). Without it, the
//! system clock.
//!
//! The reading is handed to the core unchanged, so the core's checks apply
//! to every form: finite, not negative, and seconds rather than milliseconds
//! (`Date.now()` is refused, whether given directly or returned by the
//! function).

use wasm_bindgen::JsValue;

use super::brand::{self, Kind, OptionValue};
use super::error::Failure;
use crate::core::Clock;

/// The clock of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) enum Now {
    /// The system clock: `Date.now()`.
    #[default]
    System,
    /// A reading taken from the `now` option.
    Fixed(f64),
}

impl Clock for Now {
    fn now(&self) -> f64 {
        match self {
            // Not through `web-time`, whose `SystemTime` panics (traps the
            // instance) on a clock set before 1970; the core refuses that
            // reading with an error instead.
            Self::System => from_ms(js_sys::Date::now()),
            Self::Fixed(seconds) => *seconds,
        }
    }
}

const WRONG_TYPE: &str =
    "must be a number of seconds since the epoch, a Date, or a function returning either";

/// Reads the `now` option once.
pub(crate) fn read(value: &OptionValue) -> Result<Now, Failure> {
    let value = match value {
        OptionValue::Number(seconds) => return Ok(Now::Fixed(*seconds)),
        OptionValue::Boolean(_) => return Err(Failure::option("now", WRONG_TYPE)),
        OptionValue::Other(value) => value,
    };
    let reading = if value.is_function() {
        let function: &js_sys::Function = wasm_bindgen::JsCast::unchecked_ref(value);
        let returned = function.call0(&JsValue::UNDEFINED).map_err(|thrown| {
            Failure::option("now", "the clock function threw").caused_by(thrown)
        })?;
        seconds(&returned).ok_or_else(|| {
            Failure::option(
                "now",
                "the clock function must return a number of seconds since the epoch or a Date",
            )
        })?
    } else {
        seconds(value).ok_or_else(|| Failure::option("now", WRONG_TYPE))?
    };
    Ok(Now::Fixed(reading))
}

/// Milliseconds since the epoch (`Date.now()`) as the core's seconds.
pub(crate) fn from_ms(ms: f64) -> f64 {
    ms / 1000.0
}

/// A number as it is, a Date in seconds (NaN if invalid: the core refuses it).
fn seconds(value: &JsValue) -> Option<f64> {
    if let Some(number) = value.as_f64() {
        return Some(number);
    }
    (brand::kind(value) == Kind::Date).then(|| from_ms(brand::date_ms(value)))
}
