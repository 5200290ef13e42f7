// The key claims of notebook 02, "Shapes of loss", as tests of the lib
// functions it uses (same data, models and ranges as the chapter).
import { ok } from "node:assert";
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
