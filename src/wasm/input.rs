//! What a call was given, read from the input frame and the input buffer
//! (`protocol::input`), which `input.js` wrote just before the call: the
//! options, the secret, the clock, and the token or the claims text.
//!
//! JavaScript checked the types of the values; the ranges are the core's to
//! check, as for Rust callers (a duration of at most 100 years, a leeway of
//! at most a day, a key of at least 32 bytes).

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::{Zeroize, Zeroizing};

use super::buffers::{input_slot, set_input_bits, take_input_bits};
use super::error::Failure;
use super::protocol::{input, issue_option, secret, text, verify_option};
use crate::core::key::STATES_LEN;
use crate::core::{ErrorCode, FixedClock, IssueOptions, Key, OneOrMany, VerifyOptions, REGISTERED};

/// What one call was given. Each failure is kept until the call's documented
/// order reports it: the options, then the token, then the secret, then the claims.
pub(crate) struct Given<'a, O> {
    pub(crate) options: O,
    pub(crate) key: Result<Key, Failure>,
    pub(crate) clock: FixedClock,
    /// The token or the claims text.
    pub(crate) text: Result<&'a [u8], Failure>,
}

/// What `issue` was given, and where the registered claims' values start in
/// the claims text (`core::json::view_at`).
pub(crate) fn issue(
    buffer: &mut [u8],
) -> (Given<'_, IssueOptions>, [Option<usize>; REGISTERED.len()]) {
    let given = read(buffer, true, TOO_LONG_TO_ISSUE, |slots, strings| {
        use issue_option as o;
        let slot = |i: usize| slots.get(i).copied().unwrap_or(f64::NAN);
        // The string options are read in the order of their slots, as `input.js` wrote them.
        let issued_at = slot(o::ISSUED_AT);
        let mut options = IssueOptions {
            expires_in: whole(slot(o::EXPIRES_IN)),
            not_before: whole(slot(o::NOT_BEFORE)),
            issued_at: issued_at.is_nan() || issued_at == 1.0,
            issuer: strings.one(slot(o::ISSUER)),
            subject: strings.one(slot(o::SUBJECT)),
            audience: strings.one_or_many(slot(o::AUDIENCE)),
            jwt_id: strings.one(slot(o::JWT_ID)),
            key_id: strings.one(slot(o::KEY_ID)),
            ..IssueOptions::default()
        };
        if let Some(length) = whole(slot(o::MAX_TOKEN_LENGTH)) {
            // Saturates: the core refuses anything above 1 MiB.
            options.max_token_length = usize::try_from(length).unwrap_or(usize::MAX);
        }
        options
    });
    // Offsets in the text (at most its length): exact in an f64; a wrong one
    // only fails the scan of that value.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let registered = core::array::from_fn(|i| {
        (input_slot(input::REGISTERED.saturating_add(i)) as usize).checked_sub(1)
    });
    (given, registered)
}

/// What `verify` was given.
pub(crate) fn verify(buffer: &mut [u8]) -> Given<'_, VerifyOptions> {
    read(buffer, true, TOO_LONG, |slots, strings| {
        use verify_option as o;
        let slot = |i: usize| slots.get(i).copied().unwrap_or(f64::NAN);
        // The string options are read in the order of their slots, as `input.js` wrote them.
        let mut options = VerifyOptions {
            leeway: whole(slot(o::LEEWAY)).unwrap_or(0),
            max_age: whole(slot(o::MAX_AGE)),
            issuer: strings.one_or_many(slot(o::ISSUER)),
            audience: strings.one_or_many(slot(o::AUDIENCE)),
            subject: strings.one(slot(o::SUBJECT)),
            required_claims: strings.many(slot(o::REQUIRED_CLAIMS)).unwrap_or_default(),
            typ: strings.one(slot(o::TYP)),
            allow_missing_exp: slot(o::ALLOW_MISSING_EXP) == 1.0,
            ..VerifyOptions::default()
        };
        if let Some(length) = whole(slot(o::MAX_TOKEN_LENGTH)) {
            options.max_token_length = usize::try_from(length).unwrap_or(usize::MAX);
        }
        options
    })
}

/// The token `decodeUnverified` was given.
pub(crate) fn token(buffer: &mut [u8]) -> Result<&[u8], Failure> {
    read(buffer, false, TOO_LONG, |_, _| ()).text
}

/// The key `new Key` was given (a string or a Uint8Array, not a Key).
pub(crate) fn key_setup(buffer: &mut [u8]) -> Result<Key, Failure> {
    read(buffer, false, TOO_LONG, |_, _| ()).key
}

/// Leaves a new Key's states in the input frame, for `takeStates`
/// (`input.js`), which copies them out and wipes them.
pub(crate) fn hand_out_states(states: &[u8; STATES_LEN]) {
    for (i, bytes) in states.chunks_exact(8).enumerate() {
        let mut word = <[u8; 8]>::try_from(bytes).unwrap_or_default();
        set_input_bits(input::STATES.saturating_add(i), u64::from_le_bytes(word));
        word.zeroize();
    }
}

/// Why a token is refused when it is longer than `maxTokenLength`.
const TOO_LONG: &str = "the token is longer than maxTokenLength";
/// Why claims are refused when their token would be.
const TOO_LONG_TO_ISSUE: &str = "the token would be longer than maxTokenLength";

/// Reads the frame and the buffer: the key (the secret's bytes wiped in the
/// buffer, a Key's states wiped in the frame), the clock, the text, and the
/// options that `options` makes of their slots and strings. `keys` tells
/// whether the secret may be a Key; `too_long` words a text past the limit.
fn read<'a, O>(
    buffer: &'a mut [u8],
    keys: bool,
    too_long: &'static str,
    options: impl FnOnce(&[f64; input::OPTIONS], &mut Strings<'_>) -> O,
) -> Given<'a, O> {
    let Read {
        key,
        text,
        strings,
        bag,
    } = read_secret_and_text(buffer, keys, too_long);
    // Without an option bag the option slots were not written: all absent.
    let slots: [f64; input::OPTIONS] = if bag.is_nan() {
        [f64::NAN; input::OPTIONS]
    } else {
        core::array::from_fn(|i| input_slot(input::FIRST_OPTION.saturating_add(i)))
    };
    let options = options(&slots, &mut Strings { rest: strings });
    Given {
        options,
        key,
        clock: FixedClock(input_slot(input::NOW)),
        text,
    }
}

/// What [`read`] reads whatever the operation: one copy of this code, not
/// one per kind of options.
struct Read<'a> {
    key: Result<Key, Failure>,
    text: Result<&'a [u8], Failure>,
    strings: &'a [u8],
    bag: f64,
}

#[inline(never)]
fn read_secret_and_text<'a>(buffer: &'a mut [u8], keys: bool, too_long: &'static str) -> Read<'a> {
    let secret_slot = input_slot(input::SECRET);
    let bag = input_slot(input::ALLOW_SHORT_KEY);
    let text_slot = input_slot(input::TEXT);

    // A count of bytes that JavaScript wrote: exact in an f64.
    let secret_len = if secret_slot >= 0.0 {
        secret_slot as usize
    } else {
        0
    };
    let text_len = if text_slot >= 0.0 {
        text_slot as usize
    } else {
        0
    };
    let (secret_bytes, rest) = buffer
        .split_at_mut_checked(secret_len)
        .unwrap_or((&mut [], &mut []));
    let (text, strings) = rest.split_at_checked(text_len).unwrap_or((&[], &[]));

    let key = if secret_slot == secret::KEY {
        let mut states = Zeroizing::new([0u8; STATES_LEN]);
        for (i, bytes) in states.chunks_exact_mut(8).enumerate() {
            let word = take_input_bits(input::STATES.saturating_add(i)).to_le_bytes();
            bytes.copy_from_slice(&word);
        }
        if keys {
            Ok(Key::from_states(&states))
        } else {
            Err(refused(keys))
        }
    } else if secret_slot >= 0.0 {
        let key = if bag == 1.0 {
            Key::new_allowing_short(secret_bytes)
        } else {
            Key::new(secret_bytes)
        };
        secret_bytes.zeroize();
        if let Ok(key) = &key {
            if input_slot(input::HAND_OUT_STATES) == 1.0 {
                hand_out_states(&Zeroizing::new(key.to_states()));
                set_input_bits(input::HAND_OUT_STATES, 2f64.to_bits());
            }
        }
        key.map_err(Failure::from)
    } else if secret_slot == secret::DETACHED {
        Err(Failure::option(
            "secret",
            "the Uint8Array cannot be read (is its buffer detached?)",
        ))
    } else if secret_slot == secret::ILL_FORMED {
        Err(Failure::option(
            "secret",
            "the string holds a lone surrogate, which UTF-8 cannot carry",
        ))
    } else if secret_slot == secret::TOO_LONG {
        Err(Failure::option("secret", "must be at most 1 MiB long"))
    } else {
        Err(refused(keys))
    };

    let text = if text_slot >= 0.0 {
        Ok(text)
    } else if text_slot == text::NOT_A_STRING {
        Err(Failure::code(
            ErrorCode::JwsInvalid,
            "the token must be a string",
        ))
    } else if text_slot == text::TOO_LONG {
        Err(Failure::code(ErrorCode::JwtTooLong, too_long))
    } else {
        Err(Failure::ClaimsRefused)
    };

    Read {
        key,
        text,
        strings,
        bag,
    }
}

fn refused(keys: bool) -> Failure {
    Failure::option(
        "secret",
        if keys {
            "must be a string, a Uint8Array or a Key that has not been freed"
        } else {
            "must be a string or a Uint8Array"
        },
    )
}

/// A duration or a length in whole seconds or bytes; `None` when absent
/// (NaN). `input.js` wrote a whole, non-negative number: past 2^53 it
/// saturates, far beyond every bound the core checks.
fn whole(value: f64) -> Option<u64> {
    (!value.is_nan()).then_some(value as u64)
}

/// The string options, taken in the order `input.js` wrote them.
struct Strings<'a> {
    rest: &'a [u8],
}

impl Strings<'_> {
    /// The next string: its length in 4 bytes, then its UTF-8 (which
    /// `encodeInto` wrote whole, from a string with no lone surrogate).
    fn next(&mut self) -> String {
        let Some((len, rest)) = self.rest.split_first_chunk::<4>() else {
            return String::new();
        };
        let (text, rest) = rest
            .split_at_checked(u32::from_le_bytes(*len) as usize)
            .unwrap_or((rest, &[]));
        self.rest = rest;
        core::str::from_utf8(text)
            .map(String::from)
            .unwrap_or_default()
    }

    /// A string option: present (0) or absent (NaN).
    fn one(&mut self, slot: f64) -> Option<String> {
        (!slot.is_nan()).then(|| self.next())
    }

    /// A list of strings: its length, or absent (NaN).
    fn many(&mut self, slot: f64) -> Option<Vec<String>> {
        (slot >= 0.0).then(|| (0..slot as usize).map(|_| self.next()).collect())
    }

    /// A string (-1), a list (its length), or absent (NaN).
    fn one_or_many(&mut self, slot: f64) -> Option<OneOrMany> {
        if slot == -1.0 {
            Some(OneOrMany::One(self.next()))
        } else {
            self.many(slot).map(OneOrMany::Many)
        }
    }
}
