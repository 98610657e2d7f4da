// edge-jwt/hono: Hono's JWT middleware on edge-jwt (see README.md, "Hono"). Needs `hono` >= 4.1.
import type { Context, Env, MiddlewareHandler } from "hono";
import type { Key, VerifyOptions } from "edge-jwt";

/** The context variables the middleware sets: `c.get("jwtPayload")` is the verified claims. */
export type JwtVariables<T = any> = {
    jwtPayload: T;
};

declare module "hono" {
    // As hono/jwt declares it: c.get("jwtPayload") type-checks in any app that uses the middleware.
    interface ContextVariableMap extends JwtVariables<unknown> {}
}

/** A secret as edge-jwt takes it: a string (its UTF-8 bytes, at least 32), a Uint8Array, or a Key. */
export type JwtSecret = string | Uint8Array | Key;

/** `hono/jwt`'s `verification`, as far as edge-jwt does the same thing. Anything else is refused at setup. */
export interface HonoVerification {
    /** Accepted issuers (edge-jwt's `issuer`); makes `iss` required. A RegExp is not supported. */
    iss?: string | string[];
    /** Accepted audiences (edge-jwt's `audience`); makes `aud` required. A RegExp is not supported. */
    aud?: string | string[];
    /** The required header `typ` (edge-jwt's `typ`); makes `typ` required. Default: any `typ`. */
    typ?: string | [string];
    /** edge-jwt always checks `exp`: only `true` is accepted. */
    exp?: true;
    /** edge-jwt always checks `nbf`: only `true` is accepted. */
    nbf?: true;
    /** edge-jwt checks `iat` only with `verify.maxAge`: only `false` is accepted. */
    iat?: false;
}

/** The options of {@link jwt}. Unknown names are refused at setup (`ERR_INVALID_OPTION`). */
export interface JwtOptions<E extends Env = any> {
    /**
     * The HS256 secret, or a function of the context that returns it (or a Promise of it), called on
     * every request: `(c) => c.env.JWT_SECRET`. A Key is built once per secret value and isolate.
     * An empty or short secret is an HTTPException 500 on the request, not a 401.
     */
    secret: JwtSecret | ((c: Context<E>) => JwtSecret | Promise<JwtSecret>);
    /**
     * Where the token is when the header is absent: a cookie name, or `{ key, secret, prefixOptions }`
     * for a cookie signed by Hono's `setSignedCookie` (`secret` may be a function of the context).
     * Default: none, the header only.
     */
    cookie?:
        | string
        | {
              key: string;
              secret?: string | BufferSource | ((c: Context<E>) => string | BufferSource | Promise<string | BufferSource>);
              prefixOptions?: "host" | "secure";
          };
    /** Only `"HS256"`; any other value throws at setup. Default: HS256. */
    alg?: "HS256";
    /** The header that carries `Bearer <token>`. Default: `"Authorization"`. */
    headerName?: string;
    /** The `realm` of the `WWW-Authenticate` challenge. Default: the request URL without its query. */
    realm?: string;
    /** Hono's verify options, under Hono's names. */
    verification?: HonoVerification;
    /** edge-jwt's own verify options (`now`, `leeway`, `maxAge`, `requiredClaims`, ...); none may repeat one of `verification`. */
    verify?: VerifyOptions;
}

/**
 * Verifies the request's HS256 token and puts its claims in `c.get("jwtPayload")`.
 *
 * Failures are `HTTPException`s (from `hono/http-exception`): 401 with `WWW-Authenticate: Bearer
 * realm="..."` for a missing token, 401 with `error="invalid_token"` for a refused one (`cause` is the
 * JwtError), 500 for a key or option problem (`cause` is the JwtError).
 *
 * @throws {JwtError} `ERR_INVALID_OPTION` at setup: an unknown option, `alg` other than HS256, a
 * `verification` edge-jwt cannot honor.
 */
export declare function jwt<E extends Env = any>(options: JwtOptions<E>): MiddlewareHandler<E>;
