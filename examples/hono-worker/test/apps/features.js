// A Hono app that exercises every option of edge-jwt/hono, run in workerd by middleware.test.mjs.
// onError reports what it saw in headers (X-Error, X-Cause-Code) and then answers as Hono would.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { JwtError } from "edge-jwt";
import { jwt } from "edge-jwt/hono";

// The isolate: requests that report the same id ran in one instance of this module (no restart).
// Made on the first request: workerd allows no random values at startup.
let isolate;
const ISOLATE = () => (isolate ??= crypto.randomUUID());
// The only test hooks: a JWT_SECRET that replaces env's (rotation), and secret bytes overwritten in place.
let rotatedSecret;
const bytesSecret = new Uint8Array(32).fill(1);

const ok = (c) => c.json({ payload: c.get("jwtPayload"), isolate: ISOLATE() });
const fromEnv = (c) => c.env.JWT_SECRET;

const app = new Hono();
app.get("/header-or-cookie", jwt({ secret: fromEnv, cookie: "token" }), ok);
app.get("/custom-header", jwt({ secret: fromEnv, headerName: "X-Auth" }), ok);
app.get("/signed-cookie", jwt({ secret: fromEnv, cookie: { key: "token", secret: (c) => c.env.COOKIE_SECRET } }), ok);
app.get("/host-cookie", jwt({ secret: fromEnv, cookie: { key: "token", prefixOptions: "host" } }), ok);
app.get("/async-secret", jwt({ secret: async (c) => fromEnv(c) }), ok);
app.get("/bytes", jwt({ secret: bytesSecret }), ok);
app.get("/realm", jwt({ secret: fromEnv, realm: 'api "v1"' }), ok);
app.get("/claims", jwt({ secret: fromEnv, verification: { iss: "https://issuer.test", aud: ["api", "web"] }, verify: { requiredClaims: ["sub"] } }), ok);
app.get("/clock", jwt({ secret: fromEnv, verify: { now: 1_700_000_000, leeway: 10 } }), ok);
app.get("/short-limit", jwt({ secret: fromEnv, verify: { maxTokenLength: 64 } }), ok);
app.get("/empty-secret", jwt({ secret: "" }), ok);
app.get("/short-secret", jwt({ secret: (c) => c.env.SHORT_SECRET }), ok);
app.get("/short-secret-allowed", jwt({ secret: (c) => c.env.SHORT_SECRET, verify: { allowShortKey: true } }), ok);
app.get("/missing-secret", jwt({ secret: (c) => c.env.NOT_BOUND }), ok);
app.get("/bad-option", jwt({ secret: fromEnv, verify: { maxAge: "a while" } }), ok);

app.onError((err, c) => {
  const res = err instanceof HTTPException ? err.getResponse() : new Response("bug", { status: 599 });
  res.headers.set("X-Error", err instanceof HTTPException ? `HTTPException ${err.status}` : String(err));
  res.headers.set("X-Cause-Code", err.cause instanceof JwtError ? err.cause.code : "none");
  return res;
});

// The same middleware in an app without onError: Hono's default handler answers.
const plain = new Hono();
plain.get("/plain/header-or-cookie", jwt({ secret: fromEnv, cookie: "token" }), ok);
plain.get("/plain/short-secret", jwt({ secret: (c) => c.env.SHORT_SECRET }), ok);

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname === "/__rotate") {
      rotatedSecret = await request.text();
      return new Response(ISOLATE());
    }
    if (pathname === "/__bytes") {
      bytesSecret.fill(Number(await request.text()));
      return new Response(ISOLATE());
    }
    const bindings = rotatedSecret === undefined ? env : { ...env, JWT_SECRET: rotatedSecret };
    return (pathname.startsWith("/plain/") ? plain : app).fetch(request, bindings, ctx);
  },
};
