// Runs browser-page.mjs in headless Chromium (Debian's, through
// playwright-core) from a server on 127.0.0.1, and returns its results.
import { createServer } from "node:http";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const here = new URL(".", import.meta.url).pathname;

export async function runBrowser({ rounds = 9, sliceMs = 250 } = {}) {
  const out = await mkdtemp(join(tmpdir(), "edge-jwt-bench-"));
  try {
    await build({
      entryPoints: [join(here, "browser-page.mjs")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outdir: out,
      loader: { ".wasm": "file" },
      logLevel: "error",
    });
    // esbuild leaves new URL("./edge_jwt_bg.wasm", import.meta.url) alone: the package's README
    // says to copy the file next to the bundle, as an esbuild user would.
    const pkgDir = dirname(createRequire(import.meta.url).resolve("edge-jwt/package.json"));
    await copyFile(join(pkgDir, "edge_jwt_bg.wasm"), join(out, "edge_jwt_bg.wasm"));
    const server = createServer(async (req, res) => {
      const path = new URL(req.url, "http://x").pathname;
      if (path === "/") {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end('<!doctype html><script type="module" src="/browser-page.js"></script>');
      }
      try {
        const body = await readFile(join(out, path.replace(/^\/+/, "")));
        const type = path.endsWith(".wasm") ? "application/wasm" : "text/javascript";
        res.writeHead(200, { "content-type": type });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    try {
      const page = await browser.newPage();
      page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
      const { port } = server.address();
      await page.goto(`http://127.0.0.1:${port}/?rounds=${rounds}&slice=${sliceMs}`);
      await page.waitForFunction(() => window.__results, null, { timeout: 600_000, polling: 500 });
      const results = await page.evaluate(() => window.__results);
      if (results.error) throw new Error(results.error);
      return results;
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await runBrowser()).markdown);
}
