// The built page (vite build + vite preview on 127.0.0.1:5173) driven in Debian's Chromium through
// playwright-core. It uses the real edge-jwt package (www/node_modules/edge-jwt -> ../pkg).

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import { editTokenCharacter, launchChromium, PAGE_URL, screenshot, startPage, watch } from "./helpers.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's WCAG 2.1 A/AA and best-practice rules on the page as it is now; [] when clean. */
async function axeViolations() {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }),
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

let server;
let browser;
let page;
let problems;

const text = (sel) => page.locator(sel).innerText();
const content = (sel) => page.locator(sel).textContent(); // before CSS text-transform
const state = () => page.locator("#result").getAttribute("data-state");
const payloadOf = async (sel) => JSON.parse(await page.locator(sel).innerText());

async function freshPage(options = {}) {
  if (page) await page.context().close();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, ...options });
  page = await context.newPage();
  problems = watch(page);
  await page.goto(PAGE_URL);
  await page.locator("html[data-lib=ready]").waitFor({ timeout: 15_000 });
}

async function issue({ claims, secret, expiresIn, notBefore } = {}) {
  if (claims !== undefined) await page.fill("#claims", claims);
  if (secret !== undefined) await page.fill("#secret", secret);
  if (expiresIn !== undefined) await page.fill("#expires-in", expiresIn);
  if (notBefore !== undefined) await page.fill("#not-before", notBefore);
  await page.click("#issue-button");
}

describe("demo page in Chromium", { timeout: 120_000 }, () => {
  before(async () => {
    server = await startPage("preview");
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("loads edge-jwt from the package and issues a token on load", async () => {
    await freshPage();
    assert.match(await text("#lib-status-text"), /WebAssembly ready/);
    const token = await text("#issued-token");
    assert.equal(token.split(".").length, 3, token);
    // Three parts, three colours.
    const colours = await page.$$eval("#issued-token .tok-h, #issued-token .tok-p, #issued-token .tok-s", (els) =>
      els.map((e) => getComputedStyle(e).color),
    );
    assert.equal(new Set(colours).size, 3, colours.join(" "));
    assert.deepEqual(await payloadOf("#issued-header"), { alg: "HS256", typ: "JWT" });
    const payload = await payloadOf("#issued-payload");
    assert.equal(payload.sub, "johndoe");
    assert.equal(payload.exp - payload.iat, 1800);
    // Verify follows along and says so in a live region.
    assert.equal(await page.locator("#token-input").inputValue(), token);
    assert.equal(await state(), "valid");
    assert.equal(await page.locator("#verdict").getAttribute("aria-live"), "polite");
    await screenshot(page, "chromium-01-issued");
  });

  test("issues from the claims, secret and expiresIn typed in", async () => {
    await freshPage();
    await issue({ claims: '{"sub":"alice","scope":["read","write"]}', secret: "x".repeat(40), expiresIn: "1h" });
    const payload = await payloadOf("#issued-payload");
    assert.equal(payload.sub, "alice");
    assert.deepEqual(payload.scope, ["read", "write"]);
    assert.equal(payload.exp - payload.iat, 3600);
    assert.equal(await state(), "valid");
    assert.equal(await text("#verdict-title"), "Valid");
    assert.match(await text("#countdown-value"), /^(1:00:00|59:[0-5]\d)$/);
    assert.equal(await content("#countdown-label"), "expires in");
  });

  test("a tampered token fails with a bad signature", async () => {
    await freshPage();
    const token = await page.locator("#token-input").inputValue();
    const payloadStart = token.indexOf(".") + 1;
    const { after: tampered } = await editTokenCharacter(page, payloadStart + 5);
    assert.equal(await page.locator("#token-input").inputValue(), tampered);
    assert.notEqual(tampered, token);
    assert.equal(await state(), "badsig");
    assert.equal(await text("#verdict-title"), "Bad signature");
    assert.equal(await text("#verdict-code"), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    await screenshot(page, "chromium-02-tampered");

    // Back to the issued token: valid again. Then another secret: bad signature again.
    await page.click("#use-issued");
    assert.equal(await state(), "valid");
    await page.uncheck("#same-secret");
    await page.fill("#verify-secret", "another-secret-that-is-32-bytes-long!!");
    assert.equal(await text("#verdict-code"), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });

  test("moving the clock past exp shows the expired state, and Now brings it back", async () => {
    await freshPage();
    assert.equal(await state(), "valid");
    // 45 minutes ahead with the keyboard (one minute per arrow key) on a 30-minute token.
    await page.focus("#clock");
    for (let i = 0; i < 45; i++) await page.keyboard.press("ArrowRight");
    assert.equal(await text("#clock-offset"), "now + 45 min");
    assert.equal(await page.locator("#clock").getAttribute("aria-valuetext"), "now plus 45 minutes");
    assert.equal(await state(), "expired");
    assert.equal(await text("#verdict-title"), "Expired");
    assert.equal(await text("#verdict-code"), "ERR_JWT_EXPIRED");
    assert.match(await text("#verdict-detail"), /^Expired 15 min ago\.$/);
    assert.equal(await content("#countdown-label"), "expired");
    assert.match(await text("#countdown-value"), /^1[45]:\d\d ago$/);
    await screenshot(page, "chromium-03-expired");

    await page.click("#clock-now");
    assert.equal(await text("#clock-offset"), "now");
    assert.equal(await state(), "valid");

    // The buttons: +1 h expires it, −1 h twice is before iat (no nbf: still valid).
    await page.getByRole("button", { name: "+1 h", exact: true }).click();
    assert.equal(await state(), "expired");
    await page.getByRole("button", { name: "−1 h", exact: true }).click();
    await page.getByRole("button", { name: "−1 h", exact: true }).click();
    assert.equal(await text("#clock-offset"), "now − 1 h");
    assert.equal(await state(), "valid");

    // "At exp": at exp itself the token has already expired (RFC 7519 §4.1.4, "on or after").
    await page.getByRole("button", { name: "At exp" }).click();
    assert.equal(await state(), "expired");
    assert.match(await text("#verdict-detail"), /^(Expired this very second|Expired 1 s ago)/);
  });

  test("the countdown ticks with real time when the clock is at now", async () => {
    await freshPage();
    const first = await text("#countdown-value");
    await page.waitForFunction((v) => document.querySelector("#countdown-value").textContent !== v, first, {
      timeout: 3000,
    });
    assert.match(await text("#countdown-value"), /^(30:00|29:[0-5]\d)$/);
  });

  test("a token with nbf in the future is not yet valid until the clock reaches it", async () => {
    await freshPage();
    await issue({ notBefore: "10m" });
    assert.equal(await state(), "early");
    assert.equal(await text("#verdict-title"), "Not yet valid");
    assert.equal(await text("#verdict-code"), "ERR_JWT_CLAIM_VALIDATION_FAILED");
    await screenshot(page, "chromium-04-not-yet-valid");
    await page.getByRole("button", { name: "+5 min", exact: true }).click();
    await page.getByRole("button", { name: "+5 min", exact: true }).click();
    assert.equal(await state(), "valid"); // at now == nbf the token is valid
  });

  test("bad input is reported inline and nothing crashes", async () => {
    await freshPage();
    // Invalid JSON: said while typing, and on Issue.
    await page.fill("#claims", '{"sub": "johndoe",}');
    await page.click("#issue-button");
    assert.match(await text("#claims-error"), /^Invalid JSON/);
    assert.equal(await page.locator("#claims").getAttribute("aria-invalid"), "true");
    // Claims that are not an object: the library's ERR_INVALID_CLAIMS.
    await issue({ claims: "[1, 2]" });
    assert.match(await text("#claims-error"), /ERR_INVALID_CLAIMS/);
    await issue({ claims: '{"sub":"johndoe"}' });
    assert.equal(await page.locator("#claims-error").isVisible(), false);

    // A short secret: ERR_KEY_TOO_SHORT, until short keys are allowed.
    const before = await text("#issued-token");
    await issue({ secret: "short-secret" });
    assert.match(await text("#secret-error"), /ERR_KEY_TOO_SHORT/);
    assert.match(await text("#secret-meta"), /12 bytes/);
    assert.equal(await text("#issued-token"), before, "the last good token stays");
    assert.equal(await state(), "key"); // verify says the same about the short secret
    assert.equal(await text("#verdict-code"), "ERR_KEY_TOO_SHORT");
    await screenshot(page, "chromium-05-short-secret");
    await page.check("#allow-short");
    await page.click("#issue-button");
    assert.equal(await page.locator("#secret-error").isVisible(), false);
    assert.notEqual(await text("#issued-token"), before);
    assert.equal(await state(), "valid");
    await page.uncheck("#allow-short");

    // An expiresIn the library does not accept.
    await issue({ secret: "x".repeat(32), expiresIn: "soon" });
    assert.match(await text("#options-error"), /ERR_INVALID_OPTION/);
    await page.fill("#expires-in", "30m");

    // Garbage in the verify box.
    await page.fill("#token-input", "this is not a token");
    assert.equal(await state(), "malformed");
    assert.equal(await text("#verdict-code"), "ERR_JWS_INVALID");
    assert.equal(await page.locator("#countdown").isVisible(), false);
    await page.fill("#token-input", "a.b.c.d");
    assert.equal(await text("#verdict-code"), "ERR_JWS_INVALID");
    await page.fill("#token-input", "");
    assert.equal(await state(), "empty");
    await screenshot(page, "chromium-06-bad-input");
    assert.deepEqual(problems, []);
  });

  test("a worker that is not running is reported inline", async () => {
    await freshPage();
    await page.fill("#worker-url", "http://127.0.0.1:9"); // nothing listens on the discard port
    await page.click("#login-button");
    await page.locator("#worker-notice").waitFor();
    assert.match(await text("#worker-notice"), /not reachable/);
    assert.equal(await page.locator("#login-exchange").getAttribute("data-state"), "down");
    await page.fill("#worker-url", "not a url");
    await page.click("#me-button");
    assert.match(await text("#worker-notice"), /Enter the worker’s URL/);
    await screenshot(page, "chromium-07-worker-down");
  });

  test("every control has a label and the flow works from the keyboard", async () => {
    await freshPage();
    const unlabelled = await page.$$eval("input, textarea, select, button", (els) =>
      els
        .filter((e) => e.type !== "hidden")
        .filter((e) => !(e.labels?.length || e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") || e.textContent.trim()))
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unlabelled, []);
    // Ctrl+Enter in the claims issues; Tab reaches the slider.
    await page.fill("#claims", '{"sub":"keyboard"}');
    await page.focus("#claims");
    await page.keyboard.press("Control+Enter");
    assert.equal((await payloadOf("#issued-payload")).sub, "keyboard");
    await page.locator("#token-input").focus();
    for (let i = 0; i < 6 && !(await page.evaluate(() => document.activeElement?.id === "clock")); i++) {
      await page.keyboard.press("Tab");
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), "clock");
    await page.keyboard.press("End");
    assert.equal(await text("#clock-offset"), "now + 1 d 2 h");
    assert.equal(await state(), "expired");
  });

  test("axe-core finds no WCAG 2.1 AA violation, light and dark, valid and refused", async () => {
    await freshPage();
    assert.deepEqual(await axeViolations(), [], "fresh page");
    await page.getByRole("button", { name: "+1 h", exact: true }).click();
    await page.fill("#claims", "{");
    await page.fill("#worker-url", "http://127.0.0.1:9");
    await page.click("#login-button");
    await page.locator("#login-exchange[data-state=down]").waitFor();
    assert.deepEqual(await axeViolations(), [], "expired token, invalid JSON, worker down");
    await freshPage({ colorScheme: "dark" });
    assert.deepEqual(await axeViolations(), [], "dark theme");
    await page.fill("#token-input", "garbage");
    assert.deepEqual(await axeViolations(), [], "dark theme, malformed token");
  });

  test("fits a phone screen and has a dark theme", async () => {
    await freshPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
    await screenshot(page, "chromium-08-phone");
    await freshPage({ colorScheme: "dark" });
    await screenshot(page, "chromium-09-dark");
    assert.deepEqual(problems, []);
  });
});
