// Node (CommonJS): require("edge-jwt/hono") must use Hono's CommonJS build, as the app does (one
// HTTPException class), and the same edge-jwt instance as require("edge-jwt") (one JwtError class).
const { Hono } = require("hono");
const { HTTPException } = require("hono/http-exception");
const lib = require("edge-jwt");
const { jwt } = require("edge-jwt/hono");

(async () => {
  const { honoConformance } = await import("./hono-conformance.mjs");
  const result = await honoConformance({ lib, jwt, Hono, HTTPException });
  result.entry = require.resolve("edge-jwt/hono");
  console.log(JSON.stringify(result));
})();
