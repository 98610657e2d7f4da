// jose (panva), driven by tests/interop/interop.py: reads a JSON list of
// commands on stdin, writes a JSON list of results on stdout.
//   {"op":"verify","token":"...","key":"..."|"keyB64":"...","now":1700000000.5,
//    "options":{"audience":..., "issuer":..., "leeway":s, "maxAge":s}}
//   -> {"ok":true,"claims":{...},"header":{...}} | {"ok":false,"code":"ERR_...","message":"..."}
//   {"op":"issue","key":"...","claims":{...}} -> {"ok":true,"token":"..."}
import { SignJWT, jwtVerify } from "jose";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const commands = JSON.parse(Buffer.concat(chunks).toString("utf8"));

function keyOf(c) {
  return c.keyB64 !== undefined
    ? new Uint8Array(Buffer.from(c.keyB64, "base64url"))
    : new TextEncoder().encode(c.key);
}

async function run(c) {
  try {
    const key = keyOf(c);
    if (c.op === "issue") {
      const token = await new SignJWT(c.claims)
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .sign(key);
      return { ok: true, token };
    }
    const o = c.options ?? {};
    const options = { algorithms: ["HS256"] };
    if (c.now !== undefined) options.currentDate = new Date(c.now * 1000);
    if (o.audience !== undefined) options.audience = o.audience;
    if (o.issuer !== undefined) options.issuer = o.issuer;
    if (o.leeway !== undefined) options.clockTolerance = o.leeway;
    if (o.maxAge !== undefined) options.maxTokenAge = o.maxAge;
    const { payload, protectedHeader } = await jwtVerify(c.token, key, options);
    return { ok: true, claims: payload, header: protectedHeader };
  } catch (e) {
    return { ok: false, code: typeof e.code === "string" ? e.code : e.name, message: String(e.message) };
  }
}

const results = [];
for (const c of commands) results.push(await run(c));
process.stdout.write(JSON.stringify(results));
