// What edge-jwt exports from JavaScript, re-exported from the generated module:
// `issue`, `verify` and `decodeUnverified`, and the `Key` class. `JwtError` is
// error.js's.
//
// Every operation is one call into wasm (src/wasm/mod.rs), in three steps:
//   1. read the caller's values: the options, the clock, the claims (getters,
//      Proxy traps and the clock function run here, and may call in again);
//   2. write the input into wasm memory (input.js), call the export, and read
//      its output (claims.js, error.js): no caller code runs in this step, so
//      the module needs one set of buffers, and no JavaScript exception can
//      unwind through a wasm frame;
//   3. return the result or throw the JwtError.
// The wire format is src/wasm/protocol.rs's (protocol.js, generated).
//
// A Key's key material is 64 bytes in JavaScript memory, not in wasm memory
// (src/wasm/key.rs), so a Key nobody frees is reclaimed by the garbage
// collector like any object, and wasm memory, which never shrinks, does not
// grow.

import { fillView } from "./brand.js";
import { claimsFromTape, claimsText, decoded } from "./claims.js";
import { jwtErrorFrom } from "./error.js";
import {
  ISSUE, KEY_SETUP, VERIFY, call, keepStringKey, readOptions, useReset, takeStates, useInputFrame, writeInput, writeRegistered,
} from "./input.js";
import { asciiFromWasm, textFromWasm, useMemory, wasmFloats } from "./memory.js";
import {
  OUTPUT_DATA, OUTPUT_DATA_LEN, OUTPUT_ERROR, OUTPUT_ERROR_LEN, OUTPUT_EXPIRED_AT, OUTPUT_HEADER_LEN, OUTPUT_TAPE,
  OUTPUT_TAPE_LEN, STATUS_CLAIMS_REFUSED, STATUS_OK, TEXT_NOT_A_STRING,
} from "./protocol.js";

const parseJson = JSON.parse;

/** A Key's states: undefined for any other value, null for a freed Key (input.js). */
let statesOf;
/** The module's exports. */
let exports;
/** The output frame's first slot, as an index into f64s. */
let output;
/** The token length limits and the nesting limit (src/core/options.rs, json.rs). */
let defaultMaxLength;
let maxMaxLength;
let maxDepth;

/**
 * Hands over the glue's `__wbg_reset_state` (scripts/build-pkg.sh builds the
 * glue with it): after a call that threw, the next one runs in a fresh
 * instance (input.js, `recover`).
 */
export function __edgeJwtUseReset(resetInstance) {
  useReset(resetInstance);
}

/**
 * Installs the module: its exports and memory, where its two frames are, and
 * its limits. Called by the wasm start function (or `install()` in Rust), and
 * again for each fresh instance.
 */
export function install(wasmExports, memory, inputFrame, outputFrame, defaultMaxTokenLength, maxMaxTokenLength, depth) {
  exports = wasmExports;
  useMemory(memory);
  useInputFrame(inputFrame, wasmExports.__edgeJwtInput, maxMaxTokenLength);
  output = outputFrame >>> 3;
  defaultMaxLength = defaultMaxTokenLength;
  maxMaxLength = maxMaxTokenLength;
  maxDepth = depth;
}

/** The JwtError the module wrote into the output frame. */
function failure() {
  const floats = wasmFloats();
  const fields = parseJson(textFromWasm(floats[output + OUTPUT_ERROR], floats[output + OUTPUT_ERROR_LEN]));
  return jwtErrorFrom(fields, floats[output + OUTPUT_EXPIRED_AT]);
}

/** The largest token to copy into wasm memory: a bad maxTokenLength is the module's to report. */
function copyLimit(staged) {
  const given = staged?.maxTokenLength;
  return typeof given === "number" && given >= 0 ? Math.min(given, maxMaxLength) : defaultMaxLength;
}

export function issue(claims, secret, options) {
  const staged = readOptions(ISSUE, options);
  const limit = copyLimit(staged);
  const { text, length, registered, refused } = claimsText(claims, maxDepth, maxMaxLength / 2, limit);
  writeInput(staged, secret, statesOf, text, limit, true, length);
  if (registered !== undefined) writeRegistered(registered);
  const status = call(exports.__edgeJwtIssue);
  keepStringKey();
  if (status === STATUS_OK) {
    const floats = wasmFloats();
    return asciiFromWasm(floats[output + OUTPUT_DATA], floats[output + OUTPUT_DATA_LEN]);
  }
  throw status === STATUS_CLAIMS_REFUSED ? refused : failure();
}

/** The token as `writeInput` takes it. */
const tokenText = (token) => (typeof token === "string" ? token : TEXT_NOT_A_STRING);

export function verify(token, secret, options) {
  const staged = readOptions(VERIFY, options);
  writeInput(staged, secret, statesOf, tokenText(token), copyLimit(staged), true);
  const status = call(exports.__edgeJwtVerify);
  keepStringKey();
  if (status !== STATUS_OK) throw failure();
  const floats = wasmFloats();
  return claimsFromTape(
    floats[output + OUTPUT_DATA], floats[output + OUTPUT_DATA_LEN], floats[output + OUTPUT_TAPE],
    floats[output + OUTPUT_TAPE_LEN],
  );
}

export function decodeUnverified(token) {
  writeInput(null, undefined, statesOf, tokenText(token), defaultMaxLength, false);
  const status = call(exports.__edgeJwtDecode);
  if (status !== STATUS_OK) throw failure();
  const floats = wasmFloats();
  return decoded(floats[output + OUTPUT_DATA], floats[output + OUTPUT_DATA_LEN], floats[output + OUTPUT_HEADER_LEN]);
}

/**
 * An HS256 key, set up once and reused: pass it as the `secret` of `issue`
 * and `verify` as many times as you like.
 */
export class Key {
  #states;

  /**
   * @param {string | Uint8Array} secret
   * @param {{ allowShortKey?: boolean }} [options]
   */
  constructor(secret, options) {
    // The key schedule is Rust's: it leaves the two states in the input frame.
    writeInput(readOptions(KEY_SETUP, options), secret, statesOf, 0, 0, false);
    if (call(exports.__edgeJwtKeySetup) !== STATUS_OK) throw failure();
    this.#states = takeStates();
  }

  /** Wipes the key now; a freed key is refused. Calling it again does nothing. */
  free() {
    if (this.#states !== undefined) {
      fillView(this.#states, 0);
      this.#states = undefined;
    }
  }

  static {
    statesOf = (value) =>
      typeof value === "object" && value !== null && #states in value ? (value.#states ?? null) : undefined;
  }
}

// `using key = new Key(...)` frees it at the end of the block, where the runtime has Symbol.dispose.
if (typeof Symbol.dispose === "symbol") {
  Object.defineProperty(Key.prototype, Symbol.dispose, {
    value: function dispose() {
      this.free();
    },
    writable: true,
    configurable: true,
  });
}
