// A TypeScript Hono app on edge-jwt/hono, compiled with tsc --strict against the shipped declarations.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { bearerToken, issue, JwtError, Key, tokenCookie } from "edge-jwt";
import { jwt, type JwtVariables } from "edge-jwt/hono";

type Env = { Bindings: { JWT_SECRET: string }; Variables: JwtVariables<{ sub: string }> };
const app = new Hono<Env>();

app.use("/users/*", jwt<Env>({ secret: (c) => c.env.JWT_SECRET, cookie: "access_token", verify: { requiredClaims: ["sub"], leeway: 5 } }));
app.get("/users/me", (c) => {
  const subject: string = c.get("jwtPayload").sub;
  return c.json({ subject, header: bearerToken(c.req.raw) });
});
app.post("/token", (c) => {
  const token = issue({ sub: "johndoe" }, c.env.JWT_SECRET, { expiresIn: "30m" });
  c.header("Set-Cookie", tokenCookie("access_token", token, { maxAge: 1800 }));
  return c.json({ access_token: token, token_type: "bearer" });
});
app.onError((err) => {
  const cause: unknown = err instanceof HTTPException ? err.cause : undefined;
  return new Response(cause instanceof JwtError ? cause.code : "error", { status: err instanceof HTTPException ? err.status : 500 });
});

// The hono/jwt spelling, a Key, a signed cookie whose secret comes from env.
jwt({ secret: new Key("a secret of at least 32 bytes, for HS256!"), alg: "HS256", headerName: "X-Auth", verification: { iss: "https://issuer", aud: ["api"] } });
jwt<{ Bindings: { COOKIE_SECRET: string } }>({ secret: "a secret of at least 32 bytes, for HS256!", cookie: { key: "t", secret: (c) => c.env.COOKIE_SECRET, prefixOptions: "host" } });
// @ts-expect-error: HS256 only
jwt({ secret: "s", alg: "RS256" });
// @ts-expect-error: edge-jwt always checks exp
jwt({ secret: "s", verification: { exp: false } });
export default app;
