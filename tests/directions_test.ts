import { deepStrictEqual, notDeepStrictEqual, ok, strictEqual, throws } from "node:assert";
import {
  filterNorms,
  normalizeDirection,
  orthogonalize,
  randomDirection,
  randomDirections,
  tf,
  weightLayout,
  weightVector,
} from "../lib/network/mod.ts";

function close(actual: number, expected: number, tolerance: number, what = ""): void {
  ok(Math.abs(actual - expected) <= tolerance, `${what} expected ${expected} but found ${actual}`);
}

function convNet() {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [5, 5, 3],
        filters: 6,
        kernelSize: 2,
        kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
        biasInitializer: tf.initializers.randomNormal({ seed: 2 }),
      }),
      tf.layers.batchNormalization({
        gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 2, seed: 3 }),
      }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
}

Deno.test("filter-normalized directions have, filter by filter, the norm of the weights", () => {
  const model = convNet();
  const layout = weightLayout(model);
  const want = filterNorms(weightVector(model), layout);
  const got = filterNorms(randomDirection(model, { seed: 5 }), layout);
  let filters = 0;
  layout.entries.forEach((e, k) => {
    if (e.filters === 0) {
      ok(got[k]!.every((v) => v === 0), `${e.name} is not zero`);
      return;
    }
    strictEqual(got[k]!.length, e.filters);
    got[k]!.forEach((v, j) => close(v, want[k]![j]!, 1e-5 * want[k]![j]!, `${e.name} filter ${j}`));
    filters += e.filters;
  });
  strictEqual(filters, 6 + 4);
});

Deno.test("a filter of a dense layer is one column of its [in, out] kernel", () => {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [2], units: 2, useBias: false })],
  });
  model.setWeights([tf.tensor2d([[3, 0], [4, 1]])]); // columns of norm 5 and 1
  const d = randomDirection(model, { seed: 1 });
  close(Math.hypot(d[0]!, d[2]!), 5, 1e-5);
  close(Math.hypot(d[1]!, d[3]!), 1, 1e-6);
});

Deno.test("layer normalization scales each tensor to the norm of its weights", () => {
  const model = convNet();
  const layout = weightLayout(model);
  const w = weightVector(model);
  const d = randomDirection(model, { seed: 6, normalization: "layer", biases: true });
  for (const e of layout.entries) {
    const norm = (v: Float32Array) => Math.hypot(...v.subarray(e.offset, e.offset + e.size));
    close(norm(d), norm(w), 1e-5 * norm(w), e.name);
  }
});

Deno.test("biases: true keeps a direction for biases and normalization parameters, scaled to them", () => {
  const model = convNet();
  const layout = weightLayout(model);
  const want = filterNorms(weightVector(model), layout);
  const got = filterNorms(randomDirection(model, { seed: 7, biases: true }), layout);
  let moving = 0;
  layout.entries.forEach((e, k) => {
    if (e.filters > 0) return;
    // Zero-initialized biases and batch-norm betas have no scale to copy.
    close(got[k]![0]!, want[k]![0]!, 1e-5 * want[k]![0]!, e.name);
    moving += want[k]![0]! > 0 ? 1 : 0;
  });
  strictEqual(moving, 2); // the conv bias and the batch-norm gamma
});

Deno.test("normalization none gives standard normal numbers, seeded", () => {
  const model = convNet();
  const d = randomDirection(model, { seed: 8, normalization: "none", biases: true });
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  const variance = d.reduce((s, v) => s + (v - mean) ** 2, 0) / d.length;
  close(mean, 0, 4 / Math.sqrt(d.length));
  close(variance, 1, 0.25);
  deepStrictEqual(randomDirection(model, { seed: 8, normalization: "none", biases: true }), d);
  notDeepStrictEqual(randomDirection(model, { seed: 9, normalization: "none", biases: true }), d);
});

Deno.test("randomDirections() draws from one stream: the first is randomDirection()", () => {
  const model = convNet();
  const [a, b] = randomDirections(model, 2, { seed: 3 });
  deepStrictEqual(a, randomDirection(model, { seed: 3 }));
  notDeepStrictEqual(b, a);
});

Deno.test("a filter whose weights are all zero gets a zero direction", () => {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [2], units: 2, useBias: false })],
  });
  model.setWeights([tf.tensor2d([[0, 1], [0, 1]])]);
  const d = randomDirection(model, { seed: 2 });
  ok(d[0] === 0 && d[2] === 0, `found ${d[0]} and ${d[2]}`);
  ok(d[1] !== 0 && d[3] !== 0);
});

Deno.test("orthogonalize() removes the component along the other direction", () => {
  const model = convNet();
  const [a, b] = randomDirections(model, 2, { seed: 4 });
  const c = orthogonalize(b!, a!);
  const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
  close(dot(c, a!) / Math.sqrt(dot(a!, a!) * dot(c, c)), 0, 1e-6);
  throws(() => orthogonalize(a!, new Float32Array(a!.length)), RangeError);
  throws(() => orthogonalize(a!, new Float32Array(3)), RangeError);
});

Deno.test("randomDirection() rejects bad options and normalizeDirection() bad lengths", () => {
  const model = convNet();
  throws(() => randomDirection(model, { normalization: "unit" as "none" }), {
    name: "TypeError",
    message: 'Expected normalization to be "filter", "layer" or "none" but found "unit"',
  });
  throws(() => randomDirection(model, { seed: NaN }), TypeError);
  const layout = weightLayout(model);
  throws(() => normalizeDirection(new Float32Array(2), weightVector(model), layout), RangeError);
});
