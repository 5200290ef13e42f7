import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { accuracy, classification, classProbabilities, mlp, spirals, tf } from "../lib/mod.ts";

/** A linear classifier of two features whose logits are (x, y, 0). */
function axesModel(): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3 })] });
  model.setWeights([tf.tensor2d([[1, 0, 0], [0, 1, 0]]), tf.zeros([3])]);
  return model;
}

Deno.test("accuracy() counts the rows whose largest output is the target class", () => {
  const model = axesModel();
  // Largest logit: class 0 at (2, 1), class 1 at (1, 2), class 2 at (-1, -1).
  const x = tf.tensor2d([[2, 1], [1, 2], [-1, -1], [2, 1]]);
  const y = tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1]]);
  strictEqual(accuracy(model, { x, y }), 0.75);
});

Deno.test("accuracy() agrees with tf.metrics.categoricalAccuracy on a trained network", async () => {
  const data = classification(spirals({ n: 300, seed: 2 }));
  const model = mlp({ inputs: 2, outputs: 3, hidden: [8], seed: 2 });
  await model.fit(data.x, data.y, { epochs: 2, batchSize: 50, shuffle: false, verbose: 0 });
  const want = tf.tidy(() =>
    tf.metrics.categoricalAccuracy(data.y, model.predict(data.x) as tf.Tensor).mean()
      .dataSync()[0]!
  );
  ok(Math.abs(accuracy(model, data) - want) < 1e-7);
});

Deno.test("accuracy() rejects data that are not two rank-2 tensors of the same length", () => {
  const model = axesModel();
  throws(() => accuracy(model, { x: tf.zeros([3]), y: tf.zeros([3, 3]) }), TypeError);
  throws(() => accuracy(model, { x: tf.zeros([3, 2]), y: tf.zeros([2, 3]) }), {
    name: "TypeError",
    message: "Expected x and y to have the same number of rows but found 3 and 2",
  });
});

Deno.test("classProbabilities() is the softmax of the model's outputs at every grid point", () => {
  const model = axesModel();
  const grids = classProbabilities(model, { x: [-1, 1], y: [0, 2], n: [3, 5] });
  strictEqual(grids.length, 3);
  const softmax = (z: number[]) =>
    z.map((v) => Math.exp(v) / z.reduce((s, w) => s + Math.exp(w), 0));
  for (const g of grids) {
    deepStrictEqual([g.nx, g.ny, [...g.xs], [...g.ys]], [3, 5, [-1, 0, 1], [0, 0.5, 1, 1.5, 2]]);
  }
  for (let j = 0; j < 5; j++) {
    for (let i = 0; i < 3; i++) {
      const want = softmax([grids[0]!.xs[i]!, grids[0]!.ys[j]!, 0]);
      want.forEach((p, k) => ok(Math.abs(grids[k]!.values[i + 3 * j]! - p) < 1e-6, `(${i}, ${j})`));
    }
  }
  // The summary fields describe the values: class 1 (logit y) is likeliest
  // at the top left, where class 0 (logit x) is least likely, and least likely
  // at the bottom right.
  strictEqual(grids[1]!.max, grids[1]!.values[0 + 3 * 4]);
  deepStrictEqual(grids[1]!.argmin, [1, 0]);
});

Deno.test("classProbabilities() rejects bad grids and models that do not take two features", () => {
  const model = axesModel();
  throws(() => classProbabilities(model, { x: [1, -1], y: [0, 1] }), RangeError);
  throws(() => classProbabilities(model, { x: [-1, 1], y: [0, 1], n: 1 }), RangeError);
  const three = mlp({ inputs: 3, outputs: 2, hidden: [2] });
  throws(() => classProbabilities(three, { x: [-1, 1], y: [0, 1] }), {
    name: "TypeError",
    message: "Expected a model of two input features but found 3",
  });
});
