// The measuring loop, shared by Node and the browser: contenders run
// interleaved, round after round, each for one time slice per round between
// two slices of the floor, so that a slow moment of the machine touches a
// contender and the floor it is divided by alike.

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
 * contenders: [{ name, op, async?: boolean }], the floor first.
 * Returns { name: { median, min, max, samples, ratios } }: ops/s, and for each
 * contender but the floor its rate over the floor's, slice by slice.
 *
 * Every round runs each other contender once, in a rotated order, between
 * two slices of the floor of its own: its ratio is its rate over the mean of
 * those two. The machine drifts between fast and slow phases within seconds;
 * a floor measured up to a round's length away moved the ratios by ±8% from
 * run to run. (Slices are not shared between neighbours: the slice after an
 * async contender pays for its garbage, and would flatter the next one.)
 */
export async function measure(contenders, { rounds = 9, sliceMs = 250, warmupMs = 150, onRound } = {}) {
  for (const c of contenders) await slice(c.op, c.async, warmupMs); // JIT warm-up
  const [floor, ...others] = contenders;
  const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
  const ratios = Object.fromEntries(others.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no contender always runs first.
    for (let i = 0; i < others.length; i++) {
      const c = others[(i + r) % others.length];
      const before = await slice(floor.op, floor.async, sliceMs);
      const rate = await slice(c.op, c.async, sliceMs);
      const after = await slice(floor.op, floor.async, sliceMs);
      samples[floor.name].push(before, after);
      samples[c.name].push(rate);
      ratios[c.name].push(rate / ((before + after) / 2));
    }
    onRound?.(r + 1, rounds);
  }
  const out = {};
  for (const [name, s] of Object.entries(samples)) {
    out[name] = { ...spread(s), samples: s, ratios: ratios[name] };
  }
  return out;
}

/** The median, minimum and maximum of `values`. */
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * `name`'s rate over `floor`'s (see `measure`): the median of its per-slice
 * ratios, and their spread.
 */
export function ratioTo(results, floor, name) {
  if (name === floor) return { median: 1, min: 1, max: 1 };
  return spread(results[name].ratios);
}

/** A markdown table: ops/s median and spread, and the ratio to `floor` (median of per-slice ratios, and their spread). */
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
