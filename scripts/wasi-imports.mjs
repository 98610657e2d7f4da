// Fails unless each given .wasm is a plain WASI module: every import comes from
// `wasi_snapshot_preview1`, and no import or export is wasm-bindgen's (`__wbindgen_*`, `__wbg_*`, module
// `wbg` or `__wbindgen_placeholder__`). A build of the crate without the `js` feature must ask its host
// for no JavaScript. Used by `make test-wasi`.
//
//   node scripts/wasi-imports.mjs a.wasm [b.wasm...]
import { readFile } from "node:fs/promises";

const wasmBindgen = /^(__wbindgen|__wbg|wbg$)/;
let failed = false;
for (const file of process.argv.slice(2)) {
  const module = await WebAssembly.compile(await readFile(file));
  const imports = WebAssembly.Module.imports(module);
  const exports = WebAssembly.Module.exports(module);
  const bad = [
    ...imports
      .filter((i) => i.module !== "wasi_snapshot_preview1" || wasmBindgen.test(i.name))
      .map((i) => `import ${i.module}.${i.name}`),
    ...exports.filter((e) => wasmBindgen.test(e.name)).map((e) => `export ${e.name}`),
  ];
  if (bad.length > 0) {
    failed = true;
    console.error(`[wasi-imports] ${file}: not a plain WASI module: ${bad.join(", ")}`);
  } else {
    const names = [...new Set(imports.map((i) => i.name))].sort().join(", ") || "none";
    console.error(`[wasi-imports] ${file}: ${imports.length} imports, all wasi_snapshot_preview1 (${names})`);
  }
}
process.exitCode = failed ? 1 : 0;
