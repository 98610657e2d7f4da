// The two HTTP helpers of the main entry: no framework, no wasm. scripts/build-pkg.sh folds this file
// into edge_jwt.js next to the wasm-bindgen glue, so every runtime entry exports them; their types are
// http.d.ts, appended to index.d.ts.

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token, b64token = 1*( ALPHA / DIGIT / "-" / "." /
// "_" / "~" / "+" / "/" ) *"=". The scheme is case-insensitive (RFC 9110 §11.1). Only spaces separate
// it from the token, as the grammar says: not tabs, not a comma-separated list of credentials.
const BEARER = /^bearer +([\w.~+/-]+=*)$/i;

/**
 * The token of `Authorization: Bearer <token>` in `request` (anything with `headers.get`), or null when
 * the header is absent or is not one Bearer credential as RFC 6750 §2.1 writes it.
 */
export function bearerToken(request, headerName = "Authorization") {
  // Fetch's Headers already strip leading and trailing spaces and tabs from the value.
  const match = BEARER.exec(request.headers.get(headerName)?.trim() ?? "");
  return match === null ? null : match[1];
}

// RFC 6265 §4.1.1: a cookie-name is an HTTP token, a cookie-value is cookie-octets.
const COOKIE_NAME = /^[\w!#$%&'*+.^`|~-]+$/;
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;

/**
 * A `Set-Cookie` value that stores `token` where scripts cannot read it:
 * `name=token; Max-Age=N; Path=/; HttpOnly; Secure; SameSite=Lax`. Without `maxAge` it is a session
 * cookie (no Max-Age). Throws a TypeError for a name or token that a cookie cannot carry as is, or a
 * maxAge that is not whole seconds; the message never holds the token.
 */
export function tokenCookie(name, token, { maxAge } = {}) {
  if (
    typeof name !== "string" || !COOKIE_NAME.test(name) ||
    typeof token !== "string" || !COOKIE_VALUE.test(token) ||
    (maxAge !== undefined && !(Number.isSafeInteger(maxAge) && maxAge >= 0))
  ) {
    throw new TypeError("tokenCookie: the name, the token or maxAge (whole seconds) does not fit RFC 6265");
  }
  return `${name}=${token}${maxAge === undefined ? "" : `; Max-Age=${maxAge}`}; Path=/; HttpOnly; Secure; SameSite=Lax`;
}
