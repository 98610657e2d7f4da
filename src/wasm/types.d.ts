/**
 * Signs `claims` with HS256 and returns the compact token.
 *
 * `claims` is a plain object of JSON values; `exp`, `nbf` and `iat` may be
 * `Date`s (converted to whole seconds, rounded down). The header is
 * `{"alg":"HS256","typ":"JWT"}`, plus `kid` with `keyId`. By default `iat`
 * is set to now (`issuedAt: false` to leave it out or supply your own).
 *
 * @throws {JwtError} `ERR_INVALID_CLAIMS` for claims that are not a plain
 * object of JSON values (or that set a claim an option also sets),
 * `ERR_INVALID_OPTION` for a bad option or secret, `ERR_KEY_EMPTY`,
 * `ERR_KEY_TOO_SHORT`.
 */
export function issue(claims: Claims, secret: Secret, options?: IssueOptions): string;

/**
 * Verifies an HS256 token and returns its claims as a plain object.
 *
 * In order: the length limit, the form, the header (`alg` must be exactly
 * `HS256`), the signature (constant time), then the claims against the
 * options and one reading of the clock. Integers up to 2^53 come back exact.
 *
 * @throws {JwtError} with the `code` of the step that failed, such as
 * `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`, `ERR_JWT_EXPIRED` (with
 * `expiredAt`) or `ERR_JWT_CLAIM_VALIDATION_FAILED` (with `claim` and
 * `reason`).
 */
export function verify(token: string, secret: Secret, options?: VerifyOptions): JwtPayload;

/**
 * Decodes a token's header and payload WITHOUT verifying anything.
 *
 * For display and debugging only (which key id, when it expires); never
 * trust what it returns. The form rules of `verify` still apply: at most
 * 16 KiB, three canonical base64url segments, JSON objects.
 *
 * @throws {JwtError} `ERR_JWT_TOO_LONG`, `ERR_JWS_INVALID` or `ERR_JWT_INVALID`.
 */
export function decodeUnverified(token: string): DecodedToken;

/** A JSON value, as carried in a token's payload. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [member: string]: JsonValue };

/** A NumericDate: seconds since 1970-01-01T00:00:00Z. */
export type NumericDate = number;

/**
 * A duration: whole seconds as a number, or whole digits followed by one unit:
 * `s` (seconds), `m` (minutes), `h` (hours), `d` (days) or `w` (weeks), as in
 * `"30m"`, `"2h"`, `"7d"`. A string without a unit, such as `"30"`, is refused.
 */
export type Duration = number | `${number}${"s" | "m" | "h" | "d" | "w"}`;

/**
 * The current time: seconds since the epoch (fractions allowed), a `Date`, or a
 * function returning either, called once per operation. Milliseconds (such as
 * `Date.now()`) are refused with `ERR_INVALID_OPTION`.
 */
export type Clock = number | Date | (() => number | Date);

/** A secret: a string (its UTF-8 bytes), a Uint8Array (raw bytes), or a reusable {@link Key}. */
export type Secret = string | Uint8Array | Key;

/** The claims given to `issue`: a plain object of JSON values. */
export interface Claims {
    /** Issuer. Conflicts with the `issuer` option. */
    iss?: string;
    /** Subject. Conflicts with the `subject` option. */
    sub?: string;
    /** Audience. Conflicts with the `audience` option. */
    aud?: string | string[];
    /** Expiration time; a `Date` becomes whole seconds. Conflicts with `expiresIn`. */
    exp?: NumericDate | Date;
    /** Not before; a `Date` becomes whole seconds. Conflicts with `notBefore`. */
    nbf?: NumericDate | Date;
    /** Issued at; a `Date` becomes whole seconds. Set `issuedAt: false` to supply it. */
    iat?: NumericDate | Date;
    /** JWT ID. Conflicts with the `jwtId` option. */
    jti?: string;
    [claim: string]: JsonValue | Date | undefined;
}

/** The claims of a verified (or decoded) token. */
export interface JwtPayload {
    iss?: string;
    sub?: string;
    aud?: string | string[];
    exp?: NumericDate;
    nbf?: NumericDate;
    iat?: NumericDate;
    jti?: string;
    [claim: string]: JsonValue | undefined;
}

/** A token's protected header. */
export interface JwtHeader {
    alg: string;
    typ?: string;
    kid?: string;
    [parameter: string]: JsonValue | undefined;
}

/** What `decodeUnverified` returns. Nothing in it is verified. */
export interface DecodedToken {
    header: JwtHeader;
    payload: JwtPayload;
}

/**
 * An HS256 key, set up once and reused: pass it as the `secret` of `issue`
 * and `verify` as many times as you like; they never free it.
 *
 * The HMAC key schedule runs once, in the constructor; the raw secret is not
 * kept, only the two precomputed SHA-256 states (64 bytes of JavaScript
 * memory, so a Key nobody frees is garbage-collected like any object).
 * Secrets shorter than 32 bytes are refused with `ERR_KEY_TOO_SHORT` unless
 * `allowShortKey` is true; an empty one with `ERR_KEY_EMPTY`.
 */
export class Key {
    /**
     * Sets up a key from a secret: a string (its UTF-8 bytes) or a Uint8Array
     * (raw bytes, from any realm).
     *
     * @throws {JwtError} `ERR_KEY_EMPTY`, `ERR_KEY_TOO_SHORT`, or
     * `ERR_INVALID_OPTION` for a secret of another type or a bad option.
     */
    constructor(secret: string | Uint8Array, options?: KeyOptions);
    /** Wipes the key at once; a freed key is refused. Calling it again does nothing. */
    free(): void;
    /** `using key = new Key(...)` frees it at the end of the block. */
    [Symbol.dispose](): void;
}

/** Options of `new Key`. */
export interface KeyOptions {
    /**
     * Accept a secret shorter than 32 bytes (RFC 7518 section 3.2 asks for at least 32).
     * For legacy systems only: a short secret can be brute-forced from one token.
     * Default: false (`ERR_KEY_TOO_SHORT`).
     */
    allowShortKey?: boolean;
}

/** Options of `issue`. Unknown names are refused (`ERR_INVALID_OPTION`). */
export interface IssueOptions {
    /** Sets `exp` to now plus this duration (at most 100 years). Default: no `exp`. */
    expiresIn?: Duration;
    /** Sets `nbf` to now plus this duration (at most 100 years). Default: no `nbf`. */
    notBefore?: Duration;
    /** Sets `iat` to now. Default: true; set false to leave it out or supply your own. */
    issuedAt?: boolean;
    /** Sets `iss`. Default: none. */
    issuer?: string;
    /** Sets `sub`. Default: none. */
    subject?: string;
    /** Sets `aud`, as a string or a list. Default: none. */
    audience?: string | string[];
    /** Sets `jti`. Default: none. */
    jwtId?: string;
    /** Adds `kid` to the header; it only labels the key. Default: none. */
    keyId?: string;
    /** The clock for `iat`, `nbf` and `exp`. Default: the system clock. */
    now?: Clock;
    /** Accept a string or Uint8Array secret shorter than 32 bytes (ignored for a {@link Key}). Default: false. */
    allowShortKey?: boolean;
}

/** Options of `verify`. Unknown names are refused (`ERR_INVALID_OPTION`). */
export interface VerifyOptions {
    /** The clock the time claims are checked against. Default: the system clock. */
    now?: Clock;
    /** Tolerated clock skew for `exp`, `nbf`, `iat` and `maxAge` (at most one day). Default: 0. */
    leeway?: Duration;
    /** The oldest `iat` accepted. Makes `iat` required. Default: none. */
    maxAge?: Duration;
    /** Accepted issuers. Makes `iss` required. Default: any. */
    issuer?: string | string[];
    /** Accepted audiences; the token's `aud` must contain one. Makes `aud` required. Default: any. */
    audience?: string | string[];
    /** The required `sub`. Makes `sub` required. Default: any. */
    subject?: string;
    /** Claims that must be present. Default: none. */
    requiredClaims?: string[];
    /** The required header `typ`, as a media type (`"JWT"` matches `"application/jwt"`). Makes `typ` required. Default: any. */
    typ?: string;
    /** The longest token accepted, in bytes, checked before decoding (1 to 1048576). Default: 16384. */
    maxTokenLength?: number;
    /**
     * Accept a token without `exp`. Default: false: such a token never expires, so `verify` refuses it with
     * `ERR_JWT_CLAIM_VALIDATION_FAILED` (claim `exp`, reason `missing`).
     */
    allowMissingExp?: boolean;
    /** Accept a string or Uint8Array secret shorter than 32 bytes (ignored for a {@link Key}). Default: false. */
    allowShortKey?: boolean;
}

/** Every `JwtError` code. */
export type JwtErrorCode =
    | "ERR_JWS_INVALID"
    | "ERR_JWT_INVALID"
    | "ERR_JWT_TOO_LONG"
    | "ERR_JOSE_ALG_NOT_ALLOWED"
    | "ERR_JOSE_NOT_SUPPORTED"
    | "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"
    | "ERR_JWT_EXPIRED"
    | "ERR_JWT_CLAIM_VALIDATION_FAILED"
    | "ERR_KEY_EMPTY"
    | "ERR_KEY_TOO_SHORT"
    | "ERR_INVALID_OPTION"
    | "ERR_INVALID_CLAIMS";

/** Why a claim failed validation. */
export type JwtErrorReason = "missing" | "invalid" | "check_failed";

/** The fields of a {@link JwtError}. */
export interface JwtErrorDetails {
    code: JwtErrorCode;
    claim?: string;
    reason?: JwtErrorReason;
    expiredAt?: NumericDate;
    option?: string;
    cause?: unknown;
}

/**
 * Every failure of `issue`, `verify`, `decodeUnverified` and `new Key` throws a
 * `JwtError`. Switch on `code`. Messages never contain the token or the secret.
 */
export class JwtError extends Error {
    constructor(message: string, details: JwtErrorDetails);
    readonly name: "JwtError";
    /** The stable code. */
    code: JwtErrorCode;
    /** The claim (or header parameter) a claim error is about. */
    claim?: string;
    /** Why the claim failed, for `ERR_JWT_CLAIM_VALIDATION_FAILED` and `ERR_JWT_EXPIRED`. */
    reason?: JwtErrorReason;
    /** For `ERR_JWT_EXPIRED`: the NumericDate at which the token stopped being valid. */
    expiredAt?: NumericDate;
    /** For `ERR_INVALID_OPTION`: the option's name (`"secret"` for a secret of the wrong type). */
    option?: string;
}
