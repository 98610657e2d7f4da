// The one error edge-jwt throws, `JwtError`, re-exported from the generated
// module (src/wasm/error.rs: a wasm export cannot extend Error). Made in
// JavaScript for a bad option (input.js) and for claims JSON cannot carry
// (claims.js), and from the error the module wrote for every other failure
// (classes.js).

import { defineData } from "./brand.js";

const hasOwn = Object.hasOwn;

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
    super(message, details != null && "cause" in details ? { cause: details.cause } : undefined);
    defineData(this, "code", code);
    if (claim !== undefined) defineData(this, "claim", claim);
    if (reason !== undefined) defineData(this, "reason", reason);
    if (expiredAt !== undefined) defineData(this, "expiredAt", expiredAt);
    if (option !== undefined) defineData(this, "option", option);
  }
}

// `super()` calls whatever JwtError's prototype is when an error is made: a class put there
// (`Object.setPrototypeOf(JwtError, ...)`) would run inside every refusal. Not extensible, its
// prototype cannot change.
Object.preventExtensions(JwtError);

Object.defineProperty(JwtError.prototype, "name", {
  __proto__: null,
  value: "JwtError",
  writable: true,
  enumerable: false,
  configurable: true,
});

/**
 * A JwtError with every field spelled out (undefined: absent), as input.js,
 * claims.js and classes.js make them; `cause` is what the caller's code threw.
 * Makes no object whose members a prototype's setter could take.
 */
export function createJwtError(code, message, claim, reason, expiredAt, option, cause) {
  const details = cause === undefined
    ? { __proto__: null, code, claim, reason, expiredAt, option }
    : { __proto__: null, code, claim, reason, expiredAt, option, cause };
  return new JwtError(message, details);
}

/** The JwtError of a failure the module wrote as JSON text (src/wasm/error.rs). */
export function jwtErrorFrom(fields, expiredAt) {
  return createJwtError(
    fields.code,
    fields.message,
    hasOwn(fields, "claim") ? fields.claim : undefined,
    hasOwn(fields, "reason") ? fields.reason : undefined,
    Number.isNaN(expiredAt) ? undefined : expiredAt,
    hasOwn(fields, "option") ? fields.option : undefined,
  );
}
