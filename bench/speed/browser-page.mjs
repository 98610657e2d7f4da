// Bundled by esbuild for headless Chromium: edge-jwt's browser entry against
// jose and a bare WebCrypto HMAC, with the same harness and workload as Node.
import * as edge from "edge-jwt";
import * as joseLib from "jose";

import { measure, table } from "./harness.mjs";
import { SECRET, signingInput } from "./workload.mjs";
import { edgeJwt, jose } from "./contenders.mjs";

async function run() {
  const params = new URLSearchParams(location.search);
  const rounds = Number(params.get("rounds") ?? 9);
  const sliceMs = Number(params.get("slice") ?? 250);
  const now = Math.floor(Date.now() / 1000);
  const input = signingInput(now);
  const data = new TextEncoder().encode(input);
  const hmacKey = await crypto.subtle.importKey("raw", SECRET, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const tag = new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, data));
  const b64 = btoa(String.fromCharCode(...tag)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const token = `${input}.${b64}`;

  const floor = { name: "WebCrypto HMAC (async, floor)", async: true, op: () => crypto.subtle.sign("HMAC", hmacKey, data) };
  const groups = [edgeJwt(edge, token), jose(joseLib, token)];
  for (const c of groups.flatMap((g) => g.verify)) {
    const out = await c.op();
    if ((out.payload ?? out).sub !== "1234567890") throw new Error(`${c.name} did not verify`);
  }
  const opts = { rounds, sliceMs };
  const sign = await measure([floor, ...groups.flatMap((g) => g.sign)], opts);
  const verify = await measure([floor, ...groups.flatMap((g) => g.verify)], opts);
  return {
    sign,
    verify,
    userAgent: navigator.userAgent,
    markdown: [
      table(sign, floor.name, "sign (Chromium)"),
      "",
      table(verify, floor.name, "verify (Chromium)"),
    ].join("\n"),
  };
}

run().then(
  (r) => (window.__results = r),
  (e) => (window.__results = { error: String(e?.stack ?? e) }),
);
