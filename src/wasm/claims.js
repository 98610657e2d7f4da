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
// whole seconds, rounded down. The core parses the text again, strictly.
//
// In (verify, decodeUnverified): the JSON the core has already checked,
// read from wasm memory -> objects, exactly as JSON.parse would build them.

import { kindOf, dateMillis } from "./brand.js";
import { wasmBytes, writeText } from "./memory.js";

// Refusal reasons; src/wasm/claims.rs has the same numbers and the messages.
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

// brand.js kinds.
const K_UNDEFINED = 0, K_NULL = 1, K_BOOLEAN = 2, K_NUMBER = 3, K_STRING = 4,
  K_ILL_FORMED_STRING = 5, K_BIGINT = 6, K_SYMBOL = 7, K_FUNCTION = 8, K_ARRAY = 9,
  K_PLAIN_OBJECT = 10, K_DATE = 11, K_UINT8ARRAY = 12;

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
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (text) => text.isWellFormed()
    : (text) => !LONE.test(text);
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;

class Refusal {
  constructor(reason, cause) {
    this.reason = reason;
    this.cause = cause;
  }
}

/**
 * Writes the claims as JSON text into the `capacity` bytes of wasm memory at
 * `ptr` and returns the number of bytes written; returns the text itself when
 * it does not fit, and `[reason, claim, cause]` when the claims cannot be JSON:
 * `claim` is the top-level member at fault (undefined for the whole object),
 * `cause` what the caller's code threw, if anything.
 */
export function claimsToWasm(claims, maxDepth, maxValues, ptr, capacity) {
  if (kindOf(claims) !== K_PLAIN_OBJECT) return [NOT_AN_OBJECT, undefined, undefined];
  const walk = { budget: maxValues, ancestors: [claims], maxDepth };
  let names;
  try {
    names = ownNames(claims);
  } catch (e) {
    return e instanceof Refusal ? [e.reason, undefined, e.cause] : [UNREADABLE, undefined, e];
  }
  let text = "{";
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    try {
      const value = claims[name];
      let json;
      if (TIME_CLAIMS.has(name) && kindOf(value) === K_DATE) {
        spend(walk);
        const seconds = Math.floor(dateMillis(value) / 1000);
        if (!Number.isFinite(seconds)) throw new Refusal(INVALID_DATE);
        json = String(seconds);
      } else {
        json = write(value, walk);
      }
      text += (i === 0 ? "" : ",") + quote(name) + ":" + json;
    } catch (e) {
      return e instanceof Refusal ? [e.reason, name, e.cause] : [UNREADABLE, name, e];
    }
  }
  text += "}";
  const written = writeText(text, ptr, capacity);
  return written < 0 ? text : written;
}

function spend(walk) {
  if (--walk.budget < 0) throw new Refusal(TOO_MANY);
}

/** The JSON text of one value. */
function write(value, walk) {
  spend(walk);
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      if (!Number.isFinite(value)) throw new Refusal(NOT_FINITE);
      // The same digits JSON.stringify writes (and "0" for -0).
      return String(value);
    case "boolean":
      return value ? "true" : "false";
  }
  if (value === null) return "null";
  const kind = kindOf(value);
  if (kind === K_ARRAY || kind === K_PLAIN_OBJECT) return nested(value, kind, walk);
  throw new Refusal(LEAF_REFUSAL[kind] ?? OTHER_OBJECT);
}

function nested(value, kind, walk) {
  if (walk.ancestors.includes(value)) throw new Refusal(CYCLE);
  // The claims object is depth 1, as for verify.
  if (walk.ancestors.length >= walk.maxDepth) throw new Refusal(TOO_DEEP);
  walk.ancestors.push(value);
  let text;
  if (kind === K_ARRAY) {
    const length = value.length;
    if (!(length <= walk.budget)) throw new Refusal(TOO_MANY);
    text = "[";
    for (let i = 0; i < length; i++) text += (i === 0 ? "" : ",") + write(value[i], walk);
    text += "]";
  } else {
    const names = ownNames(value);
    text = "{";
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      text += (i === 0 ? "" : ",") + quote(name) + ":" + write(value[name], walk);
    }
    text += "}";
  }
  walk.ancestors.pop();
  return text;
}

/**
 * A string as JSON text; refuses lone surrogates. Most strings need no escape
 * and are quoted as they are; the rest go to JSON.stringify.
 */
function quote(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      if (!wellFormed(text)) throw new Refusal(LONE_SURROGATE);
      return JSON.stringify(text);
    }
  }
  return '"' + text + '"';
}

/** The own enumerable string names of a plain object, refusing symbol and ill-formed names. */
function ownNames(object) {
  for (const symbol of Object.getOwnPropertySymbols(object)) {
    if (propertyIsEnumerable.call(object, symbol)) throw new Refusal(SYMBOL_NAME);
  }
  const names = Object.keys(object);
  for (const name of names) if (!wellFormed(name)) throw new Refusal(LONE_SURROGATE_NAME);
  return names;
}

// ---------------------------------------------------------------------------
// In: checked JSON in wasm memory -> objects.
//
// The core's strict scanner has accepted the bytes (UTF-8, no duplicate
// names, at most 32 levels), so this reader never validates; it builds the
// same values JSON.parse would, without the string that JSON.parse needs
// (decoding it costs about as much as parsing it). Strings with escapes or
// non-ASCII bytes, and numbers that are not integers of at most 15 digits,
// are handed to JSON.parse or Number one at a time. Long documents go to
// JSON.parse whole: past about a kilobyte it is the faster of the two.

const decoder = new TextDecoder();
const fromCharCode = String.fromCharCode;
const defineProperty = Object.defineProperty;
const LONG = 1024;

/** Member names that a plain assignment would not simply create: `__proto__`, and
 * the names Object.prototype holds (frozen ones throw when assigned). */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

// Recently read member names, by a hash of their bytes: a name seen before is
// the same string, not a new one to build and intern.
const NAMES = new Array(256).fill("");
const NAME_INHERITED = new Array(256).fill(false);

/** Where the last value read ended: the readers below keep their position in
 * a local and hand it on here, once per value, not once per byte. */
let end = 0;

/** The checked JSON object of `len` bytes at `ptr`, as an object. */
export function claimsFromWasm(ptr, len) {
  const src = wasmBytes();
  if (len > LONG) return JSON.parse(decoder.decode(src.subarray(ptr, ptr + len)));
  return value(src, ptr);
}

/** `{ header, payload }` from two checked JSON objects in wasm memory. */
export function decodedFromWasm(headerPtr, headerLen, payloadPtr, payloadLen) {
  const header = claimsFromWasm(headerPtr, headerLen);
  return { header, payload: claimsFromWasm(payloadPtr, payloadLen) };
}

function space(src, p) {
  let c = src[p];
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = src[++p];
  return p;
}

/** The value at `p` (after any space); sets `end`. */
function value(src, p) {
  p = space(src, p);
  switch (src[p]) {
    case 0x22: {
      const start = p + 1;
      const stop = stringEnd(src, start);
      if (stop < 0) return escaped(src, start);
      end = stop + 1;
      return ascii(src, start, stop);
    }
    case 0x7b:
      return object(src, p + 1);
    case 0x5b:
      return array(src, p + 1);
    case 0x74:
      end = p + 4;
      return true;
    case 0x66:
      end = p + 5;
      return false;
    case 0x6e:
      end = p + 4;
      return null;
    default:
      return number(src, p);
  }
}

function object(src, p) {
  const out = {};
  p = space(src, p);
  if (src[p] === 0x7d) {
    end = p + 1;
    return out;
  }
  for (;;) {
    const start = space(src, p) + 1;
    const stop = stringEnd(src, start);
    let name, inherited;
    if (stop >= 0) {
      const slot = (((stop - start) << 5) ^ (src[start] << 1) ^ src[stop - 1]) & 255;
      name = NAMES[slot];
      if (!sameBytes(src, name, start, stop)) {
        name = ascii(src, start, stop);
        NAMES[slot] = name;
        NAME_INHERITED[slot] = INHERITED.has(name);
      }
      inherited = NAME_INHERITED[slot];
      p = stop + 1;
    } else {
      name = escaped(src, start);
      inherited = INHERITED.has(name);
      p = end;
    }
    p = space(src, p) + 1; // ':'
    const v = value(src, p);
    if (inherited) {
      defineProperty(out, name, { value: v, writable: true, enumerable: true, configurable: true });
    } else {
      out[name] = v;
    }
    p = space(src, end);
    if (src[p] === 0x7d) {
      end = p + 1;
      return out;
    }
    p++; // ','
  }
}

function array(src, p) {
  const out = [];
  p = space(src, p);
  if (src[p] === 0x5d) {
    end = p + 1;
    return out;
  }
  for (let i = 0; ; i++) {
    out[i] = value(src, p);
    p = space(src, end);
    if (src[p] === 0x5d) {
      end = p + 1;
      return out;
    }
    p++; // ','
  }
}

/** The index of the closing quote of the string whose text starts at `p`, when the
 * string is plain ASCII without escapes; otherwise -1, and `end` is set past it. */
function stringEnd(src, p) {
  let plain = true;
  let c;
  while ((c = src[p]) !== 0x22) {
    if (c === 0x5c) {
      plain = false;
      p += 2;
    } else {
      if (c >= 0x80) plain = false;
      p++;
    }
  }
  if (plain) return p;
  end = p + 1;
  return -1;
}

/** A string with escapes or non-ASCII bytes whose text starts at `start`; ends at `end`. */
function escaped(src, start) {
  return JSON.parse(decoder.decode(src.subarray(start - 1, end)));
}

function sameBytes(src, name, start, stop) {
  const n = stop - start;
  if (name.length !== n) return false;
  for (let i = 0; i < n; i++) if (name.charCodeAt(i) !== src[start + i]) return false;
  return true;
}

function ascii(src, start, stop) {
  switch (stop - start) {
    case 0:
      return "";
    case 1:
      return fromCharCode(src[start]);
    case 2:
      return fromCharCode(src[start], src[start + 1]);
    case 3:
      return fromCharCode(src[start], src[start + 1], src[start + 2]);
    default: {
      let text = fromCharCode(src[start], src[start + 1], src[start + 2], src[start + 3]);
      for (let i = start + 4; i < stop; i++) text += fromCharCode(src[i]);
      return text;
    }
  }
}

function number(src, p) {
  const start = p;
  const negative = src[p] === 0x2d;
  if (negative) p++;
  const first = p;
  let n = 0;
  let c;
  while ((c = src[p]) >= 0x30 && c <= 0x39) {
    n = n * 10 + (c - 0x30);
    p++;
  }
  // Up to 15 digits, every step is exact; anything else is read as JSON.parse reads it.
  if (c === 0x2e || c === 0x65 || c === 0x45 || p - first > 15) {
    while (
      ((c = src[p]) >= 0x30 && c <= 0x39) ||
      c === 0x2e ||
      c === 0x65 ||
      c === 0x45 ||
      c === 0x2b ||
      c === 0x2d
    ) {
      p++;
    }
    end = p;
    return Number(ascii(src, start, p));
  }
  end = p;
  return negative ? -n : n;
}
