// The FastAPI OAuth2 password + JWT flow of examples/edge-worker, with Hono and edge-jwt/hono.
//   POST /token     form username + password -> {"access_token", "token_type": "bearer"}, and the
//                   same token as an HttpOnly cookie
//   GET  /users/me  Authorization: Bearer <token>, or that cookie -> the user
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { issue, tokenCookie } from "edge-jwt";
import { jwt } from "edge-jwt/hono";
import { verifyPassword } from "./password.js";

const EXPIRES_IN = 30 * 60; // seconds: FastAPI's ACCESS_TOKEN_EXPIRE_MINUTES = 30
const USERS = {
  // Password "secret", hashed as examples/edge-worker/scripts/hash-password.mjs does.
  johndoe: {
    username: "johndoe", full_name: "John Doe", email: "johndoe@example.com", disabled: false,
    hashed_password: "pbkdf2-sha256$100000$r2M0TTYk6qHk-gcbAdA3kA$JAISmee_tec-uDwwN3zCJQgsO6MRfs3Z84TlZgFI3uY",
  },
};
const findUser = (name) => (Object.hasOwn(USERS, name) ? USERS[name] : undefined);

const app = new Hono();

app.post("/token", async (c) => {
  const { username, password } = await c.req.parseBody();
  if (typeof username !== "string" || typeof password !== "string") {
    return c.json({ detail: "username and password are required" }, 422);
  }
  const user = findUser(username);
  if (!(await verifyPassword(password, user?.hashed_password))) {
    return c.json({ detail: "Incorrect username or password" }, 401, { "WWW-Authenticate": "Bearer" });
  }
  const token = issue({ sub: user.username }, c.env.JWT_SECRET, { expiresIn: EXPIRES_IN });
  c.header("Set-Cookie", tokenCookie("access_token", token, { maxAge: EXPIRES_IN }));
  c.header("Cache-Control", "no-store");
  return c.json({ access_token: token, token_type: "bearer" });
});

// The header when there is one, else the cookie. The Key is built once per JWT_SECRET value.
const auth = jwt({ secret: (c) => c.env.JWT_SECRET, cookie: "access_token", verify: { requiredClaims: ["exp", "sub"] } });

app.get("/users/me", auth, (c) => {
  const user = findUser(c.get("jwtPayload").sub);
  if (user === undefined) {
    return c.json({ detail: "Could not validate credentials" }, 401, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
  }
  if (user.disabled) return c.json({ detail: "Inactive user" }, 400);
  const { username, email, full_name, disabled } = user;
  return c.json({ username, email, full_name, disabled });
});

// 401s keep their WWW-Authenticate challenge; a missing or short JWT_SECRET is a logged 500.
app.onError((err, c) => {
  if (err instanceof HTTPException && err.status < 500) return err.getResponse();
  console.error("hono-worker:", err.cause ?? err);
  return c.json({ detail: "Internal Server Error" }, 500);
});

export default app;
