// The fixed workload of issue #7: a 32-byte key and the payload
// {sub, name, role, iat, exp} under {"alg":"HS256","typ":"JWT"}: a 151-byte
// signing input. Every contender signs that payload and verifies one token.

export const SECRET_TEXT = "k7Qm2vX9pL4sT8wZ1cR6yB3nH5jD0fGa"; // 32 bytes
export const SECRET = new TextEncoder().encode(SECRET_TEXT);
export const CLAIMS = { sub: "1234567890", name: "John Doe", role: "dev" };
export const LIFETIME = 3600;

/** The payload with iat/exp at `now` (seconds): the shape every contender signs. */
export function payloadAt(now) {
  return { ...CLAIMS, iat: now, exp: now + LIFETIME };
}

/** `header.payload` as base64url, without any library. */
export function signingInput(now) {
  const b64 = (s) =>
    btoa(s).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const header = b64(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64(JSON.stringify(payloadAt(now)));
  return `${header}.${payload}`;
}
