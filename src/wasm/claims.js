// Claims across the boundary, both ways, in one call each. Used only by the
// edge-jwt wasm boundary (src/wasm/claims.rs).
//
// Out (issue): JavaScript claims -> the JSON text of the payload, written
// into wasm memory.
//
// Every value is read once, checked, and written as JSON text straight away,
// so nothing that JSON.stringify would silently drop or change (undefined,
// functions, NaN, Dates, Maps, a toJSON method, a getter that answers
// differently the second time) reaches the token: each is refused, naming the
// top-level claim it is in. Top-level `exp`, `nbf` and `iat` may be Dates:
// whole seconds, rounded down. The walk notes where the value of each
// registered claim starts; the core checks those values, strictly.
//
// In (verify): a payload the core has checked, and the tape its scan
// recorded, in wasm memory -> objects, exactly as JSON.parse would build them.

import {
  K_ARRAY, K_BIGINT, K_DATE, K_FUNCTION, K_ILL_FORMED_STRING, K_PLAIN_OBJECT, K_SYMBOL, K_UINT8ARRAY,
  K_UNDEFINED, SYMBOL_MEMBER, dateMillis, kindOf, ownNamesOf,
} from "./brand.js";
import { createJwtError } from "./error.js";
import { detached, keep, wasmBytes, wasmFloats } from "./memory.js";

// Refusal reasons, and their messages.
const NOT_AN_OBJECT = 0;
const NOT_FINITE = 1;
const LONE_SURROGATE = 2;
const UNDEFINED_VALUE = 3;
const FUNCTION_VALUE = 4;
const SYMBOL_VALUE = 5;
const BIGINT_VALUE = 6;
const DATE_VALUE = 7;
const BYTES_VALUE = 8;
const OTHER_OBJECT = 9;
const INVALID_DATE = 10;
const TOO_MANY = 11;
const CYCLE = 12;
const TOO_DEEP = 13;
const UNREADABLE = 14;
const SYMBOL_NAME = 15;
const LONE_SURROGATE_NAME = 16;
const REASONS = [
  "the claims must be a plain object (not an array, null or a class instance)",
  "claim holds NaN or an infinite number, which JSON cannot carry",
  "claim holds a string with a lone surrogate, which UTF-8 cannot carry",
  "claim holds undefined, which JSON cannot carry; leave the member out",
  "claim holds a function, which JSON cannot carry",
  "claim holds a symbol, which JSON cannot carry",
  "claim holds a BigInt, which JSON cannot carry; use a number or a string",
  "claim holds a Date; only exp, nbf and iat convert one (to seconds): convert it yourself",
  "claim holds a Uint8Array, which JSON cannot carry; encode it as a string",
  "claim holds an object that is not a plain object or an array (a Map, a Set, a class instance), which JSON cannot carry",
  "claim is an invalid Date",
  "claims hold too many values for a token that could be verified",
  "claim holds a cycle (an object that contains itself)",
  "claim is nested deeper than verify accepts (32 levels, counting the claims)",
  "the claims cannot be read (a getter or a Proxy trap threw)",
  "a member is named by a symbol, which JSON cannot carry",
  "a member name holds a lone surrogate, which UTF-8 cannot carry",
];


const LEAF_REFUSAL = {
  [K_ILL_FORMED_STRING]: LONE_SURROGATE,
  [K_UNDEFINED]: UNDEFINED_VALUE,
  [K_FUNCTION]: FUNCTION_VALUE,
  [K_SYMBOL]: SYMBOL_VALUE,
  [K_BIGINT]: BIGINT_VALUE,
  [K_DATE]: DATE_VALUE,
  [K_UINT8ARRAY]: BYTES_VALUE,
};

const TIME_CLAIMS = new Set(["exp", "nbf", "iat"]);

class Refusal {
  constructor(reason, cause) {
    this.reason = reason;
    this.cause = cause;
  }
}

/**
 * `issue`'s way in (src/wasm/claims.rs). Writes the claims as JSON text into
 * the `capacity` bytes of wasm memory at `ptr` and returns the number of bytes
 * written; or returns -1 when the text does not fit, and keeps (memory.js) its
 * UTF-8; or returns -2 when the claims cannot be JSON, and keeps the JwtError
 * (ERR_INVALID_CLAIMS, naming the top-level claim at fault, with what the
 * caller's code threw as its cause). Writes where the registered claims'
 * values start into the f64s at `registeredPtr` (see `noteRegistered`).
 * Never throws.
 */
export function enterIssue(claims, maxDepth, maxValues, ptr, capacity, registeredPtr) {
  const out = claimsToWasm(claims, maxDepth, maxValues, ptr, capacity, registeredPtr);
  if (typeof out === "number") return out;
  if (!Array.isArray(out)) {
    keep(out);
    return -1;
  }
  const [reason, claim, cause] = out;
  const message = claim === undefined ? REASONS[reason] : `"${claim}": ${REASONS[reason]}`;
  keep(createJwtError("ERR_INVALID_CLAIMS", message, claim, undefined, undefined, undefined, cause));
  return -2;
}

/**
 * Writes the claims as JSON text into the `capacity` bytes of wasm memory at
 * `ptr` and returns the number of bytes written; returns its UTF-8 when it
 * does not fit, and `[reason, claim, cause]` when the claims cannot be JSON.
 *
 * The text is written as UTF-8 bytes while the walk goes, straight into wasm
 * memory: no strings to join, no TextEncoder, no copy. Text that outgrows the
 * room moves to a buffer of this module's (see `reserve`).
 */
function claimsToWasm(claims, maxDepth, maxValues, ptr, capacity, registeredPtr) {
  if (kindOf(claims) !== K_PLAIN_OBJECT) return [NOT_AN_OBJECT, undefined, undefined];
  // `out` is all of wasm memory, written from `start` up to `end`; or, once
  // the text outgrew that (`moved`), a Uint8Array of its own.
  const walk = {
    budget: maxValues, ancestors: [claims], maxDepth,
    out: wasmBytes(), start: ptr, at: ptr, end: ptr + capacity, moved: false,
    registered: registeredPtr >>> 3,
  };
  return writeClaims(claims, walk);
}

function writeClaims(claims, walk) {
  let names;
  try {
    names = namesOf(claims, walk);
  } catch (e) {
    return e instanceof Refusal ? [e.reason, undefined, e.cause] : [UNREADABLE, undefined, e];
  }
  putByte(walk, 0x7b); // {
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    // The claim a refusal names: none while its own name is written (a name
    // with a lone surrogate is not one to name).
    let claim;
    try {
      putName(walk, name, i !== 0);
      claim = name;
      const value = member(claims, name, walk);
      if (name.length === 3) noteRegistered(walk, name);
      if (typeof value === "object" && value !== null && TIME_CLAIMS.has(name) && kindIn(value, walk) === K_DATE) {
        spend(walk);
        const seconds = Math.floor(dateMillis(value) / 1000);
        if (!Number.isFinite(seconds)) throw new Refusal(INVALID_DATE);
        putAscii(walk, String(seconds));
      } else {
        write(value, walk);
      }
    } catch (e) {
      return e instanceof Refusal ? [e.reason, claim, e.cause] : [UNREADABLE, claim, e];
    }
  }
  putByte(walk, 0x7d); // }
  if (walk.moved) return walk.out.subarray(0, walk.at);
  return walk.at - walk.start;
}

/**
 * When `name` is a registered claim that the core checks (src/core/json.rs,
 * `REGISTERED`, in the same order), writes where its value is about to start,
 * plus one, into its f64 at `walk.registered` (Rust zeroed them: 0 is absent).
 * The view is taken now, after the member's getter ran.
 */
function noteRegistered(walk, name) {
  let slot;
  switch (name) {
    case "exp": slot = 0; break;
    case "nbf": slot = 1; break;
    case "iat": slot = 2; break;
    case "iss": slot = 3; break;
    case "sub": slot = 4; break;
    case "jti": slot = 5; break;
    case "aud": slot = 6; break;
    default: return;
  }
  wasmFloats()[walk.registered + slot] = walk.at - walk.start + 1;
}

function spend(walk) {
  if (--walk.budget < 0) throw new Refusal(TOO_MANY);
}

/** Writes the JSON text of one value. */
function write(value, walk) {
  spend(walk);
  switch (typeof value) {
    case "string":
      return putString(walk, value);
    case "number":
      if (!Number.isFinite(value)) throw new Refusal(NOT_FINITE);
      // The same digits JSON.stringify writes (and "0" for -0).
      return putAscii(walk, String(value));
    case "boolean":
      return putAscii(walk, value ? "true" : "false");
  }
  if (value === null) return putAscii(walk, "null");
  const kind = kindIn(value, walk);
  if (kind === K_ARRAY || kind === K_PLAIN_OBJECT) return nested(value, kind, walk);
  throw new Refusal(LEAF_REFUSAL[kind] ?? OTHER_OBJECT);
}

function nested(value, kind, walk) {
  if (walk.ancestors.includes(value)) throw new Refusal(CYCLE);
  // The claims object is depth 1, as for verify.
  if (walk.ancestors.length >= walk.maxDepth) throw new Refusal(TOO_DEEP);
  walk.ancestors.push(value);
  if (kind === K_ARRAY) {
    const length = member(value, "length", walk);
    if (!(length <= walk.budget)) throw new Refusal(TOO_MANY);
    putByte(walk, 0x5b); // [
    for (let i = 0; i < length; i++) {
      if (i !== 0) putByte(walk, 0x2c);
      write(member(value, i, walk), walk);
    }
    putByte(walk, 0x5d); // ]
  } else {
    const names = namesOf(value, walk);
    putByte(walk, 0x7b);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      putName(walk, name, i !== 0);
      write(member(value, name, walk), walk);
    }
    putByte(walk, 0x7d);
  }
  walk.ancestors.pop();
}

// The caller's code (a getter, a Proxy trap) runs only in the next three
// functions. It may call into wasm and grow its memory, which detaches the
// walk's view of it (the addresses stay good): each renews the view after.
// Nothing else the walk does runs foreign code, so the writes need not check.

/** `object[key]`. */
function member(object, key, walk) {
  const value = object[key];
  renew(walk);
  return value;
}

/** `kindOf(value)` (brand.js), which asks a Proxy for its prototype. */
function kindIn(value, walk) {
  const kind = kindOf(value);
  renew(walk);
  return kind;
}

/** `ownNames(object)`. */
function namesOf(object, walk) {
  const names = ownNames(object);
  renew(walk);
  return names;
}

function renew(walk) {
  if (detached(walk.out)) walk.out = wasmBytes();
}

/**
 * Makes room for `more` bytes after the walk's last. Past the room, the text
 * moves to a Uint8Array of its own, and `claimsToWasm` returns it as a
 * string.
 */
function reserve(walk, more) {
  if (walk.at + more > walk.end) {
    const length = walk.at - walk.start;
    const grown = new Uint8Array(Math.max(2 * (walk.end - walk.start), length + more, 256));
    grown.set(walk.out.subarray(walk.start, walk.at));
    walk.out = grown;
    walk.start = 0;
    walk.at = length;
    walk.end = grown.length;
    walk.moved = true;
  }
}

function putByte(walk, byte) {
  reserve(walk, 1);
  walk.out[walk.at++] = byte;
}

/** ASCII text as it is (numbers and literals). */
function putAscii(walk, text) {
  reserve(walk, text.length);
  const out = walk.out;
  let at = walk.at;
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  walk.at = at;
}

const HEX = "0123456789abcdef";

/** A string value. */
function putString(walk, text) {
  // At most 6 bytes per UTF-16 unit (`\u001f`), plus the quotes.
  reserve(walk, 6 * text.length + 2);
  walk.at = stringAt(walk.out, walk.at, text, LONE_SURROGATE);
}

/** A member's name and its colon, after a comma unless it is the first. */
function putName(walk, name, comma) {
  reserve(walk, 6 * name.length + 4);
  const out = walk.out;
  let at = walk.at;
  if (comma) out[at++] = 0x2c; // ,
  at = stringAt(out, at, name, LONE_SURROGATE_NAME);
  out[at++] = 0x3a; // :
  walk.at = at;
}

/**
 * Writes `text` at `at` in `out` (which has room) as JSON text in UTF-8,
 * escaped as JSON.stringify escapes it (`"`, `\`, and control characters;
 * nothing else), and returns where it ends. Refuses a lone surrogate for
 * `lone` (the reason: in a value, or in a name).
 */
function stringAt(out, at, text, lone) {
  const n = text.length;
  out[at++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
        out[at++] = c;
      } else {
        out[at++] = 0x5c; // \
        const short = ESCAPES[c];
        if (short !== undefined) {
          out[at++] = short;
        } else {
          out[at++] = 0x75; // u00XX
          out[at++] = 0x30;
          out[at++] = 0x30;
          out[at++] = HEX.charCodeAt(c >> 4);
          out[at++] = HEX.charCodeAt(c & 15);
        }
      }
    } else if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 63);
    } else if (c < 0xd800 || c > 0xdfff) {
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 63);
      out[at++] = 0x80 | (c & 63);
    } else {
      // A high surrogate and then a low one; anything else is lone.
      const low = text.charCodeAt(i + 1);
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) throw new Refusal(lone);
      const point = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      out[at++] = 0xf0 | (point >> 18);
      out[at++] = 0x80 | ((point >> 12) & 63);
      out[at++] = 0x80 | ((point >> 6) & 63);
      out[at++] = 0x80 | (point & 63);
      i++;
    }
  }
  out[at++] = 0x22;
  return at;
}

/** The byte after the backslash for the escapes JSON.stringify shortens. */
const ESCAPES = { 0x22: 0x22, 0x5c: 0x5c, 0x08: 0x62, 0x0c: 0x66, 0x0a: 0x6e, 0x0d: 0x72, 0x09: 0x74 };

/** The own enumerable string names of a plain object, refusing symbol names. */
function ownNames(object) {
  const names = ownNamesOf(object);
  if (typeof names !== "number") return names;
  throw new Refusal(SYMBOL_NAME);
}

// ---------------------------------------------------------------------------
// In: a checked payload and its tape -> objects.
//
// The core's strict scan (src/core/json.rs, `scan_taped`) accepted the
// payload and recorded every value on a tape of f64s: a tag, then a count
// (objects, arrays), the value (numbers, read exactly) or where the text
// lies. This reader builds the same values JSON.parse would from it without
// looking at a byte it does not copy: plain ASCII strings are made from their
// bytes; strings with escapes or other characters are read by JSON.parse one
// at a time.

// Tape tags; src/core/json.rs (`tape`) has the same numbers.
const T_OBJECT = 1;
const T_ARRAY = 2;
const T_PLAIN_STRING = 3;
const T_STRING = 4;
const T_NUMBER = 5;
const T_TRUE = 6;
const T_FALSE = 7;
// 8 is null, the default below.
const T_SHORT_NAME = 9;

const decoder = new TextDecoder();
const fromCharCode = String.fromCharCode;
const defineProperty = Object.defineProperty;

/** Member names that a plain assignment would not simply create: `__proto__`, and
 * the names Object.prototype holds (frozen ones throw when assigned). Taken when
 * this module loads: a setter that code adds to Object.prototype later would run
 * where JSON.parse defines the member (asking the prototype live costs about
 * 45 ns a member). */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

// Recently read member names, by a hash of their bytes: a name seen before is
// the same (interned) string, not a new one to build and look up. Short names
// come as one number (T_SHORT_NAME): found by it, without reading their bytes.
const NAMES = new Array(256).fill("");
const NAME_INHERITED = new Array(256).fill(false);
const SHORT = new Array(256).fill("");
const SHORT_NUMBER = new Array(256).fill(-1);
const SHORT_INHERITED = new Array(256).fill(false);

/** The next unread tape entry (an index into the f64 view of wasm memory). */
let at = 0;

/** Keeps (memory.js) what `claimsFromTape` builds, for `verify` (classes.js) to take. */
export function keepClaimsFromTape(ptr, len, tapePtr, tapeLen) {
  keep(claimsFromTape(ptr, len, tapePtr, tapeLen));
}

/**
 * The payload of `len` bytes at `ptr` in wasm memory, as an object, from its
 * tape of `tapeLen` entries at `tapePtr`; an empty tape (a payload too long
 * to tape) means JSON.parse.
 */
function claimsFromTape(ptr, len, tapePtr, tapeLen) {
  const src = wasmBytes();
  if (tapeLen === 0) return json(src, ptr, ptr + len);
  // A setter the reader runs may verify, and read another tape: the place in
  // this one is put back after.
  const outer = at;
  at = tapePtr >>> 3;
  try {
    return read(src, wasmFloats(), ptr);
  } finally {
    at = outer;
  }
}

/** `{ header, payload }` from two checked JSON objects in wasm memory (not hot: JSON.parse). */
export function keepDecoded(headerPtr, headerLen, payloadPtr, payloadLen) {
  const src = wasmBytes();
  keep({
    header: json(src, headerPtr, headerPtr + headerLen),
    payload: json(src, payloadPtr, payloadPtr + payloadLen),
  });
}

/** The value whose entry is next on `tape`; positions are relative to `base`. */
function read(src, tape, base) {
  switch (tape[at++]) {
    case T_OBJECT: {
      const count = tape[at++];
      const out = {};
      for (let i = 0; i < count; i++) {
        const tag = tape[at];
        let name, inherited;
        if (tag === T_SHORT_NAME) {
          const number = tape[at + 1];
          at += 2;
          // The low 32 bits: the first four bytes.
          const low = number | 0;
          const slot = (low ^ (low >>> 13) ^ (low >>> 22)) & 255;
          if (SHORT_NUMBER[slot] !== number) {
            SHORT[slot] = unpack(number);
            SHORT_NUMBER[slot] = number;
            SHORT_INHERITED[slot] = INHERITED.has(SHORT[slot]);
          }
          name = SHORT[slot];
          inherited = SHORT_INHERITED[slot];
        } else {
          const start = base + tape[at + 1];
          const stop = base + tape[at + 2];
          at += 3;
          if (tag === T_PLAIN_STRING) {
            const slot = (((stop - start) << 5) ^ (src[start] << 1) ^ src[stop - 1]) & 255;
            name = NAMES[slot];
            if (!sameBytes(src, name, start, stop)) {
              name = interned(ascii(src, start, stop));
              NAMES[slot] = name;
              NAME_INHERITED[slot] = INHERITED.has(name);
            }
            inherited = NAME_INHERITED[slot];
          } else {
            name = json(src, start, stop);
            inherited = INHERITED.has(name);
          }
        }
        const value = read(src, tape, base);
        if (inherited) {
          defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
        } else {
          out[name] = value;
        }
      }
      return out;
    }
    case T_ARRAY: {
      const count = tape[at++];
      const out = [];
      for (let i = 0; i < count; i++) out[i] = read(src, tape, base);
      return out;
    }
    case T_PLAIN_STRING: {
      const start = base + tape[at];
      const stop = base + tape[at + 1];
      at += 2;
      return ascii(src, start, stop);
    }
    case T_STRING: {
      const start = base + tape[at];
      const stop = base + tape[at + 1];
      at += 2;
      return json(src, start, stop);
    }
    case T_NUMBER:
      return tape[at++];
    case T_TRUE:
      return true;
    case T_FALSE:
      return false;
    default:
      return null;
  }
}

/** A T_SHORT_NAME's name, interned: its bytes, the first in the lowest 8 bits. */
function unpack(number) {
  let name = "";
  for (let rest = number; rest > 0; rest = Math.floor(rest / 256)) name += fromCharCode(rest % 256);
  return interned(name);
}

/** The engine's own copy of `name` (an object's keys are interned). */
function interned(name) {
  return Object.keys({ [name]: 0 })[0];
}

/** The JSON text between `start` and `stop` (a string with its quotes, or a document) as JSON.parse reads it. */
function json(src, start, stop) {
  return JSON.parse(decoder.decode(src.subarray(start, stop)));
}

function sameBytes(src, name, start, stop) {
  const n = stop - start;
  if (name.length !== n) return false;
  for (let i = 0; i < n; i++) if (name.charCodeAt(i) !== src[start + i]) return false;
  return true;
}

/**
 * Plain ASCII bytes as a string: one call, so one allocation, up to 16
 * characters (claims are mostly short); longer ones 16 at a time, and past
 * 64 through TextDecoder.
 */
function ascii(src, start, stop) {
  const s = start;
  switch (stop - start) {
    case 0:
      return "";
    case 1:
      return fromCharCode(src[s]);
    case 2:
      return fromCharCode(src[s], src[s + 1]);
    case 3:
      return fromCharCode(src[s], src[s + 1], src[s + 2]);
    case 4:
      return fromCharCode(src[s], src[s + 1], src[s + 2], src[s + 3]);
    case 5:
      return fromCharCode(src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4]);
    case 6:
      return fromCharCode(src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5]);
    case 7:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6],
      );
    case 8:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6], src[s + 7],
      );
    case 9:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6], src[s + 7],
        src[s + 8],
      );
    case 10:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6], src[s + 7],
        src[s + 8], src[s + 9],
      );
    case 11:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6], src[s + 7],
        src[s + 8], src[s + 9], src[s + 10],
      );
    case 12:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6], src[s + 7],
        src[s + 8], src[s + 9], src[s + 10], src[s + 11],
      );
    case 13:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6], src[s + 7],
        src[s + 8], src[s + 9], src[s + 10], src[s + 11], src[s + 12],
      );
    case 14:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6], src[s + 7],
        src[s + 8], src[s + 9], src[s + 10], src[s + 11], src[s + 12], src[s + 13],
      );
    case 15:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6], src[s + 7],
        src[s + 8], src[s + 9], src[s + 10], src[s + 11], src[s + 12], src[s + 13], src[s + 14],
      );
    case 16:
      return fromCharCode(
        src[s], src[s + 1], src[s + 2], src[s + 3], src[s + 4], src[s + 5], src[s + 6], src[s + 7],
        src[s + 8], src[s + 9], src[s + 10], src[s + 11], src[s + 12], src[s + 13], src[s + 14], src[s + 15],
      );
  }
  if (stop - start > 64) return decoder.decode(src.subarray(start, stop));
  return ascii(src, start, start + 16) + ascii(src, start + 16, stop);
}

