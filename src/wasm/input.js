// What a call is given besides the claims: the option bag, the secret and
// the clock, read and checked here (`readOptions`), where asking what a
// JavaScript value is costs nothing; then, with the token or the claims text,
// written into wasm memory (`writeInput`) for the export to read
// (src/wasm/input.rs): numbers in the input frame, and bytes in the input
// buffer. The wire format is src/wasm/protocol.rs's (protocol.js).
//
// Strict: `undefined` and `null` mean "no options"; any other non-object, an
// unknown name (a typo such as `expiresin`, whatever its value) or a value of
// the wrong type throws ERR_INVALID_OPTION naming the option. Ranges (a
// duration of at most 100 years, a leeway of at most a day, ...) are the
// core's to check, as they are for Rust callers.
//
// The caller's code (getters, Proxy traps, the clock function) runs only in
// `readOptions`; `writeInput` runs none, so nothing can call in between the
// write and the call.

import { createJwtError } from "./error.js";
import {
  K_ARRAY, K_DATE, K_ILL_FORMED_STRING, K_PLAIN_OBJECT, K_STRING, charCodeAt, dateMillis, fillView, isWellFormed, kindOf,
  lengthOf, uint8View,
} from "./brand.js";
import { bytesAt, copyBytes, copyInto, copyPrefix, utf8Into, wasmBytes, wasmFloats, writeUtf8 } from "./memory.js";
import {
  INPUT_ALLOW_SHORT_KEY, INPUT_FIRST_OPTION, INPUT_HAND_OUT_STATES, INPUT_NOW, INPUT_OPTIONS, INPUT_REGISTERED,
  INPUT_SECRET, INPUT_STATES, INPUT_TEXT, ISSUE_OPTION_NAMES, SECRET_DETACHED, SECRET_ILL_FORMED, SECRET_KEY,
  SECRET_REFUSED, SECRET_TOO_LONG, TEXT_TOO_LONG, VERIFY_OPTION_NAMES,
} from "./protocol.js";

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
  // An object without a prototype, not a Map: nothing a caller puts on a prototype runs in a lookup.
  const index = { __proto__: null };
  for (let i = 0; i < options.length; i++) index[options[i][0]] = i;
  return { options, index, unknown };
}

// What each option takes: its slot is protocol.rs's (ISSUE_OPTION_NAMES and
// VERIFY_OPTION_NAMES are in slot order), how it is read is this file's.
const ISSUE_TYPES = {
  __proto__: null, expiresIn: DURATION, notBefore: DURATION, issuedAt: BOOLEAN, issuer: STRING, subject: STRING,
  audience: ONE_OR_MANY, jwtId: STRING, keyId: STRING, maxTokenLength: WHOLE,
};
const VERIFY_TYPES = {
  __proto__: null, leeway: DURATION, maxAge: DURATION, issuer: ONE_OR_MANY, audience: ONE_OR_MANY, subject: STRING,
  requiredClaims: LIST, typ: STRING, maxTokenLength: WHOLE, allowMissingExp: BOOLEAN,
};
const ISSUE_OPTIONS = [
  ...ISSUE_OPTION_NAMES.map((name) => [name, ISSUE_TYPES[name]]), ["allowShortKey", SHORT_KEY], ["now", CLOCK],
];
const VERIFY_OPTIONS = [
  ...VERIFY_OPTION_NAMES.map((name) => [name, VERIFY_TYPES[name]]), ["allowShortKey", SHORT_KEY], ["now", CLOCK],
];
const listed = (options) =>
  `${options.slice(0, -1).map(([name]) => name).join(", ")} and ${options.at(-1)[0]}`;

export const ISSUE = kind(ISSUE_OPTIONS, `is not an option of issue; they are ${listed(ISSUE_OPTIONS)}`);
export const VERIFY = kind(VERIFY_OPTIONS, `is not an option of verify; they are ${listed(VERIFY_OPTIONS)}`);
export const KEY_SETUP = kind([["allowShortKey", SHORT_KEY]], "is not an option of Key; the only one is allowShortKey");

/** Throws the JwtError of a bad option, worded as the core words them (src/core/error.rs). */
function refuse(option, message, cause) {
  throw createJwtError(
    "ERR_INVALID_OPTION", `option "${option}": ${message}`, undefined, undefined, undefined, option, cause,
  );
}

/**
 * Reads the option bag of `kind`: null without one (the defaults), else what
 * `writeInput` writes of it. Throws the JwtError of a bad option. Runs the
 * caller's getters and clock function.
 */
export function readOptions(kind, bag) {
  if (bag === undefined || bag === null) return null;
  const staged = {
    // Literals: their items are own properties, which no setter on a prototype intercepts. The
    // first INPUT_OPTIONS are the slots; the last two hold allowShortKey and now while they are read.
    slots: [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN],
    strings: undefined, // a Uint8Array once a string option is read
    room: 0, // its length
    used: 0,
    now: undefined,
    allowShortKey: 0,
    maxTokenLength: undefined,
  };
  const slots = staged.slots;
  const options = kind.options;
  // Slot by slot, in order: the lowest bit of `present` first.
  for (let present = read(kind, bag, slots); present !== 0; present &= present - 1) {
    const i = 31 - Math.clz32(present & -present);
    const value = slots[i];
    slots[i] = NaN;
    if (value === undefined) continue;
    const option = options[i][0];
    const type = options[i][1];
    if (type === CLOCK) staged.now = clock(value);
    else if (type === SHORT_KEY) staged.allowShortKey = boolean(option, value);
    else {
      slots[i] = convert(option, type, value, staged);
      if (option === "maxTokenLength") staged.maxTokenLength = value;
    }
  }
  return staged;
}

/**
 * Appends a string option to `staged.strings`: its length in 4 bytes
 * (little-endian), then its UTF-8. Encoded now, so that no array of the
 * caller's strings is kept, which a setter on a prototype could intercept.
 * The string options of a call take at most `maxInput` bytes in all (the
 * longest token: none could match or fit in one beyond it), so that no
 * option makes wasm memory grow past what a token could.
 */
function appendString(option, staged, text) {
  // A UTF-16 unit takes at least one byte: refused before anything is encoded.
  if (staged.used + 4 + text.length > maxInput) refuse(option, TOO_MUCH_TEXT);
  const need = staged.used + 4 + 3 * text.length;
  if (need > staged.room) {
    staged.room = Math.max(2 * staged.room, 64, need);
    const grown = new Uint8Array(staged.room);
    if (staged.strings !== undefined) copyBytes(grown, staged.strings, 0);
    staged.strings = grown;
  }
  const out = staged.strings;
  const at = staged.used;
  const written = utf8Into(text, out, at + 4, 3 * text.length);
  out[at] = written;
  out[at + 1] = written >>> 8;
  out[at + 2] = written >>> 16;
  out[at + 3] = written >>> 24;
  staged.used = at + 4 + written;
  if (staged.used > maxInput) refuse(option, TOO_MUCH_TEXT);
}

const TOO_MUCH_TEXT = "the string options are longer in all than the longest token (1 MiB)";

/** Module state: the input frame's first slot (index into f64s), and the input buffer. */
let frame = 0;
/** The longest token (MAX_MAX_TOKEN_LENGTH): the most bytes of option strings, or of a secret. */
let maxInput = 0;
let inputAt = 0;
let inputCapacity = 0;
/** The export that lends the input buffer (src/wasm/mod.rs, `__edgeJwtInput`). */
let reserve;

/** Called once, by `install` (classes.js). */
export function useInputFrame(inputFrame, reserveInput, maxInputBytes) {
  frame = inputFrame >>> 3;
  maxInput = maxInputBytes;
  reserve = reserveInput;
  inputAt = 0;
  inputCapacity = 0;
}

/**
 * Writes what a call was given: `staged` (from `readOptions`), the secret
 * (`statesOf` tells a Key's states: undefined for any other value, null for a
 * freed Key), and `text`: the token (a string, copied only up to `limit`
 * bytes), the claims text (the first `textLength` bytes of a Uint8Array), or a
 * TEXT_* code. `cache`: a
 * string secret may be served by (and fill) the key of the last one, which
 * `issue` and `verify` take and `new Key` does not. Runs no caller code and
 * throws nothing that input causes.
 */
export function writeInput(staged, secret, statesOf, text, limit, cache, textLength) {
  if (lost) recover();
  const allowShortKey = staged !== null && staged.allowShortKey === 1;
  let states = statesOf(secret);
  let secretSlot = SECRET_KEY;
  let secretBytes;
  // The room its bytes take in the input buffer (UTF-8: at most three bytes per UTF-16 unit).
  let secretLength = 0;
  let handOut = 0;
  if (states === null) secretSlot = SECRET_REFUSED;
  else if (states === undefined) {
    if (typeof secret === "string") {
      if (secret.length > maxInput) secretSlot = SECRET_TOO_LONG;
      else if (cache && secret === cachedSecret && (allowShortKey || !cachedAllowShort)) states = cachedStates;
      else if (isWellFormed(secret)) {
        secretBytes = secret;
        secretLength = 3 * secret.length;
        if (cache) {
          handOut = 1;
          pendingSecret = secret;
          pendingAllowShort = allowShortKey;
        }
      } else secretSlot = SECRET_ILL_FORMED;
    } else {
      try {
        const view = uint8View(secret);
        const length = view === undefined ? 0 : lengthOf(view);
        if (view === undefined) secretSlot = SECRET_REFUSED;
        else if (length > maxInput) secretSlot = SECRET_TOO_LONG;
        else {
          secretBytes = view;
          secretLength = length;
        }
      } catch {
        secretSlot = SECRET_DETACHED;
      }
    }
  }
  // The text's slot: a TEXT_* code (or 0: none), or undefined until its length is known.
  let textSlot;
  let textRoom = 0;
  if (typeof text === "number") textSlot = text;
  else if (typeof text === "string") {
    if (text.length > limit) textSlot = TEXT_TOO_LONG;
    // Three bytes a unit at most, but no more than the limit: a token that does
    // not fit there is too long (writeUtf8 then reports that not all was written).
    else textRoom = Math.min(3 * text.length, limit);
  } else textRoom = lengthOf(text); // all of the walk's buffer: one memcpy, no view to make

  let room = textRoom + secretLength;
  if (staged !== null) room += staged.used;
  if (room > inputCapacity) {
    // Zero first: if the call is cut short, the old buffer may be gone.
    inputCapacity = 0;
    // Through `call`: memory may fail to grow (a trap), and the instance is then not used again.
    inputAt = call(reserve, room) >>> 0;
    inputCapacity = room;
  }

  let at = inputAt;
  if (secretBytes !== undefined) {
    if (typeof secretBytes === "string") at += writeUtf8(secretBytes, at, secretLength);
    else {
      copyInto(secretBytes, at);
      at += secretLength;
    }
    secretSlot = at - inputAt;
  }
  if (textSlot === undefined) {
    if (typeof text === "string") {
      const written = writeUtf8(text, at, textRoom);
      // UTF-8 can be longer than the UTF-16 it came from. (-1, not all
      // written, cannot happen with room for three bytes a unit.)
      textSlot = written < 0 || written > limit ? TEXT_TOO_LONG : written;
      if (written > 0) at += written;
    } else {
      copyInto(text, at);
      textSlot = textLength;
      at += textLength;
    }
  }

  if (staged !== null && staged.used !== 0) at += copyPrefix(staged.strings, staged.used, at);

  const floats = wasmFloats();
  floats[frame + INPUT_NOW] = staged?.now ?? Date.now() / 1000;
  floats[frame + INPUT_SECRET] = secretSlot;
  floats[frame + INPUT_ALLOW_SHORT_KEY] = staged === null ? NaN : staged.allowShortKey;
  floats[frame + INPUT_TEXT] = textSlot;
  floats[frame + INPUT_HAND_OUT_STATES] = handOut;
  if (staged !== null) {
    for (let i = 0; i < INPUT_OPTIONS; i++) floats[frame + INPUT_FIRST_OPTION + i] = staged.slots[i];
  }
  if (secretSlot === SECRET_KEY) copyInto(states, (frame + INPUT_STATES) * 8);
}

/**
 * The key of the last string secret, compared by value: most workers call
 * `verify(token, env.JWT_SECRET)`, which then runs at the speed of a reused
 * Key. Its 64 bytes of state are held in JavaScript memory, as a Key's are.
 * Never a Uint8Array's: its bytes can change.
 */
let cachedSecret;
let cachedAllowShort = false;
const cachedStates = new Uint8Array(64);
/** The string secret of the call under way, until the module hands its key out. */
let pendingSecret;
let pendingAllowShort = false;

/**
 * After a call whose secret was a string: keeps its key, when the module
 * handed it out (the secret made a key), and wipes it in the frame.
 */
export function keepStringKey() {
  const floats = wasmFloats();
  if (floats[frame + INPUT_HAND_OUT_STATES] !== 2) return;
  floats[frame + INPUT_HAND_OUT_STATES] = 0;
  moveStates(cachedStates);
  cachedSecret = pendingSecret;
  cachedAllowShort = pendingAllowShort;
}

/** Writes where each registered claim's value starts in the claims text, plus one (0: absent). */
export function writeRegistered(registered) {
  const floats = wasmFloats();
  for (let i = 0; i < registered.length; i++) floats[frame + INPUT_REGISTERED + i] = registered[i];
}

/**
 * Calls an export (with `argument`, for `__edgeJwtInput`). If it throws (a
 * stack overflow can stop the module anywhere, and memory that cannot grow
 * traps it), the input buffer may be gone and the module's stack pointer left
 * where the trap found it: go on in a fresh instance, ask for the buffer anew
 * before the next call, and wipe what this call wrote (the secret, a Key's
 * states). The catch
 * calls nothing, for it may run at the very end of the stack: it only marks
 * what the next call does first.
 */
export function call(operation, argument) {
  try {
    return operation(argument);
  } catch (threw) {
    lostAt = inputAt;
    lostCapacity = inputCapacity;
    inputCapacity = 0;
    lost = true;
    throw threw;
  }
}

/** Whether a call threw since the last one that did not. */
let lost = false;
/**
 * Makes a fresh instance of the module from the compiled one (the glue's
 * `__wbg_reset_state`, which the package's build hands over): a call that was
 * cut short can leave any of the module's state half changed (its stack
 * pointer, its allocator), so the instance it ran in is not used again.
 */
let reset;

/** Called once, by the package's glue (`__edgeJwtUseReset` in classes.js). */
export function useReset(resetInstance) {
  reset = resetInstance;
}

/** Before a call, after one that threw: wipe what it wrote, and go on in a fresh instance. */
function recover() {
  if (lostCapacity !== 0) wipeLost();
  // `install` runs again, with the new instance's exports, memory and frames.
  if (reset !== undefined) reset();
  lost = false;
}

/** What a call that threw wrote into: wiped before the next call (the buffer is never freed then). */
let lostAt = 0;
let lostCapacity = 0;

function wipeLost() {
  fillView(wasmBytes(), 0, lostAt, lostAt + lostCapacity);
  fillView(wasmFloats(), 0, frame + INPUT_STATES, frame + INPUT_STATES + 8);
  lostCapacity = 0;
}

/**
 * Puts the values of a bag's members in `slots`, each read once, and returns
 * which slots it filled (bit i: slot i). Throws for a bag that is not a
 * plain object, an ill-formed or unknown name, or a getter or Proxy trap that
 * throws. Members named by symbols are not options and are not read, as
 * `Object.keys` does not.
 */
function read(kind, bag, slots) {
  if (kindOf(bag) !== K_PLAIN_OBJECT) refuse("options", "must be a plain object, undefined or null");
  let names;
  try {
    names = Object.keys(bag);
  } catch (threw) {
    refuse("options", "reading the options threw", threw);
  }
  // The names of options are well formed: only another name is asked.
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
    if (kind.index[name] === undefined && !isWellFormed(name)) {
      refuse("options", "an option name is an ill-formed string (a lone surrogate)");
    }
  }
  let present = 0;
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
    // An unknown name is refused whatever its value: `{ audiance: undefined }` is a typo too.
    const i = kind.index[name];
    if (i === undefined) refuse(name, kind.unknown);
    try {
      slots[i] = bag[name];
    } catch (threw) {
      refuse("options", "reading the options threw", threw);
    }
    present |= 1 << i;
  }
  return present;
}

/** An option's value for its slot; strings are appended to `staged`. */
function convert(option, type, value, staged) {
  switch (type) {
    case DURATION:
      return duration(option, value);
    case WHOLE:
      if (typeof value !== "number") refuse(option, "must be a whole number");
      return whole(option, value);
    case BOOLEAN:
      return boolean(option, value);
    case STRING:
      appendString(option, staged, string(option, value, "must be a string"));
      return 0;
    case ONE_OR_MANY: {
      if (kindOf(value) === K_ARRAY) return items(option, value, staged);
      appendString(option, staged, string(option, value, "must be a string or a list of strings"));
      return -1;
    }
    default:
      if (kindOf(value) !== K_ARRAY) refuse(option, "must be a list of strings");
      return items(option, value, staged);
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

/**
 * The items of a list option, appended to `staged`; how many. Its length
 * must be a whole number (a Proxy's may not be); holes read as undefined,
 * and are refused as items that are not strings.
 */
function items(option, array, staged) {
  let length;
  try {
    length = array.length;
  } catch (threw) {
    refuse(option, "reading the list threw", threw);
  }
  if (typeof length !== "number" || !Number.isInteger(length) || length < 0) {
    refuse(option, "the list's length is not a whole number");
  }
  if (length > MAX_LIST_ITEMS) refuse(option, `the list has more than ${MAX_LIST_ITEMS} items`);
  for (let i = 0; i < length; i++) {
    let item;
    try {
      item = array[i];
    } catch (threw) {
      refuse(option, "reading the list threw", threw);
    }
    appendString(option, staged, string(option, item, "every item of the list must be a string"));
  }
  return length;
}

const WRONG_DURATION =
  'must be a whole number of seconds or a duration string such as "30m", "2h" or "7d"';
/** Seconds per unit, by the unit's character code: s, m, h, d and w. */
const UNITS = { __proto__: null, 0x73: 1, 0x6d: 60, 0x68: 3600, 0x64: 86400, 0x77: 604800 };

/**
 * Whole seconds, given as a number or as digits and one unit ("30m"). Read a
 * character at a time: no RegExp or String method that a caller may have
 * replaced runs.
 */
function duration(option, value) {
  if (typeof value === "number") return whole(option, value);
  if (kindOf(value) !== K_STRING) refuse(option, WRONG_DURATION);
  let digits = 0;
  let number = 0;
  for (; digits < value.length; digits++) {
    const c = charCodeAt(value, digits);
    if (c < 0x30 || c > 0x39) break;
    number = number * 10 + (c - 0x30);
  }
  if (digits === value.length) {
    refuse(option, 'a duration string needs a unit: s, m, h, d or w (as in "30m")');
  }
  const unit = value.length === digits + 1 ? UNITS[charCodeAt(value, digits)] : undefined;
  if (digits === 0 || digits > 12 || unit === undefined) {
    refuse(option, 'a duration string is whole digits followed by one unit: s, m, h, d or w (as in "30m")');
  }
  // At most 12 digits (exact) times a week: past the core's limit before it is inexact.
  return number * unit;
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

/** A copy of the states the key schedule left in the frame (`new Key`), which it wipes there. */
export function takeStates() {
  return moveStates(new Uint8Array(64));
}

/** Copies a key's 64 bytes of state out of the frame into `target`, wipes them there; `target`. */
function moveStates(target) {
  const at = (frame + INPUT_STATES) * 8;
  copyBytes(target, bytesAt(at, 64), 0);
  fillView(wasmBytes(), 0, at, at + 64);
  return target;
}
