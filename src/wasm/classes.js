// What edge-jwt exports from JavaScript, re-exported from the generated module by
// the wasm boundary: `issue`, `verify` and `decodeUnverified` around their wasm ways in
// (src/wasm/mod.rs), and two classes: `JwtError` (src/wasm/error.rs: a wasm
// export cannot extend Error) and `Key` (src/wasm/key.rs: its key material is 64
// bytes in JavaScript memory, not in wasm memory, so a Key nobody frees is
// reclaimed by the garbage collector like any object, with no finalizer to wait
// for, and wasm memory, which never shrinks, does not grow). One file, not two:
// each snippet is one more module the page fetches before the wasm can start.

import { asciiFromWasm, takeKept, wasmBytes, wasmFloats, writeToken } from "./memory.js";

/**
 * Every failure of `issue`, `verify`, `decodeUnverified` and `new Key` throws a
 * `JwtError`. Switch on `code`; `claim`, `reason`, `expiredAt` and `option`
 * are set when they apply. Messages never contain the token or the secret.
 */
export class JwtError extends Error {
  /**
   * @param {string} message
   * @param {{ code: string, claim?: string, reason?: string, expiredAt?: number, option?: string, cause?: unknown }} details
   */
  constructor(message, details) {
    const { code, claim, reason, expiredAt, option } = details ?? {};
    super(message, details !== undefined && "cause" in details ? { cause: details.cause } : undefined);
    this.code = code;
    if (claim !== undefined) this.claim = claim;
    if (reason !== undefined) this.reason = reason;
    if (expiredAt !== undefined) this.expiredAt = expiredAt;
    if (option !== undefined) this.option = option;
  }
}

Object.defineProperty(JwtError.prototype, "name", {
  value: "JwtError",
  writable: true,
  enumerable: false,
  configurable: true,
});

/** Called from Rust with every field spelled out; undefined means absent. */
export function createJwtError(code, message, claim, reason, expiredAt, option, cause) {
  const details = { code, claim, reason, expiredAt, option };
  if (cause !== undefined) details.cause = cause;
  return new JwtError(message, details);
}

/** Copies a live Key's states into wasm memory; see `enterSecret`. */
let copyStates;
/**
 * The wasm module's exports, for the ways in of `new Key` (src/wasm/key.rs),
 * `issue` and `verify` (src/wasm/mod.rs).
 */
let exports;
/** Where `issue` says its token lies: two f64s, the address and the length (src/wasm/memory.rs). */
let issued;

/**
 * Installs the module's exports and the address of the record `issue` hands
 * its token out in (called once by the wasm start function, or by
 * `install()` in Rust).
 */
export function install(wasmExports, issuedAddress) {
  exports = wasmExports;
  issued = issuedAddress >>> 3;
}

// `issue`, `verify` and `decodeUnverified`, exported from the generated
// module; types.d.ts declares them, with their docs. The wasm function returns
// a number (src/wasm/mod.rs, `settle`): 0 when it handed out where the token
// lies, 2 when it kept the result (memory.js), 1 when it kept the JwtError.
// Nothing but that number crosses back, where a Rust function returning a
// `Result` of JavaScript values made the generated wrapper move both through
// the externref table. It is told whether the options are undefined: asking
// would be a call.

const HANDED_OUT = 0;
const FAILED = 1;

export function issue(claims, secret, options) {
  const left = exports.__edgeJwtIssue(claims, secret, options, options === undefined);
  if (left === HANDED_OUT) {
    // The token, in the buffer the module keeps between calls: read before
    // anything else can call in.
    const record = wasmFloats();
    return asciiFromWasm(record[issued], record[issued + 1]);
  }
  return taken(left);
}

export function verify(token, secret, options) {
  return taken(exports.__edgeJwtVerify(token, secret, options, options === undefined));
}

export function decodeUnverified(token) {
  return taken(exports.__edgeJwtDecode(token));
}

/** What a way in that did not hand out kept (memory.js): thrown when it failed, else returned. */
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
    // The key schedule is Rust's: it keeps the two states as a Uint8Array.
    this.#states = taken(exports.__edgeJwtKeySetup(secret, options));
  }

  /** Wipes the key now; a freed key is refused. Calling it again does nothing. */
  free() {
    if (this.#states !== undefined) {
      this.#states.fill(0);
      this.#states = undefined;
    }
  }

  static {
    copyStates = (value, ptr) => {
      if (typeof value !== "object" || value === null || !(#states in value)) return 1;
      const states = value.#states;
      if (states === undefined) return 2;
      wasmBytes().set(states, ptr);
      return 0;
    };
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

/**
 * What `issue` and `verify` take in the same call as the claims or the token
 * (src/wasm/key.rs, `Entry`): writes the states of `secret` into the 64 bytes
 * of wasm memory at `statesPtr` when it is a live Key of this module, and into
 * the two f64s at `recordPtr`, `Date.now()` (when `wantClock`) and then the
 * Key's status: 0 for a live Key, 1 for anything else, 2 for a freed Key.
 * Never throws.
 */
export function enterSecret(secret, statesPtr, recordPtr, wantClock) {
  const status = copyStates(secret, statesPtr);
  const record = wasmFloats();
  if (wantClock) record[recordPtr >>> 3] = Date.now();
  record[(recordPtr >>> 3) + 1] = status;
}

/**
 * `verify`'s way in: one call instead of three (src/wasm/token.rs). Writes the
 * token as `writeToken` does and returns its result, then, when it is not
 * negative, `enterSecret`'s. Never throws.
 */
export function enterVerify(token, secret, ptr, capacity, limit, statesPtr, recordPtr, wantClock) {
  const written = writeToken(token, ptr, capacity, limit);
  if (written >= 0) enterSecret(secret, statesPtr, recordPtr, wantClock);
  return written;
}
