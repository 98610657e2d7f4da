// Misconfiguration: without a usable JWT_SECRET every request gets 500 and a console.error line,
// and nothing is signed. ACCESS_TOKEN_EXPIRE_MINUTES sets the token lifetime. A legacy short
// secret works only with ALLOW_SHORT_JWT_SECRET=true, and then with a warning.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeUnverified, issue, verify } from "edge-jwt";
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

// The seed app's literal key. FastAPI apps copied from tutorials often sign with it; the worker
// takes it only when ALLOW_SHORT_JWT_SECRET=true names the risk, and then logs a warning.
const LEGACY_SECRET = "mysecretkey"; // 11 bytes

/** Waits for workerd's structured logs (they arrive asynchronously) until `enough(logs)` holds. */
async function logsWhen(worker, enough) {
  for (let i = 0; i < 50 && !enough(worker.logs); i++) await new Promise((r) => setTimeout(r, 100));
  return worker.logs;
}

for (const [what, setting] of [
  ["unset", undefined],
  ['"false"', "false"],
]) {
  describe(`JWT_SECRET "mysecretkey" (11 bytes) with ALLOW_SHORT_JWT_SECRET ${what}: refused`, () => {
    let worker;
    before(async () => {
      worker = await startWorker(bundle, { JWT_SECRET: LEGACY_SECRET, ALLOW_SHORT_JWT_SECRET: setting });
    });
    after(() => worker?.dispose());

    test("login and /users/me answer 500, and the log names the setting", async () => {
      const token = issue({ sub: "johndoe" }, LEGACY_SECRET, { expiresIn: 60, allowShortKey: true });
      for (const res of [await login(worker, "johndoe", "secret"), await me(worker, token)]) {
        assert.equal(res.status, 500);
        assert.deepEqual(await res.json(), { detail: "Internal Server Error" });
      }
      const logs = await logsWhen(worker, (l) => l.filter((e) => e.level === "error").length >= 2);
      const errors = logs.filter((e) => e.level === "error");
      assert.equal(errors.length, 2, JSON.stringify(logs));
      for (const entry of errors) {
        assert.match(entry.message, /JWT_SECRET is 11 bytes; HS256 needs at least 32/);
        assert.match(entry.message, /ALLOW_SHORT_JWT_SECRET=true/);
        assert.ok(!entry.message.includes(LEGACY_SECRET));
      }
      assert.deepEqual(logs.filter((e) => e.level === "warn"), []);
    });
  });
}

describe('JWT_SECRET "mysecretkey" with ALLOW_SHORT_JWT_SECRET "true": accepted, with a warning', () => {
  let worker;
  before(async () => {
    worker = await startWorker(bundle, { JWT_SECRET: LEGACY_SECRET, ALLOW_SHORT_JWT_SECRET: "true" });
  });
  after(() => worker?.dispose());

  test("its tokens are signed with the 11-byte key, and it takes tokens signed with it", async () => {
    const res = await login(worker, "johndoe", "secret");
    assert.equal(res.status, 200);
    const { access_token } = await res.json();
    assert.equal(verify(access_token, LEGACY_SECRET, { allowShortKey: true }).sub, "johndoe");
    assert.throws(() => verify(access_token, LEGACY_SECRET), { code: "ERR_KEY_TOO_SHORT" });
    assert.equal((await me(worker, access_token)).status, 200);
    // A token from elsewhere (a FastAPI app with the same literal key) is accepted...
    const outside = issue({ sub: "johndoe" }, LEGACY_SECRET, { expiresIn: 60, allowShortKey: true });
    assert.equal((await me(worker, outside)).status, 200);
    // ...and one signed with another short key is not.
    const other = issue({ sub: "johndoe" }, "mysecretkez", { expiresIn: 60, allowShortKey: true });
    const refused = await me(worker, other);
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).code, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });

  test("one warning per isolate, naming the size and the setting, never the secret", async () => {
    await login(worker, "johndoe", "secret");
    const logs = await logsWhen(worker, (l) => l.some((e) => e.level === "warn"));
    // Give any duplicate time to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    const warnings = logs.filter((e) => e.level === "warn");
    assert.equal(warnings.length, 1, JSON.stringify(logs));
    assert.match(warnings[0].message, /JWT_SECRET is 11 bytes, under the 32/);
    assert.match(warnings[0].message, /ALLOW_SHORT_JWT_SECRET=true/);
    assert.ok(!warnings[0].message.includes(LEGACY_SECRET));
    assert.deepEqual(logs.filter((e) => e.level === "error"), []);
  });
});

describe("ALLOW_SHORT_JWT_SECRET with a 32-byte secret changes nothing", () => {
  let worker;
  before(async () => {
    worker = await startWorker(bundle, { JWT_SECRET: randomSecret(), ALLOW_SHORT_JWT_SECRET: "true" });
  });
  after(() => worker?.dispose());
  test("login works and nothing is logged", async () => {
    assert.equal((await login(worker, "johndoe", "secret")).status, 200);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(worker.logs.filter((e) => e.level === "warn" || e.level === "error"), []);
  });
});

describe('ALLOW_SHORT_JWT_SECRET "yes" is a configuration error, not a guess', () => {
  let worker;
  before(async () => {
    worker = await startWorker(bundle, { JWT_SECRET: LEGACY_SECRET, ALLOW_SHORT_JWT_SECRET: "yes" });
  });
  after(() => worker?.dispose());
  test("500, and the log says which values it takes", async () => {
    assert.equal((await login(worker, "johndoe", "secret")).status, 500);
    const logs = await logsWhen(worker, (l) => l.some((e) => e.level === "error"));
    const errors = logs.filter((e) => e.level === "error");
    assert.equal(errors.length, 1, JSON.stringify(logs));
    assert.match(errors[0].message, /ALLOW_SHORT_JWT_SECRET must be "true" or "false"/);
  });
});
