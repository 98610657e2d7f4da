// A hono/jwt app, as its docs write one. compat.test.mjs runs it in workerd twice: as is, and with
// "hono/jwt" replaced by "edge-jwt/hono" (and nothing else changed), then compares the answers.
import { Hono } from "hono";
import { jwt } from "hono/jwt";

const SECRET = "a secret of at least 32 bytes, for HS256!";
const COOKIE_SECRET = "the cookie signing secret";

const app = new Hono();
app.use("/auth/*", jwt({ secret: SECRET, alg: "HS256" }));
app.use("/cookie/*", jwt({ secret: SECRET, alg: "HS256", cookie: "token" }));
app.use("/custom/*", jwt({ secret: SECRET, alg: "HS256", headerName: "x-custom-auth-header" }));
app.use("/signed/*", jwt({ secret: SECRET, alg: "HS256", cookie: { key: "token", secret: COOKIE_SECRET } }));
app.use("/claims/*", jwt({ secret: SECRET, alg: "HS256", verification: { iss: "https://issuer.test", aud: "api" } }));
for (const prefix of ["auth", "cookie", "custom", "signed", "claims"]) {
  app.get(`/${prefix}/page`, (c) => c.json(c.get("jwtPayload")));
}
export default app;
