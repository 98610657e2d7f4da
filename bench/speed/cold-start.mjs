// Cold start: load and instantiate the module, then make the first call.
// Node: a fresh process per sample, timed inside it. workerd: a fresh
// Miniflare per sample, timed from the outside to the first response, minus
// the same for a worker that does nothing.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Miniflare } from "miniflare";

const require = createRequire(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function nodeSample(specifier, call) {
  const script = `
    const t0 = performance.now();
    const m = await import(${JSON.stringify(specifier)});
    const t1 = performance.now();
    await (${call})(m);
    const t2 = performance.now();
    console.log(JSON.stringify({ load: t1 - t0, first: t2 - t1 }));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: new URL(".", import.meta.url).pathname });
  return JSON.parse(out.toString());
}

export async function runColdStart({ samples = 15 } = {}) {
  const node = {};
  const cases = {
    "edge-jwt": `(m) => m.verify(m.issue({ sub: "a" }, "k7Qm2vX9pL4sT8wZ1cR6yB3nH5jD0fGa", { expiresIn: 60 }), "k7Qm2vX9pL4sT8wZ1cR6yB3nH5jD0fGa")`,
    jose: `async (m) => { const k = new TextEncoder().encode("k7Qm2vX9pL4sT8wZ1cR6yB3nH5jD0fGa"); await m.jwtVerify(await new m.SignJWT({ sub: "a" }).setProtectedHeader({ alg: "HS256" }).sign(k), k); }`,
  };
  for (const [name, call] of Object.entries(cases)) {
    const runs = Array.from({ length: samples }, () => nodeSample(name, call));
    node[name] = { load: median(runs.map((r) => r.load)), first: median(runs.map((r) => r.first)) };
  }

  const pkgDir = dirname(require.resolve("edge-jwt/package.json"));
  const workerd = async (withJwt) => {
    const modules = [
      {
        type: "ESModule",
        path: join(pkgDir, "bench-worker.mjs"),
        contents: withJwt
          ? `import { issue, verify } from "./workerd.js";
             export default { fetch() { const s = "k7Qm2vX9pL4sT8wZ1cR6yB3nH5jD0fGa"; return new Response(verify(issue({ sub: "a" }, s, { expiresIn: 60 }), s).sub); } };`
          : `export default { fetch() { return new Response("a"); } };`,
      },
    ];
    if (withJwt) {
      for (const f of ["workerd.js", "edge_jwt.js", "edge_jwt_bg.wasm"]) {
        const path = join(pkgDir, f);
        modules.push({ type: f.endsWith(".wasm") ? "CompiledWasm" : "ESModule", path, contents: await readFile(path) });
      }
      // The glue may import snippets; take every .js module next to it.
    }
    const t0 = performance.now();
    const mf = new Miniflare({ modules, compatibilityDate: "2025-01-01" });
    const res = await mf.dispatchFetch("http://127.0.0.1/");
    const body = await res.text();
    const t1 = performance.now();
    await mf.dispose();
    if (body !== "a") throw new Error(`worker answered ${body}`);
    return t1 - t0;
  };
  // Each sample starts a workerd process (hundreds of ms), so the module's
  // share is a small difference: taken pair by pair, back to back, and the
  // median of those differences reported next to both medians.
  const empty = [];
  const full = [];
  const extra = [];
  for (let i = 0; i < samples; i++) {
    const e = await workerd(false);
    const f = await workerd(true);
    empty.push(e);
    full.push(f);
    extra.push(f - e);
  }
  const wd = { empty: median(empty), withJwt: median(full), extra: median(extra) };
  const ms = (x) => `${x.toFixed(1)} ms`;
  return {
    node,
    workerd: wd,
    markdown: [
      "| runtime | load + instantiate | first issue + verify |",
      "|---|---:|---:|",
      `| Node ${process.version}, edge-jwt | ${ms(node["edge-jwt"].load)} | ${ms(node["edge-jwt"].first)} |`,
      `| Node ${process.version}, jose | ${ms(node.jose.load)} | ${ms(node.jose.first)} |`,
      `| workerd (miniflare), to the first response: edge-jwt worker minus an empty one (median of ${samples} back-to-back pairs; ${ms(wd.withJwt)} against ${ms(wd.empty)}) | ${ms(wd.extra)} | (included) |`,
    ].join("\n"),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await runColdStart()).markdown);
