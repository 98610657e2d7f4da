// The long-running isolate, in workerd: the same workload, in batches, one
// request each, in one isolate. Each answer reports the instance's wasm memory.
import * as lib from "./workerd.js";
import { initSync } from "./edge_jwt.js";
import wasmModule from "./edge_jwt_bg.wasm";
import { run, setup } from "./workload.mjs";

// Already initialized by workerd.js: initSync hands back the exports.
const memory = initSync({ module: wasmModule }).memory;
let state;

export default {
  fetch(request) {
    const count = Number(new URL(request.url).searchParams.get("calls") ?? 10_000);
    state ??= setup(lib);
    run(lib, state, count, { freeEvery: 2 });
    return Response.json({ wasm: memory.buffer.byteLength, ok: state.ok, failures: state.failures, freed: state.freed, dropped: state.dropped });
  },
};
