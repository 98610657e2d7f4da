// Password check: salted PBKDF2-HMAC-SHA256 through WebCrypto, compared in constant time. The stored
// form is examples/edge-worker's (its scripts/hash-password.mjs makes one):
//   pbkdf2-sha256$<iterations>$<salt base64url>$<hash base64url>
// 100,000 iterations is the most Workers' WebCrypto accepts for PBKDF2.

const DUMMY = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** True when `password` matches `stored`. An unknown user (`stored` undefined) costs the same work. */
export async function verifyPassword(password, stored) {
  const [scheme, rounds, salt, hash] = (stored ?? DUMMY).split("$");
  const iterations = Number(rounds);
  if (scheme !== "pbkdf2-sha256" || !(iterations >= 1 && iterations <= 100_000)) return false;
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: bytes(salt), iterations }, material, 256);
  const derived = new Uint8Array(bits);
  const expected = bytes(hash);
  let diff = derived.length ^ expected.length;
  for (let i = 0; i < derived.length; i++) diff |= derived[i] ^ (expected[i] ?? 0);
  return stored !== undefined && diff === 0;
}

function bytes(base64url) {
  return Uint8Array.from(atob(base64url.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}
