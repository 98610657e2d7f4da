// Node (ESM) without Hono installed: the main entry loads, and only edge-jwt/hono asks for Hono.
const result = { passed: 0, failed: 0, failures: [] };
const lib = await import("edge-jwt");
if (typeof lib.bearerToken === "function") result.passed += 1;
else result.failures.push("edge-jwt did not load without hono");
try {
  await import("edge-jwt/hono");
  result.failures.push("edge-jwt/hono loaded without hono installed: is hono bundled into it?");
} catch (err) {
  if (err?.code === "ERR_MODULE_NOT_FOUND" && /'hono['/]/.test(err.message)) result.passed += 1;
  else result.failures.push(`edge-jwt/hono failed otherwise than by a missing hono: ${err?.code} ${err?.message}`);
}
result.failed = result.failures.length;
console.log(JSON.stringify(result));
