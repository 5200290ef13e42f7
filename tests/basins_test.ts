import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { basinName, basins, labelEnds } from "../lib/landscape/basins.ts";
import { catalog } from "../lib/landscape/catalog.ts";
import { descend } from "../lib/landscape/descend.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { regionAt, regionCounts } from "../lib/core/regions.ts";

const minimaOf = (name: "himmelblau" | "threeHumpCamel") =>
  catalog[name].stationary.filter((s) => s.kind === "minimum").map((s) => s.point);

Deno.test("basins(): every Himmelblau start of a 40 × 40 lattice lands on one of its four minima", () => {
  const { landscape: l, domain } = catalog.himmelblau;
  const map = basins(l, { ...domain, n: 40, minima: minimaOf("himmelblau"), tolerance: 1e-4 });
  const { counts, none } = regionCounts(map);
  strictEqual(none, 0);
  strictEqual(counts.length, 4);
  ok(counts.every((c) => c > 200), `every minimum draws a large basin: ${counts}`);
});

Deno.test("basins() without given minima finds Himmelblau's four, as in the catalog", () => {
  const { landscape: l, domain } = catalog.himmelblau;
  const map = basins(l, { ...domain, n: 20 });
  strictEqual(map.minima.length, 4);
  const known = minimaOf("himmelblau");
  for (const m of map.minima) {
    ok(known.some((k) => Math.hypot(k[0] - m.point[0], k[1] - m.point[1]) < 1e-6), `${m.point}`);
    ok(Math.abs(m.value) < 1e-12);
  }
  deepStrictEqual(map.classes, map.minima.map((m) => basinName(m.point)));
  strictEqual(map.minima.reduce((s, m) => s + m.count, 0), 400);
});

Deno.test("basins(): some three-hump-camel starts end in a worse valley than the global minimum", () => {
  const { landscape: l, domain } = catalog.threeHumpCamel;
  const map = basins(l, { ...domain, n: 30, learningRate: 0.05 });
  strictEqual(map.minima.length, 3);
  const [global, ...local] = map.minima;
  ok(
    Math.abs(global!.value) < 1e-12 && Math.hypot(...global!.point) < 1e-6,
    "the global minimum comes first",
  );
  for (const m of local) {
    ok(m.value > global!.value + 0.29, `a worse valley: ${m.value}`);
    ok(m.count > 0, "some starts end there");
  }
  ok(
    global!.count > local[0]!.count + local[1]!.count,
    "most starts still find the global minimum",
  );
});

Deno.test("basins() of the bowl is one basin covering the whole map", () => {
  const map = basins(catalog.bowl.landscape, { ...catalog.bowl.domain, n: 12, learningRate: 0.1 });
  strictEqual(map.minima.length, 1);
  deepStrictEqual(regionCounts(map), { counts: [144], none: 0 });
  strictEqual(map.classes[0], "minimum (0, 0)");
});

Deno.test("basins() labels each cell by where descend() from its centre ends", () => {
  const { landscape: l, domain } = catalog.himmelblau;
  const map = basins(l, { ...domain, n: 9, learningRate: 0.01, steps: 300 });
  for (const [i, j] of [[0, 0], [4, 4], [8, 1], [2, 7], [6, 6]] as const) {
    const from = [map.xs[i]!, map.ys[j]!];
    const end = descend(l, { from, learningRate: 0.01, steps: 300 }).points.at(-1)!;
    deepStrictEqual(map.ends[i + j * map.nx], end);
    const m = map.minima[map.labels[i + j * map.nx]!]!;
    ok(Math.hypot(end[0]! - m.point[0], end[1]! - m.point[1]) <= 0.01);
    strictEqual(regionAt(map, from[0]!, from[1]!), map.labels[i + j * map.nx]);
  }
});

Deno.test("basins() depends on the optimizer: momentum carries marbles into other basins", () => {
  const { landscape: l, domain } = catalog.threeHumpCamel;
  const gd = basins(l, { ...domain, n: 20, learningRate: 0.01, steps: 1000 });
  const heavy = basins(l, {
    ...domain,
    n: 20,
    optimizer: "momentum",
    learningRate: 0.01,
    steps: 1000,
  });
  ok(gd.labels.some((label, k) => label !== heavy.labels[k]));
});

Deno.test("basins() leaves diverged and unfinished descents unlabelled", () => {
  const steep = landscape("x^4 + y^2");
  const far = basins(steep, { x: [-10, 10], y: [-1, 1], n: [4, 1], learningRate: 0.1, steps: 50 });
  ok(far.ends.some(([x]) => Number.isNaN(x)), "some descents diverge");
  ok(regionCounts(far).none > 0);
  const short = basins(catalog.himmelblau.landscape, { x: [-5, 5], y: [-5, 5], n: 4, steps: 1 });
  strictEqual(regionCounts(short).none, 16);
  strictEqual(short.minima.length, 0);
});

Deno.test("basins() rejects a one-weight landscape and bad options", () => {
  const l = catalog.himmelblau.landscape;
  throws(() => basins(landscape("x^2"), { x: [-1, 1], y: [-1, 1] }), /two weights/);
  throws(() => basins(l, { x: [1, -1], y: [-1, 1] }), RangeError);
  throws(() => basins(l, { x: [-1, 1], y: [-1, 1], n: 0 }), /n to be an integer/);
  throws(() => basins(l, { x: [-1, 1], y: [-1, 1], tolerance: 0 }), /tolerance/);
  throws(() => basins(l, { x: [-1, 1], y: [-1, 1], minima: [[0, NaN]] }), /minima/);
  throws(() => basins(l, { x: [-1, 1], y: [-1, 1], learningRate: -1 }), RangeError);
});

Deno.test("labelEnds() groups ends, keeps the minima and orders them by loss, then x and y", () => {
  const wells = landscape("(x^2 - 1)^2 + y^2 + 0.1*x");
  const left = descend(wells, { from: [-2, 1], learningRate: 0.05, steps: 400 }).points.at(-1)!;
  const right = descend(wells, { from: [2, 1], learningRate: 0.05, steps: 400 }).points.at(-1)!;
  const { labels, minima } = labelEnds(wells, [right, left, right, [NaN, 0]]);
  deepStrictEqual([...labels], [1, 0, 1, -1]);
  ok(minima[0]!.point[0] < 0 && minima[0]!.value < minima[1]!.value, "the lower, left well first");
  deepStrictEqual(minima.map((m) => m.count), [1, 2]);

  const twins = landscape("(x^2 - 1)^2 + y^2");
  deepStrictEqual(labelEnds(twins, [[1, 0], [-1, 0]]).minima.map((m) => m.point), [[-1, 0], [
    1,
    0,
  ]]);
});

Deno.test("labelEnds() drops ends that stopped at a saddle or on a slope", () => {
  const l = landscape("(x^2 - 1)^2 + y^2");
  const { labels, minima } = labelEnds(l, [[0, 0], [1, 0], [0.5, 0.5]]);
  deepStrictEqual([...labels], [-1, 0, -1]);
  strictEqual(minima.length, 1);
});

Deno.test("labelEnds() with given minima takes the nearest within the tolerance, in their order", () => {
  const l = landscape("(x^2 - 1)^2 + y^2");
  const minima: [number, number][] = [[1, 0], [-1, 0]];
  const { labels, minima: out } = labelEnds(l, [[-1.004, 0], [0.999, 0.001], [0.5, 0]], {
    minima,
    tolerance: 0.01,
  });
  deepStrictEqual([...labels], [1, 0, -1]);
  deepStrictEqual(out, [{ point: [1, 0], value: 0, count: 1 }, {
    point: [-1, 0],
    value: 0,
    count: 1,
  }]);
});

Deno.test("labelEnds() of no ends gives no labels and no minima", () => {
  deepStrictEqual(labelEnds(landscape("x^2 + y^2"), []), { labels: new Int32Array(0), minima: [] });
});

Deno.test("basinName() rounds to two decimals and writes a proper minus", () => {
  strictEqual(basinName([0.0000001, -0.0000001]), "minimum (0, 0)");
  strictEqual(basinName([1.7475523, -0.8737762]), "minimum (1.75, −0.87)");
});
