// The claims of notebook 04, "High vs low dimensions", as tests of the lib
// functions it uses (same data, split, network, seeds, ranges and settings as the
// chapter), and its prose, exercise answers and edit-me cells read from the notebook.
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { accuracy } from "../lib/network/classifier.ts";
import { catalog } from "../lib/landscape/catalog.ts";
import { eigen2 } from "../lib/landscape/eigen.ts";
import { embedLandscape } from "../lib/network/embedded_landscape.ts";
import { modelLoss } from "../lib/network/evaluate.ts";
import { classification, rescaledCopy, trainMlp, trainSeeds } from "../lib/network/mlp.ts";
import { interpolate, planeSlice, randomLine, randomPlane } from "../lib/network/slices.ts";
import { spirals } from "../lib/data/spirals.ts";
import { trainTestSplit } from "../lib/data/split.ts";
import type { Curve, Grid } from "../lib/core/types.ts";
import type { tf } from "../lib/network/tf.ts";
import { projectTrajectory } from "../lib/network/trajectory.ts";
import { weightLayout, weightVector } from "../lib/network/weights.ts";
import { readNotebook, stopNoteLacks, text } from "./_notebook.ts";

const set = spirals({ n: 2048, classes: 3, turns: 1.5, seed: 0 });
const { train, test } = trainTestSplit(set, { seed: 0 });
const data = classification(train);
const testData = classification(test);
const net = { hidden: [64, 64], epochs: 30, batchSize: 64, learningRate: 0.01, seed: 0 };
const run = await trainMlp(data, net);
const lossOf = (model: tf.LayersModel) => modelLoss(model, data);

const NOTEBOOK = new URL("../notebooks/04-high-vs-low-dimensions.ipynb", import.meta.url);
const cells = (await readNotebook(NOTEBOOK.pathname)).cells;

/** The one cell of a kind whose text contains `needle`. */
function cell(kind: "markdown" | "code", needle: string): string {
  const found = cells.filter((c) => c.cell_type === kind && text(c.source).includes(needle));
  strictEqual(found.length, 1, `${found.length} ${kind} cells contain ${JSON.stringify(needle)}`);
  return text(found[0]!.source);
}

/** Fails with the text when `part` is not in it. */
function has(source: string, part: string): void {
  ok(source.includes(part), `${JSON.stringify(part)} is not in:\n${source}`);
}

/** The value of a curve at the sample nearest to `x`. */
function at(curve: Curve, x: number): number {
  let best = 0;
  curve.xs.forEach((a, i) => {
    if (Math.abs(a - x) < Math.abs(curve.xs[best]! - x)) best = i;
  });
  return curve.values[best]!;
}

/** The row of a grid through its middle (y = 0 for the symmetric ranges of the chapter). */
function middleRow(g: Grid): number[] {
  const j = (g.ny - 1) / 2;
  return Array.from({ length: g.nx }, (_, i) => g.values[i + j * g.nx]!);
}

Deno.test("chapter 04: the 2 → 64 → 64 → 3 network has 4,547 weights and learns the spirals", () => {
  strictEqual(weightLayout(run.model).size, 4547);
  strictEqual(run.model.countParams(), 4547);
  strictEqual(set.n, 2048);
  deepStrictEqual([train.n, test.n], [1536, 512]); // a quarter held out
  ok(lossOf(run.model) < 0.02, `loss ${lossOf(run.model)}`);
  ok(accuracy(run.model, data) > 0.99);
});

Deno.test("chapter 04: the numbers typed in the prose", () => {
  const d = weightLayout(run.model).size;
  has(cell("markdown", "## From two weights to thousands"), "$100 \\times 100 = 10\\,000$");
  const counting = cell("markdown", "Its loss depends on 4,547 numbers.");
  has(counting, `$100^{${d}} = 10^{${2 * d}}$`);
  has(counting, `$2^{${d}} \\approx 10^{${Math.round(d * Math.log10(2))}}$`);
  has(counting, "31 points $\\theta_0, \\theta_1, \\dots, \\theta_{30}$"); // 30 epochs + the start
  strictEqual(run.trajectory.weights.length, 31);
  has(
    cell("markdown", "Here is the filter-normalized plane"),
    "a whole network with 4,547 weights",
  );
  // Two random directions in d dimensions: a cosine of about 1/√d.
  has(
    cell("markdown", "## The path training took"),
    `$1/\\sqrt d \\approx ${(1 / Math.sqrt(d)).toFixed(3)}$`,
  );
  // 64! × 64!: log10 by summing logs.
  let log64 = 0;
  for (let k = 2; k <= 64; k++) log64 += Math.log10(k);
  has(
    cell("markdown", "That is not a failure."),
    `$64! \\times 64! \\approx 10^{${Math.floor(2 * log64)}}$`,
  );
});

Deno.test("chapter 04: training starts at ln 3 and falls steeply; test points do almost as well", () => {
  const [first, last] = [run.losses[0]!, run.losses.at(-1)!];
  // "At first the loss is close to ln 3"
  ok(Math.abs(first - Math.log(3)) < 0.05, `first epoch: ${first}`);
  ok(last < first / 20, `falls steeply: ${first} → ${last}`);
  // "the plateau at ln 3 where training spent its first epochs"
  run.losses.slice(0, 3).forEach((v, k) => ok(v > 0.9, `epoch ${k + 1}: ${v}`));
  // "Now and then it rises a little for an epoch"
  const rises = run.losses.filter((v, k) => k > 0 && v > run.losses[k - 1]!);
  ok(rises.length >= 1 && rises.length <= 6, `${rises.length} rises`);
  // "Their loss is higher than the training loss, but almost all of them are still classified right"
  const [trainLoss, testLoss] = [lossOf(run.model), modelLoss(run.model, testData)];
  ok(testLoss > trainLoss, `test ${testLoss} vs training ${trainLoss}`);
  const [trainAcc, testAcc] = [accuracy(run.model, data), accuracy(run.model, testData)];
  ok(testAcc > 0.98 && testAcc > trainAcc - 0.01, `test ${testAcc} vs training ${trainAcc}`);
});

Deno.test("chapter 04: from θ0 to θ30 the loss only falls, flat at first, and keeps falling past α = 1", async () => {
  const line = await interpolate(run.model, data, { to: run.model.getWeights() });
  const inside = [...line.xs].flatMap((
    a,
    i,
  ) => (a >= -1e-9 && a <= 1 + 1e-9 ? [line.values[i]!] : []));
  strictEqual(inside.length, 21);
  inside.slice(1).forEach((v, i) => ok(v < inside[i]!, `the loss rises at step ${i + 1}`));
  ok(Math.abs(inside[0]! - Math.log(3)) < 0.05, `at θ0: ${inside[0]}`);
  // "Near the start it is flat … and then it drops steeply."
  ok(at(line, 0.2) > 0.9 * at(line, 0), `at α = 0.2: ${at(line, 0.2)}`);
  ok(at(line, 0.8) < 0.1 * at(line, 0), `at α = 0.8: ${at(line, 0.8)}`);
  // "Past α = 1 the loss keeps falling for a while", then rises again.
  ok(line.argmin > 1 && line.argmin < 1.5, `lowest at α = ${line.argmin}`);
  ok(line.min < at(line, 1) && at(line, 1.5) > at(line, 1), `${line.min}, ${at(line, 1.5)}`);
  // "θ0 is short next to θ30"
  const [start, end] = [run.trajectory.weights[0]!, run.trajectory.weights.at(-1)!];
  ok(
    Math.hypot(...start) < Math.hypot(...end) / 3,
    `${Math.hypot(...start)} vs ${Math.hypot(...end)}`,
  );
  // "the few training points on the wrong side"
  const wrong = Math.round((1 - accuracy(run.model, data)) * train.n);
  ok(wrong > 0 && wrong < 20, `${wrong} wrong`);
});

const copy = await rescaledCopy(run.model, { layer: 1, factor: 0.2 });

Deno.test("chapter 04: raw random lines make the rescaled copy look several times sharper; filter-normalized ones agree", async () => {
  strictEqual(lossOf(copy), lossOf(run.model));
  strictEqual(accuracy(copy, testData), accuracy(run.model, testData));
  const line = (m: tf.LayersModel, normalization: "none" | "filter") =>
    randomLine(m, data, { seed: 1, normalization, n: 81, range: [-1, 1] });
  const [a, b] = [await line(run.model, "none"), await line(copy, "none")];
  ok(b.values.at(-1)! > 3 * a.values.at(-1)!, `at α = 1: ${b.values.at(-1)} vs ${a.values.at(-1)}`);
  const [c, d] = [await line(run.model, "filter"), await line(copy, "filter")];
  c.values.forEach((v, k) => ok(Math.abs(v - d.values[k]!) < 1e-3 * Math.max(1, v), `point ${k}`));
});

Deno.test("chapter 04: the raw planes disagree, the filter-normalized ones are one; a narrow pit with walls that bend less and less", async () => {
  const plane = (m: tf.LayersModel, normalization: "none" | "filter") =>
    randomPlane(m, data, { seed: 1, normalization, n: 41 });
  // "the copy's basin looks much narrower": less of its raw plane lies below 1.
  const below = (g: Grid, level: number) => g.values.filter((v) => v < level).length;
  const [rawTrained, rawCopy] = [await plane(run.model, "none"), await plane(copy, "none")];
  ok(
    below(rawCopy, 1) < 0.5 * below(rawTrained, 1),
    `${below(rawCopy, 1)} vs ${below(rawTrained, 1)}`,
  );
  const [trained, twin] = [await plane(run.model, "filter"), await plane(copy, "filter")];
  trained.values.forEach((v, k) =>
    ok(Math.abs(v - twin.values[k]!) < 1e-3 * Math.max(1, v), `point ${k}`)
  );
  // "rises steeply towards the edges", "below 0.1 only in a thin band around the centre"
  ok(trained.max > 10, `highest ${trained.max}`);
  const row = middleRow(trained);
  const centre = (trained.nx - 1) / 2;
  strictEqual(trained.xs[centre], 0);
  const band = row.filter((v) => v < 0.1).length * (trained.xs[1]! - trained.xs[0]!);
  ok(band < 0.5, `below 0.1 over ${band} of α's range of 2`);
  // "far from the centre the walls bend less and less, more like straight lines than a
  // parabola": a parabola's slope doubles from |α| = 0.5 to 1; these walls' slope does not.
  const slope = (i: number) => Math.abs(row[i + 1]! - row[i - 1]!);
  const quarter = centre / 2;
  const sides: [number, number][] = [[1, centre - quarter], [2 * centre - 1, centre + quarter]];
  for (const [outer, inner] of sides) {
    const ratio = slope(outer) / slope(inner);
    ok(ratio > 1 && ratio < 1.9, `slope ratio ${ratio}`);
  }
});

Deno.test("chapter 04: the training path: nearly all its movement in two directions, up then down along the second, ending on a slope", async () => {
  const pca = projectTrajectory(run.trajectory);
  const [first, second] = pca.explainedVariance;
  ok(first > 0.85 && first + second > 0.95, `${first} + ${second}`);
  const pathPlane = await planeSlice(run.model, data, {
    directions: pca.directions,
    x: pca.x,
    y: pca.y,
    n: 41,
  });
  const [x0, y0] = pca.points[0]!;
  // "starts on a wide plateau where the loss is close to ln 3 (on the left)"
  ok(x0 < 0.5 * pca.x[0], `starts at x = ${x0}`);
  const near = (x: number, y: number) => {
    const i = Math.round((x - pathPlane.xs[0]!) / (pathPlane.xs[1]! - pathPlane.xs[0]!));
    const j = Math.round((y - pathPlane.ys[0]!) / (pathPlane.ys[1]! - pathPlane.ys[0]!));
    return pathPlane.values[i + j * pathPlane.nx]!;
  };
  ok(Math.abs(near(x0, y0) - Math.log(3)) < 0.1, `loss at the start ${near(x0, y0)}`);
  // "first bending up along the second component, then down into it"
  const highest = Math.max(...pca.points.map(([, y]) => y));
  ok(highest > y0 + 5 && highest > 5, `highest y ${highest} (start ${y0}, end 0)`);
  // "It ends at θ30 on the valley's slope … the valley goes on to the right"
  deepStrictEqual(pca.points.at(-1), [0, 0]);
  ok(pathPlane.argmin[0] > 0 && pathPlane.min < near(0, 0), `lowest at ${pathPlane.argmin}`);
  // The table's last row is the sum of the first two.
  has(cell("code", "projectTrajectory(run.trajectory)"), "(100 * (first + second)).toFixed(1)");
});

const { himmelblau } = catalog;
const saddlePoint = himmelblau.stationary.find((s) => s.kind === "saddle" && s.point[0] > 3)!.point;
const saddleCounts = (dimensions: number[]) =>
  dimensions.map((dims) => {
    const h = embedLandscape(himmelblau.landscape, { dims, seed: 0, curvature: 1 });
    const centre = h.embed(...saddlePoint);
    let lowestAtSaddle = 0;
    for (let seed = 0; seed < 200; seed++) {
      const l = h.line(centre, h.randomDirection(1000 + seed), { range: [-1.5, 1.5], n: 61 });
      if (l.argmin === 0) lowestAtSaddle++;
    }
    return lowestAtSaddle;
  });

Deno.test("chapter 04 (going deeper): the hidden Himmelblau, its saddle and the random lines through it", () => {
  const hidden = embedLandscape(himmelblau.landscape, { dims: 50, seed: 0, curvature: 1 });
  // The random plane through the minimum (3, 2) never gets near another minimum.
  const randomDirections = [hidden.randomDirection(1), hidden.randomDirection(2)] as const;
  const plane = hidden.plane(hidden.embed(3, 2), randomDirections, { range: [-5, 5], n: 100 });
  ok(Math.hypot(...plane.argmin) < 0.1, `lowest at ${plane.argmin}`);
  // "a fifth of its length (√(2/50))"; "walking 5 units … (along these two directions,
  // less than half a unit)"
  const known = cell("markdown", "The hidden plane shows Himmelblau's four valleys.");
  has(known, "a fifth of its length ($\\sqrt{2/50}$)");
  strictEqual(Math.sqrt(2 / 50), 0.2);
  const [u, v] = [hidden.embed(1, 0), hidden.embed(0, 1)];
  const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
    Array.from(a).reduce((s, x, i) => s + x * b[i]!, 0);
  for (const d of randomDirections) {
    ok(
      5 * Math.hypot(dot(d, u), dot(d, v)) < 0.5,
      `across the map: ${5 * Math.hypot(dot(d, u), dot(d, v))}`,
    );
  }
  // The saddle between (3, 2) and (3.58, -1.85), where the loss is 13.3.
  const minima = himmelblau.stationary.filter((s) => s.kind === "minimum").map((s) => s.point);
  ok(minima.some(([x, y]) => x.toFixed(2) === "3.58" && y.toFixed(2) === "-1.85"));
  has(known, "between the valleys at $(3, 2)$ and $(3.58, -1.85)$");
  has(known, `where the loss is ${himmelblau.landscape.at(...saddlePoint).toFixed(1)}.`);
  // Seven of the eight random lines have their lowest point at the saddle; the eighth dips
  // at its far end, barely.
  const saddle = hidden.embed(...saddlePoint);
  const lines = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
    hidden.line(saddle, hidden.randomDirection(100 + seed), { range: [-1.5, 1.5], n: 121 })
  );
  const atSaddle = lines.filter((l) => l.argmin === 0);
  strictEqual(atSaddle.length, 7);
  has(
    cell("markdown", "Along seven of the eight random lines"),
    "the eighth barely dips at its far end",
  );
  const eighth = lines.find((l) => l.argmin !== 0)!;
  ok(Math.abs(eighth.argmin) === 1.5, `dips at ${eighth.argmin}`);
  ok(eighth.min > 0.9 * himmelblau.landscape.at(...saddlePoint), `dips to ${eighth.min}`);
  // λ1 = −14.1 < 0 < λ2 = 97.5, κ/(κ − λ1) ≈ 0.066, "seven times less steeply".
  const [l1, l2] = eigen2(himmelblau.landscape.hessian(...saddlePoint)).values;
  const why = cell("markdown", "Along a unit direction $d$ the curvature at the saddle is");
  has(why, `$\\lambda_1 = ${l1!.toFixed(1)} < 0 < \\lambda_2 = ${l2!.toFixed(1)}$`);
  has(why, `\\approx ${(1 / (1 - l1!)).toFixed(3)}$`);
  const even = cell("markdown", "Even in 3 dimensions four lines in five");
  has(even, `($${l1!.toFixed(1)}$) seven times less steeply`);
  strictEqual(Math.round(l2! / -l1!), 7);
  has(even, `($${l2!.toFixed(1)}$)`);
});

Deno.test("chapter 04 (going deeper): random lines through the saddle miss the way down, more often in more dimensions", () => {
  const counts = saddleCounts([3, 10, 50, 500, 5000]);
  counts.slice(1).forEach((c, k) => ok(c >= counts[k]!, `counts ${counts}`));
  // "Even in 3 dimensions four lines in five", "In 50 dimensions 194 lines in 200", "from 500
  // dimensions on, all of them".
  strictEqual(Math.round((5 * counts[0]!) / 200), 4);
  const even = cell("markdown", "Even in 3 dimensions four lines in five");
  has(even, `In 50 dimensions ${counts[2]} lines in 200 miss it`);
  deepStrictEqual(counts.slice(3), [200, 200]);
  ok(counts[1]! < 200);
});

const others = await trainSeeds(data, [1, 2, 3, 4], net);
const runs = [run, ...others];

Deno.test("chapter 04: five seeds reach similar losses, nearly perpendicular, with a ridge above ln 3 between them", async () => {
  const w0 = weightVector(run.model);
  for (const r of runs) {
    ok(lossOf(r.model) < 0.03, `seed ${r.seed}: loss ${lossOf(r.model)}`);
    // "classify almost all the test points right"
    ok(accuracy(r.model, testData) > 0.97, `seed ${r.seed}: ${accuracy(r.model, testData)}`);
    if (r === run) continue;
    const w = weightVector(r.model);
    const [a, b] = [Math.hypot(...w0), Math.hypot(...w)];
    const distance = Math.hypot(...w.map((x, i) => x - w0[i]!));
    // "about √2 times its length", "the cosine … is close to 0"
    const cosine = (a * a + b * b - distance * distance) / (2 * a * b);
    ok(Math.abs(cosine) < 0.1, `seed ${r.seed}: cosine ${cosine}`);
    ok(Math.abs(distance / b - Math.SQRT2) < 0.1, `seed ${r.seed}: ${distance} from seed 0`);
  }
  for (const [a, b] of [[0, 1], [0, 2], [1, 2]] as const) {
    const curve = await interpolate(runs[a]!.model, data, {
      from: runs[a]!.model.getWeights(),
      to: runs[b]!.model.getWeights(),
      range: [0, 1],
      steps: 41,
    });
    ok(curve.max > Math.log(3), `seed ${a} → ${b}: highest ${curve.max}`);
    ok(curve.values[0]! < 0.03 && curve.values.at(-1)! < 0.03, `seed ${a} → ${b}: ends`);
  }
});

// ── Exercises ───────────────────────────────────────────────────────────────

Deno.test("chapter 04, exercise 1: a thinner copy, the same function, sharper along raw directions", async () => {
  const answer = cell("markdown", "**1. A thinner copy.**");
  const thin = await rescaledCopy(run.model, { layer: 1, factor: 0.05 });
  const line = (m: tf.LayersModel) =>
    randomLine(m, data, { seed: 1, normalization: "none", n: 81, range: [-1, 1] });
  const base = (await line(run.model)).values.at(-1)!;
  strictEqual(lossOf(thin).toFixed(5), lossOf(run.model).toFixed(5));
  has(
    answer,
    `training loss ${lossOf(thin).toFixed(5)} and test accuracy ${
      (100 * accuracy(thin, testData)).toFixed(1)
    } %`,
  );
  has(
    answer,
    `is ${((await line(thin)).values.at(-1)! / base).toFixed(1)} times the trained network's`,
  );
  has(
    answer,
    `against ${((await line(copy)).values.at(-1)! / base).toFixed(1)} times with \`0.2\``,
  );
  // "Along a filter-normalized direction the two curves would again be one."
  const filter = (m: tf.LayersModel) =>
    randomLine(m, data, { seed: 1, normalization: "filter", n: 81, range: [-1, 1] });
  const [mine, theirs] = [await filter(run.model), await filter(thin)];
  mine.values.forEach((v, k) =>
    ok(Math.abs(v - theirs.values[k]!) < 1e-3 * Math.max(1, v), `${k}`)
  );
});

Deno.test("chapter 04, exercise 2: one hidden layer of 8 units does not learn the spirals", async () => {
  const answer = cell("markdown", "**2. Edit me: a tiny network.**");
  const small = await trainMlp(data, { ...net, hidden: [8] });
  has(answer, `one hidden layer of 8 units, ${small.model.countParams()} weights in all`);
  has(answer, `Its training loss is ${lossOf(small.model).toFixed(2)}, not far below`);
  has(answer, `its test accuracy is ${(100 * accuracy(small.model, testData)).toFixed(1)} %`);
  has(answer, `against ${(100 / 3).toFixed(1)} % for a guess`);
  ok(lossOf(small.model) < Math.log(3) && lossOf(small.model) > 0.5);
});

Deno.test("chapter 04, exercise 3: seed 1's straight line is downhill too", async () => {
  const answer = cell("markdown", "**3. Another seed's straight line.**");
  const line = await interpolate(runs[1]!.model, data, { to: runs[1]!.model.getWeights() });
  const inside = [...line.xs].flatMap((
    a,
    i,
  ) => (a >= -1e-9 && a <= 1 + 1e-9 ? [line.values[i]!] : []));
  inside.slice(1).forEach((v, i) => ok(v < inside[i]!, `seed 1: the loss rises at step ${i + 1}`));
  has(answer, `From ${at(line, 0).toFixed(2)} at $\\alpha = 0$`);
  has(answer, `to ${at(line, 1).toFixed(3)} at $\\alpha = 1$`);
  ok(line.argmin > 1, `lowest at ${line.argmin}`);
  has(answer, `the lowest point is at $\\alpha = ${line.argmin.toFixed(2)}$`);
});

Deno.test("chapter 04, exercise 4: a saddle in 20 dimensions", () => {
  const answer = cell("markdown", "**4. Going deeper: a saddle in 20 dimensions.**");
  const [ten, twenty, fifty] = saddleCounts([10, 20, 50]);
  has(answer, `${twenty} of 200, between the ${ten} of 10 dimensions and the ${fifty} of 50`);
  has(answer, `Only ${200 - twenty!} of the 200 lines find the way down`);
});

// ── The chapter's shape: main path, optional parts, edit-me cells, exercises ──

Deno.test("chapter 04: the main path first, then the optional parts, What we saw and the exercises", () => {
  const headings = cells.flatMap((c) =>
    c.cell_type === "markdown" ? [...text(c.source).matchAll(/^## (.*)$/gm)].map((m) => m[1]!) : []
  );
  const index = (h: string) => headings.indexOf(h);
  const optional = headings.filter((h) => h.startsWith("Going deeper (optional): "));
  strictEqual(optional.length, 2);
  ok(index("Edit me: your own network and plane") < index(optional[0]!));
  ok(index(optional[1]!) < index("What we saw") && index("What we saw") < index("Exercises"));
  strictEqual(index("Exercises"), headings.length - 1);
  has(cells.map((c) => text(c.source)).join("\n"), "the main path does not need them");
  has(text(cells[0]!.source), "**Going deeper (optional)**; the main path does not need them");
  // Exercises: numbered 1 to 4, one collapsible answer each with blank lines inside.
  const rest = text(cells.at(-1)!.source);
  deepStrictEqual([...rest.matchAll(/^\*\*(\d)\. /gm)].map((m) => Number(m[1])), [1, 2, 3, 4]);
  strictEqual(
    [...rest.matchAll(/<details><summary>Answer<\/summary>\n\n[\s\S]*?\n\n<\/details>/g)].length,
    4,
  );
  strictEqual(rest.split("<details>").length - 1, 4);
});

Deno.test("chapter 04: one edit-me marker style, and the note on the stop button where the edits start", () => {
  const code = cells.filter((c) => c.cell_type === "code").map((c) => text(c.source));
  const all = cells.map((c) => text(c.source)).join("\n");
  ok(!/← (edit|and) me/.test(all), "an old edit-me marker is left");
  const marked = code.flatMap((s) => s.split("\n")).filter((l) => /EDIT ME/i.test(l));
  deepStrictEqual(marked, [
    "const yourNet = { ...net, hidden: [16, 16] }; // ✏️ EDIT ME",
    "const planeSeed = 7; // ✏️ EDIT ME",
    'const normalization = "filter" as "filter" | "layer" | "none"; // ✏️ EDIT ME',
  ]);
  const first = cells.find((c) => c.cell_type === "markdown" && /EDIT ME/.test(text(c.source)))!;
  const note = text(first.source);
  ok(note.startsWith("## Edit me: your own network and plane"), note);
  deepStrictEqual(stopNoteLacks(note), []);
  // Wide layers are slow: the note says so before anyone tries them.
  has(note, "`[256, 256]` take well over ten seconds");
});
