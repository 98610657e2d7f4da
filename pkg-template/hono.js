// edge-jwt/hono: Hono's JWT middleware (`hono/jwt`) on edge-jwt. Same option names where the meaning
// is the same, so `import { jwt } from "edge-jwt/hono"` replaces `import { jwt } from "hono/jwt"`;
// beyond Hono, the secret may come from the context (`(c) => c.env.JWT_SECRET`) and `verify` takes
// edge-jwt's own verify options (now, leeway, requiredClaims, ...).
//
// Hono is an optional peer dependency: only this entry imports it, never the main one. scripts/
// build-pkg.sh ships this file as is (ESM) and as hono.cjs (the same code as CommonJS, so that a
// `require` app gets the HTTPException class of Hono's CommonJS build, as its own code does).
import { getCookie, getSignedCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { bearerToken, JwtError, Key, verify } from "edge-jwt";

const OPTIONS = ["secret", "cookie", "alg", "headerName", "realm", "verification", "verify"];

/**
 * The middleware: reads the token (the header, else the cookie), verifies it, puts the claims in
 * `c.get("jwtPayload")`; else throws an HTTPException (see README.md, "Hono").
 */
export function jwt(options) {
  if (options === null || typeof options !== "object") throw setupError("options", "jwt() takes an options object");
  for (const name of Object.keys(options)) {
    if (!OPTIONS.includes(name)) throw setupError(name, `${name} is not an option of jwt(); the options are ${OPTIONS.join(", ")}`);
  }
  const { secret, cookie, alg, headerName = "Authorization", realm, verification, verify: ownOptions } = options;
  if (alg !== undefined && alg !== "HS256") throw setupError("alg", `edge-jwt verifies HS256 only; alg must be "HS256" or left out`);
  if (secret === undefined) throw setupError("secret", "jwt() requires options for \"secret\"");
  const verifyOptions = { ...fromHono(verification) };
  for (const [name, value] of Object.entries(ownOptions ?? {})) {
    if (Object.hasOwn(verifyOptions, name)) throw setupError(name, `${name} is set twice: in verification and in verify`);
    verifyOptions[name] = value;
  }
  const allowShortKey = verifyOptions.allowShortKey === true;

  return async function jwt(c, next) {
    const token = await readToken(c, headerName, cookie, realm);
    const source = typeof secret === "function" ? await secret(c) : secret;
    let payload;
    try {
      // No await between the two calls: a Key the cache frees is never one that is in use.
      payload = verify(token, keyFor(source, allowShortKey), verifyOptions);
    } catch (err) {
      throw failure(c, realm, err);
    }
    c.set("jwtPayload", payload);
    await next();
  };
}

// ------------------------------------------------------------------------------------ the token

/** The token: the header when it is present (even when malformed: it is never skipped), else the cookie. */
async function readToken(c, headerName, cookie, realm) {
  const header = c.req.raw.headers.get(headerName);
  let token;
  if (header) {
    token = bearerToken(c.req.raw, headerName);
    if (token === null) {
      // RFC 6750 §3.1: another scheme is no Bearer credential at all (no error code); a Bearer
      // credential that breaks §2.1's grammar is a malformed request.
      if (!/^bearer(\s|$)/i.test(header.trim())) throw missing(c, realm);
      throw unauthorized(c, realm, "invalid credentials structure", "invalid_request");
    }
  } else if (cookie) {
    const { key, secret, prefixOptions } = typeof cookie === "string" ? { key: cookie } : cookie;
    if (secret) {
      // A signed cookie (Hono's setSignedCookie): false when its signature does not match.
      token = await getSignedCookie(c, typeof secret === "function" ? await secret(c) : secret, key, prefixOptions);
      if (token === false) throw unauthorized(c, realm, "The cookie signature is invalid", "invalid_token");
    } else {
      token = getCookie(c, key, prefixOptions);
    }
  }
  if (!token) throw missing(c, realm);
  return token;
}

// ------------------------------------------------------------------------------------ the key

// The Keys built from secrets, one per secret value and isolate: the HMAC key schedule runs once per
// secret, not once per request, and a secret that changes (a rotated c.env.JWT_SECRET, a Uint8Array
// whose bytes were overwritten) gets its own Key on the next request. Looked up by value, never by
// object identity: the same Uint8Array with new bytes must not find the old Key. The lookup string
// holds the secret, as env does; a Key never does. Least recently used first out, and freed.
const keys = new Map();
const MAX_KEYS = 8;

function keyFor(secret, allowShortKey) {
  let id;
  if (typeof secret === "string") {
    id = `s${secret}`;
  } else if (Object.prototype.toString.call(secret) === "[object Uint8Array]") {
    id = "b";
    for (let i = 0; i < secret.length; i++) id += String.fromCharCode(secret[i]);
  } else {
    return secret; // a Key is used as is; anything else is verify's to refuse (ERR_INVALID_OPTION)
  }
  if (allowShortKey) id = `!${id}`;
  let key = keys.get(id);
  if (key !== undefined) {
    keys.delete(id); // to the end: most recently used
  } else {
    key = new Key(secret, { allowShortKey }); // ERR_KEY_EMPTY, ERR_KEY_TOO_SHORT: a 500 below
    if (keys.size >= MAX_KEYS) {
      const [oldest, old] = keys.entries().next().value;
      keys.delete(oldest);
      old.free();
    }
  }
  keys.set(id, key);
  return key;
}

// ------------------------------------------------------------------------------------ failures

// Why a token was refused, by edge-jwt's error code (the same codes as panva/jose). The sentences go
// into a quoted-string header, so they stay within RFC 6750 §3's character set. Any other code (the
// key, an option) is the server's problem: a 500.
const TOKEN_ERRORS = {
  ERR_JWT_EXPIRED: "The access token expired",
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: "The access token signature is invalid",
  ERR_JOSE_ALG_NOT_ALLOWED: "The access token algorithm is not allowed",
  ERR_JOSE_NOT_SUPPORTED: "The access token uses an unsupported header extension",
  ERR_JWS_INVALID: "The access token is malformed",
  ERR_JWT_INVALID: "The access token is malformed",
  ERR_JWT_TOO_LONG: "The access token is too long",
  ERR_JWT_CLAIM_VALIDATION_FAILED: "The access token claims are not valid",
};

/** 401 invalid_token for a refused token; HTTPException 500 for a key or option problem. */
function failure(c, realm, err) {
  if (!(err instanceof JwtError)) return err;
  const description = Object.hasOwn(TOKEN_ERRORS, err.code) ? TOKEN_ERRORS[err.code] : undefined;
  if (description !== undefined) return unauthorized(c, realm, description, "invalid_token", err);
  // The body stays generic: the message says what is wrong with the server's secret or options.
  return new HTTPException(500, {
    message: `edge-jwt/hono: ${err.message}`,
    res: new Response("Internal Server Error", { status: 500 }),
    cause: err,
  });
}

/** RFC 6750 §3.1: a request without a token gets the challenge and no error code. */
function missing(c, realm) {
  return unauthorized(c, realm, "no authorization included in request");
}

/** The 401 Hono's middleware answers: body "Unauthorized", a Bearer challenge. Never holds the token. */
function unauthorized(c, realm, message, error, cause) {
  let challenge = `Bearer realm="${quote(realm ?? defaultRealm(c))}"`;
  if (error !== undefined) challenge += `, error="${error}", error_description="${message}"`;
  return new HTTPException(401, {
    message,
    res: new Response("Unauthorized", { status: 401, headers: { "WWW-Authenticate": challenge } }),
    cause,
  });
}

/** Hono's default realm, the request URL, without its query: a query may carry credentials. */
function defaultRealm(c) {
  const url = new URL(c.req.url);
  return url.origin + url.pathname;
}

function quote(text) {
  return String(text).replace(/[\\"]/g, "\\$&");
}

// ------------------------------------------------------------------------------------ options

/**
 * `hono/jwt`'s `verification` as edge-jwt verify options. What edge-jwt cannot do the same way is
 * refused here, at setup, rather than ignored: a RegExp issuer or audience, a list of typ values,
 * turning the exp or nbf check off, and asking for Hono's iat check (use verify.maxAge).
 */
function fromHono(verification = {}) {
  const out = {};
  for (const [name, value] of Object.entries(verification)) {
    if (value === undefined) continue;
    if (name === "iss" || name === "aud") {
      if (!isStringOrList(value)) throw setupError(`verification.${name}`, `verification.${name} must be a string or a list of strings (a RegExp is not supported)`);
      out[name === "iss" ? "issuer" : "audience"] = value;
    } else if (name === "typ") {
      const list = [value].flat();
      if (list.length !== 1 || typeof list[0] !== "string") throw setupError("verification.typ", "verification.typ must be one string");
      out.typ = list[0];
    } else if (name === "exp" || name === "nbf") {
      if (value !== true) throw setupError(`verification.${name}`, `edge-jwt always checks ${name}; verification.${name} may only be true`);
    } else if (name === "iat") {
      // Hono refuses an iat in the future by default; edge-jwt does so only with verify.maxAge.
      if (value !== false) throw setupError("verification.iat", "edge-jwt checks iat only with verify.maxAge; verification.iat may only be false");
    } else {
      throw setupError(`verification.${name}`, `${name} is not a verification option; edge-jwt's own options go in verify`);
    }
  }
  return out;
}

function isStringOrList(value) {
  return typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"));
}

function setupError(option, message) {
  return new JwtError(`edge-jwt/hono: ${message}`, { code: "ERR_INVALID_OPTION", option });
}
