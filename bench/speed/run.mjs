// The speed, size and cold-start benchmark of issue #7, in one command:
//   make bench            (or: cd bench/speed && npm ci && node run.mjs)
// Writes bench/speed/RESULTS.md and the table between the bench markers in
// the repository README.
import { cpus, totalmem } from "node:os";
import { readFile, writeFile } from "node:fs/promises";
import { runNode } from "./node.mjs";
import { runBrowser } from "./browser.mjs";
import { runSize } from "./size.mjs";
import { runColdStart } from "./cold-start.mjs";
import { ratioTo } from "./harness.mjs";

const quick = process.argv.includes("--quick");
const rounds = quick ? 3 : 15;
const sliceMs = quick ? 100 : 200;
const log = (s) => console.error(s);

log("Node speed…");
const node = await runNode({ rounds, sliceMs, log });
log("Chromium speed…");
const browser = await runBrowser({ rounds, sliceMs });
log("sizes…");
const size = await runSize();
// Issue #18 keeps every runtime entry (.wasm and glue) within 32 KiB gzipped.
const BUDGET = 32 * 1024;
const over = size.entries.filter((e) => e.zipped > BUDGET);
const budget = over.length === 0
  ? `Every runtime entry is within the budget of 32 KB gzipped (the largest: ${Math.max(...size.entries.map((e) => e.zipped))} bytes).`
  : `Over the budget of 32 KB gzipped: ${over.map((e) => `${e.name} (${e.zipped} bytes)`).join(", ")}.`;
if (over.length !== 0) process.exitCode = 1;
log("cold start…");
const cold = await runColdStart({ samples: quick ? 5 : 15 });

const machine = `${cpus().length} × ${cpus()[0]?.model?.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${browser.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}`;
const date = new Date().toISOString().slice(0, 10);
const ratio = (r, n) => ratioTo(r, Object.keys(r)[0], n).median.toFixed(2);
const summary = [
  `Ratios are operations per second divided by the rate of the first row (the bare HMAC over the same 151-byte signing input), measured in the slices just before and after: contenders ran interleaved in one process, ${rounds} rounds of one ${sliceMs} ms slice each, every slice between two slices of the floor of its own; each figure is the median over the rounds, with the min–max spread.`,
  "",
  `With a reused \`Key\`: **issue ${ratio(node.sign, "edge-jwt (Key)")}**, **verify ${ratio(node.verify, "edge-jwt (Key)")}** on Node; with a string secret: issue ${ratio(node.sign, "edge-jwt (string secret)")}, verify ${ratio(node.verify, "edge-jwt (string secret)")}.`,
].join("\n");
const body = [
  `Measured ${date} on ${machine}${quick ? " (quick run: fewer rounds)" : ""}.`,
  "",
  summary,
  "",
  node.markdown,
  "",
  browser.markdown,
  "",
  "Size (what each runtime entry loads):",
  "",
  size.markdown,
  "",
  budget,
  "",
  "Cold start (medians):",
  "",
  cold.markdown,
].join("\n");

await writeFile(new URL("./RESULTS.md", import.meta.url), `# Benchmark results\n\n${body}\n`);
const readmeUrl = new URL("../../README.md", import.meta.url);
const readme = await readFile(readmeUrl, "utf8");
const start = "<!-- bench:start -->";
const end = "<!-- bench:end -->";
if (readme.includes(start) && readme.includes(end)) {
  const next = readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${body}\n${end}`);
  await writeFile(readmeUrl, next);
}
console.log(body);
if (over.length !== 0) console.error(budget);
