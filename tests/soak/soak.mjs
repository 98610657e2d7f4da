// The long-running isolate, in Node: 1,000,000 mixed calls in one process
// (run with --expose-gc). Wasm memory and the JS heap are measured after a
// warm-up and at the end; both must stay within a small bound.
//   node --expose-gc tests/soak/soak.mjs [calls]
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as lib from "edge-jwt";
import { run, setup } from "./workload.mjs";

const require = createRequire(import.meta.url);
const total = Number(process.argv[2] ?? 1_000_000);
const batch = 10_000;
const WASM_BOUND = 1 << 20; // 1 MiB
const HEAP_BOUND = 8 << 20; // 8 MiB

// The glue the package entry loaded (same file, so the same instance): its
// initSync returns the instance's exports, memory included.
const glue = require(join(dirname(require.resolve("edge-jwt/package.json")), "edge_jwt.cjs"));
const memory = glue.initSync({ module: new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) }).memory;

async function settle() {
  for (let i = 0; i < 3; i++) {
    global.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { wasm: memory.buffer.byteLength, heap: process.memoryUsage().heapUsed };
}

// A Key every ten calls: half are released with free(), half simply dropped.
const state = setup(lib);
const warmup = Math.min(100_000, total / 10);
for (let done = 0; done < warmup; done += batch) {
  run(lib, state, batch, { freeEvery: 2 });
  await new Promise((resolve) => setImmediate(resolve));
}
const before = await settle();
const start = performance.now();
for (let done = warmup; done < total; done += batch) {
  run(lib, state, batch, { freeEvery: 2 });
  await new Promise((resolve) => setImmediate(resolve)); // as a server would, between requests
}
const seconds = (performance.now() - start) / 1000;
const after = await settle();

const grew = { wasm: after.wasm - before.wasm, heap: after.heap - before.heap };
const report = `node: ${total} calls (${state.ok} ok, ${state.failures} expected failures, ${state.freed} Keys freed, ${state.dropped} dropped) in ${seconds.toFixed(1)} s after warm-up; wasm memory ${before.wasm} -> ${after.wasm} bytes (+${grew.wasm}), JS heap ${(before.heap / 2 ** 20).toFixed(1)} -> ${(after.heap / 2 ** 20).toFixed(1)} MiB`;
console.log(report);
let failed = 0;
if (grew.wasm > WASM_BOUND) {
  console.log(`FAIL: wasm memory grew by ${grew.wasm} bytes (bound ${WASM_BOUND})`);
  failed++;
}
if (grew.heap > HEAP_BOUND) {
  console.log(`FAIL: the JS heap grew by ${grew.heap} bytes (bound ${HEAP_BOUND})`);
  failed++;
}
console.log(`soak node: ${2 - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
