import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { catalog } from "../lib/landscape/catalog.ts";
import { descend } from "../lib/landscape/descend.ts";
import { lossCurve } from "../lib/landscape/loss_curve.ts";

Deno.test("lossCurve() of a descent puts the loss after step k at x = k", () => {
  const run = descend(catalog.rosenbrock.landscape, {
    from: [-1.5, 2.5],
    learningRate: 1e-3,
    steps: 50,
  });
  const curve = lossCurve(run);
  strictEqual(curve.xs.length, 51);
  deepStrictEqual([...curve.values], run.values);
  strictEqual(curve.xs[50], 50);
  strictEqual(curve.min, Math.min(...run.values));
  strictEqual(curve.values[curve.argmin], curve.min);
});

Deno.test("lossCurve() of a single loss is one point", () => {
  const curve = lossCurve([3]);
  deepStrictEqual([curve.min, curve.max, curve.argmin, curve.xs.length], [3, 3, 0, 1]);
});

Deno.test("lossCurve() ignores non-finite losses in min, max and argmin but keeps them", () => {
  const curve = lossCurve([NaN, 2, Infinity, 1]);
  deepStrictEqual([curve.min, curve.max, curve.argmin], [1, 2, 3]);
  ok(Number.isNaN(curve.values[0]!));
});

Deno.test("lossCurve() rejects no losses and non-numbers", () => {
  throws(() => lossCurve([]), RangeError);
  throws(() => lossCurve({ values: ["1"] } as never), TypeError);
  throws(() => lossCurve(null as never), TypeError);
});
