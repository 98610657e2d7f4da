// The worker panel's server switch against the real servers: the FastAPI app (examples/fastapi,
// uvicorn on 127.0.0.1:8000, as `make demo` serves it) and the edge worker (npm run dev on
// 127.0.0.1:8787), with one JWT_SECRET. A visitor logs in on one and calls /users/me on the other,
// both ways, in Chromium through playwright-core.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  fastapiUnavailable,
  launchChromium,
  PAGE_URL,
  RESULTS,
  screenshot,
  startFastapi,
  startPage,
  startWorker,
  watch,
  WORKER_DIR,
  workerUnavailable,
} from "./helpers.js";

const SECRET = "www-test-shared-secret-0123456789abcdef";
const JOHNDOE = { username: "johndoe", email: "johndoe@example.com", full_name: "John Doe", disabled: false };
// npm run dev prefers a developer's own .dev.vars to JWT_SECRET: then the two secrets differ.
const devVars = existsSync(path.join(WORKER_DIR, ".dev.vars"))
  ? "examples/edge-worker/.dev.vars sets the worker's secret: the servers cannot share one"
  : null;
const skip = workerUnavailable() ?? fastapiUnavailable() ?? devVars ?? false;

describe("worker panel: FastAPI (8000) and edge worker (8787), one secret", { timeout: 300_000, skip }, () => {
  let servers = [];

  before(async () => {
    process.env.JWT_SECRET = SECRET; // npm run dev passes it to the worker
    const started = await Promise.allSettled([startPage("preview"), startWorker(), startFastapi(SECRET)]);
    servers = started.filter((r) => r.status === "fulfilled").map((r) => r.value);
    const failed = started.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    delete process.env.JWT_SECRET;
  });

  test("Chromium: log in on one server, call /users/me on the other, both ways", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      const problems = watch(page);
      const text = (sel) => page.locator(sel).innerText();
      // Waits for this request's answer in the exchange box (the box may still show an earlier one).
      const answered = (box, request, state = "ok") =>
        page.locator(`${box}[data-state=${state}] .exchange-req`, { hasText: request }).waitFor({ timeout: 15_000 });
      const fastapi = page.getByRole("radio", { name: "FastAPI (8000)" });
      const worker = page.getByRole("radio", { name: "edge worker (8787)" });
      await page.goto(PAGE_URL);
      await page.locator("html[data-lib=ready]").waitFor({ timeout: 15_000 });

      // The switch follows the URL field: the default URL is the worker's.
      assert.equal(await page.locator("#worker-url").inputValue(), "http://127.0.0.1:8787");
      assert.equal(await worker.isChecked(), true);
      assert.equal(await fastapi.isChecked(), false);

      // 1. Log in on FastAPI: its answer has no expires_in, the worker's has.
      await fastapi.check();
      assert.equal(await page.locator("#worker-url").inputValue(), "http://127.0.0.1:8000");
      assert.equal(await worker.isChecked(), false);
      await page.click("#login-button");
      await answered("#login-exchange", "POST http://127.0.0.1:8000/token");
      const fromFastapi = JSON.parse(await text("#login-exchange .exchange-body"));
      assert.deepEqual(Object.keys(fromFastapi).sort(), ["access_token", "token_type"]);
      assert.equal(fromFastapi.token_type, "bearer");
      assert.match(await text("#worker-notice"), /on FastAPI \(8000\)/);

      // ...and call /users/me on the worker with that token.
      await worker.check();
      assert.equal(await page.locator("#bearer").inputValue(), fromFastapi.access_token);
      await page.click("#me-button");
      await answered("#me-exchange", "GET http://127.0.0.1:8787/users/me");
      assert.equal(await text("#me-exchange .exchange-status"), "200 OK");
      assert.deepEqual(JSON.parse(await text("#me-exchange .exchange-body")), JOHNDOE);
      await screenshot(page, "fastapi-01-login-fastapi-me-worker");
      // The card alone: docs/img/demo-fastapi-to-worker.png is a copy of this one.
      await page.locator("#worker").screenshot({ path: path.join(RESULTS, "fastapi-01-card.png") });

      // 2. The other way: log in on the worker, call /users/me on FastAPI.
      await page.click("#login-button");
      await answered("#login-exchange", "POST http://127.0.0.1:8787/token");
      const fromWorker = JSON.parse(await text("#login-exchange .exchange-body"));
      assert.equal(fromWorker.expires_in, 1800);
      assert.notEqual(fromWorker.access_token, fromFastapi.access_token);
      await fastapi.check();
      assert.equal(await page.locator("#bearer").inputValue(), fromWorker.access_token);
      await page.click("#me-button");
      await answered("#me-exchange", "GET http://127.0.0.1:8000/users/me");
      assert.deepEqual(JSON.parse(await text("#me-exchange .exchange-body")), JOHNDOE);
      await screenshot(page, "fastapi-02-login-worker-me-fastapi");

      // 3. FastAPI refuses a tampered token with its own shape, and the page shows its challenge.
      const token = fromWorker.access_token;
      const i = token.indexOf(".") + 5;
      await page.fill("#bearer", token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1));
      await page.click("#me-button");
      await answered("#me-exchange", "GET http://127.0.0.1:8000/users/me", "fail");
      assert.equal(await text("#me-exchange .exchange-status"), "401 Unauthorized");
      assert.deepEqual(JSON.parse(await text("#me-exchange .exchange-body")), {
        detail: "Could not validate credentials",
      });
      assert.equal(await text("#me-exchange .exchange-header"), "WWW-Authenticate: Bearer");

      // 4. A URL the switch does not know leaves both unticked.
      await page.fill("#worker-url", "http://127.0.0.1:9");
      assert.equal(await fastapi.isChecked(), false);
      assert.equal(await worker.isChecked(), false);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
