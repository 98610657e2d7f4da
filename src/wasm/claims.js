// Claims across the boundary, both ways, each outside the call into wasm
// (classes.js).
//
// Out (issue, before the call): JavaScript claims -> the JSON text of the
// payload, which classes.js writes into wasm memory.
//
// Every value is read once, checked, and written as JSON text straight away,
// so nothing that JSON.stringify would silently drop or change (undefined,
// functions, NaN, Dates, Maps, a toJSON method, a getter that answers
// differently the second time) reaches the token: each is refused, naming the
// top-level claim it is in. Top-level `exp`, `nbf` and `iat` may be Dates:
// whole seconds, rounded down. The walk notes where the value of each
// registered claim starts; the core checks those values, strictly.
//
// In (verify, after the call): a payload the core has checked, and the tape
// its scan recorded, in wasm memory -> objects, exactly as JSON.parse would
// build them: own data properties, whatever the prototypes hold.

import {
  K_ARRAY, K_BIGINT, K_DATE, K_FUNCTION, K_ILL_FORMED_STRING, K_PLAIN_OBJECT, K_SYMBOL, K_UINT8ARRAY,
  K_UNDEFINED, SYMBOL_MEMBER, bufferOf, charCodeAt, dateMillis, defineData, kindOf, ownNamesOf,
} from "./brand.js";
import { createJwtError } from "./error.js";
import { copyBytes, textFromWasm, wasmBytes, wasmFloats } from "./memory.js";
import {
  REGISTERED, TAPE_ARRAY, TAPE_FALSE, TAPE_NUMBER, TAPE_OBJECT, TAPE_PLAIN_STRING, TAPE_SHORT_NAME, TAPE_STRING,
  TAPE_TRUE, TEXT_CLAIMS_REFUSED, TEXT_TOO_LONG,
} from "./protocol.js";

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
const BAD_LENGTH = 17;
const TO_JSON = 18;
/** Not a refusal of the claims: the text outgrew maxTokenLength (TEXT_TOO_LONG). */
const TOO_LONG = 19;
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
  "claim holds an array whose length is not a whole number (a Proxy's?), which JSON cannot carry",
  "an object with a toJSON method, which JSON.stringify would call, is not signed as it is: call it yourself",
];

// Every lookup table is an object without a prototype, not a Map or a Set:
// nothing a caller puts on a prototype (Map.prototype.get, a getter or a value
// at an index of Object.prototype) runs in a lookup or answers it.

/** Why a value of each kind is refused; any other kind that is not JSON is OTHER_OBJECT. */
const LEAF_REFUSAL = {
  __proto__: null,
  [K_ILL_FORMED_STRING]: LONE_SURROGATE,
  [K_UNDEFINED]: UNDEFINED_VALUE,
  [K_FUNCTION]: FUNCTION_VALUE,
  [K_SYMBOL]: SYMBOL_VALUE,
  [K_BIGINT]: BIGINT_VALUE,
  [K_DATE]: DATE_VALUE,
  [K_UINT8ARRAY]: BYTES_VALUE,
};

const TIME_CLAIMS = { __proto__: null, exp: true, nbf: true, iat: true };

const getPrototypeOf = Object.getPrototypeOf;
const hasOwn = Object.hasOwn;
const ObjectPrototype = Object.prototype;
const ArrayPrototype = Array.prototype;

/**
 * Why the walk stopped. Told apart from what the caller's code throws by its
 * private field, a test that cannot throw (`instanceof` can: on a revoked
 * Proxy, it does). Its fields are declared, so defined: a setter of the same
 * name on `Object.prototype` never takes them.
 */
class Refusal {
  #refusal;
  reason;
  cause;
  constructor(reason, cause) {
    this.reason = reason;
    this.cause = cause;
  }
  static is(value) {
    return typeof value === "object" && value !== null && #refusal in value;
  }
}

/** A buffer for the next walk; a walk run by a getter during another takes its own. */
let spare = new Uint8Array(1024);
/** Its length (kept here: the package never asks a typed array's `length` getter on the hot path). */
let spareRoom = 1024;

/**
 * The claims as the UTF-8 JSON text of the payload, before `issue` calls
 * into wasm: `{ text, length, registered, refused }`. `text` is a Uint8Array
 * whose first `length` bytes are the text (a buffer the next walk may reuse), or
 * TEXT_TOO_LONG when the text is longer than `maxBytes`, or
 * TEXT_CLAIMS_REFUSED when the claims cannot be JSON; `refused` is then
 * their JwtError (ERR_INVALID_CLAIMS, naming the top-level claim at fault,
 * with what the caller's code threw as its cause), kept and not thrown: the
 * options and the secret are reported first. `registered` tells where the
 * value of each registered claim the core checks starts (src/core/json.rs,
 * `REGISTERED`, in the same order), plus one (0: absent). Runs the caller's
 * getters and Proxy traps.
 */
export function claimsText(claims, maxDepth, maxValues, maxBytes) {
  const out = spare ?? new Uint8Array(1024);
  const room = spare === null ? 1024 : spareRoom;
  spare = null;
  const walk = {
    // The objects and arrays the walk is in, innermost first (a list, not an array, so that no
    // Array.prototype method a caller may have replaced runs), and how many.
    budget: maxValues, path: { value: claims, up: null }, depth: 1, maxDepth, maxBytes,
    out, room, at: 0,
    registered: [0, 0, 0, 0, 0, 0, 0],
  };
  const stopped = kindOf(claims) !== K_PLAIN_OBJECT ? [NOT_AN_OBJECT, undefined, undefined] : writeClaims(claims, walk);
  if (walk.room <= 65536) {
    spare = walk.out;
    spareRoom = walk.room;
  }
  if (stopped === undefined) {
    return { text: walk.out, length: walk.at, registered: walk.registered, refused: undefined };
  }
  const reason = stopped[0];
  const claim = stopped[1];
  const cause = stopped[2];
  if (reason === TOO_LONG) return { text: TEXT_TOO_LONG, length: 0, registered: undefined, refused: undefined };
  const message = claim === undefined ? REASONS[reason] : `"${claim}": ${REASONS[reason]}`;
  const refused = createJwtError("ERR_INVALID_CLAIMS", message, claim, undefined, undefined, undefined, cause);
  return { text: TEXT_CLAIMS_REFUSED, length: 0, registered: undefined, refused };
}

function writeClaims(claims, walk) {
  let names;
  try {
    noToJson(claims);
    names = ownNames(claims);
  } catch (e) {
    return Refusal.is(e) ? [e.reason, undefined, e.cause] : [UNREADABLE, undefined, e];
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
      const value = claims[name];
      if (name.length === 3) noteRegistered(walk, name);
      if (typeof value === "object" && value !== null && TIME_CLAIMS[name] === true && kindOf(value) === K_DATE) {
        spend(walk);
        const seconds = Math.floor(dateMillis(value) / 1000);
        if (!Number.isFinite(seconds)) throw new Refusal(INVALID_DATE);
        putAscii(walk, String(seconds));
      } else {
        write(value, walk);
      }
    } catch (e) {
      return Refusal.is(e) ? [e.reason, claim, e.cause] : [UNREADABLE, claim, e];
    }
  }
  putByte(walk, 0x7d); // }
  if (walk.at > walk.maxBytes) return [TOO_LONG, undefined, undefined];
  return undefined;
}

/** Where each registered claim that the core checks stands in `walk.registered` (protocol.js). */
const REGISTERED_SLOTS = { __proto__: null };
for (let slot = 0; slot < REGISTERED.length; slot++) REGISTERED_SLOTS[REGISTERED[slot]] = slot;

/**
 * When `name` is a registered claim that the core checks, notes where its
 * value is about to start, plus one (0 is absent).
 */
function noteRegistered(walk, name) {
  const slot = REGISTERED_SLOTS[name];
  if (slot !== undefined) walk.registered[slot] = walk.at + 1;
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
  const kind = kindOf(value);
  if (kind === K_ARRAY || kind === K_PLAIN_OBJECT) return nested(value, kind, walk);
  throw new Refusal(LEAF_REFUSAL[kind] ?? OTHER_OBJECT);
}

function nested(value, kind, walk) {
  for (let a = walk.path; a !== null; a = a.up) if (a.value === value) throw new Refusal(CYCLE);
  noToJson(value);
  // The claims object is depth 1, as for verify.
  if (walk.depth >= walk.maxDepth) throw new Refusal(TOO_DEEP);
  walk.path = { value, up: walk.path };
  walk.depth++;
  if (kind === K_ARRAY) {
    const length = value.length;
    // What JSON.stringify reads for a real array; a Proxy's may be anything.
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0) throw new Refusal(BAD_LENGTH);
    if (length > walk.budget) throw new Refusal(TOO_MANY);
    putByte(walk, 0x5b); // [
    for (let i = 0; i < length; i++) {
      if (i !== 0) putByte(walk, 0x2c);
      write(value[i], walk);
    }
    putByte(walk, 0x5d); // ]
  } else {
    const names = ownNames(value);
    putByte(walk, 0x7b);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      putName(walk, name, i !== 0);
      write(value[name], walk);
    }
    putByte(walk, 0x7d);
  }
  walk.path = walk.path.up;
  walk.depth--;
}

/**
 * Makes room for `more` bytes after the walk's last, in a larger buffer when
 * they do not fit; refuses text longer than `maxBytes` first, so that a huge
 * claim never grows a buffer.
 */
function reserve(walk, more) {
  const need = walk.at + more;
  if (need > walk.room) {
    // `more` is at most six bytes per UTF-16 unit, and a unit takes at least one.
    if (walk.at + more / 6 > walk.maxBytes) throw new Refusal(TOO_LONG);
    const room = Math.max(2 * walk.room, need);
    const grown = new Uint8Array(room);
    copyBytes(grown, new Uint8Array(bufferOf(walk.out), 0, walk.at), 0);
    walk.out = grown;
    walk.room = room;
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
  for (let i = 0; i < text.length; i++) out[at++] = charCodeAt(text, i);
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
    const c = charCodeAt(text, i);
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
          out[at++] = charCodeAt(HEX, c >> 4);
          out[at++] = charCodeAt(HEX, c & 15);
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
      const low = charCodeAt(text, i + 1);
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
const ESCAPES = { __proto__: null, 0x22: 0x22, 0x5c: 0x5c, 0x08: 0x62, 0x0c: 0x66, 0x0a: 0x6e, 0x0d: 0x72, 0x09: 0x74 };

/**
 * Refuses an object or array that JSON.stringify would replace by what its
 * `toJSON` returns: one of its own (enumerable or not), or one it inherits
 * from a prototype of its own (a class, an object made with Object.create).
 * Not one on this realm's Object.prototype or Array.prototype: what code puts
 * there changes nothing (and runs never: no getter is asked, only whether the
 * member is there). Runs a Proxy's traps.
 */
function noToJson(value) {
  // Usually absent from the whole chain: one lookup, which the engine caches by the object's shape.
  if (!("toJSON" in value)) return;
  for (let o = value; o !== null && o !== ObjectPrototype && o !== ArrayPrototype; o = getPrototypeOf(o)) {
    if (hasOwn(o, "toJSON")) throw new Refusal(TO_JSON);
  }
}

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

const fromCharCode = String.fromCharCode;
const parseJson = JSON.parse;

// Recently read member names, by a hash of their bytes: a name seen before is
// the same (interned) string, not a new one to build and look up. Short names
// come as one number (TAPE_SHORT_NAME): found by it, without reading their bytes.
const NAMES = new Array(256).fill("");
const SHORT = new Array(256).fill("");
const SHORT_NUMBER = new Array(256).fill(-1);

/** The next unread tape entry (an index into the f64 view of wasm memory). */
let at = 0;
/**
 * The names and values read so far of the objects being read, innermost
 * last, from `top` down (no caller code runs while the tape is read, so one
 * stack serves every call).
 */
const names = [];
const values = [];
let top = 0;
/**
 * Whether `Array.prototype` still inherits from `Object.prototype`, so that
 * asking it for an index runs no code (it could be a Proxy's otherwise):
 * asked at the first array of each payload (V8 answers with a runtime call).
 */
let arraysPlain;

/**
 * The payload of `len` bytes at `ptr` in wasm memory, as an object, from its
 * tape of `tapeLen` entries at `tapePtr`; an empty tape (a payload too long
 * to tape) means JSON.parse. Runs no caller code: every member is defined,
 * as JSON.parse defines it, whatever the prototypes hold (see `object`).
 */
export function claimsFromTape(ptr, len, tapePtr, tapeLen) {
  const src = wasmBytes();
  if (tapeLen === 0) return parseJson(textFromWasm(ptr, len));
  at = tapePtr >>> 3;
  // No read is under way (none runs caller code), but one a stack overflow cut short left its count.
  top = 0;
  arraysPlain = undefined;
  return read(src, wasmFloats(), ptr);
}

/** `{ header, payload }` from two checked JSON objects in wasm memory, one after the other (not hot: JSON.parse). */
export function decoded(ptr, len, headerLen) {
  return {
    header: parseJson(textFromWasm(ptr, headerLen)),
    payload: parseJson(textFromWasm(ptr + headerLen, len - headerLen)),
  };
}

/** The value whose entry is next on `tape`; positions are relative to `base`. */
function read(src, tape, base) {
  switch (tape[at++]) {
    case TAPE_OBJECT: {
      const count = tape[at++];
      // This object's names and values, above those of the objects it is in.
      const first = top;
      top += count;
      for (let i = first; i < top; i++) {
        const tag = tape[at];
        let name;
        if (tag === TAPE_SHORT_NAME) {
          const number = tape[at + 1];
          at += 2;
          // The low 32 bits: the first four bytes.
          const low = number | 0;
          const slot = (low ^ (low >>> 13) ^ (low >>> 22)) & 255;
          if (SHORT_NUMBER[slot] !== number) {
            SHORT[slot] = unpack(number);
            SHORT_NUMBER[slot] = number;
          }
          name = SHORT[slot];
        } else {
          const start = base + tape[at + 1];
          const stop = base + tape[at + 2];
          at += 3;
          if (tag === TAPE_PLAIN_STRING) {
            const slot = (((stop - start) << 5) ^ (src[start] << 1) ^ src[stop - 1]) & 255;
            name = NAMES[slot];
            if (!sameBytes(src, name, start, stop)) {
              name = interned(ascii(src, start, stop));
              NAMES[slot] = name;
            }
          } else {
            name = json(src, start, stop);
          }
        }
        // Past the stack's end, defined: assigned, an index a prototype has (a setter) would take it.
        if (i >= names.length) grow(i);
        names[i] = name;
        values[i] = read(src, tape, base);
      }
      const out = object(count, first);
      for (let i = first; i < top; i++) values[i] = undefined;
      top = first;
      return out;
    }
    case TAPE_ARRAY: {
      const count = tape[at++];
      const out = [];
      arraysPlain ??= getPrototypeOf(ArrayPrototype) === ObjectPrototype;
      for (let i = 0; i < count; i++) {
        const value = read(src, tape, base);
        if (arraysPlain && !(i in ArrayPrototype)) out[i] = value;
        else defineData(out, i, value);
      }
      return out;
    }
    case TAPE_PLAIN_STRING: {
      const start = base + tape[at];
      const stop = base + tape[at + 1];
      at += 2;
      return ascii(src, start, stop);
    }
    case TAPE_STRING: {
      const start = base + tape[at];
      const stop = base + tape[at + 1];
      at += 2;
      return json(src, start, stop);
    }
    case TAPE_NUMBER:
      return tape[at++];
    case TAPE_TRUE:
      return true;
    case TAPE_FALSE:
      return false;
    default:
      return null;
  }
}

/**
 * The object of the `count` names and values from `first` on. Up to eight,
 * an object literal: its computed keys define data properties, as JSON.parse
 * does, whatever `Object.prototype` holds (a setter there is not called).
 * Past eight, each member is assigned, or defined where a prototype has its
 * name: asked now, not when this module loaded, as a setter added since
 * would take the value instead of the object.
 */
function object(count, first) {
  const n = names;
  const v = values;
  const i = first;
  switch (count) {
    case 0:
      return {};
    case 1:
      return { [n[i]]: v[i] };
    case 2:
      return { [n[i]]: v[i], [n[i + 1]]: v[i + 1] };
    case 3:
      return { [n[i]]: v[i], [n[i + 1]]: v[i + 1], [n[i + 2]]: v[i + 2] };
    case 4:
      return { [n[i]]: v[i], [n[i + 1]]: v[i + 1], [n[i + 2]]: v[i + 2], [n[i + 3]]: v[i + 3] };
    case 5:
      return { [n[i]]: v[i], [n[i + 1]]: v[i + 1], [n[i + 2]]: v[i + 2], [n[i + 3]]: v[i + 3], [n[i + 4]]: v[i + 4] };
    case 6:
      return {
        [n[i]]: v[i], [n[i + 1]]: v[i + 1], [n[i + 2]]: v[i + 2], [n[i + 3]]: v[i + 3], [n[i + 4]]: v[i + 4],
        [n[i + 5]]: v[i + 5],
      };
    case 7:
      return {
        [n[i]]: v[i], [n[i + 1]]: v[i + 1], [n[i + 2]]: v[i + 2], [n[i + 3]]: v[i + 3], [n[i + 4]]: v[i + 4],
        [n[i + 5]]: v[i + 5], [n[i + 6]]: v[i + 6],
      };
    case 8:
      return {
        [n[i]]: v[i], [n[i + 1]]: v[i + 1], [n[i + 2]]: v[i + 2], [n[i + 3]]: v[i + 3], [n[i + 4]]: v[i + 4],
        [n[i + 5]]: v[i + 5], [n[i + 6]]: v[i + 6], [n[i + 7]]: v[i + 7],
      };
  }
  const out = {};
  for (let k = i; k < i + count; k++) {
    if (n[k] in ObjectPrototype) defineData(out, n[k], v[k]);
    else out[n[k]] = v[k];
  }
  return out;
}

/** Makes `i` an own index of the stack's arrays. */
function grow(i) {
  defineData(names, i, "");
  defineData(values, i, undefined);
}

/** A TAPE_SHORT_NAME's name, interned: its bytes, the first in the lowest 8 bits. */
function unpack(number) {
  let name = "";
  for (let rest = number; rest > 0; rest = Math.floor(rest / 256)) name += fromCharCode(rest % 256);
  return interned(name);
}

/** The engine's own copy of `name` (an object's keys are interned). */
function interned(name) {
  return Object.keys({ [name]: 0 })[0];
}

/** The JSON text between `start` and `stop` (a string with its quotes) as JSON.parse reads it. */
function json(src, start, stop) {
  return parseJson(textFromWasm(start, stop - start));
}

function sameBytes(src, name, start, stop) {
  const n = stop - start;
  if (name.length !== n) return false;
  for (let i = 0; i < n; i++) if (charCodeAt(name, i) !== src[start + i]) return false;
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
  if (stop - start > 64) return textFromWasm(start, stop - start);
  return ascii(src, start, start + 16) + ascii(src, start + 16, stop);
}

