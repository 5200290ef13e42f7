import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import {
  classification,
  initialWeights,
  mlp,
  projectTrajectory,
  recordTrajectory,
  tf,
  weightVector,
} from "../lib/network/mod.ts";
import { spirals } from "../lib/data/mod.ts";

function close(actual: number, expected: number, tolerance: number, what = ""): void {
  ok(Math.abs(actual - expected) <= tolerance, `${what} expected ${expected} but found ${actual}`);
}

Deno.test("recordTrajectory() records the start and every epoch, and remembers the initial weights", async () => {
  const data = classification(spirals({ n: 96, seed: 1 }));
  const model = mlp({ inputs: 2, outputs: 3, hidden: [8], seed: 1 });
  const start = weightVector(model);
  strictEqual(initialWeights(model), undefined);
  const { trajectory, callbacks } = recordTrajectory(model);
  const history = await model.fit(data.x, data.y, {
    epochs: 3,
    batchSize: 32,
    verbose: 0,
    callbacks,
  });
  strictEqual(trajectory.weights.length, 4);
  deepStrictEqual(trajectory.steps, [0, 1, 2, 3]);
  deepStrictEqual(trajectory.weights[0], start);
  deepStrictEqual(trajectory.weights[3], weightVector(model));
  ok(Number.isNaN(trajectory.losses[0]));
  deepStrictEqual(trajectory.losses.slice(1), history.history.loss);
  deepStrictEqual(initialWeights(model), start);
});

Deno.test("recordTrajectory() can record every batch", async () => {
  const data = classification(spirals({ n: 96, seed: 1 }));
  const model = mlp({ inputs: 2, outputs: 3, hidden: [8], seed: 1 });
  const { trajectory, callbacks } = recordTrajectory(model, { every: "batch" });
  await model.fit(data.x, data.y, { epochs: 2, batchSize: 32, verbose: 0, callbacks });
  deepStrictEqual(trajectory.steps, [0, 1, 2, 3, 4, 5, 6]);
  // deno-lint-ignore no-explicit-any
  throws(() => recordTrajectory(model, { every: "step" as any }), TypeError);
});

Deno.test("projectTrajectory() recovers a path that lies in a plane: full variance, exact coordinates", () => {
  // A path in the plane of two orthonormal vectors u, v of R^6, ending at c.
  const u = [1, 1, 0, 0, 1, 1].map((x) => x / 2);
  const v = [0, 0, 1, -1, 0, 0].map((x) => x / Math.SQRT2);
  const c = [0.5, -1, 2, 0, 1, 3];
  const coords: [number, number][] = [[-4, 1], [-3, -1.5], [-2, 1], [-1, -0.2], [0, 0]];
  const path = coords.map(([a, b]) => Float32Array.from(c, (ci, i) => ci + a * u[i]! + b * v[i]!));
  const p = projectTrajectory(path);
  close(p.explainedVariance[0] + p.explainedVariance[1], 1, 1e-6);
  ok(p.explainedVariance[0] > p.explainedVariance[1]);
  // Up to sign, the directions span u and v, and the coordinates have the path's distances.
  p.points.forEach(([x, y], k) => {
    const [a, b] = coords[k]!;
    close(Math.hypot(x, y), Math.hypot(a, b), 1e-5, `point ${k}`);
  });
  deepStrictEqual(p.points.at(-1), [0, 0]);
  ok(
    p.points[0]![0] <= 0 && p.points[0]![1] <= 0,
    "the path does not start at negative coordinates",
  );
  ok(p.x[0] < Math.min(...p.points.map((q) => q[0])) && p.x[1] > 0);
  for (const d of p.directions) close(Math.hypot(...d), 1, 1e-6);
});

Deno.test("projectTrajectory() matches a PCA computed another way", () => {
  // Three principal axes with distinct spreads: the first two must be found.
  const t = Array.from({ length: 12 }, (_, k) => k);
  const path = t.map((k) =>
    new Float32Array([3 * Math.cos(k), 1.5 * Math.sin(k), 0.2 * Math.cos(3 * k), 0])
  );
  const p = projectTrajectory(path, { center: new Float32Array(4) });
  // Variances along the axes, centred on the mean as PCA does.
  const variance = (f: (k: number) => number) => {
    const m = t.reduce((s, k) => s + f(k), 0) / t.length;
    return t.reduce((s, k) => s + (f(k) - m) ** 2, 0);
  };
  const vs = [
    variance((k) => 3 * Math.cos(k)),
    variance((k) => 1.5 * Math.sin(k)),
    variance((k) => 0.2 * Math.cos(3 * k)),
  ];
  const total = vs[0]! + vs[1]! + vs[2]!;
  // The axes are nearly uncorrelated over these samples, not exactly: allow 2%.
  close(p.explainedVariance[0], vs[0]! / total, 0.02);
  close(p.explainedVariance[1], vs[1]! / total, 0.02);
  close(Math.abs(p.directions[0][0]!), 1, 0.01);
  close(Math.abs(p.directions[1][1]!), 1, 0.01);
});

Deno.test("projectTrajectory() rejects short or motionless paths and mismatched lengths", () => {
  const a = new Float32Array([1, 2]);
  throws(() => projectTrajectory([a, a]), {
    name: "RangeError",
    message: "Expected at least 3 recorded weight vectors but found 2",
  });
  throws(() => projectTrajectory([a, a, a]), RangeError);
  throws(() => projectTrajectory([a, a, new Float32Array(3)]), RangeError);
  throws(() => projectTrajectory([a, new Float32Array([0, 0]), a], { margin: -1 }), RangeError);
});

Deno.test("projectTrajectory() on a real training path explains most of it in two components", async () => {
  const data = classification(spirals({ n: 256, seed: 2 }));
  const model = mlp({ inputs: 2, outputs: 3, hidden: [16, 16], seed: 2 });
  const { trajectory, callbacks } = recordTrajectory(model);
  await model.fit(data.x, data.y, {
    epochs: 8,
    batchSize: 64,
    shuffle: false,
    verbose: 0,
    callbacks,
  });
  const p = projectTrajectory(trajectory);
  strictEqual(p.points.length, 9);
  ok(p.explainedVariance[0] + p.explainedVariance[1] > 0.8, `only ${p.explainedVariance}`);
  deepStrictEqual(p.center, weightVector(model));
  tf.dispose([data.x, data.y]);
});
