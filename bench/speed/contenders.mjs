// The contenders of issue #7, built from modules passed in, so that the same
// list runs in Node and (for those that can) in the browser.

import { CLAIMS, LIFETIME, SECRET, SECRET_TEXT, payloadAt } from "./workload.mjs";

/** edge-jwt, with a reused Key and with a plain string secret. */
export function edgeJwt({ issue, verify, Key }, token) {
  const key = new Key(SECRET);
  const opts = { expiresIn: LIFETIME };
  return {
    sign: [
      { name: "edge-jwt (Key)", op: () => issue(CLAIMS, key, opts) },
      { name: "edge-jwt (string secret)", op: () => issue(CLAIMS, SECRET_TEXT, opts) },
    ],
    verify: [
      { name: "edge-jwt (Key)", op: () => verify(token, key) },
      { name: "edge-jwt (string secret)", op: () => verify(token, SECRET_TEXT) },
    ],
  };
}

/** jose: async, WebCrypto underneath. */
export function jose({ SignJWT, jwtVerify }, token) {
  return {
    sign: [
      {
        name: "jose (async)",
        async: true,
        op: () =>
          new SignJWT(CLAIMS)
            .setProtectedHeader({ alg: "HS256", typ: "JWT" })
            .setIssuedAt()
            .setExpirationTime("1h")
            .sign(SECRET),
      },
    ],
    verify: [{ name: "jose (async)", async: true, op: () => jwtVerify(token, SECRET) }],
  };
}

export function fastJwt({ createSigner, createVerifier }, token) {
  const signer = createSigner({ key: SECRET_TEXT, algorithm: "HS256", expiresIn: LIFETIME * 1000 });
  const verifier = createVerifier({ key: SECRET_TEXT, algorithms: ["HS256"] });
  return {
    sign: [{ name: "fast-jwt", op: () => signer(CLAIMS) }],
    verify: [{ name: "fast-jwt", op: () => verifier(token) }],
  };
}

export function jsonwebtoken(jwt, keyObject, token) {
  return {
    sign: [
      {
        name: "jsonwebtoken (KeyObject)",
        op: () => jwt.sign(CLAIMS, keyObject, { algorithm: "HS256", expiresIn: LIFETIME }),
      },
    ],
    verify: [
      {
        name: "jsonwebtoken (KeyObject)",
        op: () => jwt.verify(token, keyObject, { algorithms: ["HS256"] }),
      },
    ],
  };
}

export function tsndr({ sign, verify }, token) {
  return {
    sign: [
      {
        name: "@tsndr/cloudflare-worker-jwt (async)",
        async: true,
        op: () => sign(payloadAt(Math.floor(Date.now() / 1000)), SECRET_TEXT),
      },
    ],
    verify: [
      {
        name: "@tsndr/cloudflare-worker-jwt (async)",
        async: true,
        op: () => verify(token, SECRET_TEXT, { throwError: true }),
      },
    ],
  };
}
