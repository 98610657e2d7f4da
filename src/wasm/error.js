// The one error edge-jwt throws, `JwtError`, re-exported from the generated
// module (src/wasm/error.rs: a wasm export cannot extend Error). Made in
// JavaScript for a bad option (input.js) and for claims JSON cannot carry
// (claims.js), and from Rust for every other failure.

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

/**
 * A JwtError with every field spelled out (undefined: absent), as Rust
 * (src/wasm/error.rs), input.js and claims.js make them; `cause` is what the
 * caller's code threw.
 */
export function createJwtError(code, message, claim, reason, expiredAt, option, cause) {
  const details = { code, claim, reason, expiredAt, option };
  if (cause !== undefined) details.cause = cause;
  return new JwtError(message, details);
}
