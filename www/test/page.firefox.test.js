// The same built page in Firefox (Debian firefox-esr through geckodriver): the library loads, issues,
// detects a tampered token and follows the clock past exp.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Key } from "selenium-webdriver";
import { firefoxUnavailable, fullPageScreenshot, launchFirefox, pageHelpers } from "./firefox.js";
import { PAGE_URL, startPage } from "./helpers.js";

const missing = firefoxUnavailable();

describe("demo page in Firefox", { timeout: 180_000, skip: missing ?? false }, () => {
  let server;
  let driver;
  let p;

  before(async () => {
    server = await startPage("preview");
    driver = await launchFirefox();
    p = pageHelpers(driver);
  });
  after(async () => {
    await driver?.quit();
    await server?.stop();
  });

  test("loads edge-jwt and issues a token with three coloured parts", async () => {
    await p.waitReady(PAGE_URL);
    const ua = await driver.executeScript(() => navigator.userAgent);
    assert.match(ua, /Firefox\//);
    const token = await p.text("#issued-token");
    assert.equal(token.split(".").length, 3);
    const colours = await driver.executeScript(() =>
      [...document.querySelectorAll("#issued-token .tok-h, #issued-token .tok-p, #issued-token .tok-s")].map(
        (e) => getComputedStyle(e).color,
      ),
    );
    assert.equal(new Set(colours).size, 3);
    assert.equal(JSON.parse(await p.text("#issued-payload")).sub, "johndoe");
    assert.equal(await p.state(), "valid");
    await fullPageScreenshot(driver, "firefox-01-issued");
  });

  test("issues typed claims and rejects invalid JSON inline", async () => {
    await p.fill("#claims", '{"sub": "firefox",}');
    await p.click("#issue-button");
    assert.match(await p.text("#claims-error"), /^Invalid JSON/);
    await p.fill("#claims", '{"sub": "firefox"}');
    await p.fill("#expires-in", "2h");
    await p.click("#issue-button");
    const payload = JSON.parse(await p.text("#issued-payload"));
    assert.equal(payload.sub, "firefox");
    assert.equal(payload.exp - payload.iat, 7200);
    assert.equal(await p.state(), "valid");
  });

  test("a tampered token fails with a bad signature", async () => {
    const token = await p.value("#token-input");
    const tampered = await p.editTokenCharacter(token.indexOf(".") + 5);
    assert.equal(await p.value("#token-input"), tampered);
    assert.equal(await p.state(), "badsig");
    assert.equal(await p.text("#verdict-code"), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    await fullPageScreenshot(driver, "firefox-02-tampered");
    await p.click("#use-issued");
    assert.equal(await p.state(), "valid");
  });

  test("moving the clock past exp shows the expired state", async () => {
    // The 2 h token: +1 h twice with the buttons, then 5 more minutes with the slider's arrow key.
    await p.click("button[data-step='3600']");
    assert.equal(await p.state(), "valid");
    await p.click("button[data-step='3600']");
    assert.equal(await p.state(), "expired"); // at now == exp it has expired
    const slider = await p.find("#clock");
    for (let i = 0; i < 5; i++) await slider.sendKeys(Key.ARROW_RIGHT);
    assert.equal(await p.content("#clock-offset"), "now + 2 h 5 min");
    assert.equal(await p.text("#verdict-code"), "ERR_JWT_EXPIRED");
    assert.match(await p.content("#verdict-detail"), /^Expired 5 min ago\.$/);
    await fullPageScreenshot(driver, "firefox-03-expired");
    await p.click("#clock-now");
    assert.equal(await p.state(), "valid");
  });

  test("garbage in the verify box is reported, not thrown", async () => {
    await p.fill("#token-input", "garbage");
    assert.equal(await p.state(), "malformed");
    assert.equal(await p.text("#verdict-code"), "ERR_JWS_INVALID");
    const errors = await driver.executeScript(() => window.__pageErrors ?? []);
    assert.deepEqual(errors, []);
  });
});
