// The key claims of notebook 06, "Wide and narrow valleys", recomputed through
// the lib functions it uses (same data, split, network, seeds and settings as the
// chapter), with the ranges its wording implies ("about four times" is 3.5 to 4.5).
import { ok, strictEqual } from "node:assert";
import { spirals } from "../lib/data/spirals.ts";
import { trainTestSplit } from "../lib/data/split.ts";
import { accuracy } from "../lib/network/classifier.ts";
import { modelLoss } from "../lib/network/evaluate.ts";
import { hessianDensity, hessianEigenvalues, hessianTrace } from "../lib/network/hessian.ts";
import { classification, rescaledCopy, trainMlp } from "../lib/network/mlp.ts";
import { lineSlice, randomLine, randomPlane } from "../lib/network/slices.ts";
import type { Model } from "../lib/network/weights.ts";

const set = spirals({ n: 600, classes: 3, turns: 1.5, noise: 0.3, seed: 0 });
const { train, test } = trainTestSplit(set, { testFraction: 0.5, seed: 0 });
const trainData = classification(train);
const testData = classification(test);
const net = { hidden: [32, 32], learningRate: 0.01, seed: 0 };
const small = { batchSize: 16, epochs: 40 };
const large = { batchSize: train.n, epochs: 175 };
const smallBatch = await trainMlp(trainData, { ...net, ...small });
const largeBatch = await trainMlp(trainData, { ...net, ...large });
const lineOptions = { seed: 1, n: 61, range: [-0.5, 0.5] as [number, number] };

const measure = (model: Model) => ({
  trainLoss: modelLoss(model, trainData),
  testLoss: modelLoss(model, testData),
  trainAccuracy: accuracy(model, trainData),
  testAccuracy: accuracy(model, testData),
});
const top = async (model: Model) => await hessianEigenvalues(model, trainData);
const S = measure(smallBatch.model);
const L = measure(largeBatch.model);
const [smallTop, largeTop] = [await top(smallBatch.model), await top(largeBatch.model)];
const [λs, λl] = [smallTop.values[0]!, largeTop.values[0]!];
const percent = (a: number) => (100 * a).toFixed(1);

Deno.test("chapter 06: half the spirals held out, 300 points a side; 1,251 weights; 760 and 175 steps", () => {
  strictEqual(train.n, 300);
  strictEqual(test.n, 300);
  for (const k of [0, 1, 2]) {
    strictEqual(test.labels.filter((l) => l === k).length, 100, `arm ${k + 1}`);
  }
  strictEqual(smallBatch.model.countParams(), 1251);
  strictEqual(smallBatch.losses.length, 40);
  strictEqual(largeBatch.losses.length, 175);
  strictEqual(small.epochs * Math.ceil(train.n / small.batchSize), 760);
});

Deno.test("chapter 06: similar training losses; large batches: higher test loss, test accuracy within a point", () => {
  // "Both end at about the same training loss", the large-batch one slightly lower.
  ok(
    L.trainLoss < S.trainLoss && S.trainLoss < 1.25 * L.trainLoss,
    `${S.trainLoss}, ${L.trainLoss}`,
  );
  // Both do worse on the test set than on the training set.
  for (const m of [S, L]) ok(m.testLoss > m.trainLoss && m.testAccuracy < m.trainAccuracy);
  // "clearly higher test loss", and the larger generalization gap.
  ok(L.testLoss > 1.1 * S.testLoss, `test losses ${S.testLoss}, ${L.testLoss}`);
  ok(L.testLoss - L.trainLoss > S.testLoss - S.trainLoss);
  // "the test accuracies are within a point of each other" (as printed, in %).
  const gap = Math.abs(Number(percent(L.testAccuracy)) - Number(percent(S.testAccuracy)));
  ok(gap <= 1, `test accuracies ${percent(S.testAccuracy)} %, ${percent(L.testAccuracy)} %`);
});

Deno.test("chapter 06: large batches are about four times as sharp (λmax) and three times as curved (trace)", async () => {
  ok(smallTop.converged && largeTop.converged);
  const ratio = λl / λs;
  ok(ratio >= 3.5 && ratio < 4.5, `λmax ${λs}, ${λl}: ratio ${ratio}`);
  const [ts, tl] = [
    await hessianTrace(smallBatch.model, trainData, { samples: 64 }),
    await hessianTrace(largeBatch.model, trainData, { samples: 64 }),
  ];
  const traceRatio = tl.estimate / ts.estimate;
  ok(traceRatio >= 2.5 && traceRatio < 3.5, `traces ${ts.estimate}, ${tl.estimate}`);
  // The difference is far beyond the estimates' standard errors.
  ok(tl.estimate - ts.estimate > 5 * (tl.stderr + ts.stderr), `${ts.stderr}, ${tl.stderr}`);
});

Deno.test("chapter 06: both spectra peak at zero with a thin tail; the large-batch tail reaches much further", async () => {
  const options = { runs: 4, steps: 40 };
  const [ds, dl] = [
    await hessianDensity(smallBatch.model, trainData, options),
    await hessianDensity(largeBatch.model, trainData, options),
  ];
  for (const d of [ds, dl]) {
    const peak = d.xs[d.values.indexOf(d.max)]!;
    ok(Math.abs(peak) < 1, `peak at ${peak}`);
    // A thin tail: little of the spectrum's weight beyond λ = 5.
    const tail = d.nodes.reduce((a, x, i) => a + (x > 5 ? d.weights[i]! : 0), 0);
    ok(tail < 0.05, `weight beyond 5: ${tail}`);
  }
  // The outliers sit much further out, and the bulk at zero is lower and wider.
  ok(Math.max(...dl.nodes) > 2 * Math.max(...ds.nodes));
  ok(dl.max < ds.max, `peaks ${ds.max}, ${dl.max}`);
});

Deno.test("chapter 06: filter-normalized slices: the large-batch valley is narrower, by less than λmax says", async () => {
  const [ls, ll] = [
    await randomLine(smallBatch.model, trainData, lineOptions),
    await randomLine(largeBatch.model, trainData, lineOptions),
  ];
  // The rise of the training loss 0.1 from the centre, both ways (samples 24 and 36 of 61).
  const rise = (l: typeof ls) => (l.values[24]! + l.values[36]!) / 2 - l.values[30]!;
  const ratio = rise(ll) / rise(ls);
  ok(ratio > 1 && ratio < λl / λs, `rise ${rise(ls)}, ${rise(ll)}`);
  // The test loss runs above the training loss near the bottom.
  for (const [model, l] of [[smallBatch.model, ls], [largeBatch.model, ll]] as const) {
    const lt = await randomLine(model, testData, lineOptions);
    ok(lt.values[30]! > l.values[30]!);
  }
  // Over the plane, the large-batch basin (loss below the 0.5 contour) is the smaller.
  const plane = (model: Model) =>
    randomPlane(model, trainData, { seed: 1, n: 31, range: [-0.5, 0.5] });
  const inside = (p: { values: Float64Array }) => p.values.filter((v) => v < 0.5).length;
  const [ps, pl] = [await plane(smallBatch.model), await plane(largeBatch.model)];
  ok(inside(pl) < inside(ps), `cells below 0.5: ${inside(ps)}, ${inside(pl)}`);
});

Deno.test("chapter 06: the rescaled twin: the same test results, sharper than the large-batch network; filter-normalized slices agree", async () => {
  const twin = await rescaledCopy(smallBatch.model, { layer: 1, factor: 0.2 });
  const T = measure(twin);
  ok(Math.abs(T.testLoss - S.testLoss) < 1e-5 * S.testLoss, `${T.testLoss} vs ${S.testLoss}`);
  strictEqual(T.testAccuracy, S.testAccuracy);
  const twinTop = await top(twin);
  ok(twinTop.values[0]! > λl, `twin λmax ${twinTop.values[0]} vs ${λl}`);
  const [tt, tl] = [
    await hessianTrace(twin, trainData, { samples: 64 }),
    await hessianTrace(largeBatch.model, trainData, { samples: 64 }),
  ];
  ok(
    tt.estimate - tl.estimate > 2 * (tt.stderr + tl.stderr),
    `traces ${tt.estimate}, ${tl.estimate}`,
  );
  // Along each one's top eigenvector the twin's valley is much steeper ...
  const eigenLine = { n: 61, range: [-0.4, 0.4] as [number, number] };
  const [es, et] = [
    await lineSlice(smallBatch.model, trainData, { ...eigenLine, direction: smallTop.vectors[0]! }),
    await lineSlice(twin, trainData, { ...eigenLine, direction: twinTop.vectors[0]! }),
  ];
  ok(et.values[0]! > 3 * es.values[0]! && et.values[60]! > 3 * es.values[60]!);
  // ... and along a filter-normalized direction the two curves are one.
  const [fs, ft] = [
    await randomLine(smallBatch.model, trainData, lineOptions),
    await randomLine(twin, trainData, lineOptions),
  ];
  fs.values.forEach((v, k) => ok(Math.abs(v - ft.values[k]!) < 1e-3 * Math.max(1, v), `α ${k}`));
});

Deno.test("chapter 06, exercise 1: rescaling keeps the test loss; λmax grows both ways, dips below near c = 2", async () => {
  const factors = [0.1, 0.2, 0.5, 1, 2, 5, 10];
  const rows = [];
  for (const factor of factors) {
    const copy = await rescaledCopy(smallBatch.model, { layer: 1, factor });
    rows.push({ loss: modelLoss(copy, testData), top: (await top(copy)).values[0]! });
  }
  // The same test loss in every row, to the 4 digits the table prints.
  const shown = rows.map((r) => r.loss.toPrecision(4));
  ok(shown.every((s) => s === shown[3]), `test losses ${shown}`);
  const λ = rows.map((r) => r.top);
  ok(λ[0]! > λ[1]! && λ[1]! > λ[2]! && λ[2]! > λ[3]!, `λmax ${λ}`);
  ok(λ[6]! > λ[5]! && λ[5]! > λ[3]!, `λmax ${λ}`);
  ok(λ[0]! > 10 * λ[3]!, `λmax at c = 0.1: ${λ[0]}`);
  ok(λ[4]! < λ[3]!, `λmax at c = 2: ${λ[4]} vs ${λ[3]}`);
});

Deno.test("chapter 06, exercise 2: batches of 64 land between, nearer the small batches; batches of 100 break the link", async () => {
  const yours = await trainMlp(trainData, { ...net, batchSize: 64, epochs: 90 });
  const λy = (await top(yours.model)).values[0]!;
  ok(λs < λy && λy < λl && λy - λs < λl - λy, `λmax ${λs}, ${λy}, ${λl}`);
  const Y = measure(yours.model);
  // About the same training loss again, a test loss between theirs, no higher test accuracy.
  ok(Y.trainLoss < 1.25 * L.trainLoss && Y.trainLoss < 1.25 * S.trainLoss, `${Y.trainLoss}`);
  ok(S.testLoss < Y.testLoss && Y.testLoss < L.testLoss, `test loss ${Y.testLoss}`);
  ok(Y.testAccuracy <= Math.min(S.testAccuracy, L.testAccuracy), `${Y.testAccuracy}`);
  // 100 points per step for 120 epochs: about three times the small batches' λmax, yet the
  // lowest test loss.
  const hundred = await trainMlp(trainData, { ...net, batchSize: 100, epochs: 120 });
  const λh = (await top(hundred.model)).values[0]!;
  ok(λh / λs >= 2.5 && λh / λs < 3.5, `λmax ${λh}`);
  const H = measure(hundred.model);
  ok(H.testLoss < Math.min(S.testLoss, L.testLoss, Y.testLoss), `test loss ${H.testLoss}`);
});

Deno.test("chapter 06, exercise 3: three times the learning rate, about half the λmax, yet worse test results", async () => {
  const fast = await trainMlp(trainData, { ...net, ...large, learningRate: 0.03, epochs: 80 });
  const F = measure(fast.model);
  // About the same training loss.
  ok(F.trainLoss < 1.25 * L.trainLoss && L.trainLoss < 1.25 * F.trainLoss, `${F.trainLoss}`);
  const ratio = (await top(fast.model)).values[0]! / λl;
  ok(ratio > 0.4 && ratio < 0.6, `λmax ratio ${ratio}`);
  ok(
    F.testLoss > L.testLoss && F.testAccuracy < L.testAccuracy,
    `${F.testLoss}, ${F.testAccuracy}`,
  );
});
