/**
 * Large grids on two cores.
 *
 * A fresh values array is new memory, and the first write to each of its
 * pages costs a page fault: for a 2000 × 2000 grid (32 MB) more than
 * computing most catalogue functions. So a worker thread prepares the
 * array: it allocates it, writes once to every page, and transfers it
 * (an ordinary `ArrayBuffer`, no copy) to the main thread when a grid asks,
 * then prepares the next one of the same size while the main thread
 * computes. A grid that finds no array of its size ready (the first of a
 * size, or one that follows the last too closely) allocates its own rather
 * than wait, and asks for one to be ready next time; a prepared array is
 * given back after `SPARE_MS` without a grid of its size.
 *
 * A kernel whose inner loop calls `exp`, `sqrt`, `cos`… (Ackley: one
 * `sqrt` and one `exp` a point) is bound by arithmetic, so the worker also
 * halves it: the main thread fills the upper rows while the worker runs the
 * same generated kernel on the lower rows into a shared scratch buffer,
 * which is then copied in. Kernels that only multiply and add are bound by
 * memory and stay on one thread.
 *
 * `grid()` is synchronous, so the main thread waits with `Atomics.wait` and
 * takes the array with `receiveMessageOnPort`. The worker is started after
 * the first large grid (see `requestWorker`) and used once it has loaded (a
 * grid never waits for it to load); it never keeps the process alive. If it fails, or takes far
 * longer than the main thread, the main thread allocates and computes
 * everything itself.
 *
 * @module
 */

import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import type { CompiledGrid } from "../expression/compile.ts";
import { DONE, type FreshArray, type GridJob, READY, SENT, SPARE } from "./_grid_worker.ts";

/** Grids with fewer points than this stay on one thread. */
export const PARALLEL_MIN_POINTS = 1 << 19;

let worker: Worker | undefined;
let broken = false;
let control: Int32Array | undefined;
let port: MessagePort | undefined;
let scratch: SharedArrayBuffer | undefined;
const stats = new SharedArrayBuffer(4 * 8);
let seq = 0;
let lastThreads = 1;
let lastPrepared = false;
let starting: ReturnType<typeof setTimeout> | undefined;

/**
 * Starts the worker without slowing the grid that asks for it: creating a
 * worker blocks this thread while the new thread sets up its JavaScript
 * engine (15–50 ms measured here on a quiet machine, hundreds under load).
 * The first large grid schedules that for when this thread is next idle (in
 * a notebook, between cells); a second large grid before then, as in a loop,
 * starts it at once.
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
    control = new Int32Array(new SharedArrayBuffer(4 * 4));
    const channel = new MessageChannel();
    worker = new Worker(new URL("./_grid_worker.ts", import.meta.url), {
      workerData: { control: control.buffer, port: channel.port2 },
      transferList: [channel.port2],
    });
    port = channel.port1;
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

/**
 * Resolves once the worker has an array of `points` doubles ready for the
 * next fresh grid (true), or false after five seconds. For tests.
 */
export async function preparedArrayReady(points: number): Promise<boolean> {
  for (let k = 0; k < 500 && !broken; k++) {
    if (control && Atomics.load(control, SPARE) === points * 8) return true;
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

/**
 * Whether the values array of the last call of {@linkcode fillGrid} was
 * prepared by the worker (false when the caller passed one, or it was
 * allocated on this thread).
 */
export function lastGridPrepared(): boolean {
  return lastPrepared;
}

/** Stops the worker (tests call this so that nothing is left running). */
export function closeGridWorker(): Promise<void> {
  const w = worker;
  clearTimeout(starting);
  starting = undefined;
  worker = undefined;
  control = undefined;
  port?.close();
  port = undefined;
  return w ? w.terminate().then(() => {}) : Promise.resolve();
}

/** Waits until the worker has stored `job` (or a later one) in `slot`, or `deadline` passes. */
function waitFor(slot: number, job: number, deadline: number): boolean {
  const c = control!;
  for (let now = Atomics.load(c, slot); now < job; now = Atomics.load(c, slot)) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(c, slot, now, left);
  }
  return true;
}

/** The array the worker posted for `job`, or undefined; older ones (too late) are dropped. */
function receiveFresh(job: number): Float64Array | undefined {
  // The worker said it has one ready, so it comes at once. A second is generous.
  if (!waitFor(SENT, job, performance.now() + 1000)) {
    broken = true;
    return undefined;
  }
  for (;;) {
    const m = receiveMessageOnPort(port!);
    if (m === undefined) return undefined;
    const { seq: s, buffer } = m.message as FreshArray;
    if (s === job) return new Float64Array(buffer);
  }
}

/**
 * Fills `values` (row-major, `xs.length × ys.length`; a fresh array when
 * undefined) with `compiled`, writes `[min, max, index of min, non-finite
 * count]` into `out` and returns the values. Large grids get a prepared
 * fresh array and, when the kernel is heavy, a second thread, once the
 * worker is up; everything else runs on this thread alone.
 */
export function fillGrid(
  compiled: CompiledGrid,
  xs: Float64Array,
  ys: Float64Array,
  values: Float64Array | undefined,
  out: Float64Array,
): Float64Array {
  const nx = xs.length, ny = ys.length;
  const large = nx * ny >= PARALLEL_MIN_POINTS;
  if (large) requestWorker();
  lastThreads = 1;
  lastPrepared = false;
  if (!large || broken || !control || Atomics.load(control, READY) !== 1) {
    values ??= new Float64Array(nx * ny);
    compiled.kernel(xs, ys, values, out);
    return values;
  }
  const job: GridJob = { seq: ++seq };
  const bytes = nx * ny * 8;
  if (values === undefined) {
    // Take the prepared array if it is ready. If not (the first grid of a
    // size, or the worker is still preparing it), allocating here is quicker
    // than waiting; the worker has one ready for next time.
    if (Atomics.load(control, SPARE) === bytes) job.fresh = bytes;
    else job.prepare = bytes;
  }
  const split = compiled.heavy && ny >= 2 ? ny >> 1 : ny;
  const lower = ys.subarray(split);
  if (split < ny) {
    const size = nx * lower.length * 8;
    if (scratch === undefined || scratch.byteLength < size) scratch = new SharedArrayBuffer(size);
    job.rows = { source: compiled.source, xs, ys: lower.slice(), scratch, stats };
  }
  if (job.fresh === undefined && job.prepare === undefined && job.rows === undefined) {
    compiled.kernel(xs, ys, values!, out);
    return values!;
  }
  worker!.postMessage(job);
  if (job.fresh !== undefined) {
    values = receiveFresh(job.seq);
    lastPrepared = values !== undefined;
  }
  values ??= new Float64Array(nx * ny);
  if (job.rows === undefined || broken) {
    compiled.kernel(xs, ys, values, out);
    return values;
  }
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
  values.set(new Float64Array(scratch!, 0, nx * lower.length), split * nx);
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
