// Serves the page on 127.0.0.1:5173 exactly: the edge worker's CORS allows that origin and no other,
// so a busy port must fail loudly (strictPort) rather than move to 5174.
import { fileURLToPath } from "node:url";
import { defineConfig, searchForWorkspaceRoot } from "vite";

const pkgDir = fileURLToPath(new URL("../pkg", import.meta.url));
const server = { host: "127.0.0.1", port: 5173, strictPort: true };

export default defineConfig({
  server: {
    ...server,
    // edge-jwt is installed as a link to ../pkg; the dev server may read its .wasm there.
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), pkgDir] },
  },
  preview: server,
  // Pre-bundling would copy the package's JS away from its .wasm file and break the relative URL.
  optimizeDeps: { exclude: ["edge-jwt"] },
  build: { target: "es2022" },
});
