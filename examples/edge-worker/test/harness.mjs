// Runs the worker the way it deploys: `wrangler deploy --dry-run --outdir` builds the bundle that
// `wrangler deploy` would upload, and Miniflare serves that bundle in workerd with the [vars] of
// wrangler.toml plus the bindings a test chooses (JWT_SECRET is a secret, so tests pass it).
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";
import { unstable_readConfig } from "wrangler";

// For suites outside this folder that have no node_modules of their own (examples/fastapi/test):
// the same edge-jwt package the worker is built on.
export { decodeUnverified, issue, verify } from "edge-jwt";

export const EXAMPLE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const WRANGLER = join(EXAMPLE_DIR, "node_modules", "wrangler", "bin", "wrangler.js");
const ORIGIN = "http://worker.test"; // any origin: dispatchFetch goes to the local workerd

/** Environment for every wrangler run: no metrics, no error reports, no Cloudflare fetches. */
export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_COLOR: "1",
};

/** A fresh 32-byte secret, as base64url text (43 characters). */
export function randomSecret() {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

/**
 * A user's build prints no warning: the package is linked from a directory here (a `file:`
 * dependency), where esbuild shows the warnings it hides inside node_modules (such as a duplicate
 * key in wasm-bindgen's import object).
 */
export function assertSilent(output) {
  const warnings = output.split("\n").filter((line) => /\[WARNING\]|▲/.test(line));
  if (warnings.length !== 0) throw new Error(`the build printed warnings:\n${warnings.join("\n")}`);
}

/** Builds the deployable bundle into a temporary directory; returns { dir, script, files }. */
export async function buildBundle() {
  const dir = await mkdtemp(join(tmpdir(), "edge-worker-bundle-"));
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [WRANGLER, "deploy", "--dry-run", "--outdir", dir], {
    cwd: EXAMPLE_DIR,
    env: WRANGLER_ENV,
    maxBuffer: 16 * 1024 * 1024,
  });
  assertSilent(`${stdout}\n${stderr}`);
  const files = await readdir(dir);
  const script = files.find((f) => f.endsWith(".js"));
  if (!script) throw new Error(`wrangler produced no .js bundle in ${dir}: ${files.join(", ")}`);
  return { dir, script: join(dir, script), files };
}

/**
 * Starts the bundle in workerd. `bindings` override wrangler.toml's [vars]; a binding set to
 * undefined is removed. Returns { fetch(path, init), logs, dispose() }.
 */
export async function startWorker(bundle, bindings = {}) {
  const config = unstable_readConfig({ config: join(EXAMPLE_DIR, "wrangler.toml") });
  const merged = { ...config.vars, ...bindings };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const logs = [];
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundle.script,
    modulesRoot: bundle.dir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    bindings: merged,
    host: "127.0.0.1",
    structuredWorkerdLogs: true,
    // Must return undefined: Miniflare validates the handler's return type.
    handleStructuredLogs: (entry) => {
      logs.push(entry);
    },
  });
  await mf.ready;
  return {
    logs,
    fetch: (path, init) => mf.dispatchFetch(new URL(path, ORIGIN), { redirect: "manual", ...init }),
    url: () => mf.ready,
    dispose: () => mf.dispose(),
  };
}

export async function removeBundle(bundle) {
  await rm(bundle.dir, { recursive: true, force: true });
}

/** POST /token with a form-encoded body. */
export function login(worker, username, password, extra = {}) {
  return worker.fetch("/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, ...extra }).toString(),
  });
}

/** GET /users/me with `Authorization: Bearer <token>`. */
export function me(worker, token, headers = {}) {
  return worker.fetch("/users/me", { headers: { Authorization: `Bearer ${token}`, ...headers } });
}

export function b64url(value) {
  const bytes = typeof value === "string" ? Buffer.from(value) : Buffer.from(value);
  return bytes.toString("base64url");
}
