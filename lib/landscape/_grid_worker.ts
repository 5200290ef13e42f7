/**
 * The worker thread behind `_grid_parallel.ts`. It does two things for a
 * large grid:
 *
 * - hands the main thread a fresh values array whose memory is already
 *   faulted in (an ordinary `ArrayBuffer`, transferred, so the main thread
 *   then owns it alone), and right after prepares the next one of the same
 *   size while the main thread computes — first writes into new memory cost
 *   more than computing most grids;
 * - fills the lower rows of a grid with the same generated kernel that the
 *   main thread runs on the upper rows, into a scratch buffer it shares with
 *   the main thread.
 *
 * Started with `workerData: { control, port }` (a shared Int32Array buffer and
 * a MessagePort); sets `control[READY]` once loaded. Message in:
 * {@linkcode GridJob}. It posts the fresh array on `port` and stores the
 * job's number in `control[SENT]`, and stores it in `control[DONE]` once its
 * rows are done, notifying each time, because the main thread waits in
 * `Atomics.wait` and reads the port with `receiveMessageOnPort`, not in its
 * event loop.
 *
 * @module
 */

import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { buildGrid, type GridKernel } from "../expression/compile.ts";

/**
 * Slots of the shared control array: loaded; last job done; last job whose
 * array was sent; byte length of the prepared array (0 for none).
 */
export const READY = 0, DONE = 1, SENT = 2, SPARE = 3;

/** Rows for the worker to compute: the rows `ys` of a grid over `xs`. */
export interface GridRows {
  source: string;
  xs: Float64Array;
  ys: Float64Array;
  /** Shared: at least `xs.length * ys.length` doubles. */
  scratch: SharedArrayBuffer;
  /** Shared: min, max, index of min, non-finite count. */
  stats: SharedArrayBuffer;
}

/**
 * One request: a fresh array of `fresh` bytes to send first, rows to compute,
 * or both; or only to have an array of `prepare` bytes ready for next time.
 */
export interface GridJob {
  seq: number;
  fresh?: number;
  rows?: GridRows;
  prepare?: number;
}

/** What the worker posts on its port: the fresh array of job `seq`. */
export interface FreshArray {
  seq: number;
  buffer: ArrayBuffer;
}

/**
 * How long a prepared array waits for the next grid before its memory is
 * given back: long enough for a loop of grids, short enough that a notebook
 * does not hold a spare 32 MB between cells.
 */
export const SPARE_MS = 2000;

/** Doubles per 4 KiB page: writing one of them faults the page in. */
const PAGE = 512;

/** A zeroed ArrayBuffer of `bytes` whose pages are all in memory. */
function faultedIn(bytes: number): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes);
  const a = new Float64Array(buffer);
  for (let i = 0; i < a.length; i += PAGE) a[i] = 0;
  return buffer;
}

const kernels = new Map<string, GridKernel>();

if (parentPort && workerData?.control instanceof SharedArrayBuffer) {
  const control = new Int32Array(workerData.control);
  const port = workerData.port as MessagePort;
  let spare: ArrayBuffer | undefined;
  let drop: ReturnType<typeof setTimeout> | undefined;
  // transfer(0) frees the memory now; dropping the reference would wait for a GC.
  const release = () => {
    Atomics.store(control, SPARE, 0);
    spare?.transfer(0);
    spare = undefined;
  };
  parentPort.on("message", ({ seq, fresh, rows, prepare }: GridJob) => {
    if (fresh !== undefined) {
      if (spare?.byteLength !== fresh) release();
      try {
        Atomics.store(control, SPARE, 0);
        const buffer = spare ?? faultedIn(fresh);
        spare = undefined;
        port.postMessage({ seq, buffer } satisfies FreshArray, [buffer]);
      } catch {
        // Out of memory here: nothing is posted and the main thread allocates its own.
      }
      Atomics.store(control, SENT, seq);
      Atomics.notify(control, SENT);
    }
    if (rows !== undefined) computeRows(rows);
    Atomics.store(control, DONE, seq);
    Atomics.notify(control, DONE);
    // The next grid of this size will most likely follow: prepare its
    // array while the main thread is still computing this one.
    const next = fresh ?? prepare;
    if (next !== undefined) {
      if (spare?.byteLength !== next) {
        release();
        try {
          spare = faultedIn(next);
          Atomics.store(control, SPARE, next);
        } catch {
          spare = undefined;
        }
      }
      clearTimeout(drop);
      drop = setTimeout(release, SPARE_MS);
    }
  });
  Atomics.store(control, READY, 1);
}

function computeRows(job: GridRows): void {
  const stats = new Float64Array(job.stats);
  try {
    let kernel = kernels.get(job.source);
    if (kernel === undefined) {
      kernel = buildGrid(job.source);
      kernels.set(job.source, kernel);
    }
    kernel(
      job.xs,
      job.ys,
      new Float64Array(job.scratch, 0, job.xs.length * job.ys.length),
      stats,
    );
  } catch {
    stats[2] = -2; // no result: the main thread computes these rows itself
  }
}
