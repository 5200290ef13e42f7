/**
 * `deno task bench plane`: a filter-normalized 41×41 loss plane of an MLP
 * 2→64→64→3 (ReLU, softmax cross-entropy) on 2,048 seeded spiral points —
 * ours (`randomPlane`, tfjs wasm) against the same computation written the
 * usual way in PyTorch (bench/peers/plane_torch.py: set the weights, run a
 * forward pass, per grid point). Both get the same data, weights and
 * directions, and the planes are compared value by value, so it is the same
 * work.
 *
 * Also reports points per second and the arithmetic rate against two
 * limits: tfjs wasm's own 1024×1024 matrix product (single-threaded, times
 * the cores), and PyTorch's native one on all cores.
 *
 * @module
 */

import {
  findPython,
  median,
  ms,
  printTable,
  ratio,
  runPeer,
  samplesMs,
  torchWeights,
} from "./_util.ts";
import { classification, closeWorkers, mlp, randomPlane, tf } from "../lib/network/mod.ts";
import { spirals } from "../lib/data/mod.ts";

const N = 41;
const ROWS = 2048;
const SIZES = [2, 64, 64, 3];
const REPS = 5;

/** Multiply-adds per grid point, times two: one forward pass over all rows. */
const FLOP_PER_POINT = 2 * ROWS * SIZES.slice(1).reduce((s, units, k) => s + SIZES[k]! * units, 0);
const FLOP_PER_PLANE = FLOP_PER_POINT * N * N;

/** GFLOP/s of tfjs's 1024×1024 float32 product on this thread (median of 20). */
function wasmMatmulGflops(): number {
  const a = tf.randomNormal([1024, 1024], 0, 1, "float32", 1);
  const samples: number[] = [];
  for (let i = 0; i < 22; i++) {
    const t0 = performance.now();
    const c = tf.matMul(a, a);
    c.dataSync();
    if (i >= 2) samples.push(performance.now() - t0);
    c.dispose();
  }
  a.dispose();
  return 2 * 1024 ** 3 / median(samples) / 1e6;
}

/** The problem as the PyTorch peer reads it: Linear weights are [out, in]. */
function problem(
  set: ReturnType<typeof spirals>,
  theta: Float32Array,
  d1: Float32Array,
  d2: Float32Array,
  alphas: Float64Array,
) {
  return {
    rows: ROWS,
    x: [...set.x],
    labels: [...set.labels],
    sizes: SIZES,
    theta: torchWeights(theta, SIZES),
    d1: torchWeights(d1, SIZES),
    d2: torchWeights(d2, SIZES),
    alphas: [...alphas],
  };
}

export async function main(): Promise<void> {
  const set = spirals({ n: ROWS, classes: 3, seed: 1 });
  const data = classification(set);
  const model = mlp({ inputs: 2, outputs: 3, hidden: [64, 64], seed: 1 });
  await model.fit(data.x, data.y, { epochs: 10, batchSize: 64, shuffle: false, verbose: 0 });

  const run = (workers?: number) => randomPlane(model, data, { n: N, seed: 2, workers });
  const t0 = performance.now();
  const plane = await run();
  const cold = performance.now() - t0;
  const ours = await samplesMs(() => run(), { reps: REPS, warmup: 1 });
  const single = await samplesMs(() => run(0), { reps: REPS, warmup: 1 });
  const wasmGflops = wasmMatmulGflops();
  const cores = navigator.hardwareConcurrency ?? 1;

  const python = await findPython(["torch"]);
  let torch: Record<string, unknown> | undefined;
  let torch1: Record<string, unknown> | undefined;
  let agreement = "PyTorch not found: no cross-check";
  if (python) {
    const file = await Deno.makeTempFile({ prefix: "plane-", suffix: ".json" });
    try {
      const json = problem(set, plane.center, plane.directions[0], plane.directions[1], plane.xs);
      await Deno.writeTextFile(file, JSON.stringify(json));
      const script = new URL("./peers/plane_torch.py", import.meta.url).pathname;
      torch = await runPeer(python, script, [
        file,
        "--threads",
        String(cores),
        "--reps",
        `${REPS}`,
      ]);
      torch1 = await runPeer(python, script, [file, "--threads", "1", "--reps", `${REPS}`]);
    } finally {
      await Deno.remove(file);
    }
    const theirs = torch.values as number[];
    let worst = 0;
    theirs.forEach((v, k) => {
      worst = Math.max(worst, Math.abs(plane.values[k]! - v) / Math.max(1, Math.abs(v)));
    });
    if (!(worst < 1e-4)) {
      throw new Error(`ours and PyTorch's planes differ: largest relative difference ${worst}`);
    }
    agreement = `all ${theirs.length} values agree with PyTorch's to ${worst.toExponential(1)} ` +
      `(relative); e.g. centre ${plane.values[(N * N - 1) / 2]!.toFixed(6)} vs ` +
      `${theirs[(N * N - 1) / 2]!.toFixed(6)}, corner ${plane.values[0]!.toFixed(4)} vs ` +
      `${theirs[0]!.toFixed(4)}`;
  }

  const row = (name: string, t: number | undefined) => [
    name,
    ms(t),
    t ? Math.round(N * N / (t / 1000)).toLocaleString("en") : "–",
    t ? (FLOP_PER_PLANE / (t / 1000) / 1e9).toFixed(1) : "–",
    ratio(torch?.median_ms as number | undefined, t),
    ratio(torch1?.median_ms as number | undefined, t),
  ];
  const threads = torch?.threads ?? "–";
  console.log(
    `41×41 filter-normalized plane, MLP 2→64→64→3 on ${ROWS} spiral points; ` +
      `${(FLOP_PER_POINT / 1e6).toFixed(1)} MFLOP per point, ${
        (FLOP_PER_PLANE / 1e9).toFixed(1)
      } GFLOP ` +
      `per plane; medians of ${REPS} runs after a warm-up\n`,
  );
  printTable([
    "computation",
    "ms",
    "points/s",
    "GFLOP/s",
    `PyTorch ${threads} threads ÷ this`,
    "PyTorch 1 thread ÷ this",
  ], [
    row(`ours: randomPlane, tfjs wasm, main thread + ${cores - 1} worker(s)`, median(ours)),
    row("ours: randomPlane, tfjs wasm, main thread only (workers: 0)", median(single)),
    row(`PyTorch ${torch?.torch ?? ""} usual loop, ${threads} threads`, torch?.median_ms as number),
    row(`PyTorch usual loop, ${torch1?.threads ?? "–"} thread`, torch1?.median_ms as number),
  ]);
  const ourRate = FLOP_PER_PLANE / (median(ours) / 1000) / 1e9;
  console.log(
    `\n- first call, starting the worker: ${ms(cold)} ms; PyTorch runs (ms): ${
      (torch?.times_ms as number[] | undefined)?.map((t) => ms(t)).join(", ") ?? "–"
    }`,
  );
  console.log(`- ${agreement}`);
  console.log(
    `- arithmetic limit: tfjs wasm 1024² matmul ${wasmGflops.toFixed(1)} GFLOP/s on one thread, ` +
      `×${cores} cores = ${(wasmGflops * cores).toFixed(0)}; ours reaches ${ourRate.toFixed(1)} ` +
      `(${(100 * ourRate / (wasmGflops * cores)).toFixed(0)}% of it)` +
      (torch
        ? `; native (PyTorch 1024² matmul, ${threads} threads) ${
          (torch.matmul_gflops as number).toFixed(0)
        } GFLOP/s, ours is ${(100 * ourRate / (torch.matmul_gflops as number)).toFixed(0)}% of that`
        : ""),
  );
  await closeWorkers();
}

if (import.meta.main) await main();
