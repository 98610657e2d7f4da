// The `edge-jwt/hono` subpath in one runtime: the portable checks that scripts/test-pkg.sh runs in
// Node (ESM and CommonJS), workerd, Deno and Bun, with the app's own Hono (a real install, no mock).
// The full behaviour is tested in workerd by examples/hono-worker (make test-hono).
//
//   const { passed, failed, failures } = await honoConformance({ lib, jwt, Hono, HTTPException });

const SECRET = "a secret of at least 32 bytes, for HS256!";

class CheckFailed extends Error {}

function equal(actual, expected, what) {
  if (actual !== expected) throw new CheckFailed(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/**
 * @param {{ lib: object, jwt: Function, Hono: Function, HTTPException: Function }} modules "edge-jwt",
 *   the jwt of "edge-jwt/hono", and Hono's Hono and HTTPException as the app imports them
 */
export async function honoConformance({ lib, jwt, Hono, HTTPException }) {
  const checks = [];
  const check = (name, fn) => checks.push([name, fn]);

  // One app: the secret from env, the cookie as a fallback; onError reports what it caught.
  const app = new Hono();
  app.get("/me", jwt({ secret: (c) => c.env.JWT_SECRET, cookie: "token" }), (c) => c.json(c.get("jwtPayload")));
  app.onError((err, c) => {
    const res = err instanceof HTTPException ? err.getResponse() : new Response(String(err), { status: 599 });
    res.headers.set("X-Cause", err.cause instanceof lib.JwtError ? err.cause.code : "none");
    return res;
  });
  const request = (headers, env = { JWT_SECRET: SECRET }) => app.request("http://app.test/me", { headers }, env);

  check("a valid token in the header, then in the cookie", async () => {
    const token = lib.issue({ sub: "johndoe" }, SECRET, { expiresIn: 60 });
    for (const headers of [{ Authorization: `Bearer ${token}` }, { Cookie: `token=${token}` }]) {
      const response = await request(headers);
      equal(response.status, 200, `status (${Object.keys(headers)[0]})`);
      equal((await response.json()).sub, "johndoe", "jwtPayload.sub");
    }
  });

  check("an expired token: 401 invalid_token, an HTTPException of the app's Hono, the JwtError of the main entry as cause", async () => {
    const token = lib.issue({ sub: "johndoe" }, SECRET, { expiresIn: 1, now: 1_700_000_000 });
    const response = await request({ Authorization: `Bearer ${token}` });
    equal(response.status, 401, "status");
    equal(response.headers.get("WWW-Authenticate"), 'Bearer realm="http://app.test/me", error="invalid_token", error_description="The access token expired"', "WWW-Authenticate");
    equal(response.headers.get("X-Cause"), "ERR_JWT_EXPIRED", "cause");
  });

  check("no token: 401 with the challenge and no error code", async () => {
    const response = await request({});
    equal(response.status, 401, "status");
    equal(response.headers.get("WWW-Authenticate"), 'Bearer realm="http://app.test/me"', "WWW-Authenticate");
  });

  check("a short secret in env: HTTPException 500, ERR_KEY_TOO_SHORT as cause", async () => {
    const token = lib.issue({ sub: "johndoe" }, SECRET, { expiresIn: 60 });
    const response = await request({ Authorization: `Bearer ${token}` }, { JWT_SECRET: "short" });
    equal(response.status, 500, "status");
    equal(response.headers.get("X-Cause"), "ERR_KEY_TOO_SHORT", "cause");
  });

  check("alg other than HS256 throws at setup", () => {
    let thrown;
    try {
      jwt({ secret: SECRET, alg: "RS256" });
    } catch (err) {
      thrown = err;
    }
    equal(thrown instanceof lib.JwtError && thrown.code, "ERR_INVALID_OPTION", "error code");
  });

  const failures = [];
  for (const [name, fn] of checks) {
    try {
      await fn();
    } catch (err) {
      failures.push(`${name}: ${err instanceof CheckFailed ? err.message : `threw ${err?.name}: ${err?.message}`}`);
    }
  }
  return { passed: checks.length - failures.length, failed: failures.length, failures };
}
