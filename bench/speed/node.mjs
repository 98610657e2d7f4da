// Node: every contender against the bare node:crypto HMAC floor.
import { createHmac, createSecretKey } from "node:crypto";
import * as edge from "edge-jwt";
import * as joseLib from "jose";
import * as fast from "fast-jwt";
import jwt from "jsonwebtoken";
import * as tsndrLib from "@tsndr/cloudflare-worker-jwt";

import { measure, table } from "./harness.mjs";
import { SECRET, signingInput } from "./workload.mjs";
import { edgeJwt, fastJwt, jose, jsonwebtoken, tsndr } from "./contenders.mjs";

export async function runNode({ rounds, sliceMs, log = () => {} } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const input = signingInput(now);
  const token = `${input}.${createHmac("sha256", SECRET).update(input).digest("base64url")}`;
  if (input.length !== 151) throw new Error(`signing input is ${input.length} bytes, not 151`);

  const floor = { name: "node:crypto createHmac (floor)", op: () => createHmac("sha256", SECRET).update(input).digest() };
  const groups = [
    edgeJwt(edge, token),
    fastJwt(fast, token),
    jsonwebtoken(jwt, createSecretKey(SECRET), token),
    jose(joseLib, token),
    tsndr(tsndrLib, token),
  ];
  // Every verifier must accept the token, and every signer's token must verify.
  for (const g of groups) {
    for (const c of g.verify) {
      const out = await c.op();
      const claims = out?.payload ?? out;
      if (claims?.sub !== "1234567890") throw new Error(`${c.name} did not verify the workload token`);
    }
    for (const c of g.sign) {
      const t = await c.op();
      if (edge.verify(t, SECRET).sub !== "1234567890") throw new Error(`${c.name} signed something else`);
    }
  }
  const opts = { rounds, sliceMs, onRound: (r, n) => log(`  round ${r}/${n}`) };
  log("sign:");
  const sign = await measure([floor, ...groups.flatMap((g) => g.sign)], opts);
  log("verify:");
  const verify = await measure([floor, ...groups.flatMap((g) => g.verify)], opts);
  return {
    sign,
    verify,
    markdown: [
      table(sign, floor.name, "sign (Node)"),
      "",
      table(verify, floor.name, "verify (Node)"),
    ].join("\n"),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { markdown } = await runNode({ log: (s) => console.error(s) });
  console.log(markdown);
}
