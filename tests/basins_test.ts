import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { basinName, basins, labelEnds } from "../lib/landscape/basins.ts";
import { catalog } from "../lib/landscape/catalog.ts";
import { descend } from "../lib/landscape/descend.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { regionAt, regionCounts } from "../lib/core/regions.ts";
import { criticalPoints } from "../lib/landscape/critical_points.ts";
import { eigen2 } from "../lib/landscape/eigen.ts";
import { cellCentres } from "../lib/landscape/lattice.ts";

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
  far.ends.forEach(([x], k) => strictEqual(far.labels[k]! === -2, Number.isNaN(x)));
  strictEqual(far.diverged, far.ends.filter(([x]) => Number.isNaN(x)).length);
  ok(regionCounts(far).none > 0);
  const short = basins(catalog.himmelblau.landscape, { x: [-5, 5], y: [-5, 5], n: 4, steps: 1 });
  strictEqual(regionCounts(short).none, 16);
  deepStrictEqual([short.notConverged, short.diverged], [16, 0]);
  deepStrictEqual(short.noneClasses, ["not converged", "diverged"]);
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
  deepStrictEqual([...labels], [1, 0, 1, -2]);
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
  deepStrictEqual(labelEnds(landscape("x^2 + y^2"), []), {
    labels: new Int32Array(0),
    minima: [],
    notConverged: 0,
    diverged: 0,
    tolerance: 0.01,
  });
});

Deno.test("basinName() rounds to two decimals and writes a proper minus", () => {
  strictEqual(basinName([0.0000001, -0.0000001]), "minimum (0, 0)");
  strictEqual(basinName([1.7475523, -0.8737762]), "minimum (1.75, −0.87)");
});

// Chapter 05's "edit me" cell: the six-hump camel, 60 × 60 starts, 500 steps, and the three
// settings a learner tries first: its default, a learning rate ten times larger, and RMSprop.
const sixHump = landscape("(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2");
const sixHumpDomain = { x: [-2, 2] as [number, number], y: [-1.2, 1.2] as [number, number] };
const sixHumpMinima = criticalPoints(sixHump, sixHumpDomain)
  .filter((p) => p.kind === "minimum").map((p) => p.point);
const learnerSettings = [
  { optimizer: "gd", learningRate: 0.02 },
  { optimizer: "gd", learningRate: 0.2 },
  { optimizer: "rmsprop", learningRate: 0.02 },
] as const;

/**
 * Where each descent from the lattice ends, counted straight from descend() and the minima
 * criticalPoints() finds: diverged; at a minimum (the end and the mean of the last 20 points
 * within the tolerance, 1 % of the diagonal); or not converged.
 */
function outcomes(optimizer: "gd" | "rmsprop", learningRate: number) {
  const tolerance = 0.01 * Math.hypot(4, 2.4);
  const counts = sixHumpMinima.map(() => 0);
  let notConverged = 0;
  let diverged = 0;
  for (const y of cellCentres(sixHumpDomain.y, 60)) {
    for (const x of cellCentres(sixHumpDomain.x, 60)) {
      const run = descend(sixHump, { from: [x, y], optimizer, learningRate, steps: 500 });
      if (run.diverged) {
        diverged++;
        continue;
      }
      const [ex, ey] = run.points.at(-1)!;
      const tail = run.points.slice(-20);
      const cx = tail.reduce((s, p) => s + p[0]!, 0) / tail.length;
      const cy = tail.reduce((s, p) => s + p[1]!, 0) / tail.length;
      const k = sixHumpMinima.findIndex(([mx, my]) =>
        Math.hypot(ex! - mx, ey! - my) <= tolerance && Math.hypot(cx - mx, cy - my) <= tolerance
      );
      if (k < 0) notConverged++;
      else counts[k]!++;
    }
  }
  return { counts, notConverged, diverged, tolerance };
}

for (const { optimizer, learningRate } of learnerSettings) {
  Deno.test(`basins() of chapter 05's six-hump camel, ${optimizer} at ${learningRate}: each minimum once, the rest counted apart`, () => {
    strictEqual(sixHumpMinima.length, 6);
    const map = basins(sixHump, { ...sixHumpDomain, n: 60, optimizer, learningRate, steps: 500 });
    const expected = outcomes(optimizer, learningRate);
    strictEqual(map.tolerance, expected.tolerance);
    // No minimum twice in the legend: any two are more than the tolerance apart.
    map.minima.forEach((a, i) =>
      map.minima.slice(i + 1).forEach((b) =>
        ok(
          Math.hypot(a.point[0] - b.point[0], a.point[1] - b.point[1]) > map.tolerance,
          `${a.point} and ${b.point}`,
        )
      )
    );
    strictEqual(new Set(map.classes).size, map.classes.length);
    // The counts agree with the descents counted one by one.
    strictEqual(map.notConverged, expected.notConverged);
    strictEqual(map.diverged, expected.diverged);
    strictEqual(regionCounts(map).none, expected.notConverged + expected.diverged);
    const reached = sixHumpMinima.flatMap((p, k) =>
      expected.counts[k]! > 0 ? [{ p, count: expected.counts[k]! }] : []
    );
    strictEqual(map.minima.length, reached.length);
    for (const { p, count } of reached) {
      const m = map.minima.find((m) => Math.hypot(m.point[0] - p[0], m.point[1] - p[1]) < 1e-6);
      ok(m !== undefined, `minimum ${p} is in the legend`);
      strictEqual(m.count, count);
    }
    const total = map.minima.reduce((s, m) => s + m.count, 0);
    strictEqual(total + map.notConverged + map.diverged, 3600);
  });
}

Deno.test("basins(): at learning rate 0.2 gd cannot settle where γ·λmax > 2, so the global minima drop out", () => {
  const map = basins(sixHump, { ...sixHumpDomain, n: 60, learningRate: 0.2, steps: 500 });
  ok(map.notConverged > 1000 && map.diverged > 500, `${map.notConverged}, ${map.diverged}`);
  ok(map.minima.length > 0);
  for (const m of map.minima) {
    const [, hi] = eigen2(sixHump.hessian(...m.point)).values;
    ok(0.2 * hi < 2.01, `gd is (nearly) stable at ${m.point}: γ·λmax = ${0.2 * hi}`);
  }
  ok(map.minima.every((m) => m.value > -1), "the global minima (loss −1.03) are not reached");
});

Deno.test("basins(): RMSprop circling a minimum reaches it, so its basins are about as large as gd's", () => {
  const rms = basins(sixHump, {
    ...sixHumpDomain,
    n: 60,
    optimizer: "rmsprop",
    learningRate: 0.02,
    steps: 500,
  });
  strictEqual(rms.minima.length, 6);
  const gd = basins(sixHump, { ...sixHumpDomain, n: 60, learningRate: 0.02, steps: 500 });
  // RMSprop's ends scatter around each minimum, but the cells reaching each one are as many as gd's.
  const spread = rms.ends.map(([x, y], k) => {
    const m = rms.minima[rms.labels[k]!]?.point;
    return m === undefined ? 0 : Math.hypot(x - m[0], y - m[1]);
  });
  ok(Math.max(...spread) > 0.01, "some RMSprop ends are not at the minimum itself");
  ok(
    rms.minima.every((m, k) =>
      Math.abs(m.count - gd.minima[k]!.count) < 0.05 * gd.minima[k]!.count
    ),
  );
});

Deno.test("basins() scales its default tolerance to the domain: 1 % of the diagonal", () => {
  const map = basins(catalog.himmelblau.landscape, { x: [-5, 5], y: [-5, 5], n: 4 });
  strictEqual(map.tolerance, 0.01 * Math.hypot(10, 10));
  strictEqual(
    basins(catalog.bowl.landscape, { x: [-1, 1], y: [-1, 1], n: 2, tolerance: 0.5 }).tolerance,
    0.5,
  );
});

Deno.test("labelEnds() merges a cloud of ends wider than the tolerance into the one minimum it circles", () => {
  const l = landscape("(x^2 - 1)^2 + 2*(y - x)^2");
  // Twenty ends on a circle of radius 0.8 × the tolerance around (1, 1): up to 1.6 × apart.
  const ends = Array.from({ length: 20 }, (_, k) => {
    const a = (2 * Math.PI * k) / 20;
    return [1 + 0.008 * Math.cos(a), 1 + 0.008 * Math.sin(a)];
  });
  const { labels, minima, notConverged } = labelEnds(l, ends, { tolerance: 0.01 });
  strictEqual(minima.length, 1);
  ok(Math.hypot(minima[0]!.point[0] - 1, minima[0]!.point[1] - 1) < 1e-9, `${minima[0]!.point}`);
  deepStrictEqual([...labels], ends.map(() => 0));
  strictEqual(notConverged, 0);
});

Deno.test("labelEnds(): ends near a given minimum join it, others add their minimum after the given ones", () => {
  const l = landscape("(x^2 - 1)^2 + y^2 + 0.1*x");
  const [left, right] = criticalPoints(l, { x: [-2, 2], y: [-1, 1] })
    .filter((p) => p.kind === "minimum").map((p) => p.point);
  const given: [number, number][] = [[right![0] + 0.003, 0]]; // slightly off, as a user may type it
  const ends = [[right![0], 0.004], [left![0] - 0.002, 0], [0.5, 0], [Infinity, 0]];
  const out = labelEnds(l, ends, { minima: given, tolerance: 0.01 });
  deepStrictEqual([...out.labels], [0, 1, -1, -2]);
  deepStrictEqual(out.minima[0]!.point, given[0]);
  ok(Math.hypot(out.minima[1]!.point[0] - left![0], out.minima[1]!.point[1]) < 1e-9);
  deepStrictEqual([out.notConverged, out.diverged], [1, 1]);
});

Deno.test("labelEnds() takes its default tolerance from a domain and rejects malformed ends", () => {
  const l = landscape("x^2 + y^2");
  strictEqual(labelEnds(l, [[0, 0]], { domain: { x: [0, 3], y: [0, 4] } }).tolerance, 0.05);
  strictEqual(labelEnds(l, [[0, 0]]).tolerance, 0.01);
  throws(() => labelEnds(l, [[0, 0]], { domain: { x: [1, 0], y: [0, 1] } }), /domain\.x/);
  throws(() => labelEnds(l, [[0, 0, 0]]), /ends\[0\] to be a point/);
  throws(() => labelEnds(l, [[0, 0]], { tolerance: -1 }), /tolerance/);
});
