//! Generates `src/wasm/protocol.js` from `src/wasm/protocol.rs`, where the
//! wire format between the exports and their JavaScript is declared, and
//! fails while the checked-in copy differs. Regenerate with
//! `UPDATE_PROTOCOL=1 cargo test --test protocol`.

#![allow(missing_docs, clippy::expect_used)]

// Compiled here too, so that the declaration the generator reads is valid Rust.
#[path = "../src/wasm/protocol.rs"]
mod protocol;

const SOURCE: &str = include_str!("../src/wasm/protocol.rs");
const GENERATED: &str = "src/wasm/protocol.js";

/// Each `pub const NAME: T = VALUE;` of each `pub mod group`, as
/// `export const GROUP_NAME = VALUE;` under its doc comment.
fn render(source: &str) -> String {
    let mut out = String::from(
        "// Generated from src/wasm/protocol.rs by tests/protocol.rs: do not edit.\n\
         // Regenerate with `UPDATE_PROTOCOL=1 cargo test --test protocol`.\n",
    );
    let mut group = String::new();
    let mut docs: Vec<String> = Vec::new();
    for line in source.lines().map(str::trim) {
        if let Some(doc) = line.strip_prefix("///") {
            docs.push(doc.trim().to_string());
            continue;
        }
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(" {"))
        {
            group = name.to_uppercase();
            out.push_str(&format!("\n// {}\n", docs.join(" ")));
        } else if let Some(decl) = line.strip_prefix("pub const ") {
            let (name, rest) = decl.split_once(':').expect("a typed constant");
            let value = rest
                .split_once('=')
                .expect("a value")
                .1
                .trim()
                .trim_end_matches(';');
            let value = value.strip_suffix(".0").unwrap_or(value);
            out.push_str(&format!(
                "/** {} */\nexport const {group}_{} = {value};\n",
                docs.join(" "),
                name.trim()
            ));
        }
        docs.clear();
    }
    out
}

#[test]
fn protocol_js_is_generated_from_protocol_rs() {
    let want = render(SOURCE);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GENERATED);
    if std::env::var_os("UPDATE_PROTOCOL").is_some() {
        std::fs::write(&path, &want).expect("write protocol.js");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{GENERATED} is stale: regenerate it with `UPDATE_PROTOCOL=1 cargo test --test protocol`"
    );
}

#[test]
fn the_generator_reads_every_constant() {
    let js = render(SOURCE);
    assert!(js.contains("export const INPUT_NOW = 0;"));
    assert!(js.contains(&format!(
        "export const INPUT_LEN = {};",
        protocol::input::LEN
    )));
    assert!(js.contains("export const SECRET_KEY = -1;"));
    assert!(js.contains(&format!(
        "export const STATUS_CLAIMS_REFUSED = {};",
        protocol::status::CLAIMS_REFUSED
    )));
    assert_eq!(
        js.matches("export const").count(),
        SOURCE.matches("pub const").count()
    );
}
