// The exported Key class. Its key material is 64 bytes in JavaScript memory (the
// two precomputed SHA-256 states of HMAC), not in wasm memory: a Key nobody
// frees is reclaimed by the garbage collector like any object, with no
// finalizer to wait for, and wasm memory (which never shrinks) does not grow.
// Used only by the edge-jwt wasm boundary (src/wasm/key.rs), which installs
// `setup` when the module is instantiated and re-exports the class.

/** `(secret, options) => Uint8Array(64)`, or throws a JwtError; from src/wasm/key.rs. */
let setup;
/** Copies a live Key's states into `buffer`; see `keyStates`. */
let copyStates;

/** Installs the key schedule (called once by the wasm start function). */
export function installKeySetup(f) {
  setup = f;
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
    this.#states = setup(secret, options);
  }

  /** Wipes the key now; a freed key is refused. Calling it again does nothing. */
  free() {
    if (this.#states !== undefined) {
      this.#states.fill(0);
      this.#states = undefined;
    }
  }

  static {
    copyStates = (value, buffer) => {
      if (typeof value !== "object" || value === null || !(#states in value)) return 1;
      const states = value.#states;
      if (states === undefined) return 2;
      buffer.set(states);
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
 * Writes the states of `value` into `buffer` (a 64-byte view of wasm memory)
 * when it is a live Key of this module: returns 0; 1 when it is not a Key,
 * 2 when it was freed. Never throws.
 */
export function keyStates(value, buffer) {
  return copyStates(value, buffer);
}
