// The key claims of notebook 06, "Wide and narrow valleys", recomputed through
// the lib functions it uses (same data, split, network, seeds and settings as the
// chapter), with the ranges its wording implies ("about four times" is 3.5 to 4.5).
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { criticalPoints, descend, eigen2, landscape } from "../lib/landscape/mod.ts";
import { descentExplorer } from "../lib/live/explorer.ts";
import { DISPLAY } from "../lib/plot/show.ts";
import { tf } from "../lib/network/tf.ts";
import { spirals } from "../lib/data/spirals.ts";
import { trainTestSplit } from "../lib/data/split.ts";
import { accuracy } from "../lib/network/classifier.ts";
import { modelLoss } from "../lib/network/evaluate.ts";
import { hessianDensity, hessianEigenvalues, hessianTrace } from "../lib/network/hessian.ts";
import { classification, rescaledCopy, trainMlp } from "../lib/network/mlp.ts";
import { lineSlice, randomLine, randomPlane } from "../lib/network/slices.ts";
import type { Model } from "../lib/network/weights.ts";
import { readNotebook, stopNoteLacks, text } from "./_notebook.ts";
import { withPage } from "./_browser.ts";

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

// ── What the notebook says: its prose and code, read from the file ──────────
const notebook = await readNotebook(
  decodeURIComponent(
    new URL("../notebooks/06-wide-and-narrow-valleys.ipynb", import.meta.url).pathname,
  ),
);
const markdownCells = notebook.cells.filter((c) => c.cell_type === "markdown").map((c) =>
  text(c.source)
);
const codeCells = notebook.cells.filter((c) => c.cell_type === "code").map((c) => text(c.source));
/** The one markdown cell that contains `needle`. */
function prose(needle: string): string {
  const hits = markdownCells.filter((s) => s.includes(needle));
  strictEqual(hits.length, 1, `markdown cells saying "${needle}": ${hits.length}`);
  return hits[0]!;
}
/** The one code cell that contains `needle`. */
function codeWith(needle: string): string {
  const hits = codeCells.filter((s) => s.includes(needle));
  strictEqual(hits.length, 1, `code cells with "${needle}": ${hits.length}`);
  return hits[0]!;
}
/** The capture groups of `pattern` in `s`, which must match. */
function grab(s: string, pattern: RegExp): string[] {
  const m = s.match(pattern);
  ok(m, `${pattern} not found in:\n${s}`);
  return m.slice(1);
}
const pair = (s: string) => s.split(",").map(Number) as [number, number];

Deno.test("chapter 06: the settings the prose names are the code's", () => {
  // "2 → 32 → 32 → 3 with ReLU ... Adam at learning rate 0.01"; "16 points per step, or all the training points".
  ok(prose("## Small batches and large batches").includes("$2 \\to 32 \\to 32 \\to 3$"));
  ok(prose("## Small batches and large batches").includes("Adam at learning rate 0.01"));
  ok(
    codeWith("const net = ").includes(
      "const net = { hidden: [32, 32], learningRate: 0.01, seed: 0 };",
    ),
  );
  ok(codeWith("const small = ").includes("const small = { batchSize: 16, epochs: 40 };"));
  ok(codeWith("const large = ").includes("const large = { batchSize: train.n, epochs: 175 };"));
  // "here 64 of them"; "4 runs of 40 steps each"; the twin's "c = 0.2".
  ok(prose("Hutchinson's estimate").includes("(here 64 of them)"));
  ok(codeWith("const samples = ").includes("const samples = 64;"));
  ok(prose("## Where all the eigenvalues lie").includes("Here 4 runs of 40 steps each"));
  ok(codeWith("hessianDensity(n.model").includes("{ runs: 4, steps: 40 }"));
  ok(prose("## The same function, a sharper valley").includes("($c = 0.2$)"));
  ok(codeWith("const twin = ").includes("{ layer: 1, factor: 0.2 }"));
  // Exercise 1 "tries factors from 0.1 to 10".
  ok(prose("**1. Predict, then run.**").includes("tries factors from $0.1$ to $10$"));
  ok(codeWith("const sweep = ").includes("[0.1, 0.2, 0.5, 1, 2, 5, 10].map("));
  // Exercise 2 (64 points per step, 90 epochs) and exercise 3 (0.03, 80 epochs).
  ok(prose("**2. Edit me").includes("64 points per step, for 90 epochs"));
  ok(codeWith("const yourBatchSize").includes("const yourBatchSize = 64; // ✏️ EDIT ME"));
  ok(codeWith("const yourEpochs").includes("const yourEpochs = 90; // ✏️ EDIT ME"));
  ok(prose("**3. Predict").includes("to 0.03 (80 epochs"));
  ok(codeWith("const fastLarge").includes("learningRate: 0.03, epochs: 80 }"));
  // "16 for 40 epochs and 300 for 175 reproduce the runs above".
  ok(prose("**2. Edit me").includes(`16 for 40 epochs and ${train.n} for 175`));
});

Deno.test("chapter 06: fewer points and more noise than chapter 04's spirals", async () => {
  const ch04 = await readNotebook(
    decodeURIComponent(
      new URL("../notebooks/04-high-vs-low-dimensions.ipynb", import.meta.url).pathname,
    ),
  );
  const call = ch04.cells.map((c) => text(c.source)).join("\n").match(/spirals\(\{([^}]*)\}\)/);
  ok(call, "chapter 04 draws no spirals");
  const n = Number(call[1]!.match(/\bn: (\d+)/)?.[1]);
  const noise = Number(call[1]!.match(/\bnoise: ([\d.]+)/)?.[1] ?? 0.2); // spirals' default noise
  ok(set.n < n && 0.3 > noise, `chapter 04: ${n} points, noise ${noise}`);
  strictEqual(
    spirals({ n: 10, seed: 0 }).x.join(),
    spirals({ n: 10, noise: 0.2, seed: 0 }).x.join(),
  );
});

Deno.test("chapter 06: small batches fall early and jitter, large ones fall smoothly", () => {
  const rises = (losses: number[]) => losses.slice(1).map((v, k) => v / losses[k]! - 1);
  // The small batches' loss goes up by more than 1 % between some epochs; the large
  // batches' never by 0.1 %.
  ok(Math.max(...rises(smallBatch.losses)) > 0.01, `${rises(smallBatch.losses)}`);
  ok(Math.max(...rises(largeBatch.losses)) < 0.001, `${rises(largeBatch.losses)}`);
  // Early: the small batches halve their loss in fewer epochs.
  const halved = (losses: number[]) => losses.findIndex((v) => v < losses[0]! / 2);
  ok(halved(smallBatch.losses) < halved(largeBatch.losses));
  strictEqual(prose("falls early and jitters").includes("fall smoothly"), true);
});

Deno.test("chapter 06: the large-batch network is more often confidently wrong on the test set", () => {
  ok(prose("more often confidently wrong"));
  // Test points whose true arm gets a probability below 1 %.
  const confidentlyWrong = (model: Model) =>
    tf.tidy(() => {
      const p = tf.softmax(model.predict(testData.x) as tf.Tensor).arraySync() as number[][];
      return p.filter((row, i) => row[test.labels[i]!]! < 0.01).length;
    });
  const [s, l] = [confidentlyWrong(smallBatch.model), confidentlyWrong(largeBatch.model)];
  ok(l > s, `small batches ${s}, large batches ${l}`);
});

Deno.test("chapter 06: on the plane, the small-batch basin reaches further, most of all along β", async () => {
  ok(prose("reaches further, most of all along β"));
  const extent = async (model: Model) => {
    const p = await randomPlane(model, trainData, { seed: 1, n: 31, range: [-0.5, 0.5] });
    const inside = (i: number, j: number) => p.values[i + 31 * j]! < 0.5;
    const cols = new Set<number>(), rows = new Set<number>();
    for (let i = 0; i < 31; i++) {
      for (let j = 0; j < 31; j++) if (inside(i, j)) (cols.add(i), rows.add(j));
    }
    return { alpha: cols.size, beta: rows.size };
  };
  const [s, l] = [await extent(smallBatch.model), await extent(largeBatch.model)];
  ok(s.beta > s.alpha && s.beta > l.beta && s.alpha >= l.alpha, JSON.stringify({ s, l }));
});

// ── The two-valley picture, built from the notebook's own expression ────────
const valleyCell = codeWith("const valleys = landscape(");
const [expression] = grab(valleyCell, /landscape\(\n\s*"([^"]+)",\n\);/);
const [dx, dy] = grab(
  valleyCell,
  /const domain = \{ x: \[([^\]]+)\] as \[number, number\], y: \[([^\]]+)\] as \[number, number\] \};/,
);
const domain = { x: pair(dx!), y: pair(dy!) };
const valleys = landscape(expression!);
const bottoms = (l: typeof valleys) =>
  criticalPoints(l, domain)
    .filter((p) => p.kind === "minimum")
    .map((p) => {
      const λmax = eigen2(l.hessian(...p.point)).values[1];
      return { ...p, λmax, limit: 2 / λmax };
    })
    .sort((a, b) => a.λmax - b.λmax);
const found = bottoms(valleys);
const [wideValley, narrowValley] = found;
// The pit: where max(0, 1 − ((w1 − c)² + w2²) / s) is positive.
const [pitCentre, pitSize] = grab(
  expression!,
  /max\(0, 1 - \(\(w1 - ([\d.]+)\)\^2 \+ w2\^2\) \/ ([\d.]+)\)/,
)
  .map(Number);
const inPit = (p: readonly number[]) => (p[0]! - pitCentre!) ** 2 + p[1]! ** 2 < pitSize!;
const offset = (p: readonly number[], q: readonly number[]) => [p[0]! - q[0]!, p[1]! - q[1]!];
const distance = (p: readonly number[], q: readonly number[]) => Math.hypot(...offset(p, q));
const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]!;

const explorerCell = codeWith("descentExplorer(valleys");
const escapeRate = Number(grab(explorerCell, /const escapeRate = ([\d.]+);/)[0]);
const explorerOptions = {
  ...domain,
  from: pair(grab(explorerCell, /\n {2}from: \[([^\]]+)\],/)[0]!),
  learningRate: escapeRate,
  learningRates: pair(grab(explorerCell, /\n {2}learningRates: \[([^\]]+)\],/)[0]!),
  steps: Number(grab(explorerCell, /\n {2}steps: (\d+),/)[0]),
  maxSteps: Number(grab(explorerCell, /\n {2}maxSteps: (\d+),/)[0]),
  n: 20, // the map's resolution: the path does not depend on it
};
const figure = descentExplorer(valleys, explorerOptions);
/** The learning rates on the figure's slider, increasing. */
const sliderRates: number[] = JSON.parse(
  grab(String(figure[DISPLAY]()["text/html"]), /"rates":(\[[^\]]*\])/)[0]!,
);
const walk = (learningRate: number, from = explorerOptions.from, steps = explorerOptions.steps) =>
  descend(valleys, { from, learningRate, steps });

Deno.test("chapter 06: two valleys of about the same depth, wide on the left, a narrow pit on the right; their limits 2/λmax", () => {
  strictEqual(found.length, 2, `minima: ${JSON.stringify(found.map((p) => p.point))}`);
  ok(wideValley!.point[0] < narrowValley!.point[0], "the wide valley is on the left");
  ok(inPit(narrowValley!.point) && !inPit(wideValley!.point));
  // "about the same depth": within 10 %.
  ok(Math.abs(narrowValley!.value - wideValley!.value) < 0.1 * Math.abs(wideValley!.value));
  ok(narrowValley!.λmax > 10 * wideValley!.λmax, `${narrowValley!.λmax}, ${wideValley!.λmax}`);
  // The limits as exercise 4's answer prints them.
  const answer = prose("**4. Predict, then move the slider.**");
  ok(
    answer.includes(
      `above the narrow valley's limit, ${narrowValley!.limit.toFixed(4)}, and below the wide ` +
        `valley's, ${wideValley!.limit.toFixed(2)}.`,
    ),
    `limits ${narrowValley!.limit}, ${wideValley!.limit}`,
  );
});

Deno.test("chapter 06: the explorer's first frame: the zig-zag grows, the rim is crossed, the path settles in the wide valley", () => {
  const limit = narrowValley!.limit;
  // "a learning rate of 0.08, just above that valley's limit" (within 10 %); "far below" the wide one's.
  ok(prose("just above that valley's limit").includes(`a learning rate of ${escapeRate}`));
  ok(limit < escapeRate && escapeRate < 1.1 * limit, `${escapeRate} vs ${limit}`);
  ok(escapeRate < wideValley!.limit / 10);
  const { points, values, diverged } = figure.state;
  deepStrictEqual(points, walk(escapeRate).points);
  ok(inPit(points[0]!) && !diverged);
  const out = points.findIndex((p) => !inPit(p));
  ok(out > 2, `leaves the pit at step ${out}`);
  for (let k = 0; k + 1 < out; k++) {
    const [a, b] = [
      offset(points[k]!, narrowValley!.point),
      offset(points[k + 1]!, narrowValley!.point),
    ];
    ok(dot(a, b) < 0, `step ${k + 1} does not jump across the bottom`);
    ok(Math.hypot(...b) > Math.hypot(...a), `step ${k + 1} lands lower on the wall`);
  }
  ok(points.slice(out).every((p) => !inPit(p)), "the path falls back into the pit");
  ok(distance(points.at(-1)!, wideValley!.point) < 1e-3, `ends at ${points.at(-1)}`);
  ok(Math.abs(values.at(-1)! - wideValley!.value) < 1e-6);
});

Deno.test("chapter 06: one notch down the slider, 0.06, the zig-zag shrinks and the path settles in the pit", () => {
  const below = sliderRates[sliderRates.indexOf(escapeRate) - 1]!;
  strictEqual(below, 0.06);
  ok(
    prose("one notch down").includes(
      `one notch down, to ${below}, below the narrow valley's limit`,
    ),
  );
  ok(below < narrowValley!.limit);
  const { points, diverged } = walk(below);
  ok(!diverged && points.every(inPit));
  const d = points.map((p) => distance(p, narrowValley!.point));
  for (let k = 0; k < 10; k++) {
    const [a, b] = [
      offset(points[k]!, narrowValley!.point),
      offset(points[k + 1]!, narrowValley!.point),
    ];
    ok(dot(a, b) < 0 && d[k + 1]! < d[k]!, `step ${k + 1}`);
  }
  ok(d.at(-1)! < 1e-6, `ends ${d.at(-1)} from the bottom`);
});

Deno.test("chapter 06: in Chromium, one notch down the explorer's learning-rate slider shows the path staying in the pit", async () => {
  const dir = await Deno.makeTempDir();
  const file = `${dir}/explorer.html`;
  await Deno.writeTextFile(
    file,
    `<!doctype html><meta charset="utf-8"><body>${figure[DISPLAY]()["text/html"]}</body>`,
  );
  try {
    await withPage(async (page, errors) => {
      await page.goto(`file://${file}`);
      await page.waitForSelector(".ll-live-controls");
      const slider = page.locator('input[data-control="learningRate"]');
      await slider.focus();
      await page.keyboard.press("ArrowLeft");
      const state = JSON.parse((await page.getAttribute(".ll-explorer", "data-state"))!);
      strictEqual(state.learningRate, 0.06);
      deepStrictEqual(state.points, walk(0.06).points);
      ok(distance(state.points.at(-1), narrowValley!.point) < 1e-6);
      ok((await page.textContent(".ll-live-status"))!.includes("learning rate 0.06"));
      deepStrictEqual(errors, []);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("chapter 06: anywhere in the pit, every slider rate below the limit stays in it and every rate above is thrown out", () => {
  ok(prose("Drag the start anywhere inside the pit"));
  const starts: [number, number][] = [];
  for (const r of [0.001, 0.01, 0.05, 0.1, 0.15, 0.2, 0.24]) {
    for (let k = 0; k < 12; k++) {
      const angle = (2 * Math.PI * k) / 12;
      starts.push([pitCentre! + r * Math.cos(angle), r * Math.sin(angle)]);
    }
  }
  ok(starts.every(inPit));
  ok(
    sliderRates.some((r) => r < narrowValley!.limit) &&
      sliderRates.some((r) => r > narrowValley!.limit),
  );
  for (const rate of sliderRates) {
    for (const from of starts) {
      const { points } = walk(rate, from);
      const stays = points.every(inPit);
      ok(stays === rate < narrowValley!.limit, `rate ${rate} from ${from}: stays ${stays}`);
    }
  }
});

Deno.test("chapter 06: a bell-shaped valley of the same curvature keeps a step a little above its limit bouncing; larger steps escape", () => {
  ok(prose("In a smooth, bell-shaped valley").includes("only larger steps throw it out"));
  // The same valleys with the pit's max(0, 1 − q/s) replaced by the bell exp(−q/s).
  const bellExpression = expression!.replace(
    /max\(0, 1 - (\(\(w1[^/]*\)) \/ ([\d.]+)\)/,
    "exp(-$1 / $2)",
  );
  ok(bellExpression !== expression && bellExpression.includes("exp(-((w1 - "), bellExpression);
  const bell = landscape(bellExpression);
  const [wide, narrow] = bottoms(bell);
  ok(Math.abs(narrow!.λmax / narrowValley!.λmax - 1) < 0.01, "the same curvature at the bottom");
  const radius = Math.sqrt(pitSize!);
  // A little above the limit: 500 steps, never out, never settled, still jumping across.
  const near = descend(bell, {
    from: explorerOptions.from,
    learningRate: 1.1 * narrow!.limit,
    steps: 500,
  });
  const d = near.points.map((p) => distance(p, narrow!.point));
  ok(d.every((v) => v < radius), `max distance ${Math.max(...d)}`);
  ok(d.at(-1)! > 0.01, `ends ${d.at(-1)} from the bottom`);
  ok(
    dot(offset(near.points.at(-1)!, narrow!.point), offset(near.points.at(-2)!, narrow!.point)) < 0,
  );
  // Three times the limit throws it out, into the wide valley.
  const far = descend(bell, {
    from: explorerOptions.from,
    learningRate: 3 * narrow!.limit,
    steps: 500,
  });
  ok(distance(far.points.at(-1)!, wide!.point) < 1e-3, `ends at ${far.points.at(-1)}`);
});

Deno.test("chapter 06, exercise 4: at 0.5 only the wide valley holds the path; starts in the pit are thrown out", () => {
  const rate = 0.5;
  const answer = prose("**4. Predict, then move the slider.**");
  ok(answer.includes(`set the learning rate to ${rate}.`));
  ok(sliderRates.includes(rate));
  ok(narrowValley!.limit < rate && rate < wideValley!.limit);
  // "From every start outside the pit, the path ends at the bottom of the wide valley"
  // (in the figure's 150 steps).
  for (let i = 0; i <= 20; i++) {
    for (let j = 0; j <= 15; j++) {
      const from: [number, number] = [
        domain.x[0] + ((domain.x[1] - domain.x[0]) * i) / 20,
        domain.y[0] + ((domain.y[1] - domain.y[0]) * j) / 15,
      ];
      if (inPit(from)) continue;
      const end = walk(rate, from).points.at(-1)!;
      ok(distance(end, wideValley!.point) < 1e-3, `from ${from} ends at ${end}`);
    }
  }
  // "A path started in the pit is thrown out of it within a few steps (three at most),
  // sometimes far off the map, and never settles in it. Most of these paths then reach the
  // bottom of the wide valley within the 150 steps shown. The ones thrown far out ... may
  // still be on their way": every path that has not arrived went off the map.
  let [starts, offTheMap, arrived] = [0, 0, 0];
  for (const r of [0.002, 0.01, 0.05, 0.1, 0.15, 0.2, 0.24]) {
    for (let k = 0; k < 24; k++) {
      const angle = (2 * Math.PI * k) / 24;
      const from: [number, number] = [
        narrowValley!.point[0] + r * Math.cos(angle),
        narrowValley!.point[1] + r * Math.sin(angle),
      ];
      if (!inPit(from)) continue;
      starts++;
      const { points } = walk(rate, from);
      ok(points.slice(0, 4).some((p) => !inPit(p)), `from ${from}`);
      ok(!inPit(points.at(-1)!), `from ${from} ends in the pit`);
      const off = points.some((p) =>
        p[0]! < domain.x[0] || p[0]! > domain.x[1] || p[1]! < domain.y[0] || p[1]! > domain.y[1]
      );
      if (off) offTheMap++;
      const there = distance(points.at(-1)!, wideValley!.point) < 1e-3;
      if (there) arrived++;
      ok(there || off, `from ${from}: not arrived, yet never off the map`);
    }
  }
  ok(answer.includes(`within the ${explorerOptions.steps} steps shown`));
  ok(offTheMap > 0 && arrived > starts / 2 && arrived < starts, `${arrived} of ${starts} arrive`);
});

Deno.test("chapter 06: four exercises after What we saw, collapsible answers, one edit-me style, the stop-button note", () => {
  const headings = markdownCells.map((s) => s.match(/^## (.*)$/gm) ?? []).flat();
  const saw = headings.indexOf("## What we saw");
  ok(saw >= 0 && headings.indexOf("## Exercises") === saw + 1, headings.join(" | "));
  const all = markdownCells.join("\n");
  const rest = all.slice(all.indexOf("## Exercises"));
  deepStrictEqual([...rest.matchAll(/^\*\*(\d)\. /gm)].map((m) => Number(m[1])), [1, 2, 3, 4]);
  const answers = [
    ...rest.matchAll(/<details><summary>Answer<\/summary>\n\n[\s\S]*?\n\n<\/details>/g),
  ];
  strictEqual(answers.length, 4, "one answer per exercise, blank lines inside");
  strictEqual(all.split("<details>").length - 1, 4);
  // One marker style, on exactly the two values exercise 2 invites editing.
  const code = codeCells.join("\n");
  ok(!/←\s*edit me/i.test(code + all), "an old-style edit-me marker is left");
  const marked = code.split("\n").filter((l) => /edit me/i.test(l));
  deepStrictEqual(marked, [
    "const yourBatchSize = 64; // ✏️ EDIT ME",
    "const yourEpochs = 90; // ✏️ EDIT ME",
  ]);
  // The note on the stop button comes before the first invitation to edit code.
  const note = prose("stop button");
  ok(all.indexOf(note) < all.indexOf("Edit me"));
  deepStrictEqual(stopNoteLacks(note), []);
});
