//! Issues a token the way FastAPI's `create_access_token` does, then verifies
//! it before and after it expires, with a stopped clock.
//!
//! Run: `cargo run --example quickstart`

use edge_jwt::{issue, verify, Claims, FixedClock, IssueOptions, Key, VerifyOptions};

fn main() -> Result<(), edge_jwt::Error> {
    let key = Key::new(b"a 32-byte secret for the example")?;
    let mut claims = Claims::new();
    claims.insert("sub".into(), "johndoe".into());

    let issued_at = FixedClock(1_700_000_000.0);
    let options = IssueOptions {
        expires_in: Some(30 * 60),
        ..IssueOptions::default()
    };
    let token = issue(&claims, &key, &options, &issued_at)?;
    println!("token:    {token}");

    let verified = verify::<Claims>(&token, &key, &VerifyOptions::default(), &issued_at)?;
    println!("claims:   {}", serde_json::Value::Object(verified));

    let later = FixedClock(1_700_000_000.0 + 31.0 * 60.0);
    match verify::<Claims>(&token, &key, &VerifyOptions::default(), &later) {
        Ok(_) => println!("31 min later: still valid (unexpected)"),
        Err(e) => println!("31 min later: {} ({e})", e.code()),
    }
    Ok(())
}
