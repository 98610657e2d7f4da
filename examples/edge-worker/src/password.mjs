// Password hashing: salted PBKDF2-HMAC-SHA256 through WebCrypto, compared in constant time.
//
// Stored form (one string per user):  pbkdf2-sha256$<iterations>$<salt base64url>$<hash base64url>
//
// 100,000 iterations is the most Cloudflare Workers' WebCrypto accepts for PBKDF2 (a higher count
// throws NotSupportedError), so it is also the default here. OWASP asks for more (600,000 for
// PBKDF2-SHA256 in 2023): on Workers, a memory-hard hash in wasm (argon2id) is the way past the cap.
// The same module runs in Node (scripts/hash-password.mjs), so hashes made there verify here.

export const PBKDF2_ITERATIONS = 100_000;
const SCHEME = "pbkdf2-sha256";
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const MAX_ITERATIONS = 100_000; // Workers' cap

const encoder = new TextEncoder();

async function derive(password, salt, iterations) {
  const material = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/** Hashes a password with a fresh random salt; returns the stored form. */
export async function hashPassword(password, iterations = PBKDF2_ITERATIONS) {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer from 1 to ${MAX_ITERATIONS}`);
  }
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${SCHEME}$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

/**
 * Parses a stored hash; returns null when it is not in the stored form (the caller then treats the
 * user as one whose password never matches, after the same amount of work).
 */
export function parseStoredHash(stored) {
  if (typeof stored !== "string") return null;
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== SCHEME || !/^[1-9][0-9]{0,5}$/.test(parts[1])) return null;
  const iterations = Number(parts[1]);
  const salt = fromBase64Url(parts[2]);
  const hash = fromBase64Url(parts[3]);
  if (iterations > MAX_ITERATIONS || !salt || salt.length < 8 || !hash || hash.length !== HASH_BYTES) {
    return null;
  }
  return { iterations, salt, hash };
}

// Used when the user does not exist or its record is broken: the derivation still runs with the
// default cost, so the response time does not tell which usernames exist.
const DUMMY = {
  iterations: PBKDF2_ITERATIONS,
  salt: new Uint8Array(SALT_BYTES),
  hash: new Uint8Array(HASH_BYTES),
};

/**
 * Checks a password against a stored hash (or against nothing, when `stored` is undefined).
 * Always runs one PBKDF2 derivation; resolves true only for a real record that matches.
 */
export async function verifyPassword(password, stored) {
  const record = parseStoredHash(stored);
  const target = record ?? DUMMY;
  const derived = await derive(password, target.salt, target.iterations);
  const same = constantTimeEqual(derived, target.hash);
  return record !== null && same;
}

/**
 * Compares two byte arrays without an early exit: the time depends only on the length, which is
 * public (always 32 bytes here).
 */
export function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function toBase64Url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
