// What each runtime entry ships: the entry, the glue it imports, and the
// .wasm, raw and gzipped; next to jose's SignJWT + jwtVerify bundle.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { build } from "esbuild";

const require = createRequire(import.meta.url);

/** Files an entry loads, by following its relative imports and requires. */
async function closure(dir, file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  if (file.endsWith(".wasm")) return seen;
  const text = await readFile(join(dir, file), "utf8");
  // Any quoted name of a package file: imports, requires, new URL(...), and
  // readFileSync(join(__dirname, "x.wasm")). `?module` (edge-light) names the same file.
  const refs = [...text.matchAll(/["'](?:\.\/)?([\w.-]+\.(?:js|cjs|mjs|wasm))(?:\?[\w]+)?["']/g)].map((m) => m[1]);
  for (const ref of refs) {
    const path = join(dirname(file), ref);
    if (existsSync(join(dir, path))) await closure(dir, path, seen);
  }
  return seen;
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export async function runSize() {
  const pkgDir = dirname(require.resolve("edge-jwt/package.json"));
  const pkg = JSON.parse(await readFile(join(pkgDir, "package.json"), "utf8"));
  const conditions = pkg.exports["."];
  const entries = [];
  // Flatten nested conditions ("import" -> "workerd" -> file), leaving out types.
  const flat = (prefix, target) =>
    typeof target === "string"
      ? [[prefix, target]]
      : Object.entries(target).filter(([k]) => k !== "types").flatMap(([k, v]) => flat(`${prefix} ${k}`.trim(), v));
  for (const [name, file] of flat("", conditions)) {
    const files = { [name]: file };
    for (const [name, file] of Object.entries(files)) {
      const all = [...(await closure(pkgDir, file.replace(/^\.\//, "")))];
      let raw = 0;
      let zipped = 0;
      let wasmRaw = 0;
      let wasmGz = 0;
      for (const f of all) {
        const buf = await readFile(join(pkgDir, f));
        raw += buf.length;
        zipped += gz(buf);
        if (f.endsWith(".wasm")) {
          wasmRaw += buf.length;
          wasmGz += gz(buf);
        }
      }
      entries.push({ name, files: all, raw, zipped, glueRaw: raw - wasmRaw, glueGz: zipped - wasmGz, wasmRaw, wasmGz });
    }
  }
  // jose's SignJWT + jwtVerify, bundled and minified as an app would ship them.
  const joseBundle = await build({
    stdin: { contents: 'export { SignJWT, jwtVerify } from "jose";', resolveDir: new URL(".", import.meta.url).pathname },
    bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "error",
  });
  const joseBytes = joseBundle.outputFiles[0].contents;
  // The same treatment for edge-jwt's browser entry: its JS bundled and
  // minified as an app would ship it, plus the .wasm it fetches.
  const ownBundle = await build({
    stdin: { contents: 'export { issue, verify, decodeUnverified, Key, JwtError } from "edge-jwt";', resolveDir: new URL(".", import.meta.url).pathname },
    bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "error",
  });
  const ownBytes = ownBundle.outputFiles[0].contents;
  const browser = entries.find((e) => e.name === "import browser") ?? entries[0];
  const rows = entries.map((e) =>
    `| edge-jwt \`${e.name}\` | ${kb(e.wasmRaw)} / ${kb(e.wasmGz)} | ${kb(e.glueRaw)} / ${kb(e.glueGz)} | ${kb(e.raw)} / **${kb(e.zipped)}** |`);
  rows.push(
    `| edge-jwt \`import browser\` (esbuild, minified) | ${kb(browser.wasmRaw)} / ${kb(browser.wasmGz)} | ${kb(ownBytes.length)} / ${kb(gz(ownBytes))} | ${kb(browser.wasmRaw + ownBytes.length)} / **${kb(browser.wasmGz + gz(ownBytes))}** |`,
  );
  rows.push(`| jose SignJWT + jwtVerify (esbuild, minified) | – | ${kb(joseBytes.length)} / ${kb(gz(joseBytes))} | ${kb(joseBytes.length)} / **${kb(gz(joseBytes))}** |`);
  return {
    entries,
    bundled: { js: ownBytes.length, jsGzipped: gz(ownBytes), wasm: browser.wasmRaw, wasmGzipped: browser.wasmGz },
    jose: { raw: joseBytes.length, gzipped: gz(joseBytes) },
    markdown: ["| what | .wasm raw / gzip | JS raw / gzip | total raw / gzip |", "|---|---:|---:|---:|", ...rows].join("\n"),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await runSize()).markdown);
