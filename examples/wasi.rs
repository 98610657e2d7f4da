//! edge-jwt in a WASI program (wasm32-wasip1), without JavaScript: issues a
//! token with the system clock and verifies it. Built without the `js`
//! feature, the module imports only WASI functions (`make test-wasi` checks).
//!
//! Run: `cargo run --example wasi --target wasm32-wasip1` (the runner is
//! `scripts/wasi-run.mjs`: see the Makefile's `test-wasi`), or natively with
//! `cargo run --example wasi`.

use edge_jwt::{issue, verify, Claims, IssueOptions, Key, SystemClock, VerifyOptions};

fn main() -> Result<(), edge_jwt::Error> {
    let key = Key::new(b"a 32-byte secret for the example")?;
    let mut claims = Claims::new();
    claims.insert("sub".into(), "johndoe".into());

    let options = IssueOptions {
        expires_in: Some(30 * 60),
        ..IssueOptions::default()
    };
    let token = issue(&claims, &key, &options, &SystemClock)?;
    let verified = verify(&token, &key, &VerifyOptions::default(), &SystemClock)?;
    println!("token:  {token}");
    println!("claims: {}", serde_json::Value::Object(verified));
    Ok(())
}
