// Small HTTP helpers: JSON responses, a size-capped body reader, CORS.

/** RFC 6749 §5.1: responses that carry tokens or user data must not be cached. */
export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

export function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** The body as bytes, or null when it is larger than `limit` bytes (declared or actual). */
export async function readBody(request, limit) {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && !(Number(declared) <= limit)) return null;
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** "application/x-www-form-urlencoded; charset=UTF-8" -> "application/x-www-form-urlencoded" */
export function mediaType(request) {
  const value = request.headers.get("Content-Type") ?? "";
  return value.split(";", 1)[0].trim().toLowerCase();
}

const PREFLIGHT_ALLOW_HEADERS = "Authorization, Content-Type";
const PREFLIGHT_MAX_AGE = "600";
// The demo page reads WWW-Authenticate to show why a token was refused.
const EXPOSE_HEADERS = "WWW-Authenticate";

/** Answers an OPTIONS request to a route whose one method is `method`. */
export function preflight(request, allowedOrigins, method) {
  const allow = `${method}, OPTIONS`;
  const origin = request.headers.get("Origin");
  if (origin === null || request.headers.get("Access-Control-Request-Method") === null) {
    return new Response(null, { status: 204, headers: { Allow: allow } });
  }
  if (!allowedOrigins.includes(origin)) {
    return json(403, { detail: "Origin not allowed" }, { Vary: "Origin" });
  }
  return new Response(null, {
    status: 204,
    headers: {
      Allow: allow,
      "Access-Control-Allow-Methods": allow,
      "Access-Control-Allow-Headers": PREFLIGHT_ALLOW_HEADERS,
      "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
      Vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    },
  });
}

/** Lets an allowed browser origin read `response` (no cookies are used, so no credentials mode). */
export function withCors(request, response, allowedOrigins) {
  const origin = request.headers.get("Origin");
  if (origin !== null && allowedOrigins.includes(origin)) {
    response.headers.set("Access-Control-Allow-Origin", origin);
    response.headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  }
  const vary = response.headers.get("Vary");
  if (vary === null) response.headers.set("Vary", "Origin");
  else if (!/\borigin\b/i.test(vary)) response.headers.set("Vary", `${vary}, Origin`);
  return response;
}
