/**
 * The worker thread behind `grid_parallel.ts`: fills the lower rows of a
 * grid with the same generated kernel that the main thread runs on the upper
 * rows, into a scratch buffer it shares with the main thread.
 *
 * Started with `workerData: { control }` (a shared Int32Array buffer); sets
 * `control[READY]` once loaded. Message in: {@linkcode GridJob}. It replies
 * by storing the job's number in `control[DONE]` and notifying, because the
 * main thread waits in `Atomics.wait`, not in its event loop.
 *
 * @module
 */

import { parentPort, workerData } from "node:worker_threads";
import { buildGrid, type GridKernel } from "../expression/compile.ts";

/** Slots of the shared control array. */
export const READY = 0, DONE = 1;

/** One piece of work: the rows `ys` of a grid over `xs`. */
export interface GridJob {
  seq: number;
  source: string;
  xs: Float64Array;
  ys: Float64Array;
  /** Shared: at least `xs.length * ys.length` doubles. */
  scratch: SharedArrayBuffer;
  /** Shared: min, max, index of min, non-finite count. */
  stats: SharedArrayBuffer;
}

const kernels = new Map<string, GridKernel>();

if (parentPort && workerData?.control instanceof SharedArrayBuffer) {
  const control = new Int32Array(workerData.control);
  parentPort.on("message", (job: GridJob) => {
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
    Atomics.store(control, DONE, job.seq);
    Atomics.notify(control, DONE);
  });
  Atomics.store(control, READY, 1);
}
