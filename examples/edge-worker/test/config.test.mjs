// Misconfiguration: without a usable JWT_SECRET every request gets 500 and a console.error line,
// and nothing is signed. ACCESS_TOKEN_EXPIRE_MINUTES sets the token lifetime.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeUnverified, issue } from "edge-jwt";
import { buildBundle, login, me, randomSecret, removeBundle, startWorker } from "./harness.mjs";

let bundle;
before(async () => {
  bundle = await buildBundle();
});
after(async () => {
  if (bundle) await removeBundle(bundle);
});

const REQUESTS = [
  ["POST /token with good credentials", (w) => login(w, "johndoe", "secret")],
  ["GET /users/me with a well-signed token", (w) => me(w, issue({ sub: "johndoe" }, randomSecret(), { expiresIn: 60 }))],
  ["GET /users/me without a token", (w) => w.fetch("/users/me")],
  [
    "OPTIONS preflight",
    (w) =>
      w.fetch("/token", {
        method: "OPTIONS",
        headers: { Origin: "http://127.0.0.1:5173", "Access-Control-Request-Method": "POST" },
      }),
  ],
  ["GET /token (wrong method)", (w) => w.fetch("/token")],
  ["GET /unknown", (w) => w.fetch("/unknown")],
];

for (const [what, bindings, logPattern] of [
  ["JWT_SECRET missing", { JWT_SECRET: undefined }, /JWT_SECRET binding is missing or empty/],
  ["JWT_SECRET empty", { JWT_SECRET: "" }, /JWT_SECRET binding is missing or empty/],
  ["JWT_SECRET of 31 bytes", { JWT_SECRET: "x".repeat(31) }, /JWT_SECRET is 31 bytes; HS256 needs at least 32/],
  // Bytes, not characters: 20 two-byte characters are 40 bytes, 15 are 30.
  ["JWT_SECRET of 15 two-byte characters (30 bytes)", { JWT_SECRET: "é".repeat(15) }, /JWT_SECRET is 30 bytes/],
  [
    "ACCESS_TOKEN_EXPIRE_MINUTES not a number",
    { JWT_SECRET: randomSecret(), ACCESS_TOKEN_EXPIRE_MINUTES: "thirty" },
    /ACCESS_TOKEN_EXPIRE_MINUTES must be a whole number/,
  ],
  [
    "ACCESS_TOKEN_EXPIRE_MINUTES zero",
    { JWT_SECRET: randomSecret(), ACCESS_TOKEN_EXPIRE_MINUTES: "0" },
    /ACCESS_TOKEN_EXPIRE_MINUTES must be a whole number/,
  ],
]) {
  describe(`${what}: every request gets 500`, () => {
    let worker;
    before(async () => {
      worker = await startWorker(bundle, bindings);
    });
    after(() => worker?.dispose());

    for (const [request, send] of REQUESTS) {
      test(request, async () => {
        const res = await send(worker);
        const text = await res.text();
        assert.equal(res.status, 500, text);
        assert.deepEqual(JSON.parse(text), { detail: "Internal Server Error" });
        assert.doesNotMatch(text, /access_token/);
      });
    }

    test("each request logged the reason with console.error", async () => {
      // Structured logs arrive asynchronously from workerd's stdout.
      for (let i = 0; i < 50 && worker.logs.filter((e) => e.level === "error").length < REQUESTS.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const errors = worker.logs.filter((entry) => entry.level === "error");
      assert.equal(errors.length, REQUESTS.length, JSON.stringify(worker.logs));
      for (const entry of errors) assert.match(entry.message, logPattern);
      // The log never shows the secret itself.
      if (bindings.JWT_SECRET) for (const entry of errors) assert.ok(!entry.message.includes(bindings.JWT_SECRET));
    });
  });
}

describe("a 32-byte secret made of 16 two-byte characters is enough", () => {
  let worker;
  before(async () => {
    worker = await startWorker(bundle, { JWT_SECRET: "é".repeat(16) });
  });
  after(() => worker?.dispose());
  test("login works", async () => {
    assert.equal((await login(worker, "johndoe", "secret")).status, 200);
  });
});

describe("ACCESS_TOKEN_EXPIRE_MINUTES=5", () => {
  let worker;
  before(async () => {
    worker = await startWorker(bundle, { JWT_SECRET: randomSecret(), ACCESS_TOKEN_EXPIRE_MINUTES: "5" });
  });
  after(() => worker?.dispose());
  test("tokens live 300 seconds", async () => {
    const body = await (await login(worker, "johndoe", "secret")).json();
    assert.equal(body.expires_in, 300);
    const { payload } = decodeUnverified(body.access_token);
    assert.equal(payload.exp - payload.iat, 300);
  });
});

describe("ALLOWED_ORIGINS is a var", () => {
  let worker;
  before(async () => {
    worker = await startWorker(bundle, { JWT_SECRET: randomSecret(), ALLOWED_ORIGINS: "https://app.example.com" });
  });
  after(() => worker?.dispose());
  test("the configured origin is allowed and the default ones are not", async () => {
    const preflight = (origin) =>
      worker.fetch("/users/me", {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "GET" },
      });
    const ok = await preflight("https://app.example.com");
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get("Access-Control-Allow-Origin"), "https://app.example.com");
    assert.equal((await preflight("http://127.0.0.1:5173")).status, 403);
  });
});
