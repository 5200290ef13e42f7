import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { convexityMap } from "../lib/landscape/convexity.ts";
import { eigen2 } from "../lib/landscape/eigen.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { mulberry32 } from "../lib/core/random.ts";
import { regionAt } from "../lib/core/regions.ts";

const square = { x: [-5, 5] as [number, number], y: [-5, 5] as [number, number] };
const himmelblau = landscape("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");

Deno.test("convexityMap() of the bowl is convex everywhere, with curvature 2 in every cell", () => {
  const map = convexityMap(landscape("w1^2 + w2^2"), { ...square, n: 30 });
  strictEqual(map.convexFraction, 1);
  ok(map.labels.every((l) => l === 0));
  ok(map.values.every((v) => v === 2) && map.largest.every((v) => v === 2));
  strictEqual(map.min, 2);
  strictEqual(map.nonFinite, 0);
});

Deno.test("convexityMap() of Himmelblau is convex near its minima and not near its maximum", () => {
  const map = convexityMap(himmelblau, { ...square, n: 100 });
  ok(map.convexFraction > 0 && map.convexFraction < 1, `fraction ${map.convexFraction}`);
  for (
    const [x, y] of [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]]
  ) {
    strictEqual(regionAt(map, x!, y!), 0, `minimum (${x}, ${y})`);
  }
  strictEqual(regionAt(map, -0.270845, -0.923039), 1, "the local maximum");
});

Deno.test("convexityMap() of Rastrigin and Ackley is not convex", () => {
  const rastrigin = landscape("20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)");
  const ackley = landscape(
    "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
  );
  ok(convexityMap(rastrigin, { ...square, n: 60 }).convexFraction < 0.75);
  ok(convexityMap(ackley, { ...square, n: 60 }).convexFraction < 0.75);
});

Deno.test("convexityMap() stores the smallest Hessian eigenvalue of each cell centre", () => {
  const map = convexityMap(himmelblau, { x: [-1, 4], y: [0, 3], n: [7, 5] });
  strictEqual(map.values.length, 35);
  for (let j = 0; j < map.ny; j++) {
    for (let i = 0; i < map.nx; i++) {
      const [lo, hi] = eigen2(himmelblau.hessian(map.xs[i]!, map.ys[j]!)).values;
      strictEqual(map.values[i + j * map.nx], lo);
      strictEqual(map.largest[i + j * map.nx], hi);
      strictEqual(map.labels[i + j * map.nx], lo >= 0 ? 0 : 1);
    }
  }
  strictEqual(map.min, Math.min(...map.values));
  strictEqual(map.max, Math.max(...map.values));
});

Deno.test("convexityMap() of a quadratic is convex everywhere exactly when both eigenvalues are ≥ 0", () => {
  const random = mulberry32(11);
  for (let t = 0; t < 40; t++) {
    const [a, b, c] = [random(), random(), random()].map((u) => 4 * u - 2) as [
      number,
      number,
      number,
    ];
    const q = landscape(`${a}*x^2 + ${2 * b}*x*y + ${c}*y^2`);
    const psd = eigen2([[2 * a, 2 * b], [2 * b, 2 * c]]).values[0] >= 0;
    strictEqual(
      convexityMap(q, { ...square, n: 5 }).convexFraction,
      psd ? 1 : 0,
      `${a}, ${b}, ${c}`,
    );
  }
});

Deno.test("convexityMap() sees a function's finite-difference Hessian as convex with a looser tolerance", () => {
  const bowl = landscape((x: number, y: number) => x * x + y * y);
  strictEqual(convexityMap(bowl, { ...square, n: 20, tolerance: 1e-4 }).convexFraction, 1);
});

Deno.test("convexityMap() leaves cells with a non-finite Hessian unlabelled and out of the fraction", () => {
  const map = convexityMap(landscape("-sqrt(x) + y^2"), { x: [-1, 1], y: [-1, 1], n: 10 });
  strictEqual(map.nonFinite, 50);
  strictEqual(map.convexFraction, 1);
  strictEqual(regionAt(map, -0.5, 0), -1);
  strictEqual(regionAt(map, 0.5, 0), 0);
  const nowhere = convexityMap(landscape("sqrt(-1 - x^2) + y"), { x: [-1, 1], y: [-1, 1], n: 4 });
  ok(Number.isNaN(nowhere.convexFraction) && Number.isNaN(nowhere.min));
  deepStrictEqual(nowhere.argmin, [NaN, NaN]);
});

Deno.test("convexityMap() of a 1 × 1 lattice samples the centre of the domain", () => {
  const map = convexityMap(landscape("x^4 + y^2"), { x: [-1, 1], y: [-1, 1], n: 1 });
  deepStrictEqual([...map.xs, ...map.ys], [0, 0]);
  strictEqual(map.values[0], 0);
  strictEqual(map.labels[0], 0);
});

Deno.test("convexityMap() rejects a one-weight landscape and bad options", () => {
  throws(() => convexityMap(landscape("x^2"), square), /two weights/);
  throws(() => convexityMap(himmelblau, { x: [0, 0], y: [0, 1] }), RangeError);
  throws(() => convexityMap(himmelblau, { ...square, n: 0 }), RangeError);
  throws(() => convexityMap(himmelblau, { ...square, tolerance: -1 }), /tolerance/);
  throws(() => convexityMap({} as never, square), TypeError);
});
