// Builds a worker and serves it in workerd through Miniflare. The example itself is built by
// `wrangler deploy --dry-run` (the bundle `wrangler deploy` uploads); the test apps by esbuild with
// wrangler's conditions (workerd, worker, browser), the .wasm kept as a module import.
import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

export const EXAMPLE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const ORIGIN = "http://worker.test";
export const SECRET = "a secret of at least 32 bytes, for HS256!";

/** `wrangler deploy --dry-run` of the example; returns { dir, script }. */
export async function buildExample() {
  const dir = await mkdtemp(join(tmpdir(), "hono-worker-"));
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(EXAMPLE_DIR, "node_modules", "wrangler", "bin", "wrangler.js"), "deploy", "--dry-run", "--outdir", dir], {
    cwd: EXAMPLE_DIR,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" },
  });
  // A user's build prints no warning (the package is linked from a directory, where esbuild shows them).
  const warnings = `${stdout}\n${stderr}`.split("\n").filter((line) => /\[WARNING\]|▲/.test(line));
  if (warnings.length !== 0) throw new Error(`wrangler printed warnings:\n${warnings.join("\n")}`);
  const script = (await readdir(dir)).find((f) => f.endsWith(".js"));
  if (!script) throw new Error(`wrangler wrote no .js bundle in ${dir}`);
  return bundleIn(dir, join(dir, script));
}

/** A built worker: its folder, its script, and remove() for the folder. */
function bundleIn(dir, script) {
  return { dir, script, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Bundles test/apps/`name` (after `edit` of its source text); returns { dir, script }. */
export async function buildApp(name, edit = (source) => source) {
  return buildSource(edit(await readFile(join(EXAMPLE_DIR, "test", "apps", name), "utf8")), name);
}

/** Bundles `source` as if it were test/apps/`name`; returns { dir, script }. */
export async function buildSource(source, name) {
  const dir = await mkdtemp(join(tmpdir(), "hono-worker-app-"));
  const apps = join(EXAMPLE_DIR, "test", "apps");
  await build({
    // Its imports resolve from the folder of the original, as if the edited text were saved there.
    stdin: { contents: source, resolveDir: apps, sourcefile: name, loader: "js" },
    bundle: true,
    outfile: join(dir, "worker.js"),
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    logLevel: "error",
  });
  return bundleIn(dir, join(dir, "worker.js"));
}

/** Serves a bundle in workerd with `bindings`; returns { fetch(path, init), logs, dispose() }. */
export async function startWorker(bundle, bindings = {}) {
  const logs = [];
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundle.script,
    modulesRoot: bundle.dir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
    bindings,
    structuredWorkerdLogs: true,
    handleStructuredLogs: (entry) => {
      logs.push(entry);
    },
  });
  try {
    await mf.ready;
  } catch (err) {
    await mf.dispose();
    throw err;
  }
  return {
    logs,
    fetch: (path, init) => mf.dispatchFetch(new URL(path, ORIGIN), { redirect: "manual", ...init }),
    dispose: () => mf.dispose(),
  };
}

/** A compact JWS over any header and payload text, HS256-signed with `secret` (for malformed tokens). */
export function rawToken(header, payload, secret = SECRET) {
  const input = `${Buffer.from(header).toString("base64url")}.${Buffer.from(payload).toString("base64url")}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

/** A cookie value as Hono's setSignedCookie writes it: value.base64(HMAC-SHA256), URI-encoded. */
export function signedCookie(value, secret) {
  return encodeURIComponent(`${value}.${createHmac("sha256", secret).update(value).digest("base64")}`);
}
