// Runs every JavaScript and TypeScript block of the user docs against the packed edge-jwt tarball, the
// way a reader would: a scratch project in a temporary folder installs the .tgz by npm, and each block
// becomes a file of that project.
//
//   node tests/docs/run.mjs --tarball /tmp/x/edge-jwt-0.1.0.tgz [--keep] [FILE.md ...]
//
// Which files: README.md, pkg-template/README.md and examples/*/README.md (or the FILEs given).
// Which blocks: fences whose info string starts with js, javascript, mjs, cjs, ts or typescript. A block
// whose info string also says `fragment` (```js fragment) is skipped, and listed as skipped; nothing
// else is. Identical blocks (the npm README repeats README.md) run once.
// How a block runs (CONTRIBUTING.md, "Code blocks in the docs"):
//   - a .ts block is type-checked by tsc --strict (all of them in one tsc run), then its JavaScript runs
//     like a .js block;
//   - a block with `export default` is a Worker: check-worker.mjs calls its fetch with Requests and an
//     env ({ JWT_SECRET }) and checks the answers of a bearer-token endpoint on GET /users/me;
//   - any other block runs as a Node ES module (CommonJS for cjs) with JWT_SECRET in its environment,
//     and must exit 0 within 30 s. Blocks that show a result check it with node:assert.
// Also checked: the npm README is a subset of README.md (each of its sections appears there verbatim).
//
// Prints one line per block, then `N passed, N failed` alone on the last line; exits 1 on any failure.

import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const started = Date.now();
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const TSC = join(HERE, "node_modules", "typescript", "bin", "tsc");
const TIMEOUT_MS = 30_000;

const args = process.argv.slice(2);
const tarballAt = args.indexOf("--tarball");
if (tarballAt < 0 || !args[tarballAt + 1]) {
  console.error("usage: node tests/docs/run.mjs --tarball edge-jwt-X.tgz [--keep] [FILE.md ...]");
  process.exit(2);
}
const tarball = resolve(args[tarballAt + 1]);
const keep = args.includes("--keep");
const named = args.filter((a, i) => a.endsWith(".md") && i !== tarballAt + 1).map((a) => resolve(a));

const examples = join(ROOT, "examples");
const files = named.length
  ? named
  : [
      join(ROOT, "README.md"),
      join(ROOT, "pkg-template", "README.md"),
      ...readdirSync(examples)
        .map((d) => join(examples, d, "README.md"))
        .filter((f) => existsSync(f))
        .sort(),
    ];

// ---------------------------------------------------------------- extraction

const LANGS = { js: "js", javascript: "js", mjs: "js", cjs: "cjs", ts: "ts", typescript: "ts" };

/** Every fenced block of a markdown file: { file, line, lang, words, code }. */
function fences(file) {
  const lines = readFileSync(file, "utf8").split("\n");
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const fence = open[2];
    const words = open[3].trim().split(/[\s,]+/).filter(Boolean);
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).exec(lines[j]);
      if (close) break;
      body.push(lines[j].slice(Math.min(indent, /^\s*/.exec(lines[j])[0].length)));
    }
    out.push({ file: relative(ROOT, file), line: i + 1, lang: (words[0] ?? "").toLowerCase(), words: words.slice(1), code: body.join("\n") + "\n" });
    i = j;
  }
  return out;
}

const all = files.flatMap(fences).filter((b) => LANGS[b.lang]);
const fragments = all.filter((b) => b.words.includes("fragment"));
const blocks = [];
for (const b of all.filter((b) => !b.words.includes("fragment"))) {
  const kind = LANGS[b.lang];
  const same = blocks.find((o) => o.kind === kind && o.code === b.code);
  if (same) same.also.push(`${b.file}:${b.line}`);
  else blocks.push({ ...b, kind, also: [], worker: /^\s*export\s+default\b/m.test(b.code) });
}

// ---------------------------------------------------------------- the scratch project

const root = mkdtempSync(join(tmpdir(), "edge-jwt-docs-"));
const secret = randomBytes(32).toString("base64url"); // 43 characters: what "Make a secret" makes

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, {
    cwd: root,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
    ...opts,
    env: { ...process.env, JWT_SECRET: secret, NODE_NO_WARNINGS: "1", ...opts.env },
  });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
  if (r.error) return { ok: false, output: `${basename(cmd)}: ${r.error.message}\n${output}` };
  return { ok: r.status === 0, output };
}

writeFileSync(join(root, "package.json"), JSON.stringify({ name: "docs-scratch", private: true, type: "module" }, null, 2));
{
  const r = run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], { timeout: 180_000 });
  if (!r.ok) {
    console.error(`npm install ${tarball} failed:\n${r.output}`);
    process.exit(1);
  }
}
// Hono for the Hono blocks (no dependencies of its own), from this folder's pinned install.
cpSync(join(HERE, "node_modules", "hono"), join(root, "node_modules", "hono"), { recursive: true });
copyFileSync(join(HERE, "check-worker.mjs"), join(root, "check-worker.mjs"));
mkdirSync(join(root, "blocks"));

const name = (b, i) => `b${String(i + 1).padStart(2, "0")}`;
blocks.forEach((b, i) => {
  b.id = name(b, i);
  b.source = join("blocks", `${b.id}.${b.kind === "ts" ? "ts" : b.kind === "cjs" ? "cjs" : "mjs"}`);
  writeFileSync(join(root, b.source), b.code);
});

// ---------------------------------------------------------------- TypeScript: one tsc --strict run

const tsBlocks = blocks.filter((b) => b.kind === "ts");
const tsErrors = new Map();
if (tsBlocks.length) {
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          types: [],
          outDir: "out",
          noEmitOnError: false,
          skipLibCheck: false,
        },
        files: tsBlocks.map((b) => b.source),
      },
      null,
      2,
    ),
  );
  const r = run(process.execPath, [TSC, "-p", "tsconfig.json", "--pretty", "false"], { timeout: 120_000 });
  let key = "(tsc)";
  for (const line of r.output.split("\n").filter(Boolean)) {
    // A message's continuation lines are indented: they belong to the block of the line above.
    if (!/^\s/.test(line)) key = tsBlocks.find((t) => line.startsWith(t.source))?.id ?? "(tsc)";
    tsErrors.set(key, [...(tsErrors.get(key) ?? []), line]);
  }
  if (!r.ok && tsErrors.size === 0) tsErrors.set("(tsc)", [r.output || "tsc failed"]);
}

// ---------------------------------------------------------------- run

let passed = 0;
let failed = 0;
const report = (ok, what, detail) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  // Lines cut at 200 characters: a stack trace may quote a line of the minified package.
  const cut = (l) => (l.length > 200 ? `${l.slice(0, 200)}...` : l);
  if (!ok && detail) console.log(detail.split("\n").map((l) => `     | ${cut(l)}`.trimEnd()).join("\n"));
};

for (const b of blocks) {
  const where = `${b.file}:${b.line}${b.also.length ? ` (also ${b.also.join(", ")})` : ""} ${b.lang}${b.worker ? " worker" : ""}`;
  let script = b.source;
  if (b.kind === "ts") {
    const errors = tsErrors.get(b.id);
    if (errors) {
      report(false, `${where}: tsc --strict`, errors.join("\n"));
      continue;
    }
    script = join("out", `${b.id}.js`);
  }
  const r = b.worker ? run(process.execPath, ["check-worker.mjs", script]) : run(process.execPath, [script]);
  report(r.ok, where, `${r.output}\n(the block, as run: ${join(root, b.source)}${keep ? "" : "; --keep keeps it"})`);
}

if (tsErrors.has("(tsc)")) report(false, "tsc --strict (outside any block)", tsErrors.get("(tsc)").join("\n"));

// The npm README is README.md, or a subset of it: every section (the text before the first `## `, and
// each `## ` section) appears there verbatim.
if (!named.length) {
  const sections = (text) => text.split(/^(?=## )/m).map((s) => s.trim()).filter(Boolean);
  const full = readFileSync(join(ROOT, "README.md"), "utf8");
  const missing = sections(readFileSync(join(ROOT, "pkg-template", "README.md"), "utf8")).filter((s) => !full.includes(s));
  report(
    missing.length === 0,
    "pkg-template/README.md: every section appears verbatim in README.md",
    missing.map((s) => `not in README.md (or changed): ${s.split("\n")[0]}`).join("\n"),
  );
}

if (blocks.length === 0) report(false, "no code block found: the extractor is broken");

const skipped = fragments.map((b) => `${b.file}:${b.line}`);
console.log(
  `${all.length} blocks in ${files.length} files: ${blocks.length} distinct run (${tsBlocks.length} TypeScript, ` +
    `${blocks.filter((b) => b.worker).length} Workers), ${fragments.length} skipped as fragments${skipped.length ? ` (${skipped.join(", ")})` : ""}`,
);
console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (keep) console.log(`kept: ${root}`);
else rmSync(root, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
