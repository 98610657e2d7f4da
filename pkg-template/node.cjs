"use strict";
// Node >= 20, `require("edge-jwt")`, and the module behind `import` too (node.mjs wraps this file, so a
// process that mixes require and import still has one instance and one JwtError class).
// Node 20 cannot import a .wasm file: read the bytes next to this file and compile them synchronously.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const glue = require("./edge_jwt.cjs");

glue.initSync({ module: new WebAssembly.Module(readFileSync(join(__dirname, "edge_jwt_bg.wasm"))) });

exports.issue = glue.issue;
exports.verify = glue.verify;
exports.decodeUnverified = glue.decodeUnverified;
exports.Key = glue.Key;
exports.JwtError = glue.JwtError;
exports.bearerToken = glue.bearerToken;
exports.tokenCookie = glue.tokenCookie;
