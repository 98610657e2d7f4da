// Browsers: the page shows and exposes the result; the harness reads window.__conformance.
import * as lib from "edge-jwt";
import { conformance } from "./conformance.mjs";

const result = conformance(lib);
window.__conformance = JSON.stringify(result);
document.body.textContent = `${result.passed} passed, ${result.failed} failed`;
