//! The clock is a value: one `Clock` feeds `iat`/`exp` on issue and the checks on verify.

use super::error::Error;

/// The latest instant accepted as "now": 9999-12-31T23:59:59Z, in seconds.
///
/// Anything later is almost certainly milliseconds (`Date.now()` is about
/// 1.7e12), which would otherwise issue tokens that live for 50,000 years.
pub const MAX_NOW: f64 = 253_402_300_799.0;

/// A source of the current time, in seconds since the Unix epoch.
///
/// Fractions of a second are allowed; issued time claims are rounded down to
/// whole seconds.
pub trait Clock {
    /// Seconds since 1970-01-01T00:00:00Z.
    fn now(&self) -> f64;
}

/// The system clock, through `web-time`, so that it also works on `wasm32`
/// (where it reads `Date.now()`). With the `std` feature (on by default).
#[cfg(feature = "std")]
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

#[cfg(feature = "std")]
impl Clock for SystemClock {
    fn now(&self) -> f64 {
        web_time::SystemTime::now()
            .duration_since(web_time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    }
}

/// A clock stopped at one instant: for tests, demos and replays.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedClock(pub f64);

impl Clock for FixedClock {
    fn now(&self) -> f64 {
        self.0
    }
}

impl<F: Fn() -> f64> Clock for F {
    fn now(&self) -> f64 {
        self()
    }
}

/// Reads the clock once and checks the reading: finite, not negative, and in
/// seconds rather than milliseconds.
pub(crate) fn read(clock: &dyn Clock) -> Result<f64, Error> {
    let now = clock.now();
    if !now.is_finite() || now < 0.0 {
        return Err(Error::invalid_option(
            "now",
            "the clock must give a finite, non-negative number of seconds since the epoch",
        ));
    }
    if now > MAX_NOW {
        return Err(Error::invalid_option(
            "now",
            "the clock gave a time after the year 9999: it looks like milliseconds (Date.now()); pass seconds",
        ));
    }
    Ok(now)
}
