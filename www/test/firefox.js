// Firefox through WebDriver: Debian's firefox-esr driven by geckodriver (from crates.io), with the
// selenium-webdriver client. Playwright cannot drive it: its Firefox is a patched build it downloads.

import os from "node:os";
import path from "node:path";
import { Builder, By, until } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { saveBase64Png, which } from "./helpers.js";

export { By, until };

/** Why Firefox cannot be driven here, or null. */
export function firefoxUnavailable() {
  if (!geckodriverPath()) return "geckodriver not found (scripts/ensure-tools.sh browsers installs it)";
  if (!firefoxPath()) return "firefox-esr not found (scripts/ensure-tools.sh browsers installs it)";
  return null;
}

const geckodriverPath = () =>
  which(...[process.env.GECKODRIVER, "geckodriver", path.join(os.homedir(), ".cargo", "bin", "geckodriver")].filter(Boolean));
const firefoxPath = () => which(...[process.env.FIREFOX_PATH, "firefox-esr", "firefox"].filter(Boolean));

export async function launchFirefox({ width = 1360, height = 1000 } = {}) {
  const options = new firefox.Options()
    .setBinary(firefoxPath())
    .addArguments("-headless")
    .windowSize({ width, height });
  // No traffic beyond this machine: every host name resolves to loopback, and the background
  // services that phone home are off.
  for (const [key, value] of Object.entries({
    "network.dns.forceResolve": "127.0.0.1",
    "app.update.disabledForTesting": true,
    "browser.shell.checkDefaultBrowser": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "datareporting.healthreport.uploadEnabled": false,
    "toolkit.telemetry.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "extensions.update.enabled": false,
    "browser.region.network.url": "",
    "browser.search.update": false,
  })) {
    options.setPreference(key, value);
  }
  // The executable is given, so selenium-webdriver does not run Selenium Manager (which downloads).
  const service = new firefox.ServiceBuilder(geckodriverPath());
  return new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
}

export async function fullPageScreenshot(driver, name) {
  return saveBase64Png(name, await driver.takeFullPageScreenshot());
}

/** Helpers over a WebDriver session, shaped like the Playwright calls in the Chromium tests. */
export function pageHelpers(driver) {
  const find = (css) => driver.findElement(By.css(css));
  return {
    find,
    text: async (css) => (await find(css).getText()).trim(),
    content: (css) => driver.executeScript((s) => document.querySelector(s).textContent, css),
    value: (css) => driver.executeScript((s) => document.querySelector(s).value, css),
    attr: (css, name) => find(css).getAttribute(name),
    state: () => find("#result").getAttribute("data-state"),
    async fill(css, value) {
      const el = await find(css);
      await el.clear();
      if (value) await el.sendKeys(value);
    },
    async click(css) {
      await find(css).click();
    },
    async waitReady(url) {
      await driver.get(url);
      await driver.wait(until.elementLocated(By.css("html[data-lib='ready']")), 20_000);
      // WebDriver has no page-error event: collect them from here on.
      await driver.executeScript(() => {
        window.__pageErrors = [];
        addEventListener("error", (e) => window.__pageErrors.push(String(e.message)));
        addEventListener("unhandledrejection", (e) => window.__pageErrors.push(String(e.reason)));
      });
    },
    /** Selects one character of the token box and types over it. */
    async editTokenCharacter(index) {
      const before = await driver.executeScript((i) => {
        const el = document.querySelector("#token-input");
        el.focus();
        el.setSelectionRange(i, i + 1);
        return el.value;
      }, index);
      const replacement = before[index] === "A" ? "B" : "A";
      await driver.actions().sendKeys(replacement).perform();
      return before.slice(0, index) + replacement + before.slice(index + 1);
    },
  };
}
