//! `parse_duration` on arbitrary text, against a second implementation that
//! uses 128-bit arithmetic. Also checks `check_duration`/`check_leeway` on the
//! number the input spells.
//!
//! Invariants: the result equals the oracle's; errors are `ERR_INVALID_OPTION`
//! naming the option, and never show the input.
#![no_main]

mod common;

use common::assert_redacted;
use edge_jwt::{check_duration, check_leeway, parse_duration, ErrorCode, MAX_DURATION_SECS};
use libfuzzer_sys::fuzz_target;

fn oracle(text: &str) -> Option<u64> {
    let unit = text.chars().last()?;
    let digits = &text[..text.len() - unit.len_utf8()];
    let per: u128 = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        'w' => 604_800,
        _ => return None,
    };
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs = digits.parse::<u128>().ok()? * per;
    (secs <= u128::from(MAX_DURATION_SECS)).then_some(secs as u64)
}

fuzz_target!(|data: &[u8]| {
    let (option, text) = match data.split_first() {
        Some((0, rest)) => ("expiresIn", rest),
        Some((1, rest)) => ("maxAge", rest),
        _ => ("notBefore", data),
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let got = parse_duration(text, option);
    assert_eq!(got.as_ref().ok().copied(), oracle(text), "{text:?}");
    if let Err(e) = &got {
        assert_eq!(e.code(), ErrorCode::InvalidOption);
        assert_eq!(e.option_name(), Some(option));
        assert_redacted(e, &[text.as_bytes()], &[option]);
    }
    if let Ok(n) = text.parse::<u64>() {
        assert_eq!(check_duration(n, option).is_ok(), n <= MAX_DURATION_SECS);
        assert_eq!(check_leeway(n, option).is_ok(), n <= 86_400);
    }
});
