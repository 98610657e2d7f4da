
/** What {@link bearerToken} reads: a `Request`, or anything else with `headers.get` (Hono's `c.req.raw`). */
export interface HasHeaders {
    headers: { get(name: string): string | null };
}

/**
 * The token of `Authorization: Bearer <token>`, or null when the header is absent or is not one
 * Bearer credential as RFC 6750 §2.1 writes it: the scheme in any case, one or more spaces (no
 * tabs), then one b64token (letters, digits, `-._~+/`, then `=` padding only at the end).
 *
 * @param headerName the header to read. Default: `"Authorization"`.
 */
export function bearerToken(request: HasHeaders, headerName?: string): string | null;

/** Options of {@link tokenCookie}. */
export interface TokenCookieOptions {
    /** The cookie's lifetime in whole seconds (`Max-Age`); match it to the token's `exp`. Default: none, a session cookie. */
    maxAge?: number;
}

/**
 * A `Set-Cookie` header value that stores a token out of reach of scripts:
 * `name=token; Max-Age=N; Path=/; HttpOnly; Secure; SameSite=Lax`.
 *
 * @throws {TypeError} when `name` is not an RFC 6265 cookie name, `token` not a cookie value (a JWT
 * always is), or `maxAge` not whole seconds, 0 or more. The message never holds the token.
 */
export function tokenCookie(name: string, token: string, options?: TokenCookieOptions): string;
