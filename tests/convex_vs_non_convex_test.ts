// The key claims of notebook 05, "Convex vs non-convex", as tests of the lib
// functions it uses (same landscapes, lattices, optimizers and settings as the chapter).
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { basins, labelEnds } from "../lib/landscape/basins.ts";
import { catalog } from "../lib/landscape/catalog.ts";
import { convexityMap } from "../lib/landscape/convexity.ts";
import { criticalPoints } from "../lib/landscape/critical_points.ts";
import { descend } from "../lib/landscape/descend.ts";
import { eigen2 } from "../lib/landscape/eigen.ts";
import { escapeDirections } from "../lib/landscape/escape_directions.ts";
import { landscape } from "../lib/landscape/landscape.ts";
import { lattice } from "../lib/landscape/lattice.ts";
import { regionCounts } from "../lib/core/regions.ts";
import { linkedSlice } from "../lib/live/linked_slice.ts";

const { himmelblau, threeHumpCamel: camel, rosenbrock } = catalog;
const himmelblauPoints = criticalPoints(himmelblau.landscape, himmelblau.domain);
const himmelblauMinima = himmelblauPoints.filter((p) => p.kind === "minimum").map((p) => p.point);

Deno.test("chapter 05: criticalPoints finds Himmelblau's four minima, one maximum and four saddles", () => {
  const count = (kind: string) => himmelblauPoints.filter((p) => p.kind === kind).length;
  deepStrictEqual([count("minimum"), count("maximum"), count("saddle")], [4, 1, 4]);
  for (const p of himmelblauPoints.filter((p) => p.kind === "minimum")) {
    ok(Math.abs(p.value) < 1e-12);
  }
});

Deno.test("chapter 05: every marble and every start of the 80 × 80 lattice on Himmelblau lands on a minimum", () => {
  const marbles = lattice(himmelblau.domain, { n: 6, jitter: 0.8, seed: 5 }).map((from) =>
    descend(himmelblau.landscape, { from, learningRate: 0.01, steps: 120 }).points.at(-1)!
  );
  const { labels } = labelEnds(himmelblau.landscape, marbles, { minima: himmelblauMinima });
  ok(labels.every((l) => l >= 0), `unlabelled marbles: ${labels}`);
  const map = basins(himmelblau.landscape, {
    ...himmelblau.domain,
    n: 80,
    learningRate: 0.01,
    steps: 500,
    minima: himmelblauMinima,
  });
  const { counts, none } = regionCounts(map);
  strictEqual(none, 0);
  ok(counts.every((c) => c > 0.2 * 6400), `each basin holds a fair share: ${counts}`);
});

Deno.test("chapter 05: on the three-hump camel more than 40 % of the starts end in a worse valley", () => {
  const map = basins(camel.landscape, { ...camel.domain, n: 80, learningRate: 0.05, steps: 500 });
  strictEqual(map.minima.length, 3);
  const [global, ...worse] = map.minima;
  ok(Math.abs(global!.value) < 1e-12);
  const stuck = worse.reduce((s, m) => s + m.count, 0);
  ok(worse.every((m) => m.value > 0.29));
  ok(stuck > 0.4 * 6400 && global!.count + stuck === 6400, `stuck: ${stuck}`);
});

Deno.test("chapter 05: x² − y² falls along ±y; the monkey saddle has a zero Hessian and falls three ways", () => {
  const saddle = eigen2(catalog.saddle.landscape.hessian(0, 0));
  deepStrictEqual(saddle.values, [-2, 2]);
  deepStrictEqual(saddle.vectors[0], [0, 1]);
  const ways = (l = catalog.saddle.landscape) =>
    escapeDirections(l, [0, 0]).map((w) => Math.round((w.angle * 180) / Math.PI));
  deepStrictEqual(ways(), [90, 270]);
  deepStrictEqual(eigen2(catalog.monkeySaddle.landscape.hessian(0, 0)).values, [0, 0]);
  deepStrictEqual(ways(catalog.monkeySaddle.landscape), [60, 180, 300]);
});

Deno.test("chapter 05: on Rosenbrock momentum and Adam reach (1, 1) in 2000 steps, gd is half way", () => {
  const run = (optimizer: "gd" | "momentum" | "adam", learningRate: number) =>
    descend(rosenbrock.landscape, { from: [-1.5, 2.5], optimizer, learningRate, steps: 2000 });
  const gd = run("gd", 0.001), momentum = run("momentum", 0.001), adam = run("adam", 0.05);
  const end = (r: typeof gd) => r.points.at(-1)!;
  ok(gd.values.at(-1)! > 0.1 && Math.abs(end(gd)[0]! - 0.5) < 0.1, `gd ends at ${end(gd)}`);
  for (const r of [momentum, adam]) {
    ok(r.values.at(-1)! < 1e-6 && Math.hypot(end(r)[0]! - 1, end(r)[1]! - 1) < 1e-2, `${end(r)}`);
  }
  const reach = (r: typeof gd) => r.values.findIndex((v) => v < 1e-3);
  ok(reach(momentum) < reach(adam), "momentum reaches the minimum first");
});

Deno.test("chapter 05: near a saddle gd sits on a plateau, momentum leaves sooner and Adam does not stop", () => {
  const twoValleys = landscape("x^2 + y^4/4 - y^2/2");
  const escape = (optimizer: "gd" | "momentum" | "adam") => {
    const run = descend(twoValleys, {
      from: [1.5, 0.001],
      optimizer,
      learningRate: 0.05,
      steps: 200,
    });
    ok(run.values.at(-1)! < -0.24, `${optimizer} ends in a valley (the minima have loss −0.25)`);
    return { run, at: run.values.findIndex((v) => v < -0.2) };
  };
  const gd = escape("gd"), momentum = escape("momentum"), adam = escape("adam");
  const plateau = gd.run.values.filter((v) => Math.abs(v) < 0.01).length;
  ok(plateau >= 70, `gd's plateau lasts ${plateau} steps`);
  ok(
    gd.at > 120 && momentum.at < 60 && adam.at < momentum.at,
    `${gd.at}, ${momentum.at}, ${adam.at}`,
  );
  ok(adam.run.values.every((v) => Math.abs(v) > 0.01 || v < 0), "Adam never rests near the saddle");
});

Deno.test("chapter 05: the bowls and Booth are convex everywhere; the other landscapes are not", () => {
  const fraction = (name: keyof typeof catalog) => {
    const entry = catalog[name] as typeof himmelblau;
    return convexityMap(entry.landscape, { ...entry.domain, n: 100 }).convexFraction;
  };
  for (const name of ["bowl", "elongatedBowl", "booth"] as const) {
    strictEqual(fraction(name), 1, name);
  }
  for (
    const name of ["rosenbrock", "himmelblau", "threeHumpCamel", "rastrigin", "ackley"] as const
  ) {
    ok(fraction(name) < 1, name);
  }
});

Deno.test("chapter 05: Rosenbrock is not convex exactly above the curve y = x² + 0.005", () => {
  const map = convexityMap(rosenbrock.landscape, { ...rosenbrock.domain, n: 120 });
  for (let j = 0; j < map.ny; j++) {
    for (let i = 0; i < map.nx; i++) {
      const x = map.xs[i]!, y = map.ys[j]!;
      // det H = 80000 (x² − y) + 400 and H₂₂ = 200 > 0, so H ⪰ 0 exactly when y ≤ x² + 0.005.
      strictEqual(map.labels[i + j * map.nx], y > x * x + 0.005 ? 1 : 0, `(${x}, ${y})`);
    }
  }
});

Deno.test("chapter 05: the linked slice through a Himmelblau valley looks convex; turned to 90° and widened to 4, or on the pass near (0, 2.9) at 170° with radius 4, it has two dips", () => {
  const h = landscape("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
  const shape = (centre: [number, number], angle: number, radius: number) => {
    const fig = linkedSlice(h, { x: [-5, 5], y: [-5, 5], centre, angle, radius });
    return { dips: fig.state.dips, looksConvex: fig.state.looksConvex };
  };
  deepStrictEqual(shape([3, 2], 60, 1.5), { dips: 1, looksConvex: true });
  strictEqual(shape([3, 2], 90, 4).dips, 2);
  strictEqual(shape([0, 2.9], 170, 4).dips, 2);
});
