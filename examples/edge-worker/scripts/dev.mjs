#!/usr/bin/env node
// `npm run dev`: `wrangler dev` on http://127.0.0.1:8787 (PORT overrides the port) with a signing
// secret for local use, and wrangler's metrics, error reports and Cloudflare fetches turned off.
//
// Where JWT_SECRET comes from, first match wins:
//   1. .dev.vars in this folder (copy .dev.vars.example): wrangler reads it itself;
//   2. the JWT_SECRET environment variable;
//   3. otherwise a fresh random 32-byte secret for this run (tokens die with the process).
// 2 and 3 go to wrangler through a temporary --env-file (mode 0600, deleted on exit), never on a
// command line where `ps` would show it. ALLOW_SHORT_JWT_SECRET (the legacy short-key setting) goes
// into the same file when set. Extra arguments are passed on to `wrangler dev`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
const port = process.env.PORT ?? "8787";
const args = [wrangler, "dev", "--ip", "127.0.0.1", "--port", port];

let tempDir = null;
if (existsSync(join(exampleDir, ".dev.vars"))) {
  console.error("[dev] JWT_SECRET: from .dev.vars");
} else {
  let secret = process.env.JWT_SECRET;
  if (secret) {
    console.error("[dev] JWT_SECRET: from the environment");
  } else {
    secret = randomBytes(32).toString("base64url");
    console.error("[dev] JWT_SECRET: generated for this run (set JWT_SECRET or write .dev.vars to keep one)");
  }
  if (/[\r\n"\\]/.test(secret)) {
    console.error("[dev] JWT_SECRET must not contain quotes, backslashes or line breaks");
    process.exit(2);
  }
  let lines = `JWT_SECRET="${secret}"\n`;
  // The legacy short-key setting travels with the secret (see README: Configuration).
  const allowShort = process.env.ALLOW_SHORT_JWT_SECRET;
  if (allowShort !== undefined && allowShort !== "") {
    if (!/^[a-z]+$/.test(allowShort)) {
      console.error('[dev] ALLOW_SHORT_JWT_SECRET must be "true" or "false"');
      process.exit(2);
    }
    console.error(`[dev] ALLOW_SHORT_JWT_SECRET=${allowShort}: from the environment`);
    if (allowShort === "true") {
      console.error("[dev] WARNING: a JWT_SECRET under 32 bytes will be accepted (legacy key); rotate it");
    }
    lines += `ALLOW_SHORT_JWT_SECRET="${allowShort}"\n`;
  }
  tempDir = mkdtempSync(join(tmpdir(), "edge-worker-dev-"));
  const envFile = join(tempDir, "secrets.env");
  writeFileSync(envFile, lines, { mode: 0o600 });
  args.push("--env-file", envFile);
}
args.push(...process.argv.slice(2));

const child = spawn(process.execPath, args, {
  cwd: exampleDir,
  stdio: "inherit",
  env: {
    ...process.env,
    JWT_SECRET: undefined, // the worker gets it from the env file, not wrangler's own environment
    ALLOW_SHORT_JWT_SECRET: undefined,
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
  },
});

const cleanup = () => {
  if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});
