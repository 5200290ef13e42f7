// The key claims of notebook 04, "High vs low dimensions", as tests of the
// lib functions it uses (same data, network, seeds, ranges and settings as the chapter).
import { ok, strictEqual } from "node:assert";
import { accuracy } from "../lib/network/classifier.ts";
import { catalog } from "../lib/landscape/catalog.ts";
import { embedLandscape } from "../lib/network/embedded_landscape.ts";
import { classification, rescaledCopy, trainMlp, trainSeeds } from "../lib/network/mlp.ts";
import { interpolate, randomLine } from "../lib/network/slices.ts";
import { spirals } from "../lib/data/spirals.ts";
import type { tf } from "../lib/network/tf.ts";
import { projectTrajectory } from "../lib/network/trajectory.ts";
import { weightLayout, weightVector } from "../lib/network/weights.ts";

const data = classification(spirals({ n: 2048, classes: 3, turns: 1.5, seed: 0 }));
const net = { hidden: [64, 64], epochs: 30, batchSize: 64, learningRate: 0.01, seed: 0 };
const run = await trainMlp(data, net);
const lossOf = (model: tf.LayersModel) =>
  (model.evaluate(data.x, data.y) as tf.Scalar).dataSync()[0]!;

Deno.test("chapter 04: the 2 → 64 → 64 → 3 network has 4,547 weights and learns the spirals", () => {
  strictEqual(weightLayout(run.model).size, 4547);
  ok(run.losses[0]! > 1 && run.losses[0]! < Math.log(3), `first epoch: ${run.losses[0]}`);
  ok(lossOf(run.model) < 0.02, `loss ${lossOf(run.model)}`);
  ok(accuracy(run.model, data) > 0.99);
});

Deno.test("chapter 04: from θ0 to θ30 the loss only falls, and keeps falling past α = 1", async () => {
  const line = await interpolate(run.model, data, { to: run.model.getWeights() });
  const inside = [...line.xs].flatMap((a, i) => (a >= 0 && a <= 1 ? [line.values[i]!] : []));
  inside.slice(1).forEach((v, i) => ok(v < inside[i]!, `the loss rises at step ${i + 1}`));
  ok(Math.abs(inside[0]! - Math.log(3)) < 0.05, `at θ0: ${inside[0]}`);
  ok(line.argmin > 1.1 && line.argmin < 1.4, `lowest at α = ${line.argmin}`);
  ok(line.min < 0.5 * inside.at(-1)!, `lowest ${line.min} vs ${inside.at(-1)} at α = 1`);
});

Deno.test("chapter 04: raw random lines make the rescaled copy look sharper; filter-normalized ones agree", async () => {
  const copy = await rescaledCopy(run.model, { layer: 1, factor: 0.2 });
  const line = (m: tf.LayersModel, normalization: "none" | "filter") =>
    randomLine(m, data, { seed: 1, normalization, n: 81, range: [-1, 1] });
  const [a, b] = [await line(run.model, "none"), await line(copy, "none")];
  ok(b.values.at(-1)! > 4 * a.values.at(-1)!, `at α = 1: ${b.values.at(-1)} vs ${a.values.at(-1)}`);
  const [c, d] = [await line(run.model, "filter"), await line(copy, "filter")];
  c.values.forEach((v, k) => ok(Math.abs(v - d.values[k]!) < 1e-3 * Math.max(1, v), `point ${k}`));
});

Deno.test("chapter 04: the training path's first two principal components hold over 95 % of it", () => {
  const { explainedVariance: [first, second] } = projectTrajectory(run.trajectory);
  ok(first > 0.85 && first + second > 0.95, `${first} + ${second}`);
});

Deno.test("chapter 04: random lines through a hidden saddle miss the way down, more often in more dimensions", () => {
  const { himmelblau } = catalog;
  const saddle = himmelblau.stationary.find((s) => s.kind === "saddle" && s.point[0] > 3)!.point;
  const counts = [3, 10, 50, 500, 5000].map((dims) => {
    const h = embedLandscape(himmelblau.landscape, { dims, seed: 0, curvature: 1 });
    const centre = h.embed(...saddle);
    let lowestAtSaddle = 0;
    for (let seed = 0; seed < 200; seed++) {
      const l = h.line(centre, h.randomDirection(1000 + seed), { range: [-1.5, 1.5], n: 61 });
      if (l.argmin === 0) lowestAtSaddle++;
    }
    return lowestAtSaddle;
  });
  counts.slice(1).forEach((c, k) => ok(c >= counts[k]!, `counts ${counts}`));
  ok(counts[0]! >= 140 && counts[2]! >= 190 && counts[4] === 200, `counts ${counts}`);
  // The random plane through the minimum (3, 2) never gets near another minimum.
  const h = embedLandscape(himmelblau.landscape, { dims: 50, seed: 0, curvature: 1 });
  const plane = h.plane(h.embed(3, 2), [h.randomDirection(1), h.randomDirection(2)], {
    range: [-5, 5],
    n: 100,
  });
  ok(Math.hypot(...plane.argmin) < 0.1, `lowest at ${plane.argmin}`);
});

Deno.test("chapter 04: five seeds reach similar losses far apart, with a ridge above ln 3 between them", async () => {
  const runs = [run, ...await trainSeeds(data, [1, 2, 3, 4], net)];
  const w0 = weightVector(run.model);
  for (const r of runs) {
    ok(lossOf(r.model) < 0.03, `seed ${r.seed}: loss ${lossOf(r.model)}`);
    ok(accuracy(r.model, data) > 0.99, `seed ${r.seed}`);
    if (r === run) continue;
    const w = weightVector(r.model);
    const distance = Math.hypot(...w.map((v, i) => v - w0[i]!));
    ok(distance > Math.hypot(...w), `seed ${r.seed} is only ${distance} from seed 0`);
  }
  for (const [a, b] of [[0, 1], [0, 2], [1, 2]] as const) {
    const curve = await interpolate(runs[a]!.model, data, {
      from: runs[a]!.model.getWeights(),
      to: runs[b]!.model.getWeights(),
      range: [0, 1],
      steps: 41,
    });
    ok(curve.max > Math.log(3), `seed ${a} → ${b}: highest ${curve.max}`);
  }
});
