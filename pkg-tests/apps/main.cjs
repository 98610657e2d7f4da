// Node (CommonJS): require by name; then import() must give the very same instance (one JwtError).
const lib = require("edge-jwt");

(async () => {
  const { conformance } = await import("./conformance.mjs");
  const result = conformance(lib);
  result.entry = require.resolve("edge-jwt");
  const esm = await import("edge-jwt");
  if (esm.JwtError !== lib.JwtError || esm.Key !== lib.Key) {
    result.failed += 1;
    result.failures.push("require and import load two instances (two JwtError classes)");
  }
  console.log(JSON.stringify(result));
})();
