// The key claims of notebook 02, "Shapes of loss", as tests of the lib
// functions it uses (same data, models and ranges as the chapter).
import { ok, strictEqual } from "node:assert";
import { descend } from "../lib/landscape/descend.ts";
import { readNotebook, text } from "./_notebook.ts";
import { penguins } from "../lib/data/penguins.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { leastSquaresThroughOrigin } from "../lib/data/least_squares.ts";
import { lineFitLoss } from "../lib/data/line_fit_loss.ts";
import { mse } from "../lib/data/losses.ts";
import { standardize } from "../lib/data/standardize.ts";

function close(actual: number, expected: number, tol: number, what = "") {
  ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);
}

const rows = penguins({ complete: true });
const flipper = rows.map((r) => r.flipperLengthMm);
const mass = rows.map((r) => r.bodyMassG / 1000);
const W: [number, number] = [0, 0.04];

Deno.test("chapter 02: the closed-form weight is the argmin of the MSE curve within one grid step", () => {
  const w = leastSquaresThroughOrigin(flipper, mass);
  const curve = lineFitLoss(flipper, mass, { intercept: false }).curve({ x: W, n: 201 });
  const step = curve.xs[1]! - curve.xs[0]!;
  ok(Math.abs(curve.argmin - w) <= step, `argmin ${curve.argmin}, w ${w}`);
  const best = mse(flipper.map((x) => w * x), mass);
  ok(curve.min >= best - 1e-12, `the grid beat least squares: ${curve.min} < ${best}`);
});

Deno.test("chapter 02: the MSE of one weight is a parabola, the average of one parabola per penguin", () => {
  const bowl = lineFitLoss(flipper, mass, { intercept: false });
  const each = flipper.map((x, i) => lineFitLoss([x], [mass[i]!], { intercept: false }));
  for (let k = 0; k <= 20; k++) {
    const w = W[0] + (k / 20) * (W[1] - W[0]);
    const mean = each.reduce((s, l) => s + l.at(w), 0) / each.length;
    close(bowl.at(w), mean, 1e-12 * Math.max(1, mean), `L(${w})`);
    close(bowl.hessian(w)[0]![0]!, bowl.hessian(W[0])[0]![0]!, 1e-9, "constant curvature");
  }
  ok(bowl.hessian(0)[0]![0]! > 0, "the parabola opens upwards");
});

Deno.test("chapter 02: absolute errors make a polyline, bending only where one penguin is fitted exactly", () => {
  const xs = Array.from({ length: 401 }, (_, i) => W[0] + ((W[1] - W[0]) * i) / 400);
  const abs = lineFitLoss(flipper, mass, { loss: "mae", intercept: false });
  const kinks = flipper.map((x, i) => mass[i]! / x);
  let straight = 0;
  for (let i = 1; i < xs.length - 1; i++) {
    const d2 = abs.at(xs[i + 1]!) - 2 * abs.at(xs[i]!) + abs.at(xs[i - 1]!);
    if (kinks.some((k) => k > xs[i - 1]! && k < xs[i + 1]!)) ok(d2 >= -1e-12, "bends upwards");
    else {
      close(d2, 0, 1e-12, `second difference at ${xs[i]}`);
      straight++;
    }
  }
  ok(straight > 100, `only ${straight} straight pieces`);
});

Deno.test("chapter 02: MSE, MAE and Huber put the best weight in different places", () => {
  const best = (loss: "mse" | "mae" | "huber") =>
    lineFitLoss(flipper, mass, { loss, intercept: false }).curve({ x: [0.018, 0.024], n: 601 })
      .argmin;
  const [a, b, c] = [best("mse"), best("mae"), best("huber")];
  const step = 0.006 / 600;
  ok(Math.abs(a - b) > 10 * step, `mse ${a}, mae ${b}`);
  ok(Math.abs(a - c) > step, `mse ${a}, huber ${c}`);
  ok(Math.min(a, b) < c && c < Math.max(a, b), `huber ${c} is not between mse ${a} and mae ${b}`);
});

Deno.test("chapter 02: cross-entropy of the Gentoo classifier is a single valley with a finite best weight", () => {
  const z = standardize(flipper).values;
  const gentoo = rows.map((r) => (r.species === "Gentoo" ? 1 : 0));
  const ce = lineFitLoss(z, gentoo, { loss: "cross-entropy", intercept: false });
  const c = ce.curve({ x: [-2, 10], n: 601 });
  ok(c.argmin > 0 && c.argmin < 10, `argmin ${c.argmin}`);
  for (let i = 1; i < c.xs.length - 1; i++) {
    ok(c.values[i + 1]! - 2 * c.values[i]! + c.values[i - 1]! > -1e-12, `bends down at ${c.xs[i]}`);
  }
});

Deno.test("chapter 02: on −ln p the marble is pushed hardest where the answer is most wrong", () => {
  const l = landscape("-log(p)");
  const ps = [0.05, 0.1, 0.25, 0.5, 0.75, 1];
  const slopes = ps.map((p) => l.gradient(p)[0]!);
  slopes.forEach((s, k) => close(s, -1 / ps[k]!, 1e-12));
  for (let k = 1; k < ps.length; k++) ok(Math.abs(slopes[k]!) < Math.abs(slopes[k - 1]!));
  ok(slopes.every((s) => s < 0), "every step moves towards p = 1");
});

Deno.test("chapter 02: on exp(−z) the push fades but never stops: there is no bottom to roll into", () => {
  const l = landscape("exp(-z)");
  const slopes = [-2, 0, 2, 4, 8, 16].map((z) => l.gradient(z)[0]!);
  ok(slopes.every((s) => s < 0));
  for (let k = 1; k < slopes.length; k++) ok(Math.abs(slopes[k]!) < Math.abs(slopes[k - 1]!));
});

// The chapter's prose and exercise answers, checked against the values the
// chapter computes, at the precision printed.
const nb = await readNotebook("notebooks/02-shapes-of-loss.ipynb");
const cells = nb.cells.map((c) => ({ kind: c.cell_type, source: text(c.source) }));

/** The one cell (markdown unless `kind` says otherwise) that contains `needle`. */
function cellWith(needle: string, kind: "markdown" | "code" = "markdown"): string {
  const hits = cells.filter((c) => c.kind === kind && c.source.includes(needle));
  strictEqual(hits.length, 1, `expected one ${kind} cell with "${needle}", found ${hits.length}`);
  return hits[0]!.source;
}

function says(cell: string, phrase: string) {
  ok(cell.includes(phrase), `the prose does not say "${phrase}":\n${cell}`);
}

// As the chapter draws and tables them.
const chapterW: [number, number] = [0.01, 0.032];
const z = standardize(flipper).values;
const isGentoo = rows.map((r) => (r.species === "Gentoo" ? 1 : 0));
const bottom = (loss: "mse" | "mae" | "huber", delta = 1) =>
  lineFitLoss(flipper, mass, { loss, delta, intercept: false }).curve({ x: chapterW, n: 4001 })
    .argmin;
const gentooLoss = lineFitLoss(z, isGentoo, { loss: "cross-entropy", intercept: false });

Deno.test("chapter 02: the bowl's bottom, sampled and in closed form, as the prose says", () => {
  says(cellWith("sample $L$ at 221 weights"), "221 weights, 0.0001 apart");
  const sampled = lineFitLoss(flipper, mass, { intercept: false }).curve({ x: chapterW, n: 221 });
  const step = sampled.xs[1]! - sampled.xs[0]!;
  close(step, 0.0001, 1e-15, "sample spacing");
  const w = leastSquaresThroughOrigin(flipper, mass);
  const cell = cellWith("The two agree to within one sample spacing");
  ok(Math.abs(sampled.argmin - w) <= step, `argmin ${sampled.argmin}, w* ${w}`);
  const slope = lineFitLoss(flipper, mass, { intercept: false }).gradient(w)[0]!;
  ok(Math.abs(slope) < 1e-12, `"the slope at w* is zero up to rounding": ${slope}`);
  strictEqual((1000 * w).toFixed(0), "21");
  says(cell, "about 21 grams of penguin");
});

Deno.test("chapter 02: against the score, the push of −ln p is p − 1, steady; the loss grows without bound", () => {
  const cell = cellWith("**The logarithm.**");
  ok(!cell.includes("gets a violent push"), "the push is steady, not violent");
  says(cell, "a confidently wrong model gets a steady push, not a violent one");
  says(cell, "the slope of $-\\ln p$ is $p - 1$, never larger than 1 in size");
  const logLoss = landscape("-log(p)");
  const scoreLoss = landscape("log(1 + exp(-t))");
  for (const p of [1e-6, 0.01, 0.05, 0.1, 0.5, 0.9, 0.999]) {
    const t = Math.log(p / (1 - p));
    close(scoreLoss.at(t), logLoss.at(p), 1e-9, `loss at p = ${p}`);
    close(scoreLoss.gradient(t)[0]!, p - 1, 1e-9, `slope against t at p = ${p}`);
    ok(Math.abs(scoreLoss.gradient(t)[0]!) <= 1);
  }
  // "about one more unit of loss for each unit the score is wrong"
  close(scoreLoss.at(-30) - scoreLoss.at(-20), 10, 1e-8, "loss from t = −20 to −30");
  // Against a weight with t = w·x: (p − 1)·x.
  const x = 2.5;
  const weighted = landscape(`log(1 + exp(-${x} * w))`);
  for (const w of [-3, -1, 0, 2]) {
    const p = 1 / (1 + Math.exp(-x * w));
    close(weighted.gradient(w)[0]!, (p - 1) * x, 1e-9, `slope against w at ${w}`);
  }
  // The table the chapter shows beside it.
  const code = cellWith('"slope p − 1 against t"', "code");
  says(code, 'landscape("log(1 + exp(-t))"');
});

Deno.test("chapter 02: the three regression bottoms agree near 0.021; cross-entropy's is near 5 and its wrong side straightens", () => {
  const cell = cellWith("The three regression losses agree");
  const [a, b, c] = [bottom("mse"), bottom("mae"), bottom("huber")];
  for (const w of [a, b, c]) strictEqual(w.toFixed(3), "0.021");
  says(cell, "$w$ is about 0.021");
  ok(new Set([a, b, c]).size === 3, "not exactly");
  ok(Math.min(a, b) < c && c < Math.max(a, b), "Huber sits in between");
  const ce = gentooLoss.curve({ x: [-2, 10], n: 4001 });
  strictEqual(ce.argmin.toFixed(0), "5");
  says(cell, "its bottom near $w \\approx 5$");
  // Steadily climbing on the wrong side, more and more like a straight line,
  // never steeper than the average |z| (the push p − 1 times z).
  const meanAbsZ = z.reduce((s, v) => s + Math.abs(v), 0) / z.length;
  const ws = [-40, -20, -10, -5, -2, -1, 0];
  const slopes = ws.map((w) => gentooLoss.gradient(w)[0]!);
  for (let k = 1; k < slopes.length; k++) ok(slopes[k - 1]! < slopes[k]! && slopes[k]! < 0);
  ok(slopes.every((s) => Math.abs(s) <= meanAbsZ), `${slopes} against ${meanAbsZ}`);
  ok(Math.abs(slopes[0]! - slopes[1]!) < 0.01 * Math.abs(slopes[1]!), "straight far out");
});

Deno.test("chapter 02: the edit-me cells are marked, say what to re-run, and link the next notebook", () => {
  const all = cells.map((c) => c.source).join("\n");
  ok(!all.includes("← edit me"), "old marker style");
  const huber = cellWith("const delta = 1;", "code");
  says(huber, "const delta = 1; // ✏️ EDIT ME");
  says(huber, "re-run this cell and the next two code cells");
  says(
    cellWith("You can change Huber's threshold"),
    "re-run that cell and the two code cells after it",
  );
  const yours = cellWith("const yourLoss", "code");
  for (const line of ["const yourLoss", "x: [", "tangents: ["]) {
    ok(
      yours.split("\n").some((l) => l.includes(line) && l.includes("// ✏️ EDIT ME")),
      `unmarked: ${line}`,
    );
  }
  says(cellWith("You can change Huber's threshold"), "denoland/deno#24491");
  says(cellWith("You can change Huber's threshold"), "well under a minute");
  const next = cellWith("## What we saw");
  says(next, "(03-from-loss-to-landscape.ipynb)");
  ok(!/\]\([^)]*\.html\)/.test(all), "links .ipynb, not .html");
});

Deno.test("chapter 02: the exercise answers, recomputed", () => {
  const cell = cellWith("## Exercises");
  const questions = cell.match(/^\*\*\d\. /gm) ?? [];
  ok(questions.length >= 3 && questions.length <= 5);
  strictEqual(
    (cell.match(/<details><summary>Answer<\/summary>\n\n[\s\S]*?\n\n<\/details>/g) ?? []).length,
    questions.length,
  );
  // 1. Heavier penguins.
  const w = leastSquaresThroughOrigin(flipper, mass);
  const heavier = leastSquaresThroughOrigin(flipper, mass.map((m) => 1.1 * m));
  close(heavier / w, 1.1, 1e-12, "10 % higher");
  says(cell, `from ${w.toFixed(5)} to ${heavier.toFixed(5)} kg per mm`);
  const bowl = lineFitLoss(flipper, mass, { intercept: false });
  const heavierBowl = lineFitLoss(flipper, mass.map((m) => 1.1 * m), { intercept: false });
  close(heavierBowl.hessian(0)[0]![0]!, bowl.hessian(0)[0]![0]!, 1e-9, "the same width");
  // 2. How hard is the push at p = 0.01?
  const logLoss = landscape("-log(p)");
  const scoreLoss = landscape("log(1 + exp(-t))");
  strictEqual(logLoss.gradient(0.01)[0]!.toFixed(6), "-100.000000");
  says(cell, "$-1/p = -100$");
  says(cell, `$p - 1 = ${scoreLoss.gradient(Math.log(0.01 / 0.99))[0]!.toFixed(2)}$`);
  says(cell, `$-\\ln 0.01 \\approx ${logLoss.at(0.01).toFixed(2)}$`);
  // 3. Huber's threshold at 0.1.
  const [mse01, mae01, huber1, huber01] = [
    bottom("mse"),
    bottom("mae"),
    bottom("huber", 1),
    bottom("huber", 0.1),
  ];
  ok(Math.abs(huber01 - mae01) < Math.abs(huber1 - mae01), "towards MAE's");
  says(cell, `from ${huber1.toPrecision(4)} to ${huber01.toPrecision(4)}`);
  says(cell, `(MSE's is ${mse01.toPrecision(4)}, MAE's ${mae01.toPrecision(4)})`);
  // 4. Which valley?
  const yours = landscape("w^4 - 3*w^2 + w");
  says(cellWith("const yourLoss", "code"), 'landscape("w^4 - 3*w^2 + w")');
  const end = (from: number) =>
    descend(yours, { from: [from], learningRate: 0.01, steps: 2000 }).points.at(-1)![0]!;
  const right = end(0.4);
  const left = end(-0.4);
  ok(yours.at(left) < yours.at(right), "the left valley is the deeper one");
  says(cell, `ends at $w \\approx ${right.toFixed(2)}$ with loss $${yours.at(right).toFixed(2)}$`);
  says(cell, `at $w \\approx ${left.toFixed(2)}$, goes down to $${yours.at(left).toFixed(2)}$`);
  says(cell, `(slope $${yours.gradient(0.4)[0]!.toFixed(2)}$)`);
  // "two valleys of different depths" in the Your-turn prose
  says(cellWith("## Your turn"), "two valleys of different depths");
  close(yours.gradient(left)[0]!, 0, 1e-6, "left valley");
  close(yours.gradient(right)[0]!, 0, 1e-6, "right valley");
});

Deno.test("chapter 02: MAE's best line has roughly as many penguins above it as below", () => {
  says(cellWith("The three regression losses agree"), "roughly as many penguins above it as below");
  const w = bottom("mae");
  const above = mass.filter((m, i) => m > w * flipper[i]!).length;
  const below = mass.filter((m, i) => m < w * flipper[i]!).length;
  ok(Math.abs(above - below) < 0.1 * rows.length, `${above} above, ${below} below`);
});

Deno.test("chapter 02: 333 penguins, as the prose says", () => {
  strictEqual(rows.length, 333);
  says(cellWith("## Penguins on a line"), "Take the 333 Palmer penguins with every measurement");
  says(cellWith("## Squaring errors makes a bowl"), "the average of 333 such parabolas");
});
