// Shared by the page tests: start the real servers (vite, the edge worker), launch the Debian
// browsers, and keep screenshots in www/test-results/. Nothing here stands in for edge-jwt.

import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const WWW = fileURLToPath(new URL("..", import.meta.url));
export const REPO = path.resolve(WWW, "..");
export const RESULTS = path.join(WWW, "test-results");
export const PAGE_URL = "http://127.0.0.1:5173/";
export const WORKER_URL = "http://127.0.0.1:8787";
export const WORKER_DIR = path.join(REPO, "examples", "edge-worker");

mkdirSync(RESULTS, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves true once `url` answers with any HTTP status, false when nothing listens. */
export async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns `command` in its own process group, waits until `url` answers, and returns { stop, output }.
 * Fails fast with the process output when it exits early, and never adopts a server someone else
 * started on the same port (that would test whatever it serves, not this build).
 */
async function startProcess({ name, command, args, cwd, env, url, timeoutMs }) {
  if (await answers(url)) {
    throw new Error(`${name}: ${url} is already in use (is \`make demo\` running?). Stop it and run the tests again.`);
  }
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));

  const deadline = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (exited) throw new Error(`${name} exited (${JSON.stringify(exited)}) before serving ${url}:\n${output}`);
    if (Date.now() > deadline) {
      kill(child);
      throw new Error(`${name} did not serve ${url} within ${timeoutMs / 1000} s:\n${output}`);
    }
    await sleep(250);
  }
  return {
    output: () => output,
    async stop() {
      if (exited) return;
      const done = new Promise((r) => child.once("exit", r));
      kill(child);
      await Promise.race([done, sleep(5000)]);
      if (!exited) kill(child, "SIGKILL");
    },
  };
}

function kill(child, signal = "SIGTERM") {
  try {
    process.kill(-child.pid, signal); // the whole group: npm -> node -> wrangler -> workerd
  } catch {
    /* already gone */
  }
}

/** `vite preview` (the production build in dist/) or `vite` (dev server) on 127.0.0.1:5173. */
export function startPage(mode = "preview") {
  if (mode === "preview" && !existsSync(path.join(WWW, "dist", "index.html"))) {
    throw new Error("www/dist is missing: run `npm run build` in www/ first (scripts/test-www.sh does).");
  }
  const vite = path.join(WWW, "node_modules", "vite", "bin", "vite.js");
  const args = mode === "preview" ? [vite, "preview"] : [vite];
  return startProcess({ name: `vite ${mode}`, command: process.execPath, args, cwd: WWW, url: PAGE_URL, timeoutMs: 30_000 });
}

/** Why the worker cannot be started, or null when it can. */
export function workerUnavailable() {
  const pj = path.join(WORKER_DIR, "package.json");
  if (!existsSync(pj)) return "examples/edge-worker does not exist yet";
  const scripts = JSON.parse(readFileSync(pj, "utf8")).scripts ?? {};
  if (!scripts.dev) return "examples/edge-worker has no npm dev script yet";
  const devFile = /node (\S+)/.exec(scripts.dev)?.[1];
  if (devFile && !existsSync(path.join(WORKER_DIR, devFile))) return `examples/edge-worker/${devFile} does not exist yet`;
  if (!existsSync(path.join(WORKER_DIR, "node_modules"))) return "examples/edge-worker has no node_modules (run npm ci there)";
  return null;
}

/** The real edge worker: `npm run dev` in examples/edge-worker (wrangler dev on 127.0.0.1:8787). */
export function startWorker() {
  return startProcess({
    name: "edge worker (npm run dev)",
    command: "npm",
    args: ["run", "dev"],
    cwd: WORKER_DIR,
    env: {
      PORT: "8787", // dev.mjs reads PORT; the page's CORS-allowed setup expects 8787
      WRANGLER_SEND_METRICS: "false",
      WRANGLER_SEND_ERROR_REPORTS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
    },
    url: `${WORKER_URL}/`,
    timeoutMs: 120_000,
  });
}

export const FASTAPI_URL = "http://127.0.0.1:8000";
export const FASTAPI_DIR = path.join(REPO, "examples", "fastapi");
const FASTAPI_PYTHON = path.join(REPO, ".venv-fastapi", "bin", "python");

/** Why the FastAPI app cannot be started, or null when it can. */
export function fastapiUnavailable() {
  if (!existsSync(path.join(FASTAPI_DIR, "demo_app.py"))) return "examples/fastapi does not exist";
  if (!existsSync(FASTAPI_PYTHON)) return "no .venv-fastapi (scripts/test-www.sh makes it when python3 is installed)";
  return null;
}

/**
 * The FastAPI app as `make demo` serves it: uvicorn demo_app:app (the python-jose variant with CORS
 * for this page) on 127.0.0.1:8000, signing with `secret`.
 */
export function startFastapi(secret) {
  return startProcess({
    name: "FastAPI (uvicorn demo_app:app)",
    command: FASTAPI_PYTHON,
    args: ["-m", "uvicorn", "demo_app:app", "--host", "127.0.0.1", "--port", "8000"],
    cwd: FASTAPI_DIR,
    env: { JWT_SECRET: secret },
    url: `${FASTAPI_URL}/docs`,
    timeoutMs: 30_000,
  });
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
];

export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Records what a page does that it should not: uncaught errors, console errors, and requests to any
 * host but 127.0.0.1 (the page promises no external network).
 */
export function watch(page) {
  const problems = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    // A failed fetch to a stopped worker is logged by the browser itself; the page handles it.
    if (msg.type() === "error" && !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(msg.text())) {
      problems.push(`console.error: ${msg.text()}`);
    }
  });
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.hostname !== "127.0.0.1") {
      problems.push(`external request: ${req.url()}`);
    }
  });
  return problems;
}

export async function screenshot(page, name) {
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function saveBase64Png(name, base64) {
  const file = path.join(RESULTS, `${name}.png`);
  writeFileSync(file, Buffer.from(base64, "base64"));
  return file;
}

/** The first of `names` found on PATH (or as an absolute path), else null. */
export function which(...names) {
  for (const name of names) {
    if (path.isAbsolute(name)) {
      if (existsSync(name)) return name;
      continue;
    }
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || null;
    } catch {
      /* not found */
    }
  }
  return null;
}

/** Replaces the character at `index` of the token box by typing, the way a person edits it. */
export async function editTokenCharacter(page, index) {
  const box = page.locator("#token-input");
  const value = await box.inputValue();
  const replacement = value[index] === "A" ? "B" : "A";
  await box.focus();
  await box.evaluate((el, i) => el.setSelectionRange(i, i + 1), index);
  await page.keyboard.type(replacement);
  return { before: value, after: value.slice(0, index) + replacement + value.slice(index + 1) };
}
