// Node (ESM), Deno and Bun: a Hono app importing edge-jwt/hono by name, with Hono installed.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import * as lib from "edge-jwt";
import { jwt } from "edge-jwt/hono";
import { honoConformance } from "./hono-conformance.mjs";

const result = await honoConformance({ lib, jwt, Hono, HTTPException });
if (typeof import.meta.resolve === "function") result.entry = import.meta.resolve("edge-jwt/hono");
console.log(JSON.stringify(result));
