import { deepStrictEqual, notDeepStrictEqual, ok, rejects, strictEqual } from "node:assert";
import {
  classification,
  closeWorkers,
  filterNorms,
  interpolate,
  lineSlice,
  mlp,
  planeSlice,
  randomLine,
  randomPlane,
  recordTrajectory,
  tf,
  weightLayout,
  weightVector,
} from "../lib/network/mod.ts";
import { spirals } from "../lib/data/mod.ts";
import { lossesAt, sliceContext } from "../lib/network/_slice_eval.ts";

function close(actual: number, expected: number, tolerance: number, what = ""): void {
  ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} expected ${expected} but found ${actual} (tolerance ${tolerance})`,
  );
}

/** A linear model y = x·w + b on 3 features, compiled with MSE, and seeded data. */
function linearProblem() {
  const model = tf.sequential({
    layers: [tf.layers.dense({
      inputShape: [3],
      units: 2,
      kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
      biasInitializer: tf.initializers.constant({ value: 0.3 }),
    })],
  });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  const x = tf.randomNormal([64, 3], 0, 1, "float32", 5);
  const y = tf.randomNormal([64, 2], 0, 1, "float32", 6);
  return { model, data: { x, y } };
}

/** A small MLP classifier on spirals, briefly trained. */
async function mlpProblem(seed = 1) {
  const data = classification(spirals({ n: 256, seed }));
  const model = mlp({ inputs: 2, outputs: 3, hidden: [16, 16], seed });
  await model.fit(data.x, data.y, { epochs: 2, batchSize: 64, shuffle: false, verbose: 0 });
  return { model, data };
}

/** Solves a small dense linear system by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k] = m[r]![k]! - f * m[c]![k]!;
    }
  }
  return m.map((r, i) => r[n]! / r[i]!);
}

const monomials = (a: number, b: number) => [1, a, b, a * a, a * b, b * b];

for (const path of ["fast", "general"] as const) {
  Deno.test(`randomPlane() of a linear model with MSE is exactly a quadratic in (α, β) (${path} path)`, async () => {
    const { model, data } = linearProblem();
    // A loss function tfjs does not know by identity takes the general path.
    const loss = path === "fast"
      ? undefined
      : (t: tf.Tensor, p: tf.Tensor) => tf.mean(tf.square(tf.sub(p, t)));
    const plane = await randomPlane(model, data, {
      n: 9,
      range: [-2, 2],
      seed: 7,
      loss,
      workers: 0,
    });
    const at = (i: number, j: number) => plane.values[i + j * plane.nx]!;
    // Fit the six coefficients on six points that determine a quadratic (a
    // triangle of the 3×3 lattice), then check all 81.
    const fitOn: [number, number][] = [[0, 0], [4, 0], [8, 0], [0, 4], [4, 4], [0, 8]];
    const coef = solve(
      fitOn.map(([i, j]) => monomials(plane.xs[i]!, plane.ys[j]!)),
      fitOn.map(([i, j]) => at(i, j)),
    );
    ok(Math.abs(coef[3]!) > 1e-3 && Math.abs(coef[5]!) > 1e-3, "the plane is not curved at all");
    for (let j = 0; j < plane.ny; j++) {
      for (let i = 0; i < plane.nx; i++) {
        const want = monomials(plane.xs[i]!, plane.ys[j]!).reduce((s, m, k) => s + m * coef[k]!, 0);
        close(at(i, j), want, 2e-5 * Math.max(1, Math.abs(want)), `(${i}, ${j})`);
      }
    }
  });
}

Deno.test("randomPlane() is centred on the model's own loss (model.evaluate)", async () => {
  for (const { model, data } of [linearProblem(), await mlpProblem()]) {
    const plane = await randomPlane(model, data, { n: 5, seed: 1, workers: 0 });
    const own = (model.evaluate(data.x, data.y) as tf.Scalar).dataSync()[0]!;
    close(plane.values[2 + 2 * 5]!, own, 1e-5 * Math.max(1, own));
    strictEqual(plane.nx, 5);
    deepStrictEqual([...plane.xs], [-1, -0.5, 0, 0.5, 1]);
  }
});

Deno.test("randomPlane() leaves the model's weights exactly as they were, on both paths", async () => {
  const { model, data } = await mlpProblem();
  const before = weightVector(model);
  await randomPlane(model, data, { n: 4, seed: 2, workers: 0 });
  deepStrictEqual(weightVector(model), before);
  await randomPlane(model, data, {
    n: 4,
    seed: 2,
    workers: 0,
    loss: (t, p) => tf.losses.softmaxCrossEntropy(t, p).mul(1),
  });
  deepStrictEqual(weightVector(model), before);
});

Deno.test("randomPlane() returns filter-normalized directions with biases fixed, attached to the grid", async () => {
  const { model, data } = await mlpProblem();
  const plane = await randomPlane(model, data, { n: 3, seed: 3, workers: 0 });
  const layout = weightLayout(model);
  const want = filterNorms(weightVector(model), layout);
  for (const d of plane.directions) {
    const got = filterNorms(d, layout);
    layout.entries.forEach((e, k) => {
      if (e.filters === 0) ok(got[k]!.every((v) => v === 0), `${e.name} moves`);
      else {got[k]!.forEach((v, j) =>
          close(v, want[k]![j]!, 1e-5 * want[k]![j]!, `${e.name}[${j}]`)
        );}
    });
  }
  deepStrictEqual(plane.center, weightVector(model));
});

Deno.test("randomPlane() with the same seed gives the same plane, another seed another", async () => {
  const { model, data } = await mlpProblem();
  const a = await randomPlane(model, data, { n: 6, seed: 11, workers: 0 });
  const b = await randomPlane(model, data, { n: 6, seed: 11, workers: 0 });
  const c = await randomPlane(model, data, { n: 6, seed: 12, workers: 0 });
  deepStrictEqual(b.values, a.values);
  deepStrictEqual(b.directions, a.directions);
  notDeepStrictEqual(c.values, a.values);
});

Deno.test("the fast path gives the general path's losses for each named loss and activation", async () => {
  const x = tf.randomNormal([50, 4], 0, 1, "float32", 1);
  const labels = tf.tensor1d(Array.from({ length: 50 }, (_, i) => i % 3), "int32");
  const oneHot = tf.oneHot(labels, 3).toFloat();
  const cases: { act: string; out: string; loss: string; y: tf.Tensor }[] = [
    { act: "relu", out: "linear", loss: "meanSquaredError", y: oneHot },
    { act: "tanh", out: "linear", loss: "meanAbsoluteError", y: oneHot },
    { act: "sigmoid", out: "softmax", loss: "categoricalCrossentropy", y: oneHot },
    { act: "elu", out: "softmax", loss: "sparseCategoricalCrossentropy", y: labels.toFloat() },
    { act: "relu6", out: "sigmoid", loss: "binaryCrossentropy", y: oneHot },
    { act: "relu", out: "linear", loss: "softmaxCrossEntropy", y: oneHot },
    { act: "relu", out: "linear", loss: "sigmoidCrossEntropy", y: oneHot },
  ];
  for (const { act, out, loss, y } of cases) {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [4],
          units: 8,
          activation: act as "relu",
          kernelInitializer: tf.initializers.glorotNormal({ seed: 2 }),
        }),
        tf.layers.dense({
          units: 3,
          activation: out as "linear",
          kernelInitializer: tf.initializers.glorotNormal({ seed: 3 }),
        }),
      ],
    });
    const ctx = sliceContext(model, { x, y }, loss);
    ok(ctx.plan, `${loss}: no fast path`);
    const c = weightVector(model);
    const d1 = c.map((v, i) => (i % 3 - 1) * 0.5 + v * 0.1);
    const d2 = c.map((_, i) => ((i * 7) % 5 - 2) * 0.3);
    const points = new Float64Array([0, 0, 1, -1, -2, 0.5, 3, 3]);
    const fast = await lossesAt(ctx, c, d1, d2, points, { workers: 0 });
    const general = await lossesAt({ ...ctx, plan: undefined }, c, d1, d2, points, { workers: 0 });
    fast.forEach((v, k) =>
      close(v, general[k]!, 2e-5 * Math.max(1, Math.abs(general[k]!)), `${loss} ${act} point ${k}`)
    );
  }
});

Deno.test("the fast path reuses the first layer's products for wide inputs, with the same losses", async () => {
  const x = tf.randomNormal([40, 48], 0, 1, "float32", 1);
  const y = tf.randomNormal([40, 2], 0, 1, "float32", 2);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [48], units: 16, activation: "relu" }),
      tf.layers.dense({ units: 2 }),
    ],
  });
  const ctx = sliceContext(model, { x, y }, "mse");
  const c = weightVector(model);
  const d1 = c.map((_, i) => Math.sin(i));
  const d2 = c.map((_, i) => Math.cos(3 * i));
  const points = new Float64Array([0, 0, 0.3, -0.2, -1, 1]);
  const fast = await lossesAt(ctx, c, d1, d2, points, { workers: 0 });
  const general = await lossesAt({ ...ctx, plan: undefined }, c, d1, d2, points, { workers: 0 });
  fast.forEach((v, k) => close(v, general[k]!, 2e-5 * Math.max(1, general[k]!), `point ${k}`));
});

Deno.test("randomPlane() gives the same values with worker threads as on the main thread alone", async () => {
  try {
    const { model, data } = await mlpProblem();
    const alone = await randomPlane(model, data, { n: 21, seed: 5, workers: 0 });
    const shared = await randomPlane(model, data, { n: 21, seed: 5, workers: 1 });
    const again = await randomPlane(model, data, { n: 21, seed: 5, workers: 1 });
    deepStrictEqual(shared.values, alone.values);
    deepStrictEqual(again.values, alone.values);
  } finally {
    await closeWorkers();
  }
});

Deno.test("randomPlane() leaks no tensors", async () => {
  const { model, data } = await mlpProblem();
  const before = tf.memory().numTensors;
  await randomPlane(model, data, { n: 4, seed: 1, workers: 0 });
  await randomPlane(model, data, {
    n: 3,
    seed: 1,
    workers: 0,
    loss: (t, p) => tf.metrics.meanSquaredError(t, p).mul(2),
  });
  strictEqual(tf.memory().numTensors, before);
});

Deno.test("randomPlane() rejects a model with no trainable weights", async () => {
  const model = tf.sequential({
    layers: [tf.layers.activation({ inputShape: [2], activation: "relu" })],
  });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  const data = { x: tf.zeros([3, 2]), y: tf.zeros([3, 2]) };
  await rejects(randomPlane(model, data), {
    name: "TypeError",
    message: "Expected a model with trainable weights but found none",
  });
  const frozen = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [2], units: 2, trainable: false })],
  });
  frozen.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  await rejects(randomPlane(frozen, data), TypeError);
});

Deno.test("randomPlane() rejects data whose shapes do not fit the model", async () => {
  const { model } = linearProblem();
  const y = tf.zeros([10, 2]);
  await rejects(randomPlane(model, { x: tf.zeros([10, 4]), y }), {
    name: "RangeError",
    message: "Expected data.x to have shape [N, 3] for this model but found [10, 4]",
  });
  await rejects(randomPlane(model, { x: tf.zeros([10, 3]), y: tf.zeros([9, 2]) }), {
    name: "RangeError",
    message: "Expected data.x and data.y to have the same number of rows but found 10 and 9",
  });
  await rejects(randomPlane(model, { x: tf.zeros([10, 3]), y: tf.zeros([10, 3]) }), {
    name: "RangeError",
    message: "Expected data.y to have shape [N, 2] for this model but found [10, 3]",
  });
  await rejects(randomPlane(model, { x: tf.zeros([0, 3]), y: tf.zeros([0, 2]) }), RangeError);
  // deno-lint-ignore no-explicit-any
  await rejects(randomPlane(model, { x: [[1, 2, 3]] } as any), TypeError);
});

Deno.test("randomPlane() rejects n < 2 and other bad grids", async () => {
  const { model, data } = linearProblem();
  await rejects(randomPlane(model, data, { n: 1 }), {
    name: "RangeError",
    message: "Expected n to be an integer from 2 to 4096 but found 1",
  });
  await rejects(randomPlane(model, data, { n: 2.5 }), RangeError);
  await rejects(randomPlane(model, data, { range: [1, -1] }), RangeError);
  await rejects(randomPlane(model, data, { range: [0, NaN] }), RangeError);
  await rejects(randomPlane(model, data, { normalization: "bogus" as "filter" }), TypeError);
});

Deno.test("randomPlane() needs a loss: compiled or given", async () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  const data = { x: tf.zeros([2, 1]), y: tf.zeros([2, 1]) };
  await rejects(randomPlane(model, data), {
    name: "TypeError",
    message: "Expected a loss: compile the model or pass options.loss",
  });
  await rejects(randomPlane(model, data, { loss: "meanCubedError" }), TypeError);
  const plane = await randomPlane(model, data, { loss: "mse", n: 2, workers: 0 });
  strictEqual(plane.values.length, 4);
});

Deno.test("randomPlane() counts non-finite losses and leaves them in the grid", async () => {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [1], units: 1, kernelInitializer: "ones" })],
  });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  // 1e39 overflows float32: inputs of Infinity give losses of Infinity or NaN.
  const data = { x: tf.tensor2d([[1], [1e39]]), y: tf.zeros([2, 1]) };
  const plane = await randomPlane(model, data, { n: 3, seed: 1, workers: 0 });
  strictEqual(plane.nonFinite, 9);
  strictEqual(plane.values.filter((v) => !Number.isFinite(v)).length, 9);
  ok(Number.isNaN(plane.min));
});

Deno.test("planeSlice() along given directions matches losses set in the model", async () => {
  const { model, data } = linearProblem();
  const c = weightVector(model);
  const d1 = c.map((_, i) => (i === 0 ? 1 : 0));
  const d2 = c.map((_, i) => (i === c.length - 1 ? 1 : 0));
  const plane = await planeSlice(model, data, {
    directions: [d1, d2],
    x: [0, 2],
    y: [-1, 1],
    n: [3, 2],
    workers: 0,
  });
  strictEqual(plane.nx, 3);
  strictEqual(plane.ny, 2);
  const moved = Float32Array.from(c);
  moved[0] = moved[0]! + 2;
  moved[c.length - 1] = moved[c.length - 1]! + 1;
  const clone = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
  clone.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  const { setWeightVector } = await import("../lib/network/weights.ts");
  setWeightVector(clone, moved);
  const want = (clone.evaluate(data.x, data.y) as tf.Scalar).dataSync()[0]!;
  close(plane.values[2 + 1 * 3]!, want, 1e-5 * want);
});

Deno.test("randomLine() is the α axis of randomPlane() with the same options", async () => {
  const { model, data } = await mlpProblem();
  const plane = await randomPlane(model, data, { n: 5, seed: 9, workers: 0 });
  const line = await randomLine(model, data, { n: 5, seed: 9, workers: 0 });
  deepStrictEqual(line.direction, plane.directions[0]);
  line.values.forEach((v, i) => close(v, plane.values[i + 2 * 5]!, 1e-9, `α = ${line.xs[i]}`));
  const along = await lineSlice(model, data, { direction: plane.directions[1], n: 5, workers: 0 });
  along.values.forEach((v, j) => close(v, plane.values[2 + j * 5]!, 1e-9, `β = ${along.xs[j]}`));
});

Deno.test("interpolate() runs from the first weights to the second", async () => {
  const { model, data } = await mlpProblem(2);
  const to = model.getWeights();
  const other = mlp({ inputs: 2, outputs: 3, hidden: [16, 16], seed: 9 });
  const from = other.getWeights();
  const curve = await interpolate(model, data, { from, to, steps: 5, range: [0, 1], workers: 0 });
  deepStrictEqual([...curve.xs], [0, 0.25, 0.5, 0.75, 1]);
  const lossWith = (ws: tf.Tensor[]) => {
    const m = mlp({ inputs: 2, outputs: 3, hidden: [16, 16] });
    m.setWeights(ws);
    return (m.evaluate(data.x, data.y) as tf.Scalar).dataSync()[0]!;
  };
  close(curve.values[0]!, lossWith(from), 1e-5 * lossWith(from), "α = 0");
  close(curve.values[4]!, lossWith(to), 1e-4 * Math.max(1, lossWith(to)), "α = 1");
  // Trainable-only lists work too, and give the same curve.
  const again = await interpolate(model, data, {
    from: other.getWeights(true),
    to: model.getWeights(true),
    steps: 5,
    range: [0, 1],
    workers: 0,
  });
  deepStrictEqual(again.values, curve.values);
});

Deno.test("interpolate() starts by default from the weights recorded when training began", async () => {
  const data = classification(spirals({ n: 128, seed: 3 }));
  const model = mlp({ inputs: 2, outputs: 3, hidden: [8], seed: 3 });
  const initial = model.getWeights().map((t) => t.clone());
  await rejects(interpolate(model, data, { to: model.getWeights() }), TypeError);
  const { callbacks } = recordTrajectory(model);
  await model.fit(data.x, data.y, { epochs: 2, verbose: 0, callbacks });
  const byDefault = await interpolate(model, data, {
    to: model.getWeights(),
    steps: 7,
    workers: 0,
  });
  const explicit = await interpolate(model, data, {
    from: initial,
    to: model.getWeights(),
    steps: 7,
    workers: 0,
  });
  deepStrictEqual(byDefault.values, explicit.values);
  deepStrictEqual([byDefault.xs[0], byDefault.xs[6]], [-0.5, 1.5]);
});

Deno.test("interpolate() rejects weights that do not fit the model", async () => {
  const { model, data } = linearProblem();
  await rejects(interpolate(model, data, { from: model.getWeights(), to: [tf.zeros([3, 2])] }), {
    name: "RangeError",
    message:
      "Expected options.to to hold 2 tensors (model.getWeights(true)) or 2 (model.getWeights()) but found 1",
  });
  await rejects(
    interpolate(model, data, { from: model.getWeights(), to: [tf.zeros([2, 3]), tf.zeros([2])] }),
    RangeError,
  );
  await rejects(
    interpolate(model, data, { from: model.getWeights(), to: model.getWeights(), steps: 1 }),
    {
      name: "RangeError",
      message: "Expected steps to be an integer from 2 to 4096 but found 1",
    },
  );
});

Deno.test("randomPlane() takes the general path for other models: conv + batch norm, weights restored", async () => {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [4, 4, 1],
        filters: 2,
        kernelSize: 2,
        activation: "relu",
        kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
      }),
      tf.layers.batchNormalization(),
      tf.layers.flatten(),
      tf.layers.dense({
        units: 2,
        activation: "softmax",
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
  const data = {
    x: tf.randomNormal([12, 4, 4, 1], 0, 1, "float32", 3),
    y: tf.oneHot(tf.tensor1d([0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0], "int32"), 2).toFloat(),
  };
  strictEqual(sliceContext(model, data).plan, undefined);
  const all = model.getWeights().map((t) => t.dataSync().slice());
  const plane = await randomPlane(model, data, { n: 3, seed: 1 });
  deepStrictEqual(model.getWeights().map((t) => t.dataSync().slice()), all);
  const own = (model.evaluate(data.x, data.y) as tf.Scalar).dataSync()[0]!;
  close(plane.values[4]!, own, 1e-5 * own);
  ok(plane.values.every(Number.isFinite));
});
