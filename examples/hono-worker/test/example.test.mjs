// The example (src/index.js) as `wrangler deploy` would upload it, in workerd: the FastAPI flow
// through the bearer header and through the cookie that POST /token sets.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { issue } from "edge-jwt";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildExample, buildSource, EXAMPLE_DIR, SECRET, startWorker } from "./harness.mjs";

let bundle;
let worker;
before(async () => {
  bundle = await buildExample();
  worker = await startWorker(bundle, { JWT_SECRET: SECRET });
});
after(async () => {
  await worker?.dispose();
  await bundle?.remove();
});

const login = (w, username, password) =>
  w.fetch("/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }).toString(),
  });
const JOHNDOE = { username: "johndoe", email: "johndoe@example.com", full_name: "John Doe", disabled: false };

test("POST /token: the FastAPI answer, and the same token as an HttpOnly cookie", async () => {
  const response = await login(worker, "johndoe", "secret");
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(Object.keys(body).sort(), ["access_token", "token_type"]);
  assert.equal(body.token_type, "bearer");
  assert.equal(response.headers.get("Set-Cookie"), `access_token=${body.access_token}; Max-Age=1800; Path=/; HttpOnly; Secure; SameSite=Lax`);
  assert.equal(response.headers.get("Cache-Control"), "no-store");
});

test("GET /users/me with the bearer header, and with the cookie", async () => {
  const { access_token: token } = await (await login(worker, "johndoe", "secret")).json();
  const byHeader = await worker.fetch("/users/me", { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(byHeader.status, 200);
  assert.deepEqual(await byHeader.json(), JOHNDOE);
  const byCookie = await worker.fetch("/users/me", { headers: { Cookie: `access_token=${token}` } });
  assert.equal(byCookie.status, 200);
  assert.deepEqual(await byCookie.json(), JOHNDOE);
});

test("wrong password, unknown user, missing field", async () => {
  for (const [username, password] of [["johndoe", "wrong"], ["mallory", "secret"]]) {
    const response = await login(worker, username, password);
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), { detail: "Incorrect username or password" });
    assert.equal(response.headers.get("Set-Cookie"), null);
  }
  const response = await worker.fetch("/token", { method: "POST", body: new URLSearchParams({ username: "johndoe" }) });
  assert.equal(response.status, 422);
});

test("GET /users/me refuses: no token, an expired one, one for nobody", async () => {
  const none = await worker.fetch("/users/me");
  assert.equal(none.status, 401);
  assert.equal(none.headers.get("WWW-Authenticate"), 'Bearer realm="http://worker.test/users/me"');
  const expired = issue({ sub: "johndoe" }, SECRET, { expiresIn: 1, now: 1_700_000_000 });
  const old = await worker.fetch("/users/me", { headers: { Cookie: `access_token=${expired}` } });
  assert.equal(old.status, 401);
  assert.match(old.headers.get("WWW-Authenticate"), /error="invalid_token", error_description="The access token expired"/);
  const nobody = await worker.fetch("/users/me", { headers: { Authorization: `Bearer ${issue({ sub: "mallory" }, SECRET, { expiresIn: 60 })}` } });
  assert.equal(nobody.status, 401);
  // No exp: refused by verify.requiredClaims.
  const forever = await worker.fetch("/users/me", { headers: { Authorization: `Bearer ${issue({ sub: "johndoe" }, SECRET)}` } });
  assert.equal(forever.status, 401);
});

test("without JWT_SECRET: a 500 for every route that needs it, logged", async () => {
  const unset = await startWorker(bundle, {});
  try {
    const token = issue({ sub: "johndoe" }, SECRET, { expiresIn: 60 });
    // Each response read before the next request (holding the first while the second was made once
    // found its body already consumed).
    for (const request of [() => login(unset, "johndoe", "secret"), () => unset.fetch("/users/me", { headers: { Authorization: `Bearer ${token}` } })]) {
      const response = await request();
      assert.equal(response.status, 500);
      assert.deepEqual(await response.json(), { detail: "Internal Server Error" });
    }
    // onError logs the JwtError that HTTPException carries as its cause.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logged = unset.logs.map((entry) => entry.message).join("\n");
    assert.match(logged, /hono-worker:.*JwtError.*secret/s);
  } finally {
    await unset.dispose();
  }
});

test("the package README's Hono worker runs as written", async () => {
  const readme = await readFile(join(EXAMPLE_DIR, "..", "..", "pkg-template", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Hono\n"));
  const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block?.includes('from "edge-jwt/hono"'), "no js block in the README's Hono section");
  const built = await buildSource(block, "readme.js");
  const readmeWorker = await startWorker(built, { JWT_SECRET: SECRET });
  try {
    const response = await readmeWorker.fetch("/token", { method: "POST" });
    assert.equal(response.status, 200);
    const { access_token: token } = await response.json();
    const cookie = response.headers.get("Set-Cookie").split(";")[0];
    for (const headers of [{ Cookie: cookie }, { Authorization: `Bearer ${token}` }]) {
      const me = await readmeWorker.fetch("/users/me", { headers });
      assert.deepEqual(await me.json(), { username: "johndoe" });
    }
    assert.equal((await readmeWorker.fetch("/users/me")).status, 401);
  } finally {
    await readmeWorker.dispose();
    await built.remove();
  }
});
