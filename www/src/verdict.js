// What a verification outcome means to a person: one place maps the library's error codes to a state,
// a title and a sentence. The states drive the colours in style.css ([data-state]).

import { formatDuration } from "./format.js";

/**
 * @param {{ ok: true, payload: object } | { ok: false, error: any }} outcome  what verify() did
 * @param {{ header?: object, payload?: object } | null} decoded  decodeUnverified(), when it could decode
 * @param {number} now  the injected clock, seconds
 * @returns {{ state: string, title: string, code?: string, detail: string, message?: string }}
 */
export function describeOutcome(outcome, decoded, now) {
  if (outcome.ok) {
    const exp = decoded?.payload?.exp;
    return {
      state: "valid",
      title: "Valid",
      detail:
        typeof exp === "number"
          ? `Signature and claims check out; it expires in ${formatDuration(exp - now)}.`
          : "Signature and claims check out. There is no exp claim, so it never expires.",
    };
  }

  const err = outcome.error;
  const code = typeof err?.code === "string" ? err.code : undefined;
  const message = err?.message ? String(err.message) : String(err);
  const base = { code, message };

  switch (code) {
    case "ERR_JWT_EXPIRED": {
      const at = typeof err.expiredAt === "number" ? err.expiredAt : decoded?.payload?.exp;
      const what = err.claim === "iat" ? "Too old (maxAge)" : "Expired";
      if (typeof at === "number" && Math.floor(now - at) === 0) {
        // The edge people trip on: RFC 7519 §4.1.4 says "on or after", so at exp it has expired.
        return { ...base, state: "expired", title: what, detail: "Expired this very second: at exp a token is no longer valid." };
      }
      const ago = typeof at === "number" ? ` ${formatDuration(now - at)} ago` : "";
      return { ...base, state: "expired", title: what, detail: `Expired${ago}.` };
    }
    case "ERR_JWT_CLAIM_VALIDATION_FAILED": {
      const nbf = decoded?.payload?.nbf;
      if (err.claim === "nbf") {
        const when = typeof nbf === "number" ? ` It becomes valid in ${formatDuration(nbf - now)}.` : "";
        return { ...base, state: "early", title: "Not yet valid", detail: `The nbf claim is in the future.${when}` };
      }
      const claim = err.claim ? `The ${err.claim} claim` : "A claim";
      const reason = { missing: "is missing", invalid: "has the wrong type", check_failed: "was not accepted" }[
        err.reason
      ];
      return { ...base, state: "invalid", title: "Claim check failed", detail: `${claim} ${reason ?? "failed"}.` };
    }
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return {
        ...base,
        state: "badsig",
        title: "Bad signature",
        detail: "The signature does not match the header and payload for this secret: the token was altered or signed with another key.",
      };
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return { ...base, state: "malformed", title: "Not a valid token", detail: "It does not parse as a compact HS256 JWT." };
    case "ERR_JWT_TOO_LONG":
      return { ...base, state: "malformed", title: "Token too long", detail: "Refused before decoding." };
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return { ...base, state: "malformed", title: "Algorithm refused", detail: "Only alg HS256 is accepted." };
    case "ERR_JOSE_NOT_SUPPORTED":
      return { ...base, state: "malformed", title: "Unsupported header", detail: "The header asks for an extension (crit, b64) that is not understood." };
    case "ERR_KEY_EMPTY":
      return { ...base, state: "key", title: "No secret", detail: "Enter the secret the token was signed with." };
    case "ERR_KEY_TOO_SHORT":
      return {
        ...base,
        state: "key",
        title: "Secret too short",
        detail: "HS256 keys need at least 32 bytes. Tick “Allow short key (legacy)” to accept it anyway.",
      };
    case "ERR_INVALID_OPTION":
      return { ...base, state: "key", title: "Invalid option", detail: `The ${err.option ?? "option"} value is not accepted.` };
    default:
      return { ...base, state: "malformed", title: "Could not verify", detail: "Unexpected error." };
  }
}
