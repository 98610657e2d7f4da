// Everything this worker does with edge-jwt: build the key, issue an access token, verify one.
// issue() and verify() are plain synchronous calls (the library is Rust compiled to wasm).

import { issue, Key, verify } from "edge-jwt";

/** Longer bearer tokens are refused (ERR_JWT_TOO_LONG) before anything is decoded. Ours are ~200 bytes. */
export const MAX_TOKEN_LENGTH = 4096;

// One Key per isolate: the HMAC key schedule is computed once, not on every request. Keyed by the
// secret, so a rotated JWT_SECRET (a new deployment, a new env) builds a new one.
let cached = null;

export const edgeJwtTokens = {
  name: "edge-jwt",

  /** `allowShortKey` is the worker's ALLOW_SHORT_JWT_SECRET: without it a secret under 32 bytes throws. */
  key(secret, allowShortKey = false) {
    if (cached !== null && cached.secret === secret && cached.allowShortKey === allowShortKey) return cached.key;
    const key = new Key(secret, { allowShortKey });
    cached?.key.free();
    cached = { secret, allowShortKey, key };
    return key;
  },

  /** FastAPI's create_access_token: { sub, exp = now + expiresIn } (plus iat), HS256. */
  issue(key, subject, expiresIn) {
    return issue({ sub: subject }, key, { expiresIn });
  },

  /** The claims, or a JwtError whose `code` says why not. `exp` and `sub` are required. */
  verify(key, token) {
    return verify(token, key, { requiredClaims: ["exp", "sub"], maxTokenLength: MAX_TOKEN_LENGTH });
  },
};
