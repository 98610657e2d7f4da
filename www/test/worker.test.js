// The page against the real edge worker (examples/edge-worker, `npm run dev`: wrangler dev on
// 127.0.0.1:8787): log in as johndoe/secret, call /users/me, and check the worker's token in the
// page's verifier with the worker's secret. Chromium through playwright-core, then Firefox.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { firefoxUnavailable, fullPageScreenshot, launchFirefox, pageHelpers, until, By } from "./firefox.js";
import {
  editTokenCharacter,
  launchChromium,
  PAGE_URL,
  screenshot,
  startPage,
  startWorker,
  watch,
  WORKER_DIR,
  workerUnavailable,
} from "./helpers.js";

// The worker signs with JWT_SECRET; the test gives it one so the page can verify what it issued.
const WORKER_SECRET = "www-test-worker-secret-0123456789abcdef";
const notReady = workerUnavailable();
// npm run dev prefers a developer's own .dev.vars to JWT_SECRET: then the page cannot know the secret.
const secretKnown = !existsSync(path.join(WORKER_DIR, ".dev.vars"));

describe("demo page with the edge worker", { timeout: 300_000, skip: notReady ?? false }, () => {
  let server;
  let worker;

  before(async () => {
    process.env.JWT_SECRET = WORKER_SECRET;
    // Both at once (wrangler takes a while); if one fails, stop the other, or it keeps the run alive.
    const [page, dev] = await Promise.allSettled([startPage("preview"), startWorker()]);
    server = page.value;
    worker = dev.value;
    const failed = [page, dev].find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  });
  after(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    delete process.env.JWT_SECRET;
  });

  test("Chromium: log in, call /users/me, verify the worker's token, see refusals", async (t) => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      const problems = watch(page);
      const text = (sel) => page.locator(sel).innerText();
      await page.goto(PAGE_URL);
      await page.locator("html[data-lib=ready]").waitFor({ timeout: 15_000 });

      // POST /token with the form's defaults (johndoe / secret).
      await page.click("#login-button");
      await page.locator("#login-exchange[data-state=ok]").waitFor({ timeout: 15_000 });
      assert.equal(await text("#login-exchange .exchange-status"), "200 OK");
      const login = JSON.parse(await text("#login-exchange .exchange-body"));
      assert.equal(login.token_type, "bearer");
      assert.equal(login.expires_in, 1800);
      assert.equal(await page.locator("#bearer").inputValue(), login.access_token);

      // GET /users/me with it.
      await page.click("#me-button");
      await page.locator("#me-exchange[data-state=ok]").waitFor({ timeout: 15_000 });
      assert.equal(await text("#me-exchange .exchange-status"), "200 OK");
      assert.equal(JSON.parse(await text("#me-exchange .exchange-body")).username, "johndoe");
      await screenshot(page, "worker-01-logged-in");

      // The worker's token in the verifier: valid with the worker's secret, expired an hour later.
      await page.click("#bearer-to-verify");
      assert.equal(await page.locator("#token-input").inputValue(), login.access_token);
      await page.uncheck("#same-secret");
      await page.fill("#verify-secret", WORKER_SECRET);
      if (secretKnown) {
        assert.equal(await page.locator("#result").getAttribute("data-state"), "valid");
        await page.getByRole("button", { name: "+1 h", exact: true }).click();
        assert.equal(await text("#verdict-code"), "ERR_JWT_EXPIRED");
        await page.click("#clock-now");
      } else {
        t.diagnostic("examples/edge-worker/.dev.vars sets the secret: skipped verifying the worker's token");
      }

      // A tampered bearer token: the worker answers 401 with its reason and code.
      await page.locator("#bearer").focus();
      const bearer = await page.locator("#bearer").inputValue();
      const i = bearer.indexOf(".") + 5;
      await page.locator("#bearer").evaluate((el, at) => el.setSelectionRange(at, at + 1), i);
      await page.keyboard.type(bearer[i] === "A" ? "B" : "A");
      await page.click("#me-button");
      await page.locator("#me-exchange[data-state=fail]").waitFor({ timeout: 15_000 });
      assert.equal(await text("#me-exchange .exchange-status"), "401 Unauthorized");
      const refused = JSON.parse(await text("#me-exchange .exchange-body"));
      assert.equal(refused.code, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
      assert.equal(typeof refused.detail, "string");
      await screenshot(page, "worker-02-tampered-401");

      // A wrong password: 401 and FastAPI's sentence.
      await page.fill("#password", "not-the-password");
      await page.click("#login-button");
      await page.locator("#login-exchange[data-state=fail]").waitFor({ timeout: 15_000 });
      assert.deepEqual(JSON.parse(await text("#login-exchange .exchange-body")), {
        detail: "Incorrect username or password",
      });
      assert.match(await text("#worker-notice"), /refused these credentials/);
      await screenshot(page, "worker-03-wrong-password");
      assert.deepEqual(problems, []);

      // The verifier's token box still works on the tampered token from the worker: bad signature.
      await page.click("#bearer-to-verify");
      assert.equal(await page.locator("#result").getAttribute("data-state"), "badsig");
      await editTokenCharacter(page, 0); // and a broken header is a malformed token
      assert.equal(await text("#verdict-code"), "ERR_JWS_INVALID");
    } finally {
      await browser.close();
    }
  });

  test("Firefox: log in and call /users/me", { skip: firefoxUnavailable() ?? false }, async () => {
    const driver = await launchFirefox();
    try {
      const p = pageHelpers(driver);
      await p.waitReady(PAGE_URL);
      await p.click("#login-button");
      await driver.wait(until.elementLocated(By.css("#login-exchange[data-state='ok']")), 15_000);
      assert.equal(await p.text("#login-exchange .exchange-status"), "200 OK");
      await p.click("#me-button");
      await driver.wait(until.elementLocated(By.css("#me-exchange[data-state='ok']")), 15_000);
      assert.equal(JSON.parse(await p.text("#me-exchange .exchange-body")).username, "johndoe");
      await fullPageScreenshot(driver, "firefox-04-worker");
    } finally {
      await driver.quit();
    }
  });
});
