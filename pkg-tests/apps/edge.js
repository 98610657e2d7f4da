// Vercel edge-runtime: bundled as Next.js would, run in the edge VM with wasm code generation disabled.
import * as lib from "edge-jwt";
import { conformance } from "./conformance.mjs";

globalThis.__conformance = JSON.stringify(conformance(lib));
