// What edge-jwt exports from JavaScript, re-exported from the generated module by
// the wasm boundary: `issue`, `verify` and `decodeUnverified` around their wasm ways in
// (src/wasm/mod.rs), and the `Key` class (src/wasm/key.rs: its key material is 64
// bytes in JavaScript memory, not in wasm memory, so a Key nobody frees is
// reclaimed by the garbage collector like any object, with no finalizer to wait
// for, and wasm memory, which never shrinks, does not grow). `JwtError` is
// error.js's.

import { ISSUE, KEY_SETUP, VERIFY, stage, takeStates, useRecord } from "./input.js";
import { asciiFromWasm, takeKept, wasmFloats } from "./memory.js";

/** A Key's states: undefined for any other value, null for a freed Key (input.js). */
let statesOf;
/**
 * The wasm module's exports, for the ways in of `new Key` (src/wasm/key.rs),
 * `issue` and `verify` (src/wasm/mod.rs).
 */
let exports;
/** Where `issue` says its token lies: two f64s, the address and the length (src/wasm/memory.rs). */
let issued;

/**
 * Installs the module's exports, the address of the record `issue` hands its
 * token out in, and that of the record input.js writes a call's input in
 * (called once by the wasm start function, or by `install()` in Rust).
 */
export function install(wasmExports, issuedAddress, inputAddress) {
  exports = wasmExports;
  issued = issuedAddress >>> 3;
  useRecord(wasmExports, inputAddress);
}

// `issue`, `verify` and `decodeUnverified`, exported from the generated
// module; types.d.ts declares them, with their docs. The wasm function returns
// a number (src/wasm/mod.rs, `settle`): 0 when it handed out where the token
// lies, 2 when it kept the result (memory.js), 1 when it kept the JwtError.
// Nothing but that number crosses back, where a Rust function returning a
// `Result` of JavaScript values made the generated wrapper move both through
// the externref table. The options, the secret and the clock reach it as
// numbers and bytes in wasm memory (input.js), written first.

const HANDED_OUT = 0;
const FAILED = 1;

export function issue(claims, secret, options) {
  stage(ISSUE, options, secret, statesOf);
  const left = exports.__edgeJwtIssue(claims);
  if (left === HANDED_OUT) {
    // The token, in the buffer the module keeps between calls: read before
    // anything else can call in.
    const record = wasmFloats();
    return asciiFromWasm(record[issued], record[issued + 1]);
  }
  return taken(left);
}

export function verify(token, secret, options) {
  stage(VERIFY, options, secret, statesOf);
  return taken(exports.__edgeJwtVerify(token));
}

export function decodeUnverified(token) {
  return taken(exports.__edgeJwtDecode(token));
}

/**
 * What a way in kept (memory.js): thrown when it failed, else returned
 * (undefined when it handed its value out instead).
 */
function taken(left) {
  const kept = takeKept();
  if (left === FAILED) throw kept;
  return kept;
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
    // The key schedule is Rust's: it leaves the two states in the record.
    stage(KEY_SETUP, options, secret, statesOf);
    taken(exports.__edgeJwtKeySetup());
    this.#states = takeStates();
  }

  /** Wipes the key now; a freed key is refused. Calling it again does nothing. */
  free() {
    if (this.#states !== undefined) {
      this.#states.fill(0);
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
