// The Worker's entry point (wrangler.toml `main`): the token flow of app.mjs on edge-jwt.
import { createWorker } from "./app.mjs";
import { edgeJwtTokens } from "./tokens.mjs";

export default createWorker(edgeJwtTokens);
