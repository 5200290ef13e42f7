// The key claims of notebook 03, "From loss to landscape", as tests of the
// lib functions it uses (same data, models, ranges and settings as the chapter).
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { penguins } from "../lib/data/penguins.ts";
import { descend } from "../lib/landscape/descend.ts";
import { eigen2 } from "../lib/landscape/eigen.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { leastSquaresLine } from "../lib/data/least_squares.ts";
import { lineFitLoss } from "../lib/data/line_fit_loss.ts";
import { standardize, unstandardizeLine } from "../lib/data/standardize.ts";
import type { Interval } from "../lib/core/types.ts";
import { contourPlot } from "../lib/plot/contour.ts";
import { bundleOf } from "../lib/plot/show.ts";
import { readNotebook, text } from "./_notebook.ts";

function close(actual: number, expected: number, tol: number, what = "") {
  ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);
}

const rows = penguins({ complete: true });
const flipper = rows.map((r) => r.flipperLengthMm);
const mass = rows.map((r) => r.bodyMassG / 1000);
const scale = standardize(flipper);
const z = scale.values;
const STANDARDIZED = { x: [-3, 4] as Interval, y: [0.5, 7.5] as Interval };
const RAW = { x: [0, 0.1] as Interval, y: [-16, 4] as Interval };

/** The largest curvature of a line's MSE (it is the same everywhere). */
function largestCurvature(x: ArrayLike<number>): number {
  return Math.max(...eigen2(lineFitLoss(x, mass).hessian(0, 0)).values);
}

Deno.test("chapter 03: the article's bowl on a 100 × 100 grid has its lowest sample next to (0, 0)", () => {
  const g = landscape("w1^2 + w2^2").grid({ x: [-5, 5], y: [-5, 5], n: 100 });
  deepStrictEqual([g.nx, g.ny], [100, 100]);
  const step = 10 / 99;
  ok(Math.abs(g.argmin[0]) <= step / 2 + 1e-12 && Math.abs(g.argmin[1]) <= step / 2 + 1e-12);
  close(g.max, 50, 1e-12);
});

Deno.test("chapter 03: the least-squares line is the argmin of the MSE grid within one grid step", () => {
  for (const [x, domain] of [[z, STANDARDIZED], [flipper, RAW]] as const) {
    const { slope, intercept } = leastSquaresLine(x, mass);
    const g = lineFitLoss(x, mass).grid({ ...domain, n: 100 });
    ok(Math.abs(g.argmin[0] - slope) <= g.xs[1]! - g.xs[0]!, `slope ${g.argmin[0]} vs ${slope}`);
    ok(
      Math.abs(g.argmin[1] - intercept) <= g.ys[1]! - g.ys[0]!,
      `b ${g.argmin[1]} vs ${intercept}`,
    );
  }
});

Deno.test("chapter 03: the hiker walks downhill every step and ends at the least-squares line", () => {
  const fit = lineFitLoss(z, mass);
  const run = descend(fit, { from: [-2.5, 1.5], learningRate: 0.1, steps: 30 });
  strictEqual(run.diverged, false);
  for (let k = 1; k < run.values.length; k++) ok(run.values[k]! < run.values[k - 1]!, `step ${k}`);
  const { slope, intercept } = leastSquaresLine(z, mass);
  const [m, b] = run.points.at(-1)!;
  close(m!, slope, 0.01, "slope");
  close(b!, intercept, 0.01, "intercept");
  ok(run.values.at(-1)! - fit.at(slope, intercept) < 1e-4);
});

Deno.test("chapter 03: fitted to the standardized feature, the line is the raw least-squares line", () => {
  const back = unstandardizeLine(leastSquaresLine(z, mass), scale);
  const raw = leastSquaresLine(flipper, mass);
  close(back.slope, raw.slope, 1e-12, "slope");
  close(back.intercept, raw.intercept, 1e-10, "intercept");
});

Deno.test("chapter 03: standardizing the feature turns a narrow valley into a round bowl", () => {
  const ratio = (x: ArrayLike<number>) => {
    const [a, b] = eigen2(lineFitLoss(x, mass).hessian(0, 0)).values;
    return Math.max(a!, b!) / Math.min(a!, b!);
  };
  close(ratio(z), 1, 1e-9, "standardized");
  ok(ratio(flipper) > 1e6, `raw: ${ratio(flipper)}`);
});

Deno.test("chapter 03: gradient descent needs far fewer steps on the standardized problem", () => {
  // Each problem gets the classic learning rate 1 / (largest curvature), and
  // the same start relative to its least-squares line.
  const stepsToFit = (x: ArrayLike<number>) => {
    const l = lineFitLoss(x, mass);
    const { slope, intercept } = leastSquaresLine(x, mass);
    const best = l.at(slope, intercept);
    const learningRate = 1 / largestCurvature(x);
    const run = descend(l, { from: [slope + 0.04, intercept + 4], learningRate, steps: 5000 });
    const k = run.values.findIndex((v) => v - best < 0.01 * best);
    return k === -1 ? Infinity : k;
  };
  const standardized = stepsToFit(z);
  ok(standardized <= 2, `standardized took ${standardized} steps`);
  strictEqual(stepsToFit(flipper), Infinity);
});

Deno.test("chapter 03: in the raw canyon no optimizer is within 1% in 3000 steps; momentum helps a little, more with μ = 0.99; Adam gets by far the closest", () => {
  const raw = lineFitLoss(flipper, mass);
  const best = leastSquaresLine(flipper, mass);
  const bestLoss = raw.at(best.slope, best.intercept);
  const start = unstandardizeLine({ slope: -2.5, intercept: 1.5 }, scale);
  const limit = 2 / largestCurvature(flipper);
  const run = (
    o: { optimizer: "gd" | "momentum" | "adam"; learningRate: number; momentum?: number },
  ) => descend(raw, { from: [start.slope, start.intercept], steps: 3000, ...o }).values[3000]!;
  const gdSmall = run({ optimizer: "gd", learningRate: limit / 10 });
  const gd = run({ optimizer: "gd", learningRate: 0.95 * limit });
  const momentum9 = run({ optimizer: "momentum", learningRate: 0.95 * limit, momentum: 0.9 });
  const momentum99 = run({ optimizer: "momentum", learningRate: 0.95 * limit, momentum: 0.99 });
  const adam = run({ optimizer: "adam", learningRate: 0.05 });
  for (const v of [gdSmall, gd, momentum9, momentum99, adam]) ok(v - bestLoss >= 0.01 * bestLoss);
  ok(momentum9 < gd && momentum99 < momentum9, `${gd} > ${momentum9} > ${momentum99}`);
  ok(gd / momentum9 < 1.1, "momentum 0.9 helps only a little");
  // "By far the closest": Adam's gap to the best MSE is under a tenth of any other's,
  // yet it ends "well above the best MSE" (more than 50 % above).
  for (const v of [gdSmall, gd, momentum9, momentum99]) ok((adam - bestLoss) < (v - bestLoss) / 10);
  ok(adam > 1.5 * bestLoss);
});

// ── The chapter's prose and exercise answers, against what the library computes ──

const NOTEBOOK = new URL("../notebooks/03-from-loss-to-landscape.ipynb", import.meta.url);
const cells = (await readNotebook(NOTEBOOK.pathname)).cells;

/** The one cell of a kind whose text contains `needle`. */
function cell(kind: "markdown" | "code", needle: string): string {
  const found = cells.filter((c) => c.cell_type === kind && text(c.source).includes(needle));
  strictEqual(found.length, 1, `${found.length} ${kind} cells contain ${JSON.stringify(needle)}`);
  return text(found[0]!.source);
}

/** The groups of `pattern` in `source`, failing with the pattern when it does not occur. */
function groups(source: string, pattern: RegExp): string[] {
  const m = source.match(pattern);
  ok(m, `${pattern} does not occur in:\n${source}`);
  return m.slice(1);
}

/** A number as prose writes it: thin spaces (`\,`), spaces and commas dropped, − as -. */
function prose(s: string): number {
  return Number(s.replace(/\\,|[ ,]/g, "").replace(/−/g, "-"));
}

/** `v` as the chapter prints it outside maths: toFixed with a real minus sign. */
function fixed(v: number, digits: number): string {
  return v.toFixed(digits).replace("-", "−");
}

const fit = lineFitLoss(z, mass);
const raw = lineFitLoss(flipper, mass);
const best = leastSquaresLine(z, mass);
const bestLoss = fit.at(best.slope, best.intercept);
const rawBest = leastSquaresLine(flipper, mass);
const rawStart = unstandardizeLine({ slope: -2.5, intercept: 1.5 }, scale);
const rawEigen = eigen2(raw.hessian(0, 0));
const rawLimit = 2 / rawEigen.values[1];
const mean = (f: (i: number) => number) => {
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += f(i);
  return s / rows.length;
};

Deno.test("chapter 03 prose: 333 penguins, 20 contour levels, the expression and the bottom of the bowl", () => {
  strictEqual(rows.length, 333);
  ok(cell("markdown", "# 03 — From loss to landscape").includes(`${rows.length} penguins`));
  // The bowl's contour map (contourPlot's default levels) says how many levels it drew.
  const bowl = landscape("w1^2 + w2^2").grid({ x: [-5, 5], y: [-5, 5], n: 100 });
  const levels = groups(
    String(bundleOf(contourPlot(bowl, {}))["text/plain"]),
    /in (\d+) levels/,
  )[0]!;
  ok(cell("markdown", "The circles are evenly spaced").includes(`(${levels} levels)`));

  // L(m, b) = m² − 2·mean(z·y)·m + (b − ȳ)² + var(y), since z has mean 0 and variance 1.
  const yBar = mean((i) => mass[i]!);
  const twoZY = 2 * mean((i) => z[i]! * mass[i]!);
  const varY = mean((i) => (mass[i]! - yBar) ** 2);
  const [a, c, d] = groups(
    cell("markdown", "The 1.000 is exactly 1"),
    /L\(m, b\) = m\^2 - ([\d.]+)\\,m \+ \(b - ([\d.]+)\)\^2 \+ ([\d.]+)\$/,
  );
  deepStrictEqual([a, c, d], [twoZY.toFixed(3), yBar.toFixed(3), varY.toFixed(3)]);
  // The code cell's rounding of fit.expr shows the same numbers, and 1.000 and 0.000.
  const rounding = groups(
    cell("code", "String(fit.expr).replace("),
    /String\(fit\.expr\)\.replace\((\/.*\/g),/,
  )[0]!;
  const pattern = new RegExp(rounding.slice(1, -2), "g");
  strictEqual(
    String(fit.expr).replace(pattern, (s) => Number(s).toFixed(3)),
    `1.000 * m^2 - ${a} * m + (0.000 * m + b - ${c})^2 + ${d}`,
  );

  const [sd, slope, average] = groups(
    cell("markdown", "In kilograms per standard deviation of flipper"),
    /one standard deviation \((\d+) mm\) longer than average is, on this line, about ([\d.]+) kg heavier; an average penguin weighs ([\d.]+) kg/,
  );
  deepStrictEqual([sd, slope, average], [
    scale.std.toFixed(0),
    best.slope.toFixed(2),
    yBar.toFixed(2),
  ]);
  close(best.intercept, yBar, 1e-12, "the intercept is the average mass");
});

Deno.test("chapter 03 prose: each step of η = 0.1 covers a fifth of the remaining distance", () => {
  ok(
    cell("markdown", "The bowl is round").includes(
      "Each step covers a fifth of the remaining distance",
    ),
  );
  const run = descend(fit, { from: [-2.5, 1.5], learningRate: 0.1, steps: 30 });
  for (let k = 1; k <= 30; k++) {
    const [m0, b0] = run.points[k - 1]!;
    const [m1, b1] = run.points[k]!;
    close((m1! - best.slope) / (m0! - best.slope), 0.8, 1e-9, `slope, step ${k}`);
    close((b1! - best.intercept) / (b0! - best.intercept), 0.8, 1e-9, `intercept, step ${k}`);
  }
});

Deno.test("chapter 03 prose: your own function's hiker settles in a small dip, not the deepest valley", () => {
  const source = cell("code", "const myLoss = ");
  ok(
    source.includes("Math.log(1 + (w1 - 1) ** 2 + 4 * (w2 + 0.5) ** 2) + 0.3 * Math.sin(3 * w1);"),
  );
  ok(source.includes("descend(mine, { from: [-2.5, 2], learningRate: 0.1, steps: 60 })"));
  const mine = myLandscape();
  const walk = descend(mine, { from: [-2.5, 2], learningRate: 0.1, steps: 60 });
  const deepest = mine.grid({ x: [-3, 3], y: [-3, 3] }).min;
  ok(walk.values[60]! > deepest + 2, `${walk.values[60]} vs ${deepest}`);
  // Ten times as many steps end in the same dip.
  const longer = descend(mine, { from: [-2.5, 2], learningRate: 0.1, steps: 600 });
  ok(Math.abs(longer.points[600]![0]! - walk.points[60]![0]!) < 0.05);
});

function myLandscape() {
  return landscape(
    (w1: number, w2: number) =>
      Math.log(1 + (w1 - 1) ** 2 + 4 * (w2 + 0.5) ** 2) + 0.3 * Math.sin(3 * w1),
    { vars: ["w1", "w2"] },
  );
}

Deno.test("chapter 03 prose: the canyon's Hessian, its curvature ratio and its learning-rate limit", () => {
  const hessianText = cell("markdown", "Their curvature is the Hessian");
  const [x2, xBar] = groups(
    hessianText,
    /\\overline\{x\^2\} \\approx ([\d\\,]+)\$ mm² and \$\\bar x \\approx (\d+)\$ mm/,
  );
  const meanX2 = mean((i) => flipper[i]! ** 2);
  strictEqual(prose(x2!), Number(meanX2.toPrecision(3)));
  strictEqual(prose(xBar!), Math.round(scale.mean));
  // "tens of thousands of times more sensitive to the slope than to the intercept"
  const h = raw.hessian(0, 0);
  const sensitivity = h[0]![0]! / h[1]![1]!;
  ok(hessianText.includes("tens of thousands of times more sensitive"));
  ok(sensitivity >= 1e4 && sensitivity < 1e5, `${sensitivity}`);
  const [ratio] = groups(hessianText, /about ([\d.]+) million for the canyon/);
  strictEqual(ratio, (rawEigen.values[1] / rawEigen.values[0] / 1e6).toFixed(1));

  const limitText = cell("markdown", "Send the hiker down both");
  const [largest, limit, rate] = groups(
    limitText,
    /but \$2\/([\d\\,]+) \\approx ([\d.]+)\\times10\^\{-5\}\$ for the canyon.*\\eta \\approx ([\d.]+)\\times 10\^\{-6\}\$ for the raw problem/,
  );
  strictEqual(prose(largest!), Math.round(rawEigen.values[1]));
  strictEqual(Number(`${limit}e-5`), Number(rawLimit.toPrecision(2)));
  strictEqual(Number(`${rate}e-6`), Number((rawLimit / 10).toPrecision(2)));
});

Deno.test("chapter 03 prose: in the canyon the hiker reaches the floor in about ten steps, then almost stops, far from the best line", () => {
  ok(
    cell("markdown", "In the canyon it slides").includes("to the canyon floor in about ten steps"),
  );
  ok(cell("markdown", "After 3000 steps the raw hiker").includes("still far from the best line"));
  const run = descend(raw, {
    from: [rawStart.slope, rawStart.intercept],
    learningRate: rawLimit / 10,
    steps: 3000,
  });
  const end = run.values[3000]!;
  const floor = run.values.findIndex((v) => v - end < 0.01 * end);
  strictEqual(Math.round(floor / 10), 1, `the floor (within 1% of the end) at step ${floor}`);
  ok(run.values[30]! - end < 0.001 * end, "almost stops after step 30");
  const rawBestLoss = raw.at(rawBest.slope, rawBest.intercept);
  ok(end > 10 * rawBestLoss, `${end} vs ${rawBestLoss}`);
  ok(Math.abs(run.points[3000]![0]! - rawBest.slope) > 0.1, "the slope is far off");
});

Deno.test("chapter 03 prose: past the canyon's limit the loss grows every step, faster further past; just below, the path bounces between the walls", () => {
  ok(
    cell("markdown", "Try it yourself. The explorer below").includes(
      "Slide the learning rate past it and the loss grows with every step instead of shrinking, the faster the further past; stay just below it and the path bounces between the walls.",
    ),
  );
  const walk = (factor: number) =>
    descend(raw, {
      from: [rawStart.slope, rawStart.intercept],
      learningRate: factor * rawLimit,
      steps: 300, // the explorer's steps
    });
  let previous = 0;
  for (const factor of [1.01, 1.05, 1.2, 2]) {
    const { values } = walk(factor);
    for (let k = 1; k < values.length; k++) ok(values[k]! > values[k - 1]!, `${factor}, step ${k}`);
    ok(values[30]! > previous, `faster further past: ${factor}`);
    previous = values[30]!;
  }
  // Just below the limit: across the canyon (along the steepest direction),
  // the offset from the best line changes sign at every step.
  const [vm, vb] = rawEigen.vectors[1];
  for (const factor of [0.95, 0.99]) {
    const across = walk(factor).points.map(([m, b]) =>
      (m! - rawBest.slope) * vm + (b! - rawBest.intercept) * vb
    );
    for (let k = 1; k <= 50; k++) ok(across[k]! * across[k - 1]! < 0, `${factor}, step ${k}`);
  }
});
