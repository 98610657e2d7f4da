// The hostile-caller cases (cases.mjs) in workerd, through Miniflare: the package's workerd entry
// and the cases run in a Worker, one request per case, each answering what it found.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { Miniflare } from "miniflare";
import { cases, spelledIn } from "./cases.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = dirname(createRequire(import.meta.url).resolve("edge-jwt"));
const dir = mkdtempSync(join(tmpdir(), "edge-jwt-hostile-"));
let mf;

before(async () => {
  mkdirSync(join(dir, "edge-jwt"));
  for (const file of ["workerd.js", "edge_jwt.js", "edge_jwt_bg.wasm"]) copyFileSync(join(pkg, file), join(dir, "edge-jwt", file));
  copyFileSync(join(here, "cases.mjs"), join(dir, "cases.mjs"));
  const spelled = spelledIn(readFileSync(join(pkg, "edge_jwt.js"), "utf8"));
  writeFileSync(join(dir, "spelled.mjs"), `export const spelled = ${JSON.stringify(spelled)};\n`);
  writeFileSync(join(dir, "worker.mjs"), `
import * as lib from "./edge-jwt/workerd.js";
import { cases } from "./cases.mjs";
import { spelled } from "./spelled.mjs";
export default {
  async fetch(request) {
    const name = decodeURIComponent(new URL(request.url).pathname.slice(1));
    try {
      cases[name](lib, spelled);
      return Response.json({ ok: true });
    } catch (e) {
      return Response.json({ ok: false, error: String(e?.stack ?? e) });
    }
  },
};
`);
  mf = new Miniflare({
    modules: true,
    scriptPath: join(dir, "worker.mjs"),
    modulesRoot: dir,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

for (const name of Object.keys(cases)) {
  test(`workerd: ${name}`, async () => {
    const response = await mf.dispatchFetch(`http://localhost/${encodeURIComponent(name)}`);
    const result = await response.json();
    assert.equal(result.ok, true, result.error);
  });
}
