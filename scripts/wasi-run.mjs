// Runs a wasm32-wasip1 program under Node's node:wasi: the cargo runner of `make test-wasi`
// (CARGO_TARGET_WASM32_WASIP1_RUNNER). The current directory (cargo runs tests in the package's root)
// is preopened both as "." and under its absolute path, so that a test reads the repository's files as
// it does natively, by a relative path or from env!("CARGO_MANIFEST_DIR"); nothing outside it is
// reachable. The exit code is the program's: a failing test (a panic: an abort in wasm) fails the run.
//
//   node --no-warnings scripts/wasi-run.mjs path/to/program.wasm [args...]
import { readFile } from "node:fs/promises";
import { WASI } from "node:wasi";

const [file, ...args] = process.argv.slice(2);
const preopens = { ".": ".", [process.cwd()]: process.cwd() };
const wasi = new WASI({ version: "preview1", args: [file, ...args], env: process.env, preopens });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
