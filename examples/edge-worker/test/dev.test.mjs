// `npm run dev` (scripts/dev.mjs -> wrangler dev on 127.0.0.1) end to end over real HTTP: the
// command `make demo` runs, with a generated secret.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { EXAMPLE_DIR } from "./harness.mjs";

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

let child;
let base;
let output = "";
before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port) };
  delete env.JWT_SECRET;
  child = spawn(process.execPath, [join(EXAMPLE_DIR, "scripts", "dev.mjs"), "--inspector-port", "0"], {
    cwd: EXAMPLE_DIR,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited early:\n${output}`);
    try {
      const res = await fetch(`${base}/`);
      await res.body?.cancel();
      if (res.status === 404) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer within 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});
after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

test("npm run dev serves the flow on 127.0.0.1 with a generated secret", async () => {
  assert.match(output, /JWT_SECRET: (generated for this run|from \.dev\.vars)/);
  const login = await fetch(`${base}/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "username=johndoe&password=secret",
  });
  assert.equal(login.status, 200, await login.clone().text());
  const { access_token } = await login.json();
  const me = await fetch(`${base}/users/me`, { headers: { Authorization: `Bearer ${access_token}` } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).username, "johndoe");
  const preflight = await fetch(`${base}/users/me`, {
    method: "OPTIONS",
    headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "GET" },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("Access-Control-Allow-Origin"), "http://localhost:5173");
});

test("npm run dev: a 64 KiB Authorization header gets 401 ERR_JWT_TOO_LONG", async () => {
  const res = await fetch(`${base}/users/me`, { headers: { Authorization: `Bearer ${"a".repeat(64 * 1024)}` } });
  assert.equal(res.status, 401);
  assert.equal((await res.json()).code, "ERR_JWT_TOO_LONG");
});

test("the generated secret is not printed", () => {
  assert.doesNotMatch(output, /JWT_SECRET["']?\s*[:=]\s*["']?[A-Za-z0-9_-]{43}/);
});
