/**
 * `deno task bench grid`: loss grids from expression strings against numpy.
 *
 * For every two-weight catalogue function (its expression and domain), times
 * `landscape(expr).grid({ x, y, n })` at 100 × 100 and 2000 × 2000 — the
 * whole call: axes, a fresh values array, min/max/argmin/nonFinite — and,
 * right after each function, numpy the article's way (`np.linspace`,
 * `np.meshgrid`, one vectorised expression; see `peers/grid_numpy.py`), so
 * that both sides of a ratio are timed seconds apart on a shared machine.
 * Prints medians and numpy / ours ratios (above 1× means the string path is
 * faster). The 100 × 100 grids are checked equal value by value (to 1e-9 of
 * the grid's largest value). When numpy is missing only its columns are
 * skipped.
 *
 * A second column reuses one output array (`grid({ ..., out })`). A fresh
 * 32 MB array must be zeroed (JavaScript guarantees it), about 3.5 ms here
 * when the allocator hands back memory it has just freed, and costs page
 * faults on first write when it does not (new + fill: 10.6 ms, against
 * 1.0 ms to fill a reused one); numpy's `malloc` skips the zeroing. Reusing
 * `out` is the like-for-like comparison of the computation itself.
 *
 * Last, `_first_grid.ts` runs in five fresh processes, timing the first
 * grids a notebook makes (the first call compiles, and the first large
 * grid of a heavy kernel asks for the worker thread).
 *
 * @module
 */

import { catalog, type CatalogEntry } from "../lib/landscape/catalog.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import type { Domain } from "../lib/core/types.ts";
import { findPython, median, ms, printTable, ratio, runPeer, timeMs } from "./_util.ts";

/** The two-weight catalogue entries, in catalogue order. */
const ENTRIES = Object.entries(catalog).filter((e): e is [string, CatalogEntry] =>
  e[1].landscape.dims === 2
);
const SIZES = [100, 2000] as const;
// 2000 × 2000 grids take milliseconds each: fewer repetitions, more warm-up
// than samples would be wasteful. 100 × 100 grids take microseconds.
const REPS: Record<number, { reps: number; warmup: number }> = {
  100: { reps: 101, warmup: 50 },
  2000: { reps: 21, warmup: 10 },
};

interface Row {
  name: string;
  n: number;
  first: number;
  ours: number;
  reused: number;
  numpy?: number;
}

export async function main(): Promise<void> {
  const python = await findPython(["numpy"]);
  if (python === undefined) {
    console.log("numpy not found (tried /usr/bin/python3, python3, python): numpy columns skipped");
  }
  let version = "";
  const rows: Row[] = [];
  for (const [name, entry] of ENTRIES) {
    const { expr } = entry.landscape;
    const domain: Domain = entry.domain;
    const { x, y } = domain;
    let small: Float64Array | undefined;
    const mine: Row[] = [];
    for (const n of SIZES) {
      // A fresh landscape: the first call includes compiling the kernel.
      const l = landscape(expr!);
      const t0 = performance.now();
      const g = l.grid({ x, y, n });
      const first = performance.now() - t0;
      if (n === SIZES[0]) small = g.values;
      const ours = await timeMs(() => l.grid({ x, y, n }), REPS[n]);
      const out = new Float64Array(n * n);
      const reused = await timeMs(() => l.grid({ x, y, n, out }), REPS[n]);
      mine.push({ name, n, first, ours, reused });
    }
    rows.push(...mine);
    if (python === undefined) continue;
    const peer = await runPeer(python, new URL("./peers/grid_numpy.py", import.meta.url).pathname, [
      JSON.stringify({
        functions: { [name]: domain },
        sizes: SIZES,
        reps: Object.fromEntries(SIZES.map((n) => [n, REPS[n]!.reps])),
      }),
    ]);
    version = ` ${peer.numpy}`;
    const times = peer.ms as Record<string, Record<string, number>>;
    for (const row of mine) row.numpy = times[name]?.[String(row.n)];
    checkEqual(name, small!, (peer.values as Record<string, number[]>)[name]!);
  }

  console.log(
    `Medians of ${REPS[100]!.reps} (100 × 100) and ${REPS[2000]!.reps} (2000 × 2000) calls ` +
      `after warm-up; "first call" is a fresh landscape's first grid (compiling included).`,
  );
  printTable(
    [
      "function",
      "grid",
      "string path (ms)",
      "same, reusing `out` (ms)",
      "first call (ms)",
      `numpy${version} (ms)`,
      "numpy / string",
      "numpy / reusing",
    ],
    rows.map((r) => [
      r.name,
      `${r.n} × ${r.n}`,
      ms(r.ours),
      ms(r.reused),
      ms(r.first),
      ms(r.numpy),
      ratio(r.numpy, r.ours),
      ratio(r.numpy, r.reused),
    ]),
  );
  await firstGrids();
}

/** Fresh processes probing the first grids a notebook makes; see `_first_grid.ts`. */
const PROBES = 5;

/** Runs `_first_grid.ts` in {@linkcode PROBES} fresh processes and prints medians and ranges. */
async function firstGrids(): Promise<void> {
  const runs: Record<string, number>[] = [];
  for (let k = 0; k < PROBES; k++) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--config",
        new URL("../deno.json", import.meta.url).pathname,
        new URL("./_first_grid.ts", import.meta.url).pathname,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
    runs.push(JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!));
  }
  console.log(
    `\nFirst grids in a fresh process, as a notebook's cells (50 ms apart); medians and ranges ` +
      `of ${PROBES} processes. Ackley is the kernel that uses the worker thread.`,
  );
  const labels: Record<string, string> = {
    small: "first grid, Ackley 100 × 100",
    first: "first 2000 × 2000 grid (asks for the worker)",
    second: "second 2000 × 2000 grid",
    third: "third 2000 × 2000 grid",
    smallAfter: "100 × 100 grids afterwards (median of 51)",
  };
  printTable(
    ["call", "median (ms)", "range (ms)"],
    Object.entries(labels).map(([key, label]) => {
      const xs = runs.map((r) => r[key]!);
      return [label, ms(median(xs)), `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`];
    }),
  );
}

/** Throws unless `ours` equals numpy's grid to 1e-9 of its largest magnitude, value by value. */
function checkEqual(name: string, ours: Float64Array, theirs: readonly number[]): void {
  if (ours.length !== theirs.length) {
    throw new Error(`${name}: ${ours.length} values here, ${theirs.length} in numpy`);
  }
  const scale = theirs.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  theirs.forEach((b, k) => {
    const a = ours[k]!;
    if (!(Math.abs(a - b) <= 1e-9 * scale)) {
      throw new Error(`${name}: the 100 × 100 grids differ at ${k} (${a} here, ${b} in numpy)`);
    }
  });
}

if (import.meta.main) await main();
