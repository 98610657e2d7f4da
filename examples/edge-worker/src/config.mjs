// Reads the Worker's bindings once per request and says what is wrong with them, if anything.
// A worker without a usable signing secret must not answer anything but 500: see app.mjs.

/** RFC 7518 §3.2: an HS256 key is at least as long as the hash output. */
export const MIN_SECRET_BYTES = 32;
const DEFAULT_EXPIRE_MINUTES = 30;
const MAX_EXPIRE_MINUTES = 7 * 24 * 60;

const encoder = new TextEncoder();

/**
 * @returns {{ ok: true, secret: string, allowShortKey: boolean, warning: string | null,
 *             expireMinutes: number, allowedOrigins: string[] }
 *          | { ok: false, problem: string, allowedOrigins: string[] }}
 */
export function readConfig(env) {
  const allowedOrigins = parseOrigins(env.ALLOWED_ORIGINS);
  const allowShortKey = parseAllowShortKey(env.ALLOW_SHORT_JWT_SECRET);
  if (allowShortKey === null) {
    return {
      ok: false,
      allowedOrigins,
      problem: 'ALLOW_SHORT_JWT_SECRET must be "true" or "false" (or unset, which means "false").',
    };
  }
  const secret = env.JWT_SECRET;
  if (typeof secret !== "string" || secret.length === 0) {
    return {
      ok: false,
      allowedOrigins,
      problem:
        "the JWT_SECRET binding is missing or empty. Set it with `npx wrangler secret put JWT_SECRET` " +
        "(production) or in .dev.vars (local; see .dev.vars.example); `npm run dev` generates one.",
    };
  }
  const secretBytes = encoder.encode(secret).length;
  let warning = null;
  if (secretBytes < MIN_SECRET_BYTES && allowShortKey) {
    warning = shortKeyWarning(secretBytes);
  } else if (secretBytes < MIN_SECRET_BYTES) {
    return {
      ok: false,
      allowedOrigins,
      problem:
        `JWT_SECRET is ${secretBytes} bytes; HS256 needs at least ${MIN_SECRET_BYTES} (RFC 7518 §3.2). ` +
        "Generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\" " +
        "(a legacy key shared with another service is accepted only with ALLOW_SHORT_JWT_SECRET=true).",
    };
  }
  const minutes = parseMinutes(env.ACCESS_TOKEN_EXPIRE_MINUTES);
  if (minutes === null) {
    return {
      ok: false,
      allowedOrigins,
      problem: `ACCESS_TOKEN_EXPIRE_MINUTES must be a whole number of minutes from 1 to ${MAX_EXPIRE_MINUTES}.`,
    };
  }
  return { ok: true, secret, allowShortKey, warning, expireMinutes: minutes, allowedOrigins };
}

/**
 * The line logged when ALLOW_SHORT_JWT_SECRET lets a short secret through. It states the size,
 * never the secret.
 */
export function shortKeyWarning(secretBytes) {
  return (
    `edge-worker: WARNING: JWT_SECRET is ${secretBytes} bytes, under the ${MIN_SECRET_BYTES} that HS256 needs ` +
    "(RFC 7518 §3.2), and is accepted only because ALLOW_SHORT_JWT_SECRET=true. Anyone holding one token " +
    "can try to brute-force a short secret offline; rotate to 32+ random bytes on both sides and remove the setting."
  );
}

/**
 * The legacy short-key setting: "true" or true turns it on; unset, "", "false" or false leaves it
 * off; anything else ("yes", "1", "TRUE") is a configuration error rather than a guess.
 */
function parseAllowShortKey(value) {
  if (value === undefined || value === "" || value === "false" || value === false) return false;
  if (value === "true" || value === true) return true;
  return null;
}

function parseMinutes(value) {
  if (value === undefined || value === "") return DEFAULT_EXPIRE_MINUTES;
  const text = String(value).trim();
  if (!/^[0-9]{1,6}$/.test(text)) return null;
  const minutes = Number(text);
  return minutes >= 1 && minutes <= MAX_EXPIRE_MINUTES ? minutes : null;
}

/** "http://a:1, http://b:2" -> ["http://a:1", "http://b:2"]: exact origins, no wildcards. */
function parseOrigins(value) {
  if (typeof value !== "string") return [];
  return value
    .split(/[\s,]+/)
    .map((origin) => origin.replace(/\/+$/, ""))
    .filter((origin) => origin.length > 0);
}
