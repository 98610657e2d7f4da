//! Strict JSON for headers and payloads: UTF-8, objects only, no repeated
//! member names at any level, bounded nesting.
//!
//! `serde_json` alone keeps the last of two equal names, which lets a token
//! carry one `exp` for this library and another for a peer that keeps the
//! first (RFC 8725 §3.1 asks parsers to agree). [`scan`] is the one validator:
//! it walks the document once (RFC 8259 grammar, byte by byte), refuses what
//! is not strict, and hands back only the registered claims that the rules
//! read. It builds nothing else, so the WebAssembly build links no JSON
//! library; a `Map` is built (by `serde_json`) only for Rust callers, after
//! the scan has passed.

use alloc::borrow::Cow;
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

#[cfg(feature = "std")]
use serde_json::{Map, Value};

/// How deep objects and arrays may nest, counting the outermost object as 1.
pub const MAX_DEPTH: u32 = 32;

/// Why a document was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not UTF-8, or not JSON.
    Syntax,
    /// A number too large for a double (`1e400`, 310 digits), which
    /// `JSON.parse` would read as `Infinity` and no JSON can write back.
    NumberTooLarge,
    /// A `\u` escape of a lone surrogate, which UTF-8 cannot carry.
    LoneSurrogate,
    /// Valid JSON, but not an object at the top.
    NotObject,
    /// A member name repeats inside one object.
    Duplicate,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// A registered claim as found: absent, of the type its rule reads, or of another type.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Slot<T> {
    #[default]
    Absent,
    Found(T),
    WrongType,
}

/// The top-level member names and the registered claims of one JSON object.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct ClaimsView<'a> {
    pub names: Vec<Cow<'a, str>>,
    pub exp: Slot<f64>,
    pub nbf: Slot<f64>,
    pub iat: Slot<f64>,
    pub iss: Slot<Cow<'a, str>>,
    pub sub: Slot<Cow<'a, str>>,
    pub jti: Slot<Cow<'a, str>>,
    /// `aud` as a string (one entry) or a list of strings.
    pub aud: Slot<Vec<Cow<'a, str>>>,
    /// `typ`, read when the object is a header.
    pub typ: Slot<Cow<'a, str>>,
    /// `alg`, read when the object is a header.
    pub alg: Slot<Cow<'a, str>>,
}

impl ClaimsView<'_> {
    /// Whether the object has a top-level member `name` (of a view from
    /// [`scan`]: [`view_at`] keeps no names).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| same(n, name))
    }

    /// Whether the registered claim `name` (one of [`REGISTERED`]) is
    /// present, of any type: told by its slot, which both views fill.
    pub(crate) fn has_registered(&self, name: &str) -> bool {
        let absent = match name {
            "exp" => matches!(self.exp, Slot::Absent),
            "nbf" => matches!(self.nbf, Slot::Absent),
            "iat" => matches!(self.iat, Slot::Absent),
            "iss" => matches!(self.iss, Slot::Absent),
            "sub" => matches!(self.sub, Slot::Absent),
            "jti" => matches!(self.jti, Slot::Absent),
            "aud" => matches!(self.aud, Slot::Absent),
            _ => true,
        };
        !absent
    }
}

/// Reads a JSON number that the scanner's integer fast path leaves (a
/// fraction, an exponent, or more than 15 digits), correctly rounded as
/// `JSON.parse` and Python read it; infinite or `None` when it is too large
/// for a double. The host's to give: Rust callers get [`exact_number`], the
/// WebAssembly boundary passes JavaScript's `Number`, the very parser of
/// `JSON.parse` (the core's own would add about a third to its module).
pub(crate) type ReadNumber = fn(&[u8]) -> Option<f64>;

/// [`ReadNumber`] for Rust callers: core's own parser, exact.
pub(crate) fn exact_number(text: &[u8]) -> Option<f64> {
    core::str::from_utf8(text).ok()?.parse().ok()
}

/// Checks that `bytes` is one strict JSON object and returns its view.
pub(crate) fn scan(bytes: &[u8], number: ReadNumber) -> Result<ClaimsView<'_>, JsonError> {
    scan_into(bytes, None, number)
}

/// The tags of a [`scan_taped`] tape. Each value is its tag and then, for an
/// object or an array, its count of members or items (followed by them; a
/// member is its name, a string entry, then its value); for a number, its
/// value, exact (at most 15 digits, no fraction or exponent); for a string or
/// any other number, where its text starts and ends in the document.
pub(crate) mod tape {
    /// An object: its member count, then each name and value.
    pub const OBJECT: f64 = 1.0;
    /// An array: its item count, then each item.
    pub const ARRAY: f64 = 2.0;
    /// ASCII with no escapes: the bytes between the quotes.
    pub const PLAIN_STRING: f64 = 3.0;
    /// Any other string: the bytes with their quotes, to be read as JSON.
    pub const STRING: f64 = 4.0;
    /// A number, as its double: every number is read exactly.
    pub const NUMBER: f64 = 5.0;
    /// `true`.
    pub const TRUE: f64 = 6.0;
    /// `false`.
    pub const FALSE: f64 = 7.0;
    /// `null`.
    pub const NULL: f64 = 8.0;
    /// A member name of at most [`SHORT_NAME_LEN`] ASCII characters with no
    /// escapes: its bytes as one exact number, the first in the lowest 8
    /// bits (no byte is 0, so each name has its own number). The reader
    /// finds a name it has seen by that number, without reading the bytes.
    pub const SHORT_NAME: f64 = 9.0;
    /// The longest [`SHORT_NAME`]: 48 bits, exact in a double.
    pub const SHORT_NAME_LEN: usize = 6;
}

/// [`scan`], recording the document on `tape` (cleared first) as it goes,
/// for a reader that builds values without scanning the bytes again (a
/// member name is a string entry or, short, a [`tape::SHORT_NAME`]).
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))] // the wasm boundary's, and tests'
pub(crate) fn scan_taped<'a>(
    bytes: &'a [u8],
    tape: &mut Vec<f64>,
    number: ReadNumber,
) -> Result<ClaimsView<'a>, JsonError> {
    tape.clear();
    scan_into(bytes, Some(tape), number)
}

fn scan_into<'a>(
    bytes: &'a [u8],
    tape: Option<&mut Vec<f64>>,
    number: ReadNumber,
) -> Result<ClaimsView<'a>, JsonError> {
    // Checked as UTF-8 once: a string is then a slice of it between two quotes.
    let text = core::str::from_utf8(bytes).map_err(|_| JsonError::Syntax)?;
    let mut s = Scanner {
        text,
        bytes,
        at: 0,
        tape,
        plain: false,
        number,
    };
    let mut view = ClaimsView::default();
    s.skip_space();
    let object = s.peek() == Some(b'{');
    if object {
        s.top_object(&mut view)?;
    } else {
        s.value(MAX_DEPTH, false)?;
    }
    s.skip_space();
    if s.at != bytes.len() {
        return Err(JsonError::Syntax);
    }
    if !object {
        return Err(JsonError::NotObject);
    }
    Ok(view)
}

/// Builds the map of a document that [`scan`] already accepted, for Rust
/// callers (the scan is not repeated: every caller has just run it).
#[cfg(feature = "std")]
pub(crate) fn build_object(scanned: &[u8]) -> Result<Map<String, Value>, JsonError> {
    serde_json::from_slice(scanned).map_err(|_| JsonError::Syntax)
}

/// What a value was, kept only as far as the registered claims need.
enum Found<'a> {
    Number(f64),
    Str(Cow<'a, str>),
    /// An array of strings only (collected only when asked, for `aud`).
    Strings(Vec<Cow<'a, str>>),
    Other,
}

impl<'a> Found<'a> {
    fn number(self) -> Slot<f64> {
        match self {
            Self::Number(n) => Slot::Found(n),
            _ => Slot::WrongType,
        }
    }
    fn string(self) -> Slot<Cow<'a, str>> {
        match self {
            Self::Str(s) => Slot::Found(s),
            _ => Slot::WrongType,
        }
    }
    fn strings(self) -> Slot<Vec<Cow<'a, str>>> {
        match self {
            Self::Str(s) => Slot::Found(vec![s]),
            Self::Strings(list) => Slot::Found(list),
            _ => Slot::WrongType,
        }
    }
}

/// Whether two names are equal, most often told by their length or first
/// byte without a call to `memcmp` (which is not inlined on wasm32).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// A three-byte member name as one integer.
const fn name3(name: [u8; 3]) -> u32 {
    u32::from_le_bytes([name[0], name[1], name[2], 0])
}

/// A member name as [`ClaimsView::capture`] tells it: every registered name
/// has three letters, so one integer compare each, not a string compare each.
fn name_key(name: &str) -> u32 {
    match *name.as_bytes() {
        [a, b, c] => name3([a, b, c]),
        _ => 0,
    }
}

const EXP: u32 = name3(*b"exp");
const NBF: u32 = name3(*b"nbf");
const IAT: u32 = name3(*b"iat");
const ISS: u32 = name3(*b"iss");
const SUB: u32 = name3(*b"sub");
const JTI: u32 = name3(*b"jti");
const TYP: u32 = name3(*b"typ");
const ALG: u32 = name3(*b"alg");
const AUD: u32 = name3(*b"aud");

impl<'a> ClaimsView<'a> {
    /// Keeps what a top-level member's value was when its name (as
    /// [`name_key`]) is one the rules read.
    fn capture(&mut self, key: u32, found: Found<'a>) {
        match key {
            EXP => self.exp = found.number(),
            NBF => self.nbf = found.number(),
            IAT => self.iat = found.number(),
            ISS => self.iss = found.string(),
            SUB => self.sub = found.string(),
            JTI => self.jti = found.string(),
            TYP => self.typ = found.string(),
            ALG => self.alg = found.string(),
            AUD => self.aud = found.strings(),
            _ => {}
        }
    }
}

/// The registered claims an issued payload may carry, in the order of the
/// offsets [`view_at`] takes.
pub(crate) const REGISTERED: [&str; 7] = ["exp", "nbf", "iat", "iss", "sub", "jti", "aud"];

/// The view of a JSON object that this crate's claims writer wrote from a
/// JavaScript object (the wasm boundary's `claims.js`), given where the value
/// of each [`REGISTERED`] claim starts (`None`: absent; JavaScript found the
/// names as it wrote them).
///
/// Such a text is a strict object by construction: an object's own names
/// never repeat, the writer bounds the depth and escapes as `JSON.stringify`
/// does, and its tests compare it with `JSON.parse`. So [`scan`]'s walk of
/// the whole grammar is not repeated: the text is checked as UTF-8, and each
/// registered claim's value is scanned strictly, as [`scan`] would. The
/// view keeps no `names` (no allocation): ask [`ClaimsView::has_registered`].
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))] // the wasm boundary's
pub(crate) fn view_at<'a>(
    bytes: &'a [u8],
    at: &[Option<usize>; REGISTERED.len()],
    number: ReadNumber,
) -> Result<ClaimsView<'a>, JsonError> {
    let text = core::str::from_utf8(bytes).map_err(|_| JsonError::Syntax)?;
    let mut view = ClaimsView::default();
    for (&name, &at) in REGISTERED.iter().zip(at) {
        let Some(at) = at else { continue };
        let mut s = Scanner {
            text,
            bytes,
            at,
            tape: None,
            plain: false,
            number,
        };
        let key = name_key(name);
        // The claims object is depth 1; its values may open MAX_DEPTH - 1 more.
        let found = s.value(MAX_DEPTH.saturating_sub(1), key == AUD)?;
        view.capture(key, found);
    }
    Ok(view)
}

/// Up to this many names, an object's duplicates are found by comparing
/// every pair; past it, by sorting (so no input makes the check quadratic).
const PAIRWISE_LIMIT: usize = 16;

struct Scanner<'a, 't> {
    /// The document, checked UTF-8.
    text: &'a str,
    /// The same document, as bytes.
    bytes: &'a [u8],
    at: usize,
    tape: Option<&'t mut Vec<f64>>,
    /// Whether the last string read was ASCII without escapes.
    plain: bool,
    /// The host's reader of the numbers the fast path leaves.
    number: ReadNumber,
}

impl<'a> Scanner<'a, '_> {
    /// Records entries on the tape, if there is one.
    #[inline]
    fn record<const N: usize>(&mut self, entries: [f64; N]) {
        if let Some(tape) = self.tape.as_deref_mut() {
            tape.extend_from_slice(&entries);
        }
    }

    /// Opens an object or array on the tape: the index of its count, written
    /// by [`Self::close`] (none without a tape).
    #[inline]
    fn open(&mut self, tag: f64) -> Option<usize> {
        let tape = self.tape.as_deref_mut()?;
        tape.extend_from_slice(&[tag, 0.0]);
        Some(tape.len().saturating_sub(1))
    }

    /// Writes the count of what [`Self::open`] opened.
    fn close(&mut self, count_at: Option<usize>, count: usize) {
        let slot = count_at.and_then(|at| self.tape.as_deref_mut()?.get_mut(at));
        if let Some(slot) = slot {
            *slot = count as f64;
        }
    }

    /// Records the member name [`Self::string_body`] just read, whose body
    /// started at `start`.
    fn record_name(&mut self, start: usize) {
        if self.tape.is_none() {
            return;
        }
        let name = self
            .bytes
            .get(start..self.at.saturating_sub(1))
            .unwrap_or_default();
        if self.plain && name.len() <= tape::SHORT_NAME_LEN {
            let packed = name
                .iter()
                .rev()
                .fold(0u64, |packed, &b| packed << 8 | u64::from(b));
            #[allow(clippy::cast_precision_loss)] // at most 48 bits: exact
            self.record([tape::SHORT_NAME, packed as f64]);
        } else {
            self.record_string(start);
        }
    }

    /// Records the string [`Self::string_body`] just read, whose body started
    /// at `start`.
    #[inline]
    fn record_string(&mut self, start: usize) {
        if self.tape.is_none() {
            return;
        }
        let end = self.at.saturating_sub(1);
        if self.plain {
            self.record([tape::PLAIN_STRING, start as f64, end as f64]);
        } else {
            self.record([tape::STRING, start.saturating_sub(1) as f64, self.at as f64]);
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn bump(&mut self) {
        self.at = self.at.saturating_add(1);
    }

    fn next(&mut self) -> Result<u8, JsonError> {
        let b = self.peek().ok_or(JsonError::Syntax)?;
        self.bump();
        Ok(b)
    }

    fn expect(&mut self, want: u8) -> Result<(), JsonError> {
        if self.next()? == want {
            Ok(())
        } else {
            Err(JsonError::Syntax)
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), JsonError> {
        let end = self.at.checked_add(word.len()).ok_or(JsonError::Syntax)?;
        if self.bytes.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(JsonError::Syntax)
        }
    }

    /// The outermost object, whose registered members are captured.
    fn top_object(&mut self, view: &mut ClaimsView<'a>) -> Result<(), JsonError> {
        // Room for a typical payload's names without growing.
        let mut names = Vec::with_capacity(8);
        self.members(MAX_DEPTH, &mut names, &mut |name, s, depth| {
            let key = name_key(name);
            let found = s.value(depth, key == AUD)?;
            view.capture(key, found);
            Ok(())
        })?;
        view.names = names;
        Ok(())
    }

    /// `{ "name": value, ... }` at `depth_left` (the object itself counts),
    /// calling `member` for each value; the names end up in `names`.
    fn members(
        &mut self,
        depth_left: u32,
        names: &mut Vec<Cow<'a, str>>,
        member: &mut dyn FnMut(&str, &mut Self, u32) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        let inner = depth_left.checked_sub(1).ok_or(JsonError::TooDeep)?;
        self.expect(b'{')?;
        let count_at = self.open(tape::OBJECT);
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(());
        }
        loop {
            self.skip_space();
            self.expect(b'"')?;
            let start = self.at;
            let name = self.string_body()?;
            self.record_name(start);
            if names.len() < PAIRWISE_LIMIT && names.iter().any(|seen| same(seen, &name)) {
                return Err(JsonError::Duplicate);
            }
            self.skip_space();
            self.expect(b':')?;
            self.skip_space();
            member(&name, self, inner)?;
            names.push(name);
            self.skip_space();
            match self.next()? {
                b',' => {}
                b'}' => break,
                _ => return Err(JsonError::Syntax),
            }
        }
        self.close(count_at, names.len());
        if names.len() > PAIRWISE_LIMIT {
            let mut sorted: Vec<&str> = names.iter().map(|n| &**n).collect();
            heapsort(&mut sorted);
            if sorted.windows(2).any(|w| w.first() == w.get(1)) {
                return Err(JsonError::Duplicate);
            }
        }
        Ok(())
    }

    /// Any value; `depth_left` counts the levels an object or array may still open.
    fn value(&mut self, depth_left: u32, collect: bool) -> Result<Found<'a>, JsonError> {
        match self.peek().ok_or(JsonError::Syntax)? {
            b'{' => {
                let mut names = Vec::new();
                self.members(depth_left, &mut names, &mut |_, s, depth| {
                    s.value(depth, false).map(drop)
                })?;
                Ok(Found::Other)
            }
            b'[' => self.array(depth_left, collect),
            b'"' => {
                self.bump();
                let start = self.at;
                let text = self.string_body()?;
                self.record_string(start);
                Ok(Found::Str(text))
            }
            b't' => {
                self.record([tape::TRUE]);
                self.literal(b"true").map(|()| Found::Other)
            }
            b'f' => {
                self.record([tape::FALSE]);
                self.literal(b"false").map(|()| Found::Other)
            }
            b'n' => {
                self.record([tape::NULL]);
                self.literal(b"null").map(|()| Found::Other)
            }
            b'-' | b'0'..=b'9' => self.number().map(Found::Number),
            _ => Err(JsonError::Syntax),
        }
    }

    fn array(&mut self, depth_left: u32, collect: bool) -> Result<Found<'a>, JsonError> {
        let inner = depth_left.checked_sub(1).ok_or(JsonError::TooDeep)?;
        self.expect(b'[')?;
        let count_at = self.open(tape::ARRAY);
        let mut count = 0usize;
        let mut strings = collect.then(Vec::new);
        self.skip_space();
        if self.peek() == Some(b']') {
            self.bump();
        } else {
            loop {
                self.skip_space();
                let item = self.value(inner, false)?;
                count = count.saturating_add(1);
                strings = match (strings, item) {
                    (Some(mut list), Found::Str(s)) => {
                        list.push(s);
                        Some(list)
                    }
                    _ => None,
                };
                self.skip_space();
                match self.next()? {
                    b',' => {}
                    b']' => break,
                    _ => return Err(JsonError::Syntax),
                }
            }
        }
        self.close(count_at, count);
        Ok(strings.map_or(Found::Other, Found::Strings))
    }

    /// A string after its opening quote: borrowed when it has no escapes.
    fn string_body(&mut self) -> Result<Cow<'a, str>, JsonError> {
        let start = self.at;
        let rest = self.bytes.get(start..).unwrap_or_default();
        let (len, high) = string_end(rest).ok_or(JsonError::Syntax)?;
        let end = start.saturating_add(len);
        self.at = end.saturating_add(1);
        match rest.get(len) {
            Some(b'"') => {
                self.plain = !high;
                self.slice(start, end).map(Cow::Borrowed)
            }
            Some(b'\\') => {
                self.plain = false;
                self.escaped_string(start)
            }
            _ => Err(JsonError::Syntax),
        }
    }

    /// The text between two positions next to ASCII bytes (quotes and
    /// backslashes), so on character boundaries.
    fn slice(&self, start: usize, end: usize) -> Result<&'a str, JsonError> {
        self.text.get(start..end).ok_or(JsonError::Syntax)
    }

    /// The rest of a string that has escapes, decoded.
    #[inline(never)] // the rare path, as `number_value`
    fn escaped_string(&mut self, start: usize) -> Result<Cow<'a, str>, JsonError> {
        // What came before the first backslash.
        let mut out = self.slice(start, self.at.saturating_sub(1))?.to_owned();
        self.escape(&mut out)?;
        loop {
            let run_start = self.at;
            let end = loop {
                match self.next()? {
                    b'"' | b'\\' => break self.at.saturating_sub(1),
                    0x00..=0x1f => return Err(JsonError::Syntax),
                    _ => {}
                }
            };
            out.push_str(self.slice(run_start, end)?);
            if self.bytes.get(end) == Some(&b'"') {
                return Ok(Cow::Owned(out));
            }
            self.escape(&mut out)?;
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let c = match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        // A high surrogate must be followed by a low one.
                        self.literal(b"\\u").map_err(|_| JsonError::LoneSurrogate)?;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(JsonError::LoneSurrogate);
                        }
                        // The ranges above make these plain bit fields.
                        0x10000 | ((first & 0x3FF) << 10) | (second & 0x3FF)
                    }
                    0xDC00..=0xDFFF => return Err(JsonError::LoneSurrogate),
                    _ => first,
                };
                char::from_u32(code).ok_or(JsonError::Syntax)?
            }
            _ => return Err(JsonError::Syntax),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v: u32 = 0;
        for _ in 0..4 {
            let d = char::from(self.next()?)
                .to_digit(16)
                .ok_or(JsonError::Syntax)?;
            v = (v << 4) | d;
        }
        Ok(v)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as a double.
    /// Numbers too large for a double are refused, wherever they stand.
    fn number(&mut self) -> Result<f64, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        let int_start = self.at;
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return Err(JsonError::Syntax),
        }
        let int_digits = self.at.saturating_sub(int_start);
        let mut simple = true;
        if self.peek() == Some(b'.') {
            simple = false;
            self.bump();
            self.one_or_more_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            simple = false;
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            self.one_or_more_digits()?;
        }
        let text = self.bytes.get(start..self.at).ok_or(JsonError::Syntax)?;
        let negative = text.first() == Some(&b'-');
        if simple && int_digits <= 15 {
            // Exact in a double: no float parsing needed.
            let mut v: u64 = 0;
            for &d in text.iter().skip(usize::from(negative)) {
                // At most 15 digits: below 10^15, nothing wraps. (Checked
                // u64 arithmetic costs a 128-bit multiply call on wasm32.)
                v = v
                    .wrapping_mul(10)
                    .wrapping_add(u64::from(d.wrapping_sub(b'0')));
            }
            #[allow(clippy::cast_precision_loss)] // at most 15 digits: exact
            let v = v as f64;
            let v = if negative { -v } else { v };
            self.record([tape::NUMBER, v]);
            return Ok(v);
        }
        let v = number_value(text, self.number).ok_or(JsonError::NumberTooLarge)?;
        self.record([tape::NUMBER, v]);
        Ok(v)
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.bump();
        }
    }

    fn one_or_more_digits(&mut self) -> Result<(), JsonError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(JsonError::Syntax);
        }
        self.digits();
        Ok(())
    }
}

/// Where the body of a string ends in `rest` (at its first quote, backslash
/// or control byte), and whether a byte before that has its high bit set
/// (then the string is not ASCII). Eight bytes at a time: a byte is found by
/// the bits a subtraction borrows, which are exact up to the first one found.
fn string_end(rest: &[u8]) -> Option<(usize, bool)> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const QUOTES: u64 = u64::from_ne_bytes([b'"'; 8]);
    const BACKSLASHES: u64 = u64::from_ne_bytes([b'\\'; 8]);
    const SPACES: u64 = u64::from_ne_bytes([0x20; 8]);
    let (words, tail) = rest.as_chunks::<8>();
    let mut high = 0u64;
    let mut at = 0usize;
    for word in words {
        let x = u64::from_le_bytes(*word);
        let (q, b) = (x ^ QUOTES, x ^ BACKSLASHES);
        let found =
            (q.wrapping_sub(ONES) & !q | b.wrapping_sub(ONES) & !b | x.wrapping_sub(SPACES) & !x)
                & HIGHS;
        if found != 0 {
            // The bytes before the one found: below the lowest bit set, in a
            // byte of its own.
            let lowest = found & found.wrapping_neg();
            high |= x & (lowest >> 7).wrapping_sub(1);
            let before = (found.trailing_zeros() / 8) as usize;
            return Some((at.saturating_add(before), high & HIGHS != 0));
        }
        high |= x;
        at = at.saturating_add(8);
    }
    let mut high = u8::from(high & HIGHS != 0) << 7;
    let len = tail.iter().position(|&b| {
        high |= b;
        b == b'"' || b == b'\\' || b < 0x20
    })?;
    Some((at.saturating_add(len), high >= 0x80))
}

/// The value of a number the grammar accepted that the fast path in
/// [`Scanner::number`] leaves, read by `number`; `None` when it is too large
/// for a double.
#[inline(never)] // the rare path: kept out of `Scanner::value`, which runs per value
fn number_value(text: &[u8], number: ReadNumber) -> Option<f64> {
    let v = number(text)?;
    v.is_finite().then_some(v)
}

/// Swaps items `a` and `b`, where `a < b` (nothing if `b` is past the end).
/// Not `slice::swap`, whose bounds check brings the panic machinery of
/// `core::fmt` into the wasm module.
fn swap_later(items: &mut [&str], a: usize, b: usize) {
    if let Some((head, tail)) = items.split_at_mut_checked(b) {
        if let (Some(x), Some(y)) = (head.get_mut(a), tail.first_mut()) {
            core::mem::swap(x, y);
        }
    }
}

/// Sorts in place in O(n log n) with a few lines of code (the standard
/// library's sorts are several kilobytes of WebAssembly each).
fn heapsort(items: &mut [&str]) {
    fn sift_down(items: &mut [&str], mut root: usize, end: usize) {
        loop {
            let Some(mut child) = root.checked_mul(2).and_then(|c| c.checked_add(1)) else {
                return;
            };
            if child >= end {
                return;
            }
            let right = child.saturating_add(1);
            if right < end && items.get(child) < items.get(right) {
                child = right;
            }
            if items.get(root) >= items.get(child) {
                return;
            }
            swap_later(items, root, child);
            root = child;
        }
    }
    let len = items.len();
    for start in (0..len / 2).rev() {
        sift_down(items, start, len);
    }
    for end in (1..len).rev() {
        swap_later(items, 0, end);
        sift_down(items, 0, end);
    }
}

/// Appends `text` as a JSON string in UTF-8: quoted, with `"`, `\` and
/// control characters escaped (as `JSON.stringify` escapes them).
pub(crate) fn write_string(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    for &b in text.as_bytes() {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x00..=0x1f => {
                let hex = |nibble: u8| HEX.get(usize::from(nibble)).copied().unwrap_or(b'0');
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b & 15)]);
            }
            // Every other byte, UTF-8 sequences included, as it is.
            _ => out.push(b),
        }
    }
    out.push(b'"');
}

/// Appends a whole number in decimal.
pub(crate) fn write_u64(out: &mut Vec<u8>, v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut put = |d: u8| {
        i = i.saturating_sub(1);
        if let Some(slot) = digits.get_mut(i) {
            *slot = b'0'.wrapping_add(d);
        }
    };
    // Every NumericDate until 2106 fits in 32 bits, whose division by 10 is a
    // multiplication on wasm32; a 64-bit one is a 128-bit multiply call. So
    // 64-bit steps only until the rest fits.
    let mut wide = v;
    let mut v = loop {
        match u32::try_from(wide) {
            Ok(v) => break v,
            Err(_) => {
                put((wide % 10) as u8);
                wide /= 10;
            }
        }
    };
    loop {
        let q = div10(v);
        put(v.wrapping_sub(q.wrapping_mul(10)) as u8);
        v = q;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(i..).unwrap_or_default());
}

/// `v / 10`, as a multiplication and a shift: LLVM keeps wasm32's division
/// instruction for it, which costs as much as twenty multiplications.
fn div10(v: u32) -> u32 {
    // 0xCCCC_CCCD / 2^35 is 1/10 closely enough for every u32.
    (u64::from(v).wrapping_mul(0xCCCC_CCCD) >> 35) as u32
}

#[cfg(test)]
mod tests {
    use super::{
        div10, exact_number, scan, scan_taped, string_end, tape, view_at, write_string, write_u64,
        JsonError, REGISTERED,
    };

    /// `view_at`, given where each registered claim's value starts, finds
    /// what `scan` finds in the whole text, wherever the claim stands.
    #[test]
    #[allow(clippy::unwrap_used, clippy::indexing_slicing)]
    fn view_at_reads_the_registered_values_as_scan_does() {
        let values = [
            "1700000000",
            "-12.5",
            "1e3",
            "1e400",
            r#""s""#,
            r#""\u00e9\n""#,
            "\"\u{e9}\"",
            r#"["a","b"]"#,
            r#"["a",1]"#,
            "[]",
            r#"{"exp":1}"#,
            "null",
            "true",
            r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#,
            r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#,
        ];
        // Members before and after, with escapes and characters of two bytes,
        // so that the offsets are bytes, not characters.
        let before = "\"\u{fc}\\\"\":\"\u{e9}\",\"exp_\":[{\"iat\":\"x\"}],";
        for (slot, name) in REGISTERED.iter().enumerate() {
            for value in values {
                let mut text = format!("{{{before}\"{name}\":");
                let mut at = [None; REGISTERED.len()];
                at[slot] = Some(text.len());
                text.push_str(value);
                text.push_str(r#","z":0}"#);
                let whole = scan(text.as_bytes(), exact_number);
                let found = view_at(text.as_bytes(), &at, exact_number);
                match (whole, found) {
                    (Ok(whole), Ok(found)) => {
                        assert_eq!(
                            (&found.exp, &found.nbf, &found.iat, &found.iss),
                            (&whole.exp, &whole.nbf, &whole.iat, &whole.iss),
                            "{text}"
                        );
                        assert_eq!(
                            (&found.sub, &found.jti, &found.aud),
                            (&whole.sub, &whole.jti, &whole.aud),
                            "{text}"
                        );
                        assert!(found.has_registered(name) && whole.has(name), "{text}");
                        assert!(whole.has_registered(name), "{text}");
                        for &other in REGISTERED.iter().filter(|&&other| other != *name) {
                            assert!(!found.has_registered(other), "{text}");
                        }
                    }
                    (whole, found) => assert_eq!(whole.err(), found.err(), "{text}"),
                }
            }
        }
        // Absent claims stay absent; an offset that is not a value's start fails.
        let text = br#"{"sub":"s"}"#;
        let none = view_at(text, &[None; REGISTERED.len()], exact_number).unwrap();
        assert!(REGISTERED.iter().all(|name| !none.has_registered(name)));
        let mut at = [None; REGISTERED.len()];
        at[4] = Some(text.len() + 3);
        assert_eq!(
            view_at(text, &at, exact_number).err(),
            Some(JsonError::Syntax)
        );
        assert_eq!(
            view_at(
                b"{\"sub\":\"\xff\"}",
                &[None; REGISTERED.len()],
                exact_number
            )
            .err(),
            Some(JsonError::Syntax)
        );
    }

    #[test]
    #[allow(clippy::unwrap_used, clippy::indexing_slicing)]
    fn the_tape_records_every_value_in_order() {
        let doc = r#"{ "a" : [1, "b", true, null, false, {"c": -0.5}], "d\u00e9": "é", "n": -0, "": {}, "seven77": 1, "é": 2, "sixsix": 3 }"#
            .as_bytes();
        let mut t = vec![99.0]; // cleared first
        scan_taped(doc, &mut t, exact_number).unwrap();
        use tape::*;
        #[rustfmt::skip]
        let want = [
            OBJECT, 7.0,
            SHORT_NAME, 97.0, // a
            ARRAY, 6.0,
            NUMBER, 1.0,
            PLAIN_STRING, 13.0, 14.0, // b
            TRUE, NULL, FALSE,
            OBJECT, 1.0,
            SHORT_NAME, 99.0, // c
            NUMBER, -0.5,
            STRING, 50.0, 59.0, // "d\u00e9", quotes included
            STRING, 61.0, 65.0, // "é"
            SHORT_NAME, 110.0, // n
            NUMBER, -0.0,
            SHORT_NAME, 0.0, // the empty name
            OBJECT, 0.0,
            PLAIN_STRING, 85.0, 92.0, // seven77: too long to pack
            NUMBER, 1.0,
            STRING, 98.0, 102.0, // "é": not ASCII
            NUMBER, 2.0,
            SHORT_NAME, 0x7869_7378_6973_u64 as f64, // sixsix, "s" lowest
            NUMBER, 3.0,
        ];
        assert_eq!(t.len(), want.len(), "{t:?}");
        for (got, want) in t.iter().zip(want) {
            assert_eq!(got.to_bits(), want.to_bits(), "{t:?}");
        }
        let text = |from: usize, to: usize| &doc[from..to];
        assert_eq!(text(3, 4), b"a");
        assert_eq!(text(42, 46), b"-0.5");
        assert_eq!(text(50, 59), br#""d\u00e9""#);
        assert_eq!(text(61, 65), "\"é\"".as_bytes());
        assert_eq!(text(85, 92), b"seven77");
        assert_eq!(text(98, 102), "\"é\"".as_bytes());
        // Without a tape, the scan is the same.
        assert_eq!(
            scan(doc, exact_number).unwrap(),
            scan_taped(doc, &mut t, exact_number).unwrap()
        );
    }

    /// The scanner accepts exactly the documents serde_json accepts (apart
    /// from duplicate names, which serde_json keeps and the scan refuses).
    #[test]
    #[cfg(feature = "std")] // the oracle
    fn agrees_with_serde_json_on_the_grammar() {
        let docs: &[&[u8]] = &[
            br#"{}"#,
            b" \t\r\n{ } \n",
            br#"{"a":-0}"#,
            br#"{"a":1E5}"#,
            br#"{"a":1e+5}"#,
            br#"{"a":0.0e-0}"#,
            br#"{"a":"\u0000"}"#,
            br#"{"a":123456789012345678901234567890}"#,
            br#"{"a":1.7976931348623157e308}"#,
            br#"{"a":1.8e308}"#,
            br#"{"a":1e-400}"#,
            br#"{"a":[1,[2,[3]],{"b":null}],"c":true,"d":false}"#,
            br#"{"a":"\ud83d\ude00"}"#,
            br#"{"a":"\ud83d"}"#,
            br#"{"a":"\ude00"}"#,
            br#"{"a":"\ud83dx"}"#,
            br#"{"a":"\x"}"#,
            br#"{"a":01}"#,
            br#"{"a":1.}"#,
            br#"{"a":.5}"#,
            br#"{"a":+1}"#,
            br#"{"a":1e}"#,
            br#"{"a":-}"#,
            br#"{"a":tru}"#,
            br#"{"a":nul}"#,
            br#"{"a":1,}"#,
            br#"{,}"#,
            br#"{"a" 1}"#,
            br#"{a:1}"#,
            br#"{"a":[1,]}"#,
            br#"{"a":[,1]}"#,
            b"{\"a\":\"\xc3\xa9\"}",
            b"{\"a\":\"\t\"}",
            b"{\"a\":\"\xff\"}",
            b"{\"a\xff\":1}",
            br#"{"a":1} x"#,
            br#"{"a":"\/\b\f\n\r\t\"\\"}"#,
            br#"{"\u0061":1,"b":2}"#,
            b"{\"a\":1}\x00",
            br#"{"a":-0.0E-0}"#,
            br#"{"a":1e0309}"#,
            br#"{"a":-1e400}"#,
            br#"{"a":"\uD834\uDD1E"}"#,
        ];
        for doc in docs {
            let ours = scan(doc, exact_number);
            let theirs = serde_json::from_slice::<serde_json::Value>(doc);
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{}: scan {:?}, serde_json {:?}",
                String::from_utf8_lossy(doc),
                ours.err(),
                theirs.err().map(|e| e.to_string())
            );
        }
    }

    #[test]
    fn numbers_are_read_exactly_and_overflow_is_refused() {
        // Every form the fast path leaves, natively through the standard
        // library's parser (the wasm suite checks the host's, in codec.rs).
        for text in [
            "1700000000.5",
            "2.5e3",
            "-3.25",
            "1700000000.12345678901234567890123",
            "46120035520202539e-20",
            "131072.7327249120900",
            "131072.73272391206411",
            "123456789012345678901234567890",
            "1.7976931348623157e308",
            "5e-324",
        ] {
            let want: f64 = text.parse().unwrap_or(f64::NAN);
            let got = super::number_value(text.as_bytes(), exact_number).unwrap_or(f64::NAN);
            assert_eq!(got.to_bits(), want.to_bits(), "{text}");
        }
        for text in [
            "1e309",
            "-1e309",
            "2e308",
            "1.7976931348623159e308",
            "1e99999999999",
        ] {
            assert_eq!(
                super::number_value(text.as_bytes(), exact_number),
                None,
                "{text}"
            );
        }
    }

    #[test]
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    fn string_end_finds_what_a_byte_search_finds() {
        // Every length and position around the 8-byte words, with each kind
        // of stopping byte, and high bytes before, at and after it.
        let fill = [
            b'a', b'"', b'\\', 0x00, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xc3, 0xff, 0x5b, 0x5d,
        ];
        for len in 0..40 {
            for seed in 0..fill.len() {
                let bytes: Vec<u8> = (0..len)
                    .map(|i| fill[(i * 5 + seed * 3 + i / 7) % fill.len()])
                    .collect();
                let naive = bytes
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                    .map(|at| (at, bytes[..at].iter().any(|&b| b >= 0x80)));
                assert_eq!(string_end(&bytes), naive, "{bytes:?}");
                let plain: Vec<u8> = bytes
                    .iter()
                    .map(|&b| {
                        if b < 0x20 || b == b'"' || b == b'\\' {
                            b'x'
                        } else {
                            b
                        }
                    })
                    .collect();
                assert_eq!(string_end(&plain), None, "{plain:?}");
            }
        }
    }

    #[test]
    fn heapsort_sorts() {
        let mut v = vec!["d", "a", "c", "b", "a", "e", "", "zz", "z"];
        let mut want = v.clone();
        want.sort_unstable();
        super::heapsort(&mut v);
        assert_eq!(v, want);
    }

    #[test]
    fn many_names_are_checked_without_quadratic_work() {
        let mut doc = String::from("{");
        for i in 0..50_000 {
            doc.push_str(&format!("\"k{i}\":{i},"));
        }
        doc.push_str("\"k49999\":0}");
        assert_eq!(
            scan(doc.as_bytes(), exact_number).err(),
            Some(JsonError::Duplicate)
        );
    }

    #[test]
    fn div10_divides_every_u32_by_ten() {
        // Every 997th value, and the ends of each power of ten.
        let mut v = 0u32;
        while let Some(next) = v.checked_add(997) {
            assert_eq!(div10(v), v / 10, "{v}");
            v = next;
        }
        for p in (0..10).map(|e| 10u32.pow(e)) {
            for w in [p - 1, p, p + 1, u32::MAX - p] {
                assert_eq!(div10(w), w / 10, "{w}");
            }
        }
        assert_eq!(div10(u32::MAX), u32::MAX / 10);
    }

    #[test]
    #[cfg(feature = "std")] // the oracle
    #[allow(clippy::unwrap_used)]
    fn writes_what_it_reads() {
        let text = "a\"b\\c\n\u{1}\u{8}\u{c}\r\t\u{1f}\u{7f}é😀";
        let mut out = Vec::new();
        write_string(&mut out, text);
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            concat!(r#""a\"b\\c\n\u0001\b\f\r\t\u001f"#, "\u{7f}é😀\"")
        );
        let back: String = serde_json::from_str(&out).unwrap_or_default();
        assert_eq!(back, text);
        for v in [
            0,
            7,
            10,
            1_700_000_000,
            4_294_967_295,
            4_294_967_296,
            u64::MAX,
        ] {
            let mut out = Vec::new();
            write_u64(&mut out, v);
            assert_eq!(out, v.to_string().as_bytes());
        }
    }
}
