// A docs block that is a Worker (`export default` an object or a Hono app with `fetch`), run as workerd
// would run it: its fetch is called with a Request, an env and a context. Every Worker in the docs is a
// bearer-token endpoint, so each is held to the same answers on GET /users/me:
//
//   no Authorization header                    401
//   a valid token for sub "johndoe" (30 min)   200, and the body names johndoe
//   an expired token                           401
//   a token signed with another secret         401
//   a fresh isolate whose env has no secret    500 (a thrown error is workerd's 500)
//   and, if the block has a "/token" route: POST /token gives an access_token that GET /users/me takes.
//
//   node check-worker.mjs blocks/b01.mjs      (JWT_SECRET in the environment)

import assert from "node:assert/strict";
import { resolve } from "node:path";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { issue } from "edge-jwt";

const file = resolve(process.argv[2]);
const secret = process.env.JWT_SECRET;
assert.ok(secret && secret.length >= 32, "check-worker.mjs needs JWT_SECRET (32+ bytes) in its environment");

let isolate = 0;
/** A fresh isolate: the module evaluated anew, so module-scope state (a cached Key) starts empty. */
async function load() {
  const mod = await import(`${pathToFileURL(file).href}?isolate=${++isolate}`);
  assert.equal(typeof mod.default?.fetch, "function", "the default export has no fetch method");
  return mod.default;
}

const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
async function call(worker, env, path, init = {}) {
  try {
    return await worker.fetch(new Request(`https://worker.example${path}`, init), env, ctx);
  } catch (err) {
    return Object.assign(new Response("(thrown)", { status: 500 }), { thrown: err });
  }
}
const bearer = (token) => ({ headers: { Authorization: `Bearer ${token}` } });

const env = { JWT_SECRET: secret };
const worker = await load();
const now = Math.floor(Date.now() / 1000);
const valid = issue({ sub: "johndoe" }, secret, { expiresIn: "30m" });
const expired = issue({ sub: "johndoe" }, secret, { expiresIn: 60, now: now - 3600 });
const other = issue({ sub: "johndoe" }, "another secret of at least 32 bytes!", { expiresIn: "30m" });

let r = await call(worker, env, "/users/me");
assert.equal(r.status, 401, "no token: expected 401");

r = await call(worker, env, "/users/me", bearer(valid));
const body = await r.text();
assert.equal(r.status, 200, `a valid token: expected 200, got ${r.status} ${body} ${r.thrown ?? ""}`);
assert.match(body, /johndoe/, "a valid token: the body does not name johndoe");

r = await call(worker, env, "/users/me", bearer(expired));
assert.equal(r.status, 401, "an expired token: expected 401");

r = await call(worker, env, "/users/me", bearer(other));
assert.equal(r.status, 401, "a token signed with another secret: expected 401");

if (/["'`]\/token["'`]/.test(readFileSync(file, "utf8"))) {
  r = await call(worker, env, "/token", { method: "POST" });
  assert.equal(r.status, 200, "POST /token: expected 200");
  const { access_token } = await r.json();
  r = await call(worker, env, "/users/me", bearer(access_token));
  assert.equal(r.status, 200, "the token of POST /token: expected 200 on GET /users/me");
}

r = await call(await load(), {}, "/users/me", bearer(valid));
assert.equal(r.status, 500, `no JWT_SECRET in env: expected 500, got ${r.status}`);
