//! Issues a token the way FastAPI's `create_access_token` does, then verifies
//! it before and after it expires, with a stopped clock. The claims are your
//! own serde types; `Claims` (a `serde_json` map) works the same way.
//!
//! Run: `cargo run --example quickstart`

use edge_jwt::{issue, verify, Claims, FixedClock, IssueOptions, Key, VerifyOptions};
use serde::{Deserialize, Serialize};

/// The claims we sign; `expires_in` adds `exp`.
#[derive(Serialize)]
struct NewSession<'a> {
    sub: &'a str,
}

/// The claims we read back.
#[derive(Deserialize, Debug)]
struct Session {
    sub: String,
    exp: u64,
}

fn main() -> Result<(), edge_jwt::Error> {
    let key = Key::new(b"a 32-byte secret for the example")?;
    let issued_at = FixedClock(1_700_000_000.0);
    let options = IssueOptions {
        expires_in: Some(30 * 60),
        ..IssueOptions::default()
    };
    let token = issue(&NewSession { sub: "johndoe" }, &key, &options, &issued_at)?;
    println!("token:    {token}");

    // `exp` (and every other registered claim) is checked before the claims
    // are read into `Session`.
    let session: Session = verify(&token, &key, &VerifyOptions::default(), &issued_at)?;
    println!("session:  {} until {}", session.sub, session.exp);
    let claims = verify::<Claims>(&token, &key, &VerifyOptions::default(), &issued_at)?;
    println!("claims:   {}", serde_json::Value::Object(claims));

    let later = FixedClock(1_700_000_000.0 + 31.0 * 60.0);
    match verify::<Session>(&token, &key, &VerifyOptions::default(), &later) {
        Ok(_) => println!("31 min later: still valid (unexpected)"),
        Err(e) => println!("31 min later: {} ({e})", e.code()),
    }
    Ok(())
}
