// The portable conformance suite of the edge-jwt npm package: one function that takes the library
// module as an argument and runs unchanged in Node (ESM and CommonJS), workerd, edge-runtime, Deno, Bun
// and browsers. It uses nothing but the language and atob/btoa/TextEncoder, which all of them have.
//
//   import * as lib from "edge-jwt";
//   const { passed, failed, failures } = conformance(lib);
//
// Every check has a name; a failure names its check and says what was expected and what came instead.

const T0 = 1_700_000_000; // an injected "now", in seconds
const SECRET = "a secret of at least 32 bytes, for HS256!";

// RFC 7515 Appendix A.1: the HS256 example, its 64-byte key as a JWK "k" (base64url).
const RFC7515_A1 = {
  k: "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
  token:
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" +
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
    ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
  exp: 1300819380,
};

function base64urlToBytes(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function jsonToBase64url(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function describe(value) {
  try {
    return typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

class CheckFailed extends Error {}

function equal(actual, expected, what) {
  if (actual !== expected) throw new CheckFailed(`${what}: expected ${describe(expected)}, got ${describe(actual)}`);
}

function ok(condition, what) {
  if (!condition) throw new CheckFailed(what);
}

/**
 * Runs `fn`, expects it to throw a JwtError with `code` and the listed fields; returns the error.
 */
function throwsJwtError(lib, fn, code, fields = {}) {
  let thrown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  ok(thrown !== undefined, `expected a JwtError ${code}, but nothing was thrown`);
  ok(thrown instanceof lib.JwtError, `expected instanceof JwtError, got ${describe(thrown?.name)}: ${thrown?.message}`);
  ok(thrown instanceof Error, "a JwtError is not instanceof Error");
  equal(thrown.name, "JwtError", "err.name");
  equal(thrown.code, code, "err.code");
  equal(typeof thrown.message, "string", "typeof err.message");
  for (const [name, value] of Object.entries(fields)) equal(thrown[name], value, `err.${name}`);
  return thrown;
}

/**
 * @param {object} lib the module namespace of "edge-jwt" (import * as lib, or require)
 * @returns {{ passed: number, failed: number, failures: string[], names: string[] }}
 */
export function conformance(lib) {
  const checks = [];
  const check = (name, fn) => checks.push([name, fn]);

  check("exports issue, verify, decodeUnverified, Key and JwtError", () => {
    for (const name of ["issue", "verify", "decodeUnverified", "Key", "JwtError"]) {
      equal(typeof lib[name], "function", `typeof ${name}`);
      // The glue is minified; its exports keep their names (stack traces, util.inspect).
      equal(lib[name].name, name, `${name}.name`);
    }
    ok(lib.JwtError.prototype instanceof Error, "JwtError does not extend Error");
  });

  check("issue then verify with an injected clock (now as a number)", () => {
    const key = new lib.Key(SECRET);
    const token = lib.issue({ sub: "johndoe", role: "admin" }, key, { expiresIn: 1800, now: T0 });
    equal(token.split(".").length, 3, "segments");
    const claims = lib.verify(token, key, { now: T0 + 1799 });
    equal(claims.sub, "johndoe", "sub");
    equal(claims.role, "admin", "role");
    equal(claims.iat, T0, "iat");
    equal(claims.exp, T0 + 1800, "exp");
  });

  check("the header is {alg: HS256, typ: JWT}; decodeUnverified reads it", () => {
    const token = lib.issue({ sub: "x" }, SECRET, { now: T0, keyId: "k1" });
    const { header, payload } = lib.decodeUnverified(token);
    equal(header.alg, "HS256", "alg");
    equal(header.typ, "JWT", "typ");
    equal(header.kid, "k1", "kid");
    equal(payload.sub, "x", "payload.sub");
    equal(payload.iat, T0, "payload.iat");
  });

  check("now as a Date and as a function; fractions round down on issue", () => {
    const token = lib.issue({}, SECRET, { expiresIn: "30m", now: () => T0 + 0.9 });
    const claims = lib.verify(token, SECRET, { now: new Date((T0 + 60) * 1000) });
    equal(claims.iat, T0, "iat");
    equal(claims.exp, T0 + 1800, "exp");
  });

  check("a string secret and a Uint8Array of the same bytes are the same key", () => {
    const bytes = new TextEncoder().encode(SECRET);
    const token = lib.issue({ n: 1 }, bytes, { expiresIn: 60, now: T0 });
    equal(lib.verify(token, SECRET, { now: T0 }).n, 1, "n");
    equal(lib.verify(token, new lib.Key(bytes), { now: T0 }).n, 1, "n with a Key");
  });

  check("ERR_JWT_EXPIRED at now == exp, with expiredAt and claim", () => {
    const token = lib.issue({ sub: "johndoe" }, SECRET, { expiresIn: 1800, now: T0 });
    throwsJwtError(lib, () => lib.verify(token, SECRET, { now: T0 + 1800 }), "ERR_JWT_EXPIRED", {
      expiredAt: T0 + 1800,
      claim: "exp",
    });
  });

  check("leeway widens exp", () => {
    const token = lib.issue({}, SECRET, { expiresIn: 60, now: T0 });
    equal(lib.verify(token, SECRET, { now: T0 + 60, leeway: 5 }).exp, T0 + 60, "exp");
  });

  check("ERR_JWS_SIGNATURE_VERIFICATION_FAILED for a tampered payload", () => {
    const token = lib.issue({ sub: "johndoe", admin: false }, SECRET, { now: T0 });
    const [header, , signature] = token.split(".");
    const forged = `${header}.${jsonToBase64url({ sub: "johndoe", admin: true, iat: T0 })}.${signature}`;
    throwsJwtError(lib, () => lib.verify(forged, SECRET, { now: T0 }), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });

  check("ERR_JWS_SIGNATURE_VERIFICATION_FAILED for another key", () => {
    const token = lib.issue({ sub: "johndoe" }, SECRET, { now: T0 });
    throwsJwtError(
      lib,
      () => lib.verify(token, "another secret of at least 32 bytes!!", { now: T0 }),
      "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    );
  });

  check("ERR_JOSE_ALG_NOT_ALLOWED for alg none", () => {
    const none = `${jsonToBase64url({ alg: "none", typ: "JWT" })}.${jsonToBase64url({ sub: "x" })}.`;
    const signed = lib.issue({ sub: "x" }, SECRET, { now: T0 });
    const swapped = `${jsonToBase64url({ alg: "none" })}.${signed.split(".").slice(1).join(".")}`;
    // With an empty signature (the unsecured form) or a real one, the header says why.
    throwsJwtError(lib, () => lib.verify(none, SECRET, { now: T0 }), "ERR_JOSE_ALG_NOT_ALLOWED");
    throwsJwtError(lib, () => lib.verify(swapped, SECRET, { now: T0 }), "ERR_JOSE_ALG_NOT_ALLOWED");
  });

  check("ERR_JWS_INVALID for a malformed token", () => {
    throwsJwtError(lib, () => lib.verify("a.b", SECRET, { now: T0 }), "ERR_JWS_INVALID");
    throwsJwtError(lib, () => lib.decodeUnverified("not a token"), "ERR_JWS_INVALID");
  });

  check("ERR_JWT_TOO_LONG before any decoding", () => {
    throwsJwtError(lib, () => lib.verify("x".repeat(100), SECRET, { now: T0, maxTokenLength: 10 }), "ERR_JWT_TOO_LONG");
  });

  check("ERR_JWT_CLAIM_VALIDATION_FAILED: nbf in the future, wrong issuer, missing claim", () => {
    const early = lib.issue({}, SECRET, { notBefore: 60, expiresIn: 120, now: T0 });
    throwsJwtError(lib, () => lib.verify(early, SECRET, { now: T0 + 59 }), "ERR_JWT_CLAIM_VALIDATION_FAILED", {
      claim: "nbf",
      reason: "check_failed",
    });
    equal(lib.verify(early, SECRET, { now: T0 + 60 }).nbf, T0 + 60, "valid at now == nbf");
    const token = lib.issue({}, SECRET, { issuer: "https://a.example", expiresIn: 60, now: T0 });
    throwsJwtError(
      lib,
      () => lib.verify(token, SECRET, { now: T0, issuer: "https://b.example" }),
      "ERR_JWT_CLAIM_VALIDATION_FAILED",
      { claim: "iss", reason: "check_failed" },
    );
    throwsJwtError(
      lib,
      () => lib.verify(token, SECRET, { now: T0, requiredClaims: ["jti"] }),
      "ERR_JWT_CLAIM_VALIDATION_FAILED",
      { claim: "jti", reason: "missing" },
    );
  });

  check("ERR_KEY_TOO_SHORT and ERR_KEY_EMPTY; allowShortKey opts in", () => {
    throwsJwtError(lib, () => new lib.Key("mysecretkey"), "ERR_KEY_TOO_SHORT");
    throwsJwtError(lib, () => new lib.Key(""), "ERR_KEY_EMPTY");
    throwsJwtError(lib, () => lib.issue({}, "mysecretkey", { now: T0 }), "ERR_KEY_TOO_SHORT");
    const legacy = new lib.Key("mysecretkey", { allowShortKey: true });
    const token = lib.issue({ sub: "johndoe" }, legacy, { expiresIn: 60, now: T0 });
    equal(lib.verify(token, legacy, { now: T0 }).sub, "johndoe", "sub");
  });

  check("ERR_JWT_CLAIM_VALIDATION_FAILED for a token without exp; allowMissingExp opts in", () => {
    const forever = lib.issue({ sub: "johndoe" }, SECRET, { now: T0 });
    throwsJwtError(lib, () => lib.verify(forever, SECRET, { now: T0 }), "ERR_JWT_CLAIM_VALIDATION_FAILED", {
      claim: "exp",
      reason: "missing",
    });
    equal(lib.verify(forever, SECRET, { now: T0, allowMissingExp: true }).sub, "johndoe", "sub");
    throwsJwtError(lib, () => lib.verify(forever, SECRET, { allowMissingExp: 1 }), "ERR_INVALID_OPTION", {
      option: "allowMissingExp",
    });
  });

  check("ERR_INVALID_OPTION: milliseconds as now, an unknown option", () => {
    throwsJwtError(lib, () => lib.issue({}, SECRET, { now: T0 * 1000 }), "ERR_INVALID_OPTION", { option: "now" });
    throwsJwtError(lib, () => lib.verify("a.b.c", SECRET, { expiresIn: 5 }), "ERR_INVALID_OPTION");
  });

  check("ERR_INVALID_CLAIMS: exp in the claims and expiresIn", () => {
    throwsJwtError(lib, () => lib.issue({ exp: T0 }, SECRET, { expiresIn: 60, now: T0 }), "ERR_INVALID_CLAIMS", {
      claim: "exp",
    });
  });

  check("RFC 7515 A.1: valid at now = exp - 1", () => {
    const key = new lib.Key(base64urlToBytes(RFC7515_A1.k));
    const claims = lib.verify(RFC7515_A1.token, key, { now: RFC7515_A1.exp - 1 });
    equal(claims.iss, "joe", "iss");
    equal(claims.exp, RFC7515_A1.exp, "exp");
    equal(claims["http://example.com/is_root"], true, "http://example.com/is_root");
  });

  check("RFC 7515 A.1: ERR_JWT_EXPIRED at now = exp", () => {
    const key = new lib.Key(base64urlToBytes(RFC7515_A1.k));
    throwsJwtError(lib, () => lib.verify(RFC7515_A1.token, key, { now: RFC7515_A1.exp }), "ERR_JWT_EXPIRED", {
      expiredAt: RFC7515_A1.exp,
    });
  });

  check("the system clock is the default", () => {
    const token = lib.issue({}, SECRET, { expiresIn: 60 });
    const claims = lib.verify(token, SECRET);
    const now = Date.now() / 1000;
    ok(Math.abs(claims.iat - now) < 300, `iat ${claims.iat} is not near the system time ${now}`);
  });

  check("messages never contain the token or the secret", () => {
    const token = lib.issue({ sub: "johndoe" }, SECRET, { expiresIn: 1, now: T0 });
    const err = throwsJwtError(lib, () => lib.verify(token, SECRET, { now: T0 + 5 }), "ERR_JWT_EXPIRED");
    ok(!err.message.includes(token) && !err.message.includes(SECRET), `message leaks: ${err.message}`);
  });

  check("bearerToken: RFC 6750 section 2.1 (scheme in any case, 1*SP, one b64token)", () => {
    equal(typeof lib.bearerToken, "function", "typeof bearerToken");
    equal(lib.bearerToken.name, "bearerToken", "bearerToken.name");
    const request = (headers) => ({ headers: { get: (name) => headers[name.toLowerCase()] ?? null } });
    const read = (value) => lib.bearerToken(request({ authorization: value }));
    equal(read("Bearer a.b-c_d~e+f/g=="), "a.b-c_d~e+f/g==", "Bearer");
    equal(read("bEaReR   abc"), "abc", "any case, several spaces");
    for (const refused of [undefined, "", "Bearer", "Bearer ", "Basic abc", "Bearer\tabc", "Bearer a b", "Bearer a,b", "Bearer =abc", "Bearerabc"]) {
      equal(read(refused), null, `Authorization: ${describe(refused)}`);
    }
    equal(lib.bearerToken(request({ "x-auth": "Bearer t" }), "X-Auth"), "t", "another header");
  });

  check("tokenCookie: HttpOnly; Secure; SameSite=Lax; Path=/, and refuses what a cookie cannot carry", () => {
    equal(typeof lib.tokenCookie, "function", "typeof tokenCookie");
    equal(lib.tokenCookie.name, "tokenCookie", "tokenCookie.name");
    const token = lib.issue({ sub: "johndoe" }, SECRET, { now: T0 });
    equal(lib.tokenCookie("access_token", token, { maxAge: 1800 }), `access_token=${token}; Max-Age=1800; Path=/; HttpOnly; Secure; SameSite=Lax`, "with maxAge");
    equal(lib.tokenCookie("t", "x"), "t=x; Path=/; HttpOnly; Secure; SameSite=Lax", "without maxAge");
    for (const [name, value, options] of [["a b", "x"], ["t", "x;y"], ["t", ""], ["t", "x", { maxAge: -1 }], ["t", "x", { maxAge: 1.5 }], ["t", "x", { maxAge: "30" }]]) {
      let thrown;
      try {
        lib.tokenCookie(name, value, options);
      } catch (err) {
        thrown = err;
      }
      ok(thrown instanceof TypeError, `tokenCookie(${describe(name)}, ${describe(value)}, ${describe(options)}) did not throw a TypeError`);
    }
  });

  const failures = [];
  for (const [name, fn] of checks) {
    try {
      fn();
    } catch (err) {
      const why = err instanceof CheckFailed ? err.message : `threw ${err?.name}: ${err?.message}`;
      failures.push(`${name}: ${why}`);
    }
  }
  return {
    passed: checks.length - failures.length,
    failed: failures.length,
    failures,
    names: checks.map(([name]) => name),
  };
}
