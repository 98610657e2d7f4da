// `npm run dev` (the Vite dev server, what a developer edits against) serves the same page, and the
// package's .wasm loads through it: edge-jwt is a link to ../pkg, outside www/, so this checks the
// server.fs.allow and optimizeDeps settings in vite.config.js.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchChromium, PAGE_URL, startPage, watch } from "./helpers.js";

describe("vite dev server", { timeout: 120_000 }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startPage("dev");
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("loads edge-jwt's wasm and verifies the token it issued", async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    const wasm = [];
    page.on("response", (res) => {
      if (res.url().endsWith(".wasm")) wasm.push(`${res.status()} ${res.headers()["content-type"]}`);
    });
    await page.goto(PAGE_URL);
    await page.locator("html[data-lib=ready]").waitFor({ timeout: 30_000 });
    assert.deepEqual(wasm, ["200 application/wasm"]);
    assert.equal(await page.locator("#result").getAttribute("data-state"), "valid");
    assert.deepEqual(problems, []);
  });
});
