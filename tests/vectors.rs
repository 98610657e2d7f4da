//! RFC vectors, kept as data in tests/vectors/ with their provenance. Each
//! case is one check, and every failure names its vector.
// Tests may panic: a failed assertion is how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use edge_jwt::{verify, Claims, FixedClock, Key, VerifyOptions};
use serde_json::Value;

fn run(file: &str) -> usize {
    let path = format!("{}/tests/vectors/{file}", env!("CARGO_MANIFEST_DIR"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(
        doc["source"].as_str().is_some_and(|s| s.starts_with("RFC")),
        "{file}: no source"
    );
    let secret = URL_SAFE_NO_PAD
        .decode(doc["key"].as_str().unwrap())
        .unwrap();
    // RFC 7515 A.1's key is 64 bytes and RFC 7520's 32: both pass the default rule.
    let key = Key::new(&secret).unwrap_or_else(|e| panic!("{file}: key refused: {e}"));
    let token = doc["token"].as_str().unwrap();
    let cases = doc["cases"].as_array().unwrap();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let token = match case.get("tamper").and_then(Value::as_str) {
            None => token.to_owned(),
            Some(part) => tamper(token, part),
        };
        let options = VerifyOptions {
            leeway: case.get("leeway").and_then(Value::as_u64).unwrap_or(0),
            ..VerifyOptions::default()
        };
        let now = case["now"].as_f64().unwrap();
        let result = verify::<Claims>(&token, &key, &options, &FixedClock(now));
        match (
            case.get("claims"),
            case.get("error").and_then(Value::as_str),
        ) {
            (Some(Value::Object(want)), None) => match result {
                Ok(got) => assert_eq!(&got, want, "{name}: claims differ"),
                Err(e) => panic!("{name}: expected success, got {} ({e})", e.code()),
            },
            (None, Some(code)) => match result {
                Ok(got) => panic!("{name}: expected {code}, got claims {got:?}"),
                Err(e) => assert_eq!(e.code().as_str(), code, "{name}: wrong code ({e})"),
            },
            _ => panic!("{name}: a case has either claims or error"),
        }
    }
    cases.len()
}

/// Flips one character in the middle of a segment, keeping base64url canonical.
fn tamper(token: &str, part: &str) -> String {
    let mut segs: Vec<String> = token.split('.').map(str::to_owned).collect();
    let i = match part {
        "payload" => 1,
        "signature" => 2,
        other => panic!("unknown part {other}"),
    };
    let seg = &mut segs[i];
    let at = seg.len() / 2;
    let c = seg.as_bytes()[at];
    let swap = if c == b'A' { "B" } else { "A" };
    seg.replace_range(at..=at, swap);
    segs.join(".")
}

#[test]
fn rfc7515_appendix_a1() {
    assert_eq!(run("rfc7515-a1.json"), 5);
}

#[test]
fn rfc7520_section_4_4() {
    assert_eq!(run("rfc7520-4.4.json"), 3);
}
