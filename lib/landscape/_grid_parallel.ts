/**
 * Large grids of arithmetic-heavy expressions on two cores.
 *
 * A grid kernel whose inner loop calls `exp`, `sqrt`, `cos`… (Ackley: one
 * `sqrt` and one `exp` a point) is bound by arithmetic, so a second thread
 * halves it: the main thread fills the upper rows while a worker thread
 * runs the same generated kernel on the lower rows into a shared scratch
 * buffer, which is then copied in. Measured here on Ackley at 2000 × 2000:
 * 30 ms on one thread, 17 ms on two, copy included. Kernels that only
 * multiply and add are bound by memory and stay on one thread.
 *
 * `grid()` is synchronous, so the main thread waits with `Atomics.wait`.
 * The worker is started after the first large heavy grid (see
 * `requestWorker`) and used once it has loaded (a grid never waits for it
 * to load); it never keeps the process alive. If it fails, or takes far
 * longer than the main thread, its rows are computed on the main thread
 * instead.
 *
 * Fresh values arrays are allocated on the main thread. Having the worker
 * prepare them (allocate, fault in, transfer) while the main thread
 * computes was tried and measured: it took 3–5 ms of main-thread CPU off a
 * fresh 2000 × 2000 grid (11.7 → 7.1–9.1 ms), and on a quiet machine fresh
 * bowl, saddle and Himmelblau grids came out about a quarter quicker
 * (7.1–9.1 ms against 9.6–11.1 ms); but the worker's memory came
 * back from the allocator unmapped about every other time, so it cost more
 * CPU in all (process CPU a fresh bowl grid: 12.0–12.5 ms allocated here,
 * 14.5–18.5 ms prepared by the worker), and on a shared machine, where both
 * threads draw on one share of the CPU, fresh bowl and Himmelblau grids came
 * out slower (25–48 ms against 44–65 ms).
 *
 * @module
 */

import { Worker } from "node:worker_threads";
import type { CompiledGrid } from "../expression/compile.ts";
import { DONE, type GridJob, READY } from "./_grid_worker.ts";

/** Grids with fewer points than this stay on one thread. */
export const PARALLEL_MIN_POINTS = 1 << 19;

let worker: Worker | undefined;
let broken = false;
let control: Int32Array | undefined;
let scratch: SharedArrayBuffer | undefined;
const stats = new SharedArrayBuffer(4 * 8);
let seq = 0;
let lastThreads = 1;
let starting: ReturnType<typeof setTimeout> | undefined;

/**
 * Starts the worker without slowing the grid that asks for it: creating a
 * worker blocks this thread while the new thread sets up its JavaScript
 * engine (35–340 ms measured here on a busy machine). The first
 * large heavy grid schedules that for when this thread is next idle (in a
 * notebook, between cells); a second one before then, as in a loop, starts
 * it at once.
 */
function requestWorker(): void {
  if (worker !== undefined || broken) return;
  if (starting === undefined) {
    const timer = setTimeout(startWorker, 0);
    // A script that is done should exit rather than start a worker.
    Deno.unrefTimer(timer);
    starting = timer;
  } else {
    startWorker();
  }
}

function startWorker(): void {
  clearTimeout(starting);
  starting = undefined;
  if (worker !== undefined || broken) return;
  try {
    control = new Int32Array(new SharedArrayBuffer(2 * 4));
    worker = new Worker(new URL("./_grid_worker.ts", import.meta.url), {
      workerData: { control: control.buffer },
    });
    worker.unref();
    worker.on("error", () => {
      broken = true;
    });
  } catch {
    broken = true;
  }
}

/**
 * Starts the worker now and resolves once it has loaded (true), or false if
 * it cannot start. Large grids start it anyway; this is for tests and
 * benchmarks that want the two-thread path from the first grid on.
 */
export async function gridWorkerReady(): Promise<boolean> {
  startWorker();
  for (let k = 0; k < 500 && !broken; k++) {
    if (control && Atomics.load(control, READY) === 1) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

/** Whether the worker is not asked for, scheduled to start, or started (for tests). */
export function gridWorkerState(): "none" | "scheduled" | "started" {
  return worker !== undefined ? "started" : starting !== undefined ? "scheduled" : "none";
}

/** How many threads the last call of {@linkcode fillGrid} used: 1 or 2. */
export function lastGridThreads(): number {
  return lastThreads;
}

/** Stops the worker (tests call this so that nothing is left running). */
export function closeGridWorker(): Promise<void> {
  const w = worker;
  clearTimeout(starting);
  starting = undefined;
  worker = undefined;
  control = undefined;
  return w ? w.terminate().then(() => {}) : Promise.resolve();
}

/**
 * Fills `values` (row-major, `xs.length × ys.length`; a new array when
 * undefined) with `compiled`, writes `[min, max, index of min, non-finite
 * count]` into `out` and returns the values, on two threads when that pays
 * and the worker is up, else on this one.
 */
export function fillGrid(
  compiled: CompiledGrid,
  xs: Float64Array,
  ys: Float64Array,
  values: Float64Array | undefined,
  out: Float64Array,
): Float64Array {
  const nx = xs.length, ny = ys.length;
  values ??= new Float64Array(nx * ny);
  const worth = compiled.heavy && nx * ny >= PARALLEL_MIN_POINTS && ny >= 2;
  if (worth) requestWorker();
  lastThreads = 1;
  if (!worth || broken || !control || Atomics.load(control, READY) !== 1) {
    compiled.kernel(xs, ys, values, out);
    return values;
  }
  const split = ny >> 1;
  const lower = ys.subarray(split);
  const size = nx * lower.length * 8;
  if (scratch === undefined || scratch.byteLength < size) scratch = new SharedArrayBuffer(size);
  const job: GridJob = {
    seq: ++seq,
    source: compiled.source,
    xs,
    ys: lower.slice(),
    scratch,
    stats,
  };
  worker!.postMessage(job);
  const t0 = performance.now();
  compiled.kernel(xs, ys.subarray(0, split), values.subarray(0, split * nx), out);
  // The worker got as much work as this thread; allow it ten times as long,
  // plus a second, before giving up on it.
  const deadline = performance.now() + 1000 + 10 * (performance.now() - t0);
  while (Atomics.load(control, DONE) !== job.seq) {
    const left = deadline - performance.now();
    if (
      left <= 0 || Atomics.wait(control, DONE, Atomics.load(control, DONE), left) === "timed-out"
    ) {
      break;
    }
  }
  const theirs = new Float64Array(stats);
  if (Atomics.load(control, DONE) !== job.seq || theirs[2] === -2) {
    broken = Atomics.load(control, DONE) !== job.seq;
    const rest = new Float64Array(4);
    compiled.kernel(xs, lower, values.subarray(split * nx), rest);
    merge(out, rest, split * nx);
    return values;
  }
  values.set(new Float64Array(scratch, 0, nx * lower.length), split * nx);
  merge(out, theirs, split * nx);
  lastThreads = 2;
  return values;
}

/** Merges the summary of rows starting at `offset` into `out`, as one pass would. */
function merge(out: Float64Array, lower: Float64Array, offset: number): void {
  if (lower[0]! < out[0]!) {
    out[0] = lower[0]!;
    out[2] = lower[2]! + offset;
  }
  if (lower[1]! > out[1]!) out[1] = lower[1]!;
  out[3] = out[3]! + lower[3]!;
}
