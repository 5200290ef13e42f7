import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { catalog } from "../lib/landscape/catalog.ts";
import { criticalPoints } from "../lib/landscape/critical_points.ts";
import { landscape } from "../lib/landscape/landscape.ts";

const himmelblau = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";
const square5 = { x: [-5, 5] as [number, number], y: [-5, 5] as [number, number] };

Deno.test("criticalPoints() finds Himmelblau's 4 minima, 1 maximum and 4 saddles on [-5, 5]²", () => {
  const points = criticalPoints(landscape(himmelblau), square5);
  strictEqual(points.length, 9);
  const count = (kind: string) => points.filter((p) => p.kind === kind).length;
  deepStrictEqual([count("minimum"), count("maximum"), count("saddle")], [4, 1, 4]);
  // Sorted by value: the minima (0) first, the maximum (181.6) last.
  for (let k = 1; k < points.length; k++) ok(points[k - 1]!.value <= points[k]!.value);
  strictEqual(points[8]!.kind, "maximum");
  ok(Math.abs(points[8]!.value - 181.616521523) < 1e-6);
  for (const p of points) {
    ok(Math.hypot(...landscape(himmelblau).gradient(...p.point)) < 1e-9);
    const [lo, hi] = p.eigenvalues;
    ok(lo <= hi);
    strictEqual(p.kind, lo > 0 ? "minimum" : hi < 0 ? "maximum" : "saddle");
  }
});

Deno.test("criticalPoints() is deterministic", () => {
  const l = landscape(himmelblau);
  deepStrictEqual(criticalPoints(l, square5), criticalPoints(l, square5));
});

Deno.test("criticalPoints() keeps only points inside the domain", () => {
  const points = criticalPoints(landscape(himmelblau), { x: [0, 5], y: [0, 5] });
  deepStrictEqual(points.map((p) => p.kind), ["minimum", "saddle", "saddle"]);
  deepStrictEqual(points[0]!.point, [3, 2]);
});

Deno.test("criticalPoints() works on a TypeScript function through central differences", () => {
  const l = landscape((x: number, y: number) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2);
  const points = criticalPoints(l, square5);
  strictEqual(points.length, 9);
  deepStrictEqual(points.map((p) => p.kind).sort(), [
    "maximum",
    "minimum",
    "minimum",
    "minimum",
    "minimum",
    "saddle",
    "saddle",
    "saddle",
    "saddle",
  ]);
});

Deno.test("criticalPoints() calls a flat point degenerate", () => {
  const [monkey] = criticalPoints(catalog.monkeySaddle.landscape, catalog.monkeySaddle.domain);
  strictEqual(monkey!.kind, "degenerate");
  ok(Math.hypot(...monkey!.point) < 1e-6);
  const [cubic] = criticalPoints(catalog.cubic.landscape, catalog.cubic.domain);
  strictEqual(cubic!.kind, "degenerate");
});

Deno.test("criticalPoints() of one weight returns [x] points and the second derivative", () => {
  const points = criticalPoints(landscape("x*cos(pi*x)"), { x: [-3, 3] });
  strictEqual(points.length, 6);
  deepStrictEqual(points.map((p) => p.kind), [
    "minimum",
    "minimum",
    "minimum",
    "maximum",
    "maximum",
    "maximum",
  ]);
  ok(points.every((p) => p.point.length === 1 && p.eigenvalues.length === 1));
  deepStrictEqual(criticalPoints(catalog.line.landscape, catalog.line.domain), []);
});

Deno.test("criticalPoints() rejects a bad domain", () => {
  const l = landscape(himmelblau);
  throws(() => criticalPoints(l, { x: [1, -1], y: [0, 1] }), RangeError);
  throws(() => criticalPoints(l, { x: [0, 1] } as never), TypeError);
  throws(() => criticalPoints(l, square5, { starts: 0 }), {
    message: "Expected starts to be an integer from 1 to 1000 but found 0",
  });
});

Deno.test("Rastrigin has 121 minima on its usual square: the default 24 starts find 97, 36 starts all", () => {
  const { landscape: l, domain } = catalog.rastrigin;
  const minima = (starts?: number) =>
    criticalPoints(l, domain, starts === undefined ? {} : { starts }).filter((p) =>
      p.kind === "minimum"
    ).length;
  strictEqual(minima(), 97);
  strictEqual(minima(36), 121);
});
