// The edge-worker example's routes (examples/edge-worker/src/app.mjs: same users, passwords,
// CORS, errors) with the JWT layer on jose instead of edge-jwt. Only for the load check.
// Best case for jose: the CryptoKey is imported once per isolate and cached, like edge-jwt's Key.
import { jwtVerify, SignJWT } from "jose";
import { createWorker } from "../../examples/edge-worker/src/app.mjs";

// As examples/edge-worker/src/tokens.mjs (not imported from there: it would bundle edge-jwt too).
const MAX_TOKEN_LENGTH = 4096;

let cached = null;

const joseTokens = {
  name: "jose",

  key(secret) {
    if (cached !== null && cached.secret === secret) return cached.key;
    const key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    cached = { secret, key };
    return key;
  },

  async issue(key, subject, expiresIn) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sub: subject })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .sign(await key);
  },

  async verify(key, token) {
    if (token.length > MAX_TOKEN_LENGTH) {
      throw Object.assign(new Error("token too long"), { code: "ERR_JWT_TOO_LONG" });
    }
    const { payload } = await jwtVerify(token, await key, {
      algorithms: ["HS256"],
      requiredClaims: ["exp", "sub"],
    });
    return payload;
  },
};

export default createWorker(joseTokens);
