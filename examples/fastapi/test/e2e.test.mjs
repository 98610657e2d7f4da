// End to end, over HTTP: the FastAPI app (uvicorn, each variant in turn) and the edge worker (the
// deployable bundle in workerd, through Miniflare) share one JWT_SECRET, and each accepts the
// other's access tokens and refuses the other's expired, tampered and other-secret tokens with its
// own error shape.
//
// Time is driven, never waited for: the FastAPI side runs under test/clocked_server.py, whose
// freezegun clock this test moves (PUT /__test__/clock); the worker side runs on workerd's real
// clock, and edge-jwt's `now` pins the exp edge of FastAPI's tokens in Node.
//
// Run by scripts/test-fastapi.sh, which makes the venv and passes its python as FASTAPI_PYTHON.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  b64url,
  buildBundle,
  decodeUnverified,
  randomSecret,
  removeBundle,
  startWorker,
  verify,
} from "../../edge-worker/test/harness.mjs";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const LAUNCHER = join(APP_DIR, "test", "clocked_server.py");
const PYTHON = process.env.FASTAPI_PYTHON;
const HOST = "127.0.0.1";
const PORT = Number(process.env.FASTAPI_PORT ?? 8000);
const FASTAPI = `http://${HOST}:${PORT}`;
const VARIANTS = ["jose_app", "pyjwt_app"];

const SECRET = randomSecret(); // 43 characters: the UTF-8 bytes of the same string on both sides
const OTHER_SECRET = randomSecret();
const LEGACY_SECRET = "mysecretkey";
const JOHNDOE = { username: "johndoe", email: "johndoe@example.com", full_name: "John Doe", disabled: false };
const FASTAPI_REFUSAL = { detail: "Could not validate credentials" };
const LIFETIME = 30 * 60;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowSeconds = () => Date.now() / 1000;

// ---------------------------------------------------------------------------------------------
// Processes. Every uvicorn started here is stopped in an after() hook, and killed on exit if a
// hook never ran; scripts/test-fastapi.sh also kills the whole process group on the way out.

const running = new Set();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Resolves true when something accepts TCP connections on HOST:port. */
function portTaken(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** uvicorn serving `variant` with `secret` on HOST:PORT; resolves once GET /docs answers 200. */
async function startFastapi(variant, secret) {
  assert.ok(PYTHON, "FASTAPI_PYTHON is not set: run scripts/test-fastapi.sh, which makes the venv");
  if (await portTaken(PORT)) {
    throw new Error(
      `${HOST}:${PORT} is already in use (make demo? a uvicorn left running?): stop it and run again, ` +
        "or pick another port with FASTAPI_PORT=...",
    );
  }
  const child = spawn(PYTHON, [LAUNCHER, variant, "--host", HOST, "--port", String(PORT)], {
    cwd: APP_DIR,
    env: { ...process.env, JWT_SECRET: secret, PYTHONUNBUFFERED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  let exited = null;
  const exit = new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    await Promise.race([exit, sleep(5000)]);
    if (!exited) child.kill("SIGKILL");
    await exit;
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`uvicorn ${variant} exited (${JSON.stringify(exited)}) before serving:\n${output}`);
    try {
      const res = await fetch(`${FASTAPI}/docs`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`uvicorn ${variant} did not serve ${FASTAPI}/docs within 30 s:\n${output}`);
    }
    await sleep(100);
  }
  return { stop, output: () => output };
}

// ---------------------------------------------------------------------------------------------
// HTTP, the same two calls on either side.

async function login(base) {
  const res = await fetch(`${base}/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: "johndoe", password: "secret" }),
  });
  const body = await res.json();
  assert.equal(res.status, 200, `${base}/token: ${JSON.stringify(body)}`);
  assert.equal(body.token_type, "bearer");
  assert.equal(typeof body.access_token, "string");
  return body.access_token;
}

function me(base, token) {
  return fetch(`${base}/users/me`, { headers: { Authorization: `Bearer ${token}` } });
}

async function assertAccepted(res) {
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.deepEqual(body, JOHNDOE);
}

/** FastAPI's refusal: 401, {"detail": "Could not validate credentials"}, WWW-Authenticate: Bearer. */
async function assertFastapiRefused(res) {
  const body = await res.json();
  assert.equal(res.status, 401, JSON.stringify(body));
  assert.deepEqual(body, FASTAPI_REFUSAL);
  assert.equal(res.headers.get("WWW-Authenticate"), "Bearer");
}

/** The worker's refusal: RFC 6750 401 with an invalid_token challenge and edge-jwt's error code. */
async function assertWorkerRefused(res, code, description) {
  const body = await res.json();
  assert.equal(res.status, 401, JSON.stringify(body));
  assert.equal(body.code, code, JSON.stringify(body));
  assert.equal(body.detail, description);
  assert.equal(
    res.headers.get("WWW-Authenticate"),
    `Bearer error="invalid_token", error_description="${description}"`,
  );
}

/** The FastAPI process's clock, in seconds since the epoch (`null`: back to the real time). */
async function setFastapiClock(now) {
  const res = await fetch(`${FASTAPI}/__test__/clock`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ now: now ?? nowSeconds() }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).now;
}

/** The token with its payload rewritten (sub: "alice") and the original signature kept. */
function tampered(token) {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  assert.equal(claims.sub, "johndoe");
  return [header, b64url(JSON.stringify({ ...claims, sub: "alice" })), signature].join(".");
}

// ---------------------------------------------------------------------------------------------

let bundle;
let worker; // JWT_SECRET = SECRET
let otherWorker; // JWT_SECRET = OTHER_SECRET: signs the worker-side "another secret" token
let WORKER;
let OTHER_WORKER;

before(async () => {
  // Fail before the slow part when the port is taken.
  if (await portTaken(PORT)) {
    throw new Error(`${HOST}:${PORT} is already in use (make demo? a uvicorn left running?): stop it and run again`);
  }
  bundle = await buildBundle();
  worker = await startWorker(bundle, { JWT_SECRET: SECRET });
  otherWorker = await startWorker(bundle, { JWT_SECRET: OTHER_SECRET });
  WORKER = String(await worker.url()).replace(/\/$/, "");
  OTHER_WORKER = String(await otherWorker.url()).replace(/\/$/, "");
});

after(async () => {
  await Promise.all([worker?.dispose(), otherWorker?.dispose()]);
  if (bundle) await removeBundle(bundle);
});

for (const variant of VARIANTS) {
  describe(`${variant} and the edge worker, one secret`, { timeout: 120_000 }, () => {
    let fastapi;
    let foreignFastapiToken; // from the same app run with OTHER_SECRET

    before(async () => {
      const other = await startFastapi(variant, OTHER_SECRET);
      try {
        foreignFastapiToken = await login(FASTAPI);
      } finally {
        await other.stop();
      }
      fastapi = await startFastapi(variant, SECRET);
    });
    after(async () => {
      await fastapi?.stop();
    });

    test("FastAPI's token: HS256, sub and a 30-minute exp, no iat needed", async () => {
      const before = nowSeconds();
      const token = await login(FASTAPI);
      const { header, payload } = decodeUnverified(token);
      assert.deepEqual(header, { alg: "HS256", typ: "JWT" });
      assert.equal(payload.sub, "johndoe");
      assert.ok(Number.isInteger(payload.exp), `exp ${payload.exp}`);
      assert.ok(Math.abs(payload.exp - (before + LIFETIME)) <= 2, `exp ${payload.exp}, expected ~${before + LIFETIME}`);
      // The worker's own verify options, in Node with edge-jwt's clock: valid up to exp, not at exp.
      const options = { requiredClaims: ["exp", "sub"] };
      assert.equal(verify(token, SECRET, { ...options, now: payload.exp - 1 }).sub, "johndoe");
      assert.throws(() => verify(token, SECRET, { ...options, now: payload.exp }), { code: "ERR_JWT_EXPIRED" });
    });

    test("a token from FastAPI's /token is accepted by the worker's /users/me", async () => {
      const token = await login(FASTAPI);
      await assertAccepted(await me(WORKER, token));
      // And by FastAPI itself, with the same body.
      await assertAccepted(await me(FASTAPI, token));
    });

    test("a token from the worker's /token is accepted by FastAPI's /users/me", async () => {
      const token = await login(WORKER);
      await assertAccepted(await me(FASTAPI, token));
      await assertAccepted(await me(WORKER, token));
    });

    test("the worker refuses FastAPI's expired token (FastAPI's clock 30 min 5 s back)", async () => {
      let token;
      try {
        await setFastapiClock(nowSeconds() - LIFETIME - 5);
        token = await login(FASTAPI);
      } finally {
        await setFastapiClock(null);
      }
      const { exp } = decodeUnverified(token).payload;
      assert.ok(exp < nowSeconds() && exp > nowSeconds() - 60, `exp ${exp} should be a few seconds ago`);
      await assertWorkerRefused(await me(WORKER, token), "ERR_JWT_EXPIRED", "The access token expired");
    });

    test("FastAPI refuses the worker's expired token (FastAPI's clock moved to exp)", async () => {
      const token = await login(WORKER);
      const { exp } = decodeUnverified(token).payload;
      try {
        // Still valid 10 s before exp: the clock, not something else, decides.
        await setFastapiClock(exp - 10);
        await assertAccepted(await me(FASTAPI, token));
        // python-jose expires after exp (exp < now), PyJWT at it (exp <= now): one second past
        // exp is expired for both.
        await setFastapiClock(exp + 1);
        await assertFastapiRefused(await me(FASTAPI, token));
      } finally {
        await setFastapiClock(null);
      }
      await assertAccepted(await me(FASTAPI, token));
    });

    test("the worker refuses FastAPI's tampered token", async () => {
      const token = tampered(await login(FASTAPI));
      await assertWorkerRefused(
        await me(WORKER, token),
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
        "The access token signature is invalid",
      );
    });

    test("FastAPI refuses the worker's tampered token", async () => {
      const token = tampered(await login(WORKER));
      await assertFastapiRefused(await me(FASTAPI, token));
    });

    test("the worker refuses a token from FastAPI run with another secret", async () => {
      assert.equal(decodeUnverified(foreignFastapiToken).payload.sub, "johndoe");
      await assertWorkerRefused(
        await me(WORKER, foreignFastapiToken),
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
        "The access token signature is invalid",
      );
    });

    test("FastAPI refuses a token from the worker run with another secret", async () => {
      const token = await login(OTHER_WORKER);
      await assertAccepted(await me(OTHER_WORKER, token));
      await assertFastapiRefused(await me(FASTAPI, token));
    });
  });
}

describe('the legacy key "mysecretkey" (python-jose, as the seed app signed)', { timeout: 120_000 }, () => {
  let fastapi;
  let strict;
  let legacy;

  before(async () => {
    fastapi = await startFastapi("jose_app", LEGACY_SECRET);
    strict = await startWorker(bundle, { JWT_SECRET: LEGACY_SECRET });
    legacy = await startWorker(bundle, { JWT_SECRET: LEGACY_SECRET, ALLOW_SHORT_JWT_SECRET: "true" });
  });
  after(async () => {
    await Promise.all([fastapi?.stop(), strict?.dispose(), legacy?.dispose()]);
  });

  test("without ALLOW_SHORT_JWT_SECRET the worker answers 500 to FastAPI's token", async () => {
    const res = await me(String(await strict.url()).replace(/\/$/, ""), await login(FASTAPI));
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { detail: "Internal Server Error" });
  });

  test("with ALLOW_SHORT_JWT_SECRET=true tokens cross both ways, and the worker warned", async () => {
    const base = String(await legacy.url()).replace(/\/$/, "");
    await assertAccepted(await me(base, await login(FASTAPI)));
    await assertAccepted(await me(FASTAPI, await login(base)));
    for (let i = 0; i < 50 && !legacy.logs.some((e) => e.level === "warn"); i++) await sleep(100);
    assert.ok(
      legacy.logs.some((e) => e.level === "warn" && /ALLOW_SHORT_JWT_SECRET=true/.test(e.message)),
      JSON.stringify(legacy.logs),
    );
  });
});
