// The FastAPI OAuth2 password + JWT flow (FastAPI docs, "OAuth2 with Password (and hashing),
// Bearer with JWT tokens") as a Worker:
//
//   POST /token      username + password -> {"access_token", "token_type": "bearer", "expires_in"}
//   GET  /users/me   Authorization: Bearer <token> -> the user
//
// `tokens` is the JWT layer (tokens.mjs: edge-jwt). It is a parameter only so that the load check
// in bench/worker-load can run these same routes on `jose`.

import { readConfig } from "./config.mjs";
import { readCredentials } from "./credentials.mjs";
import { json, NO_STORE, preflight, withCors } from "./http.mjs";
import { verifyPassword } from "./password.mjs";
import { findUser, publicUser } from "./users.mjs";

const ROUTES = { "/token": "POST", "/users/me": "GET" };

// The configuration warnings this isolate has already logged: each is logged once, when the
// isolate starts serving (its first request), not on every request.
const warned = new Set();

export function createWorker(tokens) {
  return {
    async fetch(request, env) {
      const config = readConfig(env);
      if (!config.ok) {
        // Nothing is signed or verified without a proper secret: every request gets a 500.
        console.error(`edge-worker: answering 500 to every request: ${config.problem}`);
        return withCors(request, serverError(), config.allowedOrigins);
      }
      if (config.warning !== null && !warned.has(config.warning)) {
        warned.add(config.warning);
        console.warn(config.warning);
      }
      let response;
      try {
        response = await route(request, config, tokens);
      } catch (err) {
        // A bug or a refused key, never bad client input. Library messages never hold the
        // token or the secret, so the log line may show them.
        console.error(`edge-worker: 500 for ${request.method} ${new URL(request.url).pathname}:`, err);
        response = serverError();
      }
      return withCors(request, response, config.allowedOrigins);
    },
  };
}

async function route(request, config, tokens) {
  const { pathname } = new URL(request.url);
  const method = Object.hasOwn(ROUTES, pathname) ? ROUTES[pathname] : undefined;
  if (method === undefined) return json(404, { detail: "Not Found" });
  if (request.method === "OPTIONS") return preflight(request, config.allowedOrigins, method);
  if (request.method !== method) {
    return json(405, { detail: "Method Not Allowed" }, { Allow: `${method}, OPTIONS` });
  }
  const key = tokens.key(config.secret, config.allowShortKey);
  return pathname === "/token"
    ? issueToken(request, config, tokens, key)
    : currentUser(request, tokens, key);
}

/** POST /token: FastAPI's login_for_access_token. */
async function issueToken(request, config, tokens, key) {
  const credentials = await readCredentials(request);
  if (credentials instanceof Response) return credentials;
  const user = findUser(credentials.username);
  // Runs PBKDF2 even for an unknown user, so timing does not reveal which usernames exist.
  const passwordOk = await verifyPassword(credentials.password, user?.hashed_password);
  if (user === undefined || !passwordOk) {
    return json(401, { detail: "Incorrect username or password" }, { "WWW-Authenticate": "Bearer" });
  }
  const expiresIn = config.expireMinutes * 60;
  const accessToken = await tokens.issue(key, user.username, expiresIn);
  return json(200, { access_token: accessToken, token_type: "bearer", expires_in: expiresIn }, NO_STORE);
}

/** GET /users/me: FastAPI's get_current_active_user. */
async function currentUser(request, tokens, key) {
  const token = bearerToken(request.headers.get("Authorization"));
  if (token === null) {
    // RFC 6750 §3.1: a request without authentication gets the challenge with no error code.
    return json(401, { detail: "Not authenticated", code: "ERR_TOKEN_MISSING" }, { "WWW-Authenticate": "Bearer" });
  }
  let claims;
  try {
    claims = await tokens.verify(key, token);
  } catch (err) {
    const code = typeof err?.code === "string" ? err.code : "";
    const description = Object.hasOwn(TOKEN_ERRORS, code) ? TOKEN_ERRORS[code] : undefined;
    if (description === undefined) throw err; // ERR_KEY_*, ERR_INVALID_OPTION: our bug, a 500
    return invalidToken(description, err.code, err.claim);
  }
  const user = typeof claims.sub === "string" ? findUser(claims.sub) : undefined;
  if (user === undefined) {
    return invalidToken("The access token does not name a user", "ERR_JWT_CLAIM_VALIDATION_FAILED", "sub");
  }
  if (user.disabled) return json(400, { detail: "Inactive user" });
  return json(200, publicUser(user), NO_STORE);
}

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive), or null if there is none. */
function bearerToken(header) {
  if (header === null) return null;
  const value = header.trim();
  const space = value.indexOf(" ");
  if (space === -1 || value.slice(0, space).toLowerCase() !== "bearer") return null;
  const token = value.slice(space + 1).trim();
  return token === "" ? null : token;
}

// Why a token was refused, by the library's error code (the same codes as panva/jose). The
// sentences go into a quoted-string header, so they stay within RFC 6750 §3's character set.
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

/** RFC 6750 §3: 401 with `Bearer error="invalid_token"` and the reason; the JSON body has the code. */
function invalidToken(description, code, claim) {
  const body = { detail: description, code };
  if (typeof claim === "string") body.claim = claim;
  return json(401, body, {
    "WWW-Authenticate": `Bearer error="invalid_token", error_description="${description}"`,
  });
}

function serverError() {
  return json(500, { detail: "Internal Server Error" });
}
