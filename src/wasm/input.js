// What a call is given besides the claims and the token: the option bag, the
// secret and the clock. Read and checked here, where asking what a JavaScript
// value is costs nothing, and handed to Rust (src/wasm/input.rs) as numbers
// and UTF-8 in wasm memory, written just before the call: the record of f64s
// at the address `install` gave, and the bytes of the secret and of the string
// options in the buffer that `__edgeJwtStage` lends.
//
// Strict: `undefined` and `null` mean "no options"; any other non-object, an
// unknown name (a typo such as `expiresin`) or a value of the wrong type
// throws ERR_INVALID_OPTION naming the option, before anything else runs. A
// member whose value is `undefined` counts as absent. Ranges (a duration of
// at most 100 years, a leeway of at most a day, ...) are the core's to check,
// as they are for Rust callers.

import { JwtError, createJwtError } from "./error.js";
import {
  K_ARRAY, K_DATE, K_ILL_FORMED_STRING, K_PLAIN_OBJECT, K_STRING, dateMillis, isWellFormed, kindOf, uint8View,
} from "./brand.js";
import { utf8Into, wasmBytes, wasmFloats } from "./memory.js";

// The record's slots (f64s); src/wasm/input.rs has the same numbers.
const NOW = 0; // seconds since the epoch: the `now` option's reading, or Date.now()'s
const SECRET = 1; // KEY, REFUSED, DETACHED, or the secret's length in bytes
const ALLOW_SHORT_KEY = 2; // 1 or 0; NaN without an option bag, and then no option slot is written
const FIRST_OPTION = 3; // then each option of the kind, in the order of its list (NaN: absent)
const STATES = 16; // a Key's two states, 64 bytes (8 slots)

// What SECRET holds when the secret is not bytes.
const KEY = -1;
const REFUSED = -2;
const DETACHED = -3;

// What each option takes.
const DURATION = 0; // whole seconds, or a string such as "30m"
const WHOLE = 1; // whole, non-negative
const BOOLEAN = 2;
const STRING = 3; // slot: 0, and the string follows in the bytes
const ONE_OR_MANY = 4; // slot: -1 for one string, else the list's length
const LIST = 5; // of strings; slot: its length
const CLOCK = 6; // the NOW slot
const SHORT_KEY = 7; // the ALLOW_SHORT_KEY slot

/** The most items read from a list option. */
const MAX_LIST_ITEMS = 65536;

/** One kind of option bag: its options, in the order Rust reads them, `now` last. */
function kind(options, unknown) {
  return { options, index: new Map(options.map(([option], i) => [option, i])), unknown };
}

const ISSUE_OPTIONS = [
  ["expiresIn", DURATION], ["notBefore", DURATION], ["issuedAt", BOOLEAN],
  ["issuer", STRING], ["subject", STRING], ["audience", ONE_OR_MANY],
  ["jwtId", STRING], ["keyId", STRING], ["allowShortKey", SHORT_KEY], ["now", CLOCK],
];
const VERIFY_OPTIONS = [
  ["leeway", DURATION], ["maxAge", DURATION], ["issuer", ONE_OR_MANY],
  ["audience", ONE_OR_MANY], ["subject", STRING], ["requiredClaims", LIST],
  ["typ", STRING], ["maxTokenLength", WHOLE], ["allowShortKey", SHORT_KEY], ["now", CLOCK],
];
const listed = (options) =>
  `${options.slice(0, -1).map(([name]) => name).join(", ")} and ${options.at(-1)[0]}`;

export const ISSUE = kind(ISSUE_OPTIONS, `is not an option of issue; they are ${listed(ISSUE_OPTIONS)}`);
export const VERIFY = kind(VERIFY_OPTIONS, `is not an option of verify; they are ${listed(VERIFY_OPTIONS)}`);
export const KEY_SETUP = kind([["allowShortKey", SHORT_KEY]], "is not an option of Key; the only one is allowShortKey");

/** The module's exports (for `__edgeJwtStage`) and the record's first slot. */
let exports;
let record;

/** Called once, by `install` (classes.js), before any call. */
export function useRecord(wasmExports, recordAddress) {
  exports = wasmExports;
  record = recordAddress >>> 3;
}

/** Throws the JwtError of a bad option, worded as the core words them (src/core/error.rs). */
function refuse(option, message, cause) {
  throw createJwtError(
    "ERR_INVALID_OPTION", `option "${option}": ${message}`, undefined, undefined, undefined, option, cause,
  );
}

/**
 * Reads the option bag of `kind` and the secret, and writes them for Rust;
 * `statesOf` tells a Key's states (undefined: not a Key, null: a freed one).
 * Throws the JwtError of a bad option. Nothing is written before the last of
 * the caller's code (a getter, the clock function) has run.
 */
export function stage(kind, bag, secret, statesOf) {
  let slots;
  let strings;
  let now;
  let allowShortKey = NaN;
  if (bag !== undefined && bag !== null) {
    allowShortKey = 0;
    const values = read(kind, bag);
    const options = kind.options;
    slots = [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN];
    strings = [];
    for (let i = 0; i < options.length; i++) {
      const value = values[i];
      if (value === undefined) continue;
      const [option, type] = options[i];
      if (type === CLOCK) now = clock(value);
      else if (type === SHORT_KEY) allowShortKey = boolean(option, value);
      else slots[i] = convert(option, type, value, strings);
    }
  }
  // The secret last, as it is once the caller's code has run.
  const states = statesOf(secret);
  let secretSlot = KEY;
  let bytes;
  if (states === null) secretSlot = REFUSED;
  else if (states === undefined) {
    if (typeof secret === "string") bytes = secret;
    else {
      try {
        bytes = uint8View(secret);
        if (bytes === undefined) secretSlot = REFUSED;
      } catch {
        secretSlot = DETACHED;
      }
    }
  }
  if (bytes !== undefined || (strings !== undefined && strings.length !== 0)) {
    let room = bytes === undefined ? 0 : typeof bytes === "string" ? 3 * bytes.length : bytes.length;
    for (const text of strings ?? []) room += 4 + 3 * text.length;
    const ptr = exports.__edgeJwtStage(room) >>> 0;
    // 0: the buffer is in use, which only wasm threads could do (input.rs).
    if (ptr === 0) throw new Error("edge-jwt: the input buffer is in use by another thread");
    const memory = wasmBytes();
    let at = ptr;
    if (typeof bytes === "string") at += utf8Into(bytes, at);
    else if (bytes !== undefined) {
      memory.set(bytes, at);
      at += bytes.length;
    }
    if (bytes !== undefined) secretSlot = at - ptr;
    // Each string: its length in 4 bytes (little-endian), then its UTF-8.
    for (const text of strings ?? []) {
      const written = utf8Into(text, at + 4);
      memory[at] = written;
      memory[at + 1] = written >>> 8;
      memory[at + 2] = written >>> 16;
      memory[at + 3] = written >>> 24;
      at += 4 + written;
    }
  }
  const floats = wasmFloats();
  floats[record + NOW] = now ?? Date.now() / 1000;
  floats[record + SECRET] = secretSlot;
  floats[record + ALLOW_SHORT_KEY] = allowShortKey;
  if (slots !== undefined) for (let i = 0; i < 8; i++) floats[record + FIRST_OPTION + i] = slots[i];
  if (secretSlot === KEY) wasmBytes().set(states, (record + STATES) * 8);
}

/**
 * The values of a bag's members by slot, each read once; throws for a bag
 * that is not a plain object, an ill-formed or unknown name, or a getter or
 * Proxy trap that throws. Members named by symbols are not options and are
 * not read, as `Object.keys` does not.
 */
function read(kind, bag) {
  if (kindOf(bag) !== K_PLAIN_OBJECT) refuse("options", "must be a plain object, undefined or null");
  const values = [];
  let names;
  try {
    names = Object.keys(bag);
  } catch (threw) {
    refuse("options", "reading the options threw", threw);
  }
  for (const name of names) {
    if (!isWellFormed(name)) refuse("options", "an option name is an ill-formed string (a lone surrogate)");
  }
  for (const name of names) {
    let value;
    try {
      value = bag[name];
    } catch (threw) {
      refuse("options", "reading the options threw", threw);
    }
    if (value === undefined) continue;
    const i = kind.index.get(name);
    if (i === undefined) refuse(name, kind.unknown);
    values[i] = value;
  }
  return values;
}

/** An option's value for its slot; strings go on `strings`. */
function convert(option, type, value, strings) {
  switch (type) {
    case DURATION:
      return duration(option, value);
    case WHOLE:
      if (typeof value !== "number") refuse(option, "must be a whole number");
      return whole(option, value);
    case BOOLEAN:
      return boolean(option, value);
    case STRING:
      strings.push(string(option, value, "must be a string"));
      return 0;
    case ONE_OR_MANY: {
      if (kindOf(value) === K_ARRAY) return items(option, value, strings);
      strings.push(string(option, value, "must be a string or a list of strings"));
      return -1;
    }
    default:
      if (kindOf(value) !== K_ARRAY) refuse(option, "must be a list of strings");
      return items(option, value, strings);
  }
}

function boolean(option, value) {
  if (typeof value !== "boolean") refuse(option, "must be true or false");
  return value ? 1 : 0;
}

function string(option, value, wrong) {
  const brand = kindOf(value);
  if (brand === K_ILL_FORMED_STRING) refuse(option, "the string holds a lone surrogate, which UTF-8 cannot carry");
  if (brand !== K_STRING) refuse(option, wrong);
  return value;
}

/** The items of a list option, pushed on `strings`; how many. */
function items(option, array, strings) {
  let got;
  try {
    const length = array.length;
    if (!(length <= MAX_LIST_ITEMS)) refuse(option, `the list has more than ${MAX_LIST_ITEMS} items`);
    // A RangeError for a length that is not a whole number (a Proxy's).
    got = new Array(length);
    // Holes read as undefined, and are refused as items that are not strings.
    for (let i = 0; i < length; i++) got[i] = array[i];
  } catch (threw) {
    if (threw instanceof JwtError) throw threw;
    refuse(option, "reading the list threw", threw);
  }
  for (const item of got) strings.push(string(option, item, "every item of the list must be a string"));
  return got.length;
}

const WRONG_DURATION =
  'must be a whole number of seconds or a duration string such as "30m", "2h" or "7d"';
const UNITS = { __proto__: null, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Whole seconds, given as a number or as digits and one unit ("30m"). */
function duration(option, value) {
  if (typeof value === "number") return whole(option, value);
  if (kindOf(value) !== K_STRING) refuse(option, WRONG_DURATION);
  const digits = /^[0-9]*/.exec(value)[0];
  if (digits.length === value.length) {
    refuse(option, 'a duration string needs a unit: s, m, h, d or w (as in "30m")');
  }
  const unit = UNITS[value.slice(digits.length)];
  if (digits.length === 0 || digits.length > 12 || unit === undefined) {
    refuse(option, 'a duration string is whole digits followed by one unit: s, m, h, d or w (as in "30m")');
  }
  // At most 12 digits times a week: past the core's limit before it is inexact.
  return Number(digits) * unit;
}

/** A whole, non-negative number (past 2^53 every double is whole: Rust saturates). */
function whole(option, number) {
  if (Number.isNaN(number)) refuse(option, "must be a whole number, not NaN");
  if (!Number.isFinite(number)) refuse(option, "must be finite");
  if (number < 0) refuse(option, "must not be negative");
  if (!Number.isInteger(number)) refuse(option, "must be a whole number");
  return number;
}

const WRONG_CLOCK =
  "must be a number of seconds since the epoch, a Date, or a function returning either";

/**
 * The `now` option's reading: a number as it is, a Date in seconds (NaN when
 * invalid: the core refuses it), or what a function returns, called once.
 * The core checks the reading: finite, not negative, seconds and not
 * milliseconds.
 */
function clock(value) {
  if (typeof value === "function") {
    let returned;
    try {
      returned = value();
    } catch (threw) {
      refuse("now", "the clock function threw", threw);
    }
    const reading = seconds(returned);
    if (reading === undefined) {
      refuse("now", "the clock function must return a number of seconds since the epoch or a Date");
    }
    return reading;
  }
  const reading = seconds(value);
  if (reading === undefined) refuse("now", WRONG_CLOCK);
  return reading;
}

function seconds(value) {
  if (typeof value === "number") return value;
  if (kindOf(value) === K_DATE) return dateMillis(value) / 1000;
  return undefined;
}

/** A copy of the states the key schedule left in the record (`new Key`), which it wipes there. */
export function takeStates() {
  const memory = wasmBytes();
  const at = (record + STATES) * 8;
  const states = memory.slice(at, at + 64);
  memory.fill(0, at, at + 64);
  return states;
}
