#!/usr/bin/env node
// Load check for the edge-worker example: requests per second of `GET /users/me` (verify a bearer
// token, look the user up, answer JSON) on workerd, for the worker on edge-jwt and for the same
// routes on jose. Bounded: loopback only, a fixed number of requests at a fixed concurrency, and a
// deadline; it stops by itself and writes RESULTS.md next to this file.
//
//   node bench/worker-load/run.mjs [--requests 2000] [--concurrency 16] [--rounds 5] [--warmup 200]
//
// Each worker is built with `wrangler deploy --dry-run` (the bundle a deploy would upload) and
// served by Miniflare's workerd on 127.0.0.1. Rounds alternate the order of the two workers, each
// round on a fresh workerd; the table shows the median round. Installs what is missing: pkg/
// (make pkg), the example's npm packages (wrangler, miniflare) and this folder's (jose).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, loadavg, release, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const EXAMPLE = join(ROOT, "examples", "edge-worker");
const DEADLINE_MS = 10 * 60 * 1000; // the whole run, whatever happens
const REQUEST_TIMEOUT_MS = 10_000;

const { values: opts } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
    rounds: { type: "string", default: "5" },
    warmup: { type: "string", default: "200" },
  },
});
const REQUESTS = positive("requests", 1, 20_000);
const CONCURRENCY = positive("concurrency", 1, 256);
const ROUNDS = positive("rounds", 1, 9);
const WARMUP = positive("warmup", 0, 5_000);

function positive(name, min, max) {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be an integer from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
}

const deadline = setTimeout(() => {
  console.error(`worker-load: gave up after ${DEADLINE_MS / 60000} minutes`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

const say = (msg) => console.error(`[worker-load] ${msg}`);
const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });

// --- install what is missing ---------------------------------------------------------------
if (!existsSync(join(ROOT, "pkg", "package.json"))) {
  say("pkg/ is missing: make pkg");
  sh("make", ["pkg"], ROOT);
}
for (const [dir, probe] of [
  [EXAMPLE, join("node_modules", "miniflare", "package.json")],
  [HERE, join("node_modules", "jose", "package.json")],
]) {
  if (!existsSync(join(dir, probe)) || !existsSync(join(dir, "node_modules", ".package-lock.json"))) {
    say(`npm ci in ${dir.slice(ROOT.length + 1)}`);
    sh("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], dir);
  }
}

// Miniflare and wrangler come from the example's install: one workerd for tests and load check.
const { Miniflare } = createRequire(join(EXAMPLE, "package.json"))("miniflare");
const versionOf = (dir, name) => JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version;

const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_COLOR: "1",
};

// --- build both workers as `wrangler deploy` would ------------------------------------------
function build(name, cwd, config) {
  const outdir = mkdtempSync(join(tmpdir(), `worker-load-${name}-`));
  execFileSync(
    process.execPath,
    [join(EXAMPLE, "node_modules", "wrangler", "bin", "wrangler.js"), "deploy", "--dry-run", "--outdir", outdir, "--config", config],
    { cwd, env: WRANGLER_ENV, stdio: ["ignore", "ignore", "pipe"] },
  );
  const files = readdirSync(outdir).filter((f) => !f.endsWith(".map") && f !== "README.md");
  const script = files.find((f) => f.endsWith(".js"));
  const bytes = files.map((f) => readFileSync(join(outdir, f)));
  const size = bytes.reduce((n, b) => n + b.length, 0);
  const gzip = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  return { name, outdir, script: join(outdir, script), size, gzip };
}

say("building both workers with wrangler deploy --dry-run");
const workers = [
  build("edge-jwt", EXAMPLE, join(EXAMPLE, "wrangler.toml")),
  build("jose", HERE, join(HERE, "wrangler.jose.toml")),
];

const SECRET = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");

async function start(worker) {
  const mf = new Miniflare({
    modules: true,
    scriptPath: worker.script,
    modulesRoot: worker.outdir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
    bindings: {
      JWT_SECRET: SECRET,
      ACCESS_TOKEN_EXPIRE_MINUTES: "30",
      ALLOWED_ORIGINS: "http://127.0.0.1:5173",
    },
    host: "127.0.0.1",
    port: 0,
  });
  const url = await mf.ready;
  return { mf, url };
}

// --- a small keep-alive HTTP client -----------------------------------------------------------
function send(agent, url, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers, agent, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end(body);
  });
}

async function login(agent, url) {
  const res = await send(agent, url, "POST", "/token", { "Content-Type": "application/x-www-form-urlencoded" }, "username=johndoe&password=secret");
  if (res.status !== 200) throw new Error(`login: ${res.status} ${res.body}`);
  return JSON.parse(res.body).access_token;
}

/** Both workers must give the same answers before their speed is compared. */
async function checkParity(agent, url, token) {
  const me = await send(agent, url, "GET", "/users/me", { Authorization: `Bearer ${token}` });
  const [h, p, s] = token.split(".");
  const forged = `${h}.${Buffer.from(JSON.stringify({ sub: "alice", exp: 4e9 })).toString("base64url")}.${s}`;
  const tampered = await send(agent, url, "GET", "/users/me", { Authorization: `Bearer ${forged}` });
  const missing = await send(agent, url, "GET", "/users/me", {});
  return JSON.stringify([
    me.status,
    JSON.parse(me.body),
    tampered.status,
    JSON.parse(tampered.body).code,
    tampered.headers["www-authenticate"],
    missing.status,
    missing.headers["www-authenticate"],
    p.length > 0,
  ]);
}

// CPU time of the workerd process (all its threads), from /proc: unlike req/s, it barely moves when
// other work shares the machine. Linux only; null elsewhere.
const CLK_TCK = 100; // USER_HZ: the unit of utime/stime in /proc/<pid>/stat on Linux
function workerdPid() {
  if (!existsSync("/proc")) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^[0-9]+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat && stat.ppid === process.pid && stat.comm.startsWith("workerd")) return entry;
  }
  return null;
}
function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    const fields = text.slice(close + 2).split(" ");
    return { comm: text.slice(text.indexOf("(") + 1, close), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}
const cpuSeconds = (pid) => (pid === null ? null : (procStat(pid)?.ticks ?? NaN) / CLK_TCK);

/** `count` GET /users/me at `CONCURRENCY` in flight; returns { rps, p50, p99, failures, cpuUs }. */
async function load(agent, url, token, count, pid = null) {
  const cpuBefore = cpuSeconds(pid);
  const headers = { Authorization: `Bearer ${token}` };
  const latencies = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next++;
        const t0 = performance.now();
        try {
          const res = await send(agent, url, "GET", "/users/me", headers);
          if (res.status !== 200 || !res.body.includes('"johndoe"')) failures++;
        } catch {
          failures++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuUs = pid === null ? null : ((cpuSeconds(pid) - cpuBefore) * 1e6) / count;
  latencies.sort((a, b) => a - b);
  const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: count / seconds, p50: pct(0.5), p99: pct(0.99), failures, cpuUs };
}

const fmtCpu = (us) => (us === null || Number.isNaN(us) ? "n/a" : us.toFixed(0));

// --- run ----------------------------------------------------------------------------------------
const results = Object.fromEntries(workers.map((w) => [w.name, []]));
const parity = {};
try {
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? workers : [...workers].reverse();
    for (const worker of order) {
      const { mf, url } = await start(worker);
      const pid = workerdPid();
      const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      try {
        const token = await login(agent, url);
        parity[worker.name] ??= await checkParity(agent, url, token);
        if (WARMUP > 0) await load(agent, url, token, WARMUP);
        const r = await load(agent, url, token, REQUESTS, pid);
        results[worker.name].push(r);
        say(`round ${round + 1}/${ROUNDS} ${worker.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, workerd CPU ${fmtCpu(r.cpuUs)} µs/req, ${r.failures} failed`);
      } finally {
        agent.destroy();
        await mf.dispose();
      }
    }
  }
} finally {
  for (const w of workers) rmSync(w.outdir, { recursive: true, force: true });
}

if (parity["edge-jwt"] !== parity.jose) {
  console.error(`the two workers answer differently:\n edge-jwt ${parity["edge-jwt"]}\n jose     ${parity.jose}`);
  process.exit(1);
}

// --- report -------------------------------------------------------------------------------------
const medianOf = (values) => {
  const sorted = values.filter((v) => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
};
const medianRound = (runs) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const cpu = cpus();
const summary = Object.fromEntries(
  workers.map((w) => {
    const runs = results[w.name];
    return [w.name, { runs, m: medianRound(runs), cpuUs: medianOf(runs.map((r) => r.cpuUs)) }];
  }),
);
const rows = workers.map((w) => {
  const { runs, m, cpuUs } = summary[w.name];
  const lib = w.name === "edge-jwt" ? `edge-jwt ${versionOf(EXAMPLE, "edge-jwt")}` : `jose ${versionOf(HERE, "jose")}`;
  const what = w.name === "edge-jwt" ? "examples/edge-worker" : "same routes on jose";
  const perRound = runs.map((r) => r.rps.toFixed(0)).join(" / ");
  const failed = runs.reduce((n, r) => n + r.failures, 0);
  return `| ${what} | ${lib} | **${m.rps.toFixed(0)}** | ${perRound} | ${fmtCpu(cpuUs)} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${failed} | ${kib(w.size)} / ${kib(w.gzip)} |`;
});
// Paired by round: the two workers of a round ran back to back, under about the same outside load,
// so the median of the per-round ratios is steadier than the ratio of the medians.
const pairs = results["edge-jwt"].map((e, i) => [e, results.jose[i]]);
const rpsRatios = pairs.map(([e, j]) => e.rps / j.rps);
const rpsRatio = medianOf(rpsRatios);
const cpuRatio = medianOf(pairs.map(([e, j]) => (e.cpuUs && j.cpuUs ? e.cpuUs / j.cpuUs : null)));
const [load1] = loadavg();

const report = `# Worker load check: \`GET /users/me\`, edge-jwt vs jose, in workerd

Written by \`node bench/worker-load/run.mjs\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.
Do not edit by hand; rerun the command (see README.md).

| worker | JWT library | req/s (median round) | req/s per round | workerd CPU µs/req | p50 ms | p99 ms | failed | bundle / gzip |
|---|---|---:|---|---:|---:|---:|---:|---|
${rows.join("\n")}

edge-jwt / jose, paired by round (median of the per-round ratios): **${rpsRatio.toFixed(2)}×** the requests
per second (rounds: ${rpsRatios.map((r) => r.toFixed(2)).join(", ")})${cpuRatio === null ? "" : `, **${cpuRatio.toFixed(2)}×** the workerd CPU time per request`}.

- Each request: \`Authorization: Bearer <token>\` → verify an HS256 token (\`exp\` and \`sub\` required),
  look the user up, answer JSON with CORS and \`no-store\` headers. Same routes, users and errors in both
  workers (checked before measuring: 200, tampered 401 with the same code and challenge, missing 401);
  only the JWT layer differs. jose gets its best case: the CryptoKey is imported once per isolate.
- ${ROUNDS} rounds × ${REQUESTS} requests after ${WARMUP} warm-up requests, ${CONCURRENCY} in flight over keep-alive
  HTTP/1.1 on 127.0.0.1; each round on a fresh workerd; rounds alternate which worker goes first.
- req/s is end to end: the Node client and workerd share the machine, so it includes HTTP parsing,
  workerd's request path and the client's own CPU, and moves with anything else running. "workerd CPU
  µs/req" is the workerd process's user+system CPU time (\`/proc/<pid>/stat\`, 10 ms ticks) over the
  measured requests divided by their number, median over rounds: the cost of serving one request,
  far less sensitive to other load.
- Machine: ${cpu.length} × ${cpu[0]?.model?.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()},
  load average ${load1.toFixed(1)} when the run ended; Node ${process.versions.node}, workerd ${versionOf(EXAMPLE, "workerd")}
  (miniflare ${versionOf(EXAMPLE, "miniflare")}), wrangler ${versionOf(EXAMPLE, "wrangler")}.
`;
writeFileSync(join(HERE, "RESULTS.md"), report);
process.stdout.write(report);
