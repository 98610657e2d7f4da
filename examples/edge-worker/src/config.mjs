// Reads the Worker's bindings once per request and says what is wrong with them, if anything.
// A worker without a usable signing secret must not answer anything but 500: see app.mjs.

/** RFC 7518 §3.2: an HS256 key is at least as long as the hash output. */
export const MIN_SECRET_BYTES = 32;
const DEFAULT_EXPIRE_MINUTES = 30;
const MAX_EXPIRE_MINUTES = 7 * 24 * 60;

const encoder = new TextEncoder();

/**
 * @returns {{ ok: true, secret: string, expireMinutes: number, allowedOrigins: string[] }
 *          | { ok: false, problem: string, allowedOrigins: string[] }}
 */
export function readConfig(env) {
  const allowedOrigins = parseOrigins(env.ALLOWED_ORIGINS);
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
  if (secretBytes < MIN_SECRET_BYTES) {
    return {
      ok: false,
      allowedOrigins,
      problem:
        `JWT_SECRET is ${secretBytes} bytes; HS256 needs at least ${MIN_SECRET_BYTES} (RFC 7518 §3.2). ` +
        "Generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"",
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
  return { ok: true, secret, expireMinutes: minutes, allowedOrigins };
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
