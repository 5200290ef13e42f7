import { deepStrictEqual, notDeepStrictEqual, ok, rejects, strictEqual, throws } from "node:assert";
import {
  classification,
  mlp,
  randomPlane,
  rescaledCopy,
  spirals,
  tf,
  trainMlp,
  trainSeeds,
  weightVector,
} from "../lib/mod.ts";

Deno.test("mlp() builds seeded dense layers, logits out, compiled with softmax cross-entropy", () => {
  const a = mlp({ inputs: 2, outputs: 3, hidden: [5, 4], seed: 3 });
  deepStrictEqual(a.layers.map((l) => [l.getClassName(), l.getConfig().activation]), [
    ["Dense", "relu"],
    ["Dense", "relu"],
    ["Dense", "linear"],
  ]);
  strictEqual(a.loss, tf.losses.softmaxCrossEntropy);
  deepStrictEqual(
    weightVector(mlp({ inputs: 2, outputs: 3, hidden: [5, 4], seed: 3 })),
    weightVector(a),
  );
  notDeepStrictEqual(
    weightVector(mlp({ inputs: 2, outputs: 3, hidden: [5, 4], seed: 4 })),
    weightVector(a),
  );
});

Deno.test("mlp() rejects bad shapes and options", () => {
  throws(() => mlp({ inputs: 0, outputs: 3 }), {
    name: "RangeError",
    message: "Expected inputs to be a positive integer but found 0",
  });
  throws(() => mlp({ inputs: 2, outputs: 3, hidden: [4, 0] }), RangeError);
  throws(() => mlp({ inputs: 2, outputs: 3, activation: "gelu" as "relu" }), TypeError);
  throws(() => mlp({ inputs: 2, outputs: 3, optimizer: "lbfgs" as "sgd" }), TypeError);
  throws(() => mlp({ inputs: 2, outputs: 3, learningRate: 0 }), RangeError);
});

Deno.test("classification() makes one-hot targets and checks labels", () => {
  const { x, y } = classification({ x: [1, 2, 3, 4, 5, 6], labels: [2, 0, 1], classes: 3 });
  deepStrictEqual(x.shape, [3, 2]);
  deepStrictEqual(y.arraySync(), [[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
  throws(() => classification({ x: [1, 2, 3], labels: [0, 1], classes: 2 }), RangeError);
  throws(() => classification({ x: [1, 2], labels: [0, 3], classes: 3 }), RangeError);
});

Deno.test("trainMlp() is deterministic, lowers the loss and records the path", async () => {
  const data = classification(spirals({ n: 300, seed: 1 }));
  const a = await trainMlp(data, { hidden: [16], epochs: 6, seed: 2 });
  const b = await trainMlp(data, { hidden: [16], epochs: 6, seed: 2 });
  deepStrictEqual(weightVector(b.model), weightVector(a.model));
  strictEqual(a.losses.length, 6);
  ok(a.losses[5]! < a.losses[0]!, `losses ${a.losses}`);
  strictEqual(a.trajectory.weights.length, 7);
  deepStrictEqual(a.trajectory.weights[6], weightVector(a.model));
  await rejects(trainMlp(data, { epochs: 0 }), RangeError);
  await rejects(trainMlp({ x: tf.zeros([3]), y: tf.zeros([3, 1]) }), TypeError);
});

Deno.test("trainSeeds() trains one network per seed, and seeds reach different weights", async () => {
  const data = classification(spirals({ n: 150, seed: 1 }));
  const runs = await trainSeeds(data, [1, 2], { hidden: [8], epochs: 2 });
  deepStrictEqual(runs.map((r) => r.seed), [1, 2]);
  notDeepStrictEqual(weightVector(runs[0]!.model), weightVector(runs[1]!.model));
});

Deno.test("rescaledCopy() has the same filter-normalized plane but not the same raw one", async () => {
  const data = classification(spirals({ n: 200, seed: 1 }));
  const { model } = await trainMlp(data, { hidden: [12, 12], epochs: 3, seed: 5 });
  const copy = await rescaledCopy(model, { layer: 1, factor: 8 });
  const plane = (m: tf.LayersModel, normalization: "filter" | "none") =>
    randomPlane(m, data, { n: 5, seed: 1, normalization, workers: 0 });
  const [a, b] = [await plane(model, "filter"), await plane(copy, "filter")];
  a.values.forEach((v, k) =>
    ok(Math.abs(v - b.values[k]!) < 1e-4 * Math.max(1, v), `point ${k}: ${v} vs ${b.values[k]}`)
  );
  const [c, d] = [await plane(model, "none"), await plane(copy, "none")];
  ok(Math.abs(c.values[12]! - d.values[12]!) < 1e-4 * c.values[12]!, "the centres differ");
  ok(c.values.some((v, k) => Math.abs(v - d.values[k]!) > 0.1 * v), "raw planes agree");
  await rejects(rescaledCopy(model, { layer: 2, factor: 2 }), RangeError);
  await rejects(rescaledCopy(model, { layer: 0, factor: 0 }), RangeError);
});
