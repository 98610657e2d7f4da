// Cloudflare Workers: edge-jwt/hono in a Hono app, checked while serving a request.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import * as lib from "edge-jwt";
import { jwt } from "edge-jwt/hono";
import { honoConformance } from "./hono-conformance.mjs";

export default {
  async fetch() {
    return Response.json(await honoConformance({ lib, jwt, Hono, HTTPException }));
  },
};
