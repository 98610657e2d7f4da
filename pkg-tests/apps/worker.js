// Cloudflare Workers: the conformance result, computed while serving a request (when workerd forbids
// compiling wasm from bytes).
import * as lib from "edge-jwt";
import { conformance } from "./conformance.mjs";

export default {
  fetch() {
    return Response.json(conformance(lib));
  },
};
