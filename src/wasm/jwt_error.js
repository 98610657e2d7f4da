// The one error class that edge-jwt throws. It is a JavaScript class (a wasm
// export cannot extend Error); src/wasm/error.rs builds instances through
// `createJwtError` and re-exports the class from the generated module as
// `JwtError`.

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
