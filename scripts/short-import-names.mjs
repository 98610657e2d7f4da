// Shortens the names of the glue functions the .wasm imports, in the .wasm and in the JavaScript glue
// alike, for scripts/build-pkg.sh:
//
//   node scripts/short-import-names.mjs path/to/edge_jwt_bg.wasm path/to/edge_jwt.js
//
// wasm-bindgen names each glue function `__wbg_<name>_<16 hex digits>`: about 40 characters, written
// once in the .wasm's import section and once as a key in the glue's imports object. The hex digits do
// not compress, so the names cost about 1.1 KB of the gzipped package. They become `a`, `b`, ..., `Z`,
// `aa`, ...: both files are rewritten with the same mapping, and nothing else refers to them (the
// snippets' imports keep their names: the .wasm takes those from the snippet modules themselves).
// Fails, changing nothing, if a name is not found exactly once in the glue.
import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, gluePath] = process.argv.slice(2);
const fail = (message) => {
  console.error(`[short-import-names] error: ${message}`);
  process.exit(1);
};
if (!wasmPath || !gluePath) fail("usage: short-import-names.mjs WASM GLUE_JS");

const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");
const GLUE_NAME = /^__wbg_\w+_[0-9a-f]{16}$/;

// LEB128, as the binary format writes its sizes and counts.
function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}
function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return Buffer.from(out);
}
const text = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
function shortName(n) {
  let name = "";
  do {
    name = LETTERS[n % LETTERS.length] + name;
    n = Math.floor(n / LETTERS.length) - 1;
  } while (n >= 0);
  return name;
}

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a WebAssembly module`);
const parts = [wasm.subarray(0, 8)];
const renamed = new Map();
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, bodyAt] = readU32(wasm, at + 1);
  const end = bodyAt + size;
  if (id !== 2) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  // The import section: a count, then per import its module, its name and its description.
  let [count, p] = readU32(wasm, bodyAt);
  const body = [u32(count)];
  while (count-- > 0) {
    const start = p;
    let len;
    [len, p] = readU32(wasm, p);
    p += len; // the module name, kept
    body.push(wasm.subarray(start, p));
    [len, p] = readU32(wasm, p);
    const name = wasm.subarray(p, p + len).toString();
    p += len;
    if (GLUE_NAME.test(name)) {
      if (!renamed.has(name)) renamed.set(name, shortName(renamed.size));
      body.push(text(renamed.get(name)));
    } else {
      body.push(text(name));
    }
    // The description runs to the next import: its kind, then a type index (functions), a table or
    // memory type (limits), or a global type. Only these four kinds exist in this format.
    const descAt = p;
    const kind = wasm[p++];
    if (kind === 0) [, p] = readU32(wasm, p);
    else if (kind === 1 || kind === 2) {
      if (kind === 1) p++; // the reference type
      const flags = wasm[p++];
      [, p] = readU32(wasm, p);
      if (flags & 1) [, p] = readU32(wasm, p);
    } else if (kind === 3) p += 2;
    else fail(`import kind ${kind} is not known`);
    body.push(wasm.subarray(descAt, p));
  }
  if (p !== end) fail("the import section did not parse to its end");
  const section = Buffer.concat(body);
  parts.push(Buffer.from([2]), u32(section.length), section);
  at = end;
}
if (renamed.size === 0) fail("no __wbg_ import found: has wasm-bindgen changed its naming?");

for (const [name, short] of renamed) {
  const found = glue.split(name).length - 1;
  if (found !== 1) fail(`${name} is in the glue ${found} times, not once`);
  glue = glue.replace(name, short);
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
console.error(`[short-import-names] ${renamed.size} import names shortened`);
