//! Generates `src/wasm/protocol.js` from where the wire format between the
//! exports and their JavaScript is declared: `src/wasm/protocol.rs` (frames,
//! codes, statuses, option slots) and, in the core, the tape the verified
//! payload is read from and the order of the registered claims
//! (`src/core/json.rs`). Fails while the checked-in copy differs. Regenerate
//! with `UPDATE_PROTOCOL=1 cargo test --test protocol`.

#![allow(
    missing_docs,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

// Compiled here too, so that the declaration the generator reads is valid Rust.
#[path = "../src/wasm/protocol.rs"]
mod protocol;

const PROTOCOL: &str = include_str!("../src/wasm/protocol.rs");
const JSON: &str = include_str!("../src/core/json.rs");
const GENERATED: &str = "src/wasm/protocol.js";

/// `SNAKE_CASE` as `camelCase`: the JavaScript name of an option.
fn camel(name: &str) -> String {
    let mut out = String::new();
    for (i, word) in name.split('_').enumerate() {
        let word = word.to_lowercase();
        if i == 0 {
            out.push_str(&word);
        } else {
            let mut chars = word.chars();
            out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(chars.as_str());
        }
    }
    out
}

/// Each `const NAME: T = VALUE;` of each `mod group` in `source`, as
/// `export const GROUP_NAME = VALUE;` under its doc comment; a module named
/// `*_option` also gives the list of its names in camelCase, by value. A
/// `const` outside any module keeps its name.
fn render(source: &str, out: &mut String) {
    let mut group: Option<String> = None;
    let mut options: Vec<(usize, String)> = Vec::new();
    let mut docs: Vec<String> = Vec::new();
    for line in source.lines().map(str::trim) {
        if let Some(doc) = line.strip_prefix("///") {
            docs.push(doc.trim().to_string());
            continue;
        }
        let line = &line.replacen("pub(crate) ", "pub ", 1);
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(" {"))
        {
            group = Some(name.to_uppercase());
            out.push_str(&format!("\n// {}\n", docs.join(" ")));
        } else if line.as_str() == "}" {
            if let Some(group) = group.take().filter(|g| g.ends_with("_OPTION")) {
                options.sort();
                let names: Vec<String> =
                    options.drain(..).map(|(_, n)| format!("\"{n}\"")).collect();
                out.push_str(&format!("/** The options' names, in the order of their slots. */\nexport const {group}_NAMES = [{}];\n", names.join(", ")));
            }
        } else if let Some(decl) = line.strip_prefix("pub const ") {
            let (name, rest) = decl.split_once(':').expect("a typed constant");
            let value = rest
                .split_once('=')
                .expect("a value")
                .1
                .trim()
                .trim_end_matches(';');
            let value = value.strip_suffix(".0").unwrap_or(value);
            let name = name.trim();
            if let Some(group) = &group {
                if group.ends_with("_OPTION") {
                    options.push((value.parse().expect("an option's slot"), camel(name)));
                }
            }
            let exported = group
                .as_ref()
                .map_or(name.to_string(), |g| format!("{g}_{name}"));
            out.push_str(&format!(
                "/** {} */\nexport const {exported} = {value};\n",
                docs.join(" ")
            ));
        }
        docs.clear();
    }
}

/// The lines of `source` from `first` to the line that closes it.
fn block<'a>(source: &'a str, first: &str) -> &'a str {
    let start = source.find(first).expect("the block");
    let end = source[start..].find("\n}\n").expect("its end") + start + 3;
    &source[start..end]
}

fn generate() -> String {
    let mut out = String::from(
        "// Generated from src/wasm/protocol.rs and src/core/json.rs by tests/protocol.rs: do not edit.\n\
         // Regenerate with `UPDATE_PROTOCOL=1 cargo test --test protocol`.\n",
    );
    render(PROTOCOL, &mut out);
    let tape = block(JSON, "/// The tags of a");
    render(tape, &mut out);
    let registered = JSON
        .lines()
        .skip_while(|l| !l.starts_with("/// The registered claims"))
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    render(&registered, &mut out);
    out
}

#[test]
fn protocol_js_is_generated_from_the_rust_declarations() {
    let want = generate();
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
fn the_generator_reads_every_declaration() {
    let js = generate();
    assert!(js.contains("export const INPUT_NOW = 0;"));
    assert!(js.contains(&format!(
        "export const INPUT_LEN = {};",
        protocol::input::LEN
    )));
    assert!(js.contains("export const SECRET_KEY = -1;"));
    let refused = protocol::status::CLAIMS_REFUSED;
    assert!(js.contains(&format!("export const STATUS_CLAIMS_REFUSED = {refused};")));
    assert!(js.contains(&format!(
        "export const ISSUE_OPTION_MAX_TOKEN_LENGTH = {};",
        protocol::issue_option::MAX_TOKEN_LENGTH
    )));
    assert!(js.contains(r#"export const ISSUE_OPTION_NAMES = ["expiresIn", "notBefore", "issuedAt", "issuer", "subject", "audience", "jwtId", "keyId", "maxTokenLength"];"#));
    assert!(js.contains(r#"export const VERIFY_OPTION_NAMES = ["leeway", "maxAge", "issuer", "audience", "subject", "requiredClaims", "typ", "maxTokenLength", "allowMissingExp"];"#));
    assert!(js.contains("export const TAPE_OBJECT = 1;"));
    assert!(js.contains("export const TAPE_SHORT_NAME_LEN = 6;"));
    assert!(js.contains(
        r#"export const REGISTERED = ["exp", "nbf", "iat", "iss", "sub", "jti", "aud"];"#
    ));
    let declared = PROTOCOL.matches("pub const").count()
        + block(JSON, "/// The tags of a")
            .matches("pub const")
            .count()
        + 1;
    assert_eq!(
        js.matches("export const").count(),
        declared + 2,
        "every constant, and two lists of names"
    );
}
