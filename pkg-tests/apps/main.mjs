// Node (ESM), Deno and Bun: a user's program importing the installed package by its name.
import * as lib from "edge-jwt";
import { conformance } from "./conformance.mjs";

const result = conformance(lib);
// import.meta.resolve needs a flag before Node 20.6.
if (typeof import.meta.resolve === "function") result.entry = import.meta.resolve("edge-jwt");
console.log(JSON.stringify(result));
