// The measuring loop, shared by Node and the browser: contenders run
// interleaved, round after round, each for one time slice per round, so that
// a slow moment of the machine touches all of them alike.

/** Ops per second of `op` over about `sliceMs` (sync or async op). */
async function slice(op, isAsync, sliceMs) {
  const batch = isAsync ? 64 : 512;
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    if (isAsync) for (let i = 0; i < batch; i++) await op();
    else for (let i = 0; i < batch; i++) op();
    ops += batch;
    elapsed = performance.now() - start;
  } while (elapsed < sliceMs);
  return (ops * 1000) / elapsed;
}

/**
 * contenders: [{ name, op, async?: boolean }]
 * Returns { name: { median, min, max, samples } } in ops/s.
 */
export async function measure(contenders, { rounds = 9, sliceMs = 250, warmupMs = 150, onRound } = {}) {
  for (const c of contenders) await slice(c.op, c.async, warmupMs); // JIT warm-up
  const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no contender always runs first.
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + r) % contenders.length];
      samples[c.name].push(await slice(c.op, c.async, sliceMs));
    }
    onRound?.(r + 1, rounds);
  }
  const out = {};
  for (const [name, s] of Object.entries(samples)) {
    const sorted = [...s].sort((a, b) => a - b);
    out[name] = {
      median: sorted[Math.floor(sorted.length / 2)],
      min: sorted[0],
      max: sorted[sorted.length - 1],
      samples: s,
    };
  }
  return out;
}

/**
 * `name`'s rate over `floor`'s, round by round (both ran in the same round,
 * seconds apart), as { median, min, max }: a machine that slows down for a
 * while moves both rates of a round, not their ratio.
 */
export function ratioTo(results, floor, name) {
  const base = results[floor].samples;
  const sorted = results[name].samples.map((rate, round) => rate / base[round]).sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

/** A markdown table: ops/s median and spread, and the ratio to `floor` (median of per-round ratios, and their spread). */
export function table(results, floor, title) {
  const rows = Object.entries(results).map(([name, r]) => {
    const ratio = ratioTo(results, floor, name);
    const ratioSpread = name === floor ? "" : ` (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`;
    return `| ${name} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${ratio.median.toFixed(2)}${ratioSpread} |`;
  });
  return [
    `| ${title} | ops/s (median) | spread (min–max) | ratio to ${floor} (min–max) |`,
    "|---|---:|---:|---:|",
    ...rows,
  ].join("\n");
}

function fmt(n) {
  return Math.round(n).toLocaleString("en-US");
}
