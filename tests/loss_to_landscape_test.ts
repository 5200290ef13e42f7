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
import { readNotebook, stopNoteLacks, text } from "./_notebook.ts";

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

// ── Exercises: every number in an answer is what the exercise's code computes ──

Deno.test("chapter 03 exercise 1: the steps to within 1% for η = 0.25, 0.5, 0.75 and 0.9, and η = 1.2 flies off", () => {
  const exercise = cell("markdown", "**1. Longer steps on the round bowl.**");
  const walk = (eta: number) => descend(fit, { from: [-2.5, 1.5], learningRate: eta, steps: 3000 });
  const within = (values: number[]) => values.findIndex((v) => v - bestLoss < 0.01 * bestLoss);
  // "With η = 0.1 the hiker needed 21 steps" (the chapter's 3000-step table).
  const [needed] = groups(exercise, /With \$\\eta = 0\.1\$ the hiker needed (\d+) steps/);
  strictEqual(Number(needed), within(walk(0.1).values));
  const rows = [...exercise.matchAll(/^\| ([\d.]+) \| × (−?[\d.]+) \| (\d+) \|$/gm)];
  deepStrictEqual(rows.map((r) => r[1]), ["0.25", "0.5", "0.75", "0.9"]);
  for (const [, eta, factor, steps] of rows) {
    const run = walk(Number(eta));
    const [m0] = run.points[0]!;
    const [m1] = run.points[1]!;
    close((m1! - best.slope) / (m0! - best.slope), prose(factor!), 1e-9, `factor at η = ${eta}`);
    strictEqual(within(run.values), Number(steps), `steps at η = ${eta}`);
  }
  ok(exercise.includes("Above $\\eta = 1$ the factor is larger than 1 in size"));
  const tooLong = walk(1.2).values;
  for (let k = 1; k <= 30; k++) ok(tooLong[k]! > tooLong[k - 1]!, `η = 1.2, step ${k}`);
});

Deno.test("chapter 03 exercise 2: the canyon's curvature ratio in mm, cm, m, centred and standardized", () => {
  ok(cell("markdown", "**2. Is it only the units?**").includes("8.4 million times"));
  const source = cell("code", "const yourFeature = flipper;");
  ok(/const yourFeature = flipper; \/\/ ✏️ EDIT ME/.test(source));
  const features: Record<string, ArrayLike<number>> = {
    "flipper": flipper,
    "flipper.map((x) => x / 10)": flipper.map((x) => x / 10),
    "flipper.map((x) => x / 1000)": flipper.map((x) => x / 1000),
    "flipper.map((x) => x - scale.mean)": flipper.map((x) => x - scale.mean),
    "z": z,
  };
  // As the exercise's cell prints the ratio.
  const digits = (v: number, n: number) =>
    v.toLocaleString("en-US", { maximumSignificantDigits: n });
  ok(source.includes("${digits(steepest / flattest, 3)}"));
  const answer = cell("markdown", "| millimetres | `flipper` |");
  const rows = [...answer.matchAll(/^\| [^|]+ \| `([^`]+)` \| ([\d,]+) \|$/gm)];
  deepStrictEqual(rows.map((r) => r[1]), Object.keys(features));
  const ratios = new Map<string, number>();
  for (const [, feature, printed] of rows) {
    const [flattest, steepest] =
      eigen2(lineFitLoss(features[feature!]!, mass).hessian(0, 0)).values;
    ratios.set(feature!, steepest / flattest);
    strictEqual(printed, digits(steepest / flattest, 3), feature);
  }
  const centred = digits(ratios.get("flipper.map((x) => x - scale.mean)")!, 3);
  ok(answer.includes(`leaves one direction ${centred} times more curved`));
  ok(answer.includes(`about ${(scale.mean / 10).toFixed(0)} cm`));
  // "In metres the slope even becomes the flat direction."
  const metres = eigen2(lineFitLoss(features["flipper.map((x) => x / 1000)"]!, mass).hessian(0, 0));
  ok(
    Math.abs(metres.vectors[0][0]) > Math.abs(metres.vectors[0][1]),
    "the flattest direction is mostly slope",
  );
  const mm = rawEigen.vectors[0];
  ok(Math.abs(mm[0]) < Math.abs(mm[1]), "in mm the flattest direction is mostly intercept");
});

Deno.test("chapter 03 exercise 3: more steps stay in the dip; another start reaches the deepest valley", () => {
  const answer = cell("markdown", "**3. Edit me: out of the small dip.**");
  const mine = myLandscape();
  const longer = descend(mine, { from: [-2.5, 2], learningRate: 0.1, steps: 600 });
  const [w1] = longer.points[600]!;
  ok(
    answer.includes(
      `it ends at $w_1 = ${w1!.toFixed(2)}$ with loss ${fixed(longer.values[600]!, 2)}`,
    ),
  );
  const other = descend(mine, { from: [2.5, 2], learningRate: 0.1, steps: 60 });
  const [a, b] = other.points[60]!;
  ok(answer.includes(
    `it ends at $(${a!.toFixed(2)}, ${b!.toFixed(2)})$ with loss ${fixed(other.values[60]!, 2)}`,
  ));
  const grid = mine.grid({ x: [-3, 3], y: [-3, 3] });
  ok(answer.includes(`the lowest point of the 100 × 100 grid has loss ${fixed(grid.min, 2)}`));
  deepStrictEqual([grid.nx, grid.ny], [100, 100]);
});

Deno.test("chapter 03 exercise 4: a 200 × 200 grid halves the step and gets closer, not exact", () => {
  const answer = cell("markdown", "**4. A finer grid.**");
  const coarse = fit.grid({ x: [-3, 4], y: [0.5, 7.5], n: 100 });
  const fine = fit.grid({ x: [-3, 4], y: [0.5, 7.5], n: 200 });
  const step = (g: typeof fine) => g.xs[1]! - g.xs[0]!;
  ok(answer.includes(`to within one grid step, ${step(coarse).toFixed(3)}`));
  ok(answer.includes(
    `7 / 199 ≈ ${step(fine).toFixed(3)} instead of 7 / 99 ≈ ${step(coarse).toFixed(3)}`,
  ));
  const [m, b] = fine.argmin;
  ok(answer.includes(
    `at $m = ${m.toFixed(3)}$, $b = ${b.toFixed(3)}$, with MSE ${fine.min.toFixed(4)}`,
  ));
  ok(answer.includes(
    `against $m = ${best.slope.toFixed(3)}$, $b = ${best.intercept.toFixed(3)}$ and ${
      bestLoss.toFixed(4)
    } for the least-squares line`,
  ));
  ok(Math.abs(m - best.slope) < Math.abs(coarse.argmin[0] - best.slope), "closer");
  ok(fine.min > bestLoss, "not exact");
});

// ── The article's way: the numpy and matplotlib code shown beside surface3d ──

const INSTALL = "install Debian's python3-matplotlib (apt-get install python3-matplotlib)";

/** Debian's python3 (or the first on PATH) that imports numpy and matplotlib. */
async function pythonWithMatplotlib(): Promise<string> {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      const probe = await new Deno.Command(python, {
        args: ["-c", "import numpy, matplotlib"],
        stdout: "null",
        stderr: "null",
      }).output();
      if (probe.success) return python;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  throw new Error(
    `Chapter 03's matplotlib code needs python3 with numpy and matplotlib: ${INSTALL}`,
  );
}

Deno.test("chapter 03: the article's numpy and matplotlib code runs (Agg) and draws the figure our surface3d cell draws", async () => {
  const block = groups(
    cell("markdown", "### The same figure, the article's way"),
    /```python\n([\s\S]*?)\n```/,
  )[0]!;
  ok(block.includes("plot_surface") && block.includes("np.meshgrid"));
  const python = await pythonWithMatplotlib();
  const png = await Deno.makeTempFile({ suffix: ".png" });
  try {
    const script = [
      "import json, sys, warnings",
      "import matplotlib",
      'matplotlib.use("Agg")',
      // plt.show() under Agg only warns that it cannot open a window.
      'warnings.filterwarnings("ignore", message=".*non-interactive.*")',
      'warnings.filterwarnings("ignore", message=".*cannot show the figure.*")',
      block,
      "fig = plt.gcf()",
      "ax3d, bar = fig.axes",
      "mesh = ax3d.collections[0]",
      "w, h = fig.get_size_inches()",
      "fig.savefig(sys.argv[1])",
      "bar_box, ax_box = bar.get_position(), ax3d.get_position()  # as drawn",
      "print(json.dumps({",
      '  "inches": [float(w), float(h)], "projection": ax3d.name,',
      '  "title": ax3d.get_title(), "x": ax3d.get_xlabel(), "y": ax3d.get_ylabel(),',
      '  "z": ax3d.get_zlabel(), "colorbar": bar.get_ylabel(), "cmap": mesh.get_cmap().name,',
      '  "edges": len(mesh.get_edgecolor()),',
      '  "shrink": bar_box.height / ax_box.height,',
      '  "aspect": (bar_box.height * h) / (bar_box.width * w),',
      '  "shape": list(loss.shape), "w1": w1.tolist(),',
      '  "min": float(loss.min()), "max": float(loss.max()),',
      "}))",
    ].join("\n");
    const out = await new Deno.Command(python, {
      args: ["-c", script, png],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    ok(out.success, `the Python code failed:\n${stderr}`);
    strictEqual(stderr.trim(), "", "the Python code printed warnings");
    const facts = JSON.parse(new TextDecoder().decode(out.stdout));

    // The figure's facts, as the chapter states them.
    deepStrictEqual(facts.inches, [10, 7]);
    strictEqual(facts.projection, "3d");
    strictEqual(facts.cmap, "viridis");
    strictEqual(facts.edges, 0, "no edge lines");
    close(facts.shrink, 0.5, 1e-9, "colour bar at half height");
    close(facts.aspect, 5, 1e-9, "colour bar aspect");

    // The same title, labels and colour bar as our surface3d cell.
    const ours = cell("code", "await show(surface3d(bowlGrid, {");
    const option = (key: string) => groups(ours, new RegExp(`\\b${key}: "([^"]*)"`))[0];
    deepStrictEqual(
      [facts.title, facts.x, facts.y, facts.z, facts.cmap, facts.colorbar],
      [
        option("title"),
        option("xLabel"),
        option("yLabel"),
        option("zLabel"),
        option("colormap"),
        option("label"),
      ],
    );
    ok(ours.includes('colorbar: { label: "Loss Value", shrink: 0.5, aspect: 5 }'));

    // The same 100 × 100 losses as our grid.
    const bowlCell = cell("code", "const bowl = landscape(");
    ok(bowlCell.includes('landscape("w1^2 + w2^2")'));
    ok(bowlCell.includes(".grid({ x: [-5, 5], y: [-5, 5], n: 100 })"));
    const grid = landscape("w1^2 + w2^2").grid({ x: [-5, 5], y: [-5, 5], n: 100 });
    deepStrictEqual(facts.shape, [grid.ny, grid.nx]);
    facts.w1.forEach((v: number, i: number) => close(v, grid.xs[i]!, 1e-12, `w1[${i}]`));
    close(facts.min, grid.min, 1e-12, "lowest loss");
    close(facts.max, grid.max, 1e-12, "highest loss");

    // A PNG of 10 × 7 inches at matplotlib's 100 dots per inch.
    const bytes = await Deno.readFile(png);
    deepStrictEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    deepStrictEqual([view.getUint32(16), view.getUint32(20)], [1000, 700]);
  } finally {
    await Deno.remove(png);
  }
});

// ── Edit-me cells, the note on stopping a cell, and the exercises' form ──

Deno.test("chapter 03: edit-me lines carry one marker, and the first invitation to edit says stop restarts the kernel", () => {
  const code = cells.filter((c) => c.cell_type === "code").map((c) => text(c.source));
  const all = cells.map((c) => text(c.source)).join("\n");
  ok(!/←\s*(edit|and) me/i.test(all), "an old-style edit-me marker is left");
  const marked = code.flatMap((s) => s.split("\n")).filter((l) => /edit me/i.test(l));
  for (const line of marked) ok(/\/\/ ✏️ EDIT ME\b/.test(line), `marker style: ${line}`);
  for (
    const pattern of [
      /^const expression = "[^"]*"; \/\/ ✏️ EDIT ME$/m,
      /^const range: \[number, number\] = \[[^\]]*\]; \/\/ ✏️ EDIT ME/m,
      /^ {2}Math\.log\(1 \+ [^\n]*; \/\/ ✏️ EDIT ME$/m,
      /^const myWalk = descend\(mine, \{ from: [^\n]*\}\); \/\/ ✏️ EDIT ME$/m,
      /^const yourFeature = flipper; \/\/ ✏️ EDIT ME/m,
    ]
  ) ok(code.some((s) => pattern.test(s)), `not marked: ${pattern}`);
  strictEqual(marked.length, 5, "every edit-me line is one of the five above");
  // The first markdown cell that invites an edit carries the note on the stop button.
  const first = cells.find((c) => c.cell_type === "markdown" && /EDIT ME/.test(text(c.source)))!;
  const note = text(first.source);
  ok(note.startsWith("## Edit me: any landscape"), note);
  deepStrictEqual(stopNoteLacks(note), []);
});

Deno.test("chapter 03: three to five exercises after What we saw, each with a collapsible answer", () => {
  const headings = cells.map((c) => c.cell_type === "markdown" ? text(c.source) : "")
    .map((s) => s.match(/^## (.*)$/m)?.[1] ?? "");
  const saw = headings.findIndex((h) => h === "What we saw");
  const exercises = headings.findIndex((h) => h === "Exercises");
  ok(saw > 0 && exercises > saw, `What we saw at ${saw}, Exercises at ${exercises}`);
  const rest = cells.slice(exercises).map((c) => text(c.source)).join("\n");
  const numbers = [...rest.matchAll(/^\*\*(\d)\. /gm)].map((m) => Number(m[1]));
  deepStrictEqual(numbers, [1, 2, 3, 4]);
  const answers = [
    ...rest.matchAll(/<details><summary>Answer<\/summary>\n\n[\s\S]*?\n\n<\/details>/g),
  ];
  strictEqual(answers.length, numbers.length, "one answer per exercise, blank lines inside");
  strictEqual(rest.split("<details>").length - 1, numbers.length);
});
