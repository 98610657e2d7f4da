// Drives worker.mjs in real workerd (miniflare): 1,000,000 calls in one
// isolate, in requests of 50,000; wasm memory after a warm-up and at the end.
//   node tests/soak/workerd.mjs [calls]
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Miniflare } from "miniflare";

const require = createRequire(import.meta.url);
const here = dirname(new URL(import.meta.url).pathname);
const pkgDir = dirname(require.resolve("edge-jwt/package.json"));
const total = Number(process.argv[2] ?? 1_000_000);
const perRequest = 50_000;
const WASM_BOUND = 1 << 20;

const module = async (dir, path, type = "ESModule") => ({ type, path: join(here, path), contents: await readFile(join(dir, path)) });
const mf = new Miniflare({
  modules: [
    await module(here, "worker.mjs"),
    await module(here, "workload.mjs"),
    await module(pkgDir, "workerd.js"),
    await module(pkgDir, "edge_jwt.js"),
    await module(pkgDir, "edge_jwt_bg.wasm", "CompiledWasm"),
  ],
  compatibilityDate: "2025-01-01",
});
try {
  const call = async (calls) => {
    const res = await mf.dispatchFetch(`http://127.0.0.1/?calls=${calls}`);
    if (!res.ok) throw new Error(`worker answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const warm = await call(perRequest);
  const start = performance.now();
  let last = warm;
  for (let done = perRequest; done < total; done += perRequest) last = await call(perRequest);
  const seconds = (performance.now() - start) / 1000;
  const grew = last.wasm - warm.wasm;
  console.log(`workerd: ${total} calls (${last.ok} ok, ${last.failures} expected failures, ${last.freed} Keys freed, ${last.dropped} dropped) in ${seconds.toFixed(1)} s after warm-up; wasm memory ${warm.wasm} -> ${last.wasm} bytes (+${grew})`);
  const failed = grew > WASM_BOUND ? 1 : 0;
  if (failed) console.log(`FAIL: wasm memory grew by ${grew} bytes (bound ${WASM_BOUND})`);
  console.log(`soak workerd: ${1 - failed} passed, ${failed} failed`);
  process.exitCode = failed;
} finally {
  await mf.dispose();
}
