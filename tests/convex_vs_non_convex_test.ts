// The key claims of notebook 05, "Convex vs non-convex", as tests of the lib
// functions it uses (same landscapes, lattices, optimizers and settings as the chapter);
// every number its prose and its exercise answers print, recomputed here and found in the
// notebook's markdown at the precision printed.
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
import { lineFitLoss } from "../lib/data/line_fit_loss.ts";
import { penguins } from "../lib/data/penguins.ts";
import { standardize } from "../lib/data/standardize.ts";
import { readNotebook, text } from "./_notebook.ts";

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

Deno.test("chapter 05: on Rosenbrock momentum and Adam reach (1, 1) in 2000 steps, gd is still on the floor", () => {
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

// ── The prose and the exercise answers, at the precision printed ─────────────

const nb = await readNotebook("notebooks/05-convex-vs-non-convex.ipynb");
const markdownCells = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => text(c.source));
const codeCells = nb.cells.filter((c) => c.cell_type === "code").map((c) => text(c.source));

/** The one markdown cell that contains `needle`. */
function prose(needle: string): string {
  const hits = markdownCells.filter((s) => s.includes(needle));
  strictEqual(hits.length, 1, `expected one markdown cell with "${needle}", found ${hits.length}`);
  return hits[0]!;
}

/** The one code cell that contains `needle`. */
function codeCell(needle: string): string {
  const hits = codeCells.filter((s) => s.includes(needle));
  strictEqual(hits.length, 1, `expected one code cell with "${needle}", found ${hits.length}`);
  return hits[0]!;
}

function says(cell: string, phrase: string) {
  ok(cell.includes(phrase), `the prose does not say "${phrase}":\n${cell}`);
}

/** A number as the prose prints it: fixed digits, a minus sign (−) for negatives. */
const num = (v: number, digits: number) => v.toFixed(digits).replace("-", "−");
const point = (p: readonly number[], digits = 2) => `(${p.map((v) => num(v, digits)).join(", ")})`;
const thousands = (n: number) => n.toLocaleString("en-US");

Deno.test("chapter 05 prose: Rastrigin has 121 local minima on its usual square", () => {
  deepStrictEqual(catalog.rastrigin.domain, { x: [-5.12, 5.12], y: [-5.12, 5.12] });
  const points = criticalPoints(catalog.rastrigin.landscape, catalog.rastrigin.domain, {
    starts: 48,
  });
  const minima = points.filter((p) => p.kind === "minimum");
  strictEqual(minima.length, 121);
  // One near every point with whole-number coordinates.
  for (const { point: [x, y] } of minima) {
    ok(Math.abs(x! - Math.round(x!)) < 0.05 && Math.abs(y! - Math.round(y!)) < 0.05);
  }
  says(prose("**Rastrigin**"), "$[-5.12, 5.12]^2$, it has 121 local minima");
});

Deno.test("chapter 05 prose: the three-hump camel's worse valleys have loss 0.30; 25 marbles", () => {
  const map = basins(camel.landscape, { ...camel.domain, n: 80, learningRate: 0.05, steps: 500 });
  for (const m of map.minima.slice(1)) strictEqual(m.value.toFixed(2), "0.30");
  says(prose("**three-hump camel**"), "two worse valleys, loss 0.30");
  strictEqual(lattice(camel.domain, { n: 5, jitter: 0.8, seed: 3 }).length, 25);
  says(prose("Here are 25 marbles on the camel"), "(dark is low)");
  // Dark is low: the marbles' map uses the reversed greys, as Himmelblau's does.
  const marbles = codeCell("Blue: the global minimum; orange");
  ok(marbles.includes('colormap: "Greys_r"'), marbles);
  ok(!codeCells.some((c) => /colormap: "Greys"/.test(c)), "a map where light is low");
});

Deno.test("chapter 05 prose: Rosenbrock's walks, at the precision printed", () => {
  const run = (optimizer: "gd" | "momentum" | "adam", learningRate: number) =>
    descend(rosenbrock.landscape, { from: [-1.5, 2.5], optimizer, learningRate, steps: 2000 });
  const gd = run("gd", 0.001), momentum = run("momentum", 0.001), adam = run("adam", 0.05);
  const cell = prose("The start is already close to the valley floor");
  // The start is close to the floor y = x²: 0.25 above it, and all three stay near it.
  for (const r of [gd, momentum, adam]) {
    ok(r.points.slice(50).every(([x, y]) => Math.abs(y! - x! * x!) < 0.1));
  }
  // gd climbs first: a step of 0.001 is right at the limit 2/λmax near the start.
  ok(Math.max(...gd.values.slice(1, 20)) > gd.values[0]!, "gd's loss rises at first");
  const limit = 2 / eigen2(rosenbrock.landscape.hessian(-1.5, 2.5)).values[1]!;
  ok(limit > 0.001 && limit < 0.0011, `2/λmax at the start: ${limit}`);
  says(
    cell,
    `after 2000 steps it has only reached ${point(gd.points.at(-1)!)}, loss ${
      gd.values.at(-1)!.toFixed(2)
    }`,
  );
  const below = (r: typeof gd) => r.values.findIndex((v) => v < 0.001);
  ok(below(momentum) < below(adam));
  says(cell, `its loss falls below 0.001 at step ${below(momentum)}`);
  says(cell, `below 0.001 at step ${below(adam)}`);
  // Adam starts slower (higher loss at step 100), and ends the closest of the three.
  ok(adam.values[100]! > momentum.values[100]!);
  ok(adam.values.at(-1)! < momentum.values.at(-1)! && momentum.values.at(-1)! < gd.values.at(-1)!);
});

const twoValleys = landscape("x^2 + y^4/4 - y^2/2");
const ridge = (from: number[], optimizer: "gd" | "momentum" | "adam") => {
  const run = descend(twoValleys, { from, optimizer, learningRate: 0.05, steps: 200 });
  return {
    run,
    plateau: run.values.filter((v) => Math.abs(v) < 0.01).length,
    below: run.values.findIndex((v) => v < -0.2),
  };
};

Deno.test("chapter 05 prose: the saddle's plateau and when each optimizer leaves it", () => {
  const [gd, momentum, adam] = (["gd", "momentum", "adam"] as const).map((o) =>
    ridge([1.5, 0.001], o)
  );
  const cell = prose("The loss curves show the trap.");
  says(cell, `at loss 0 for ${gd!.plateau} steps`);
  says(cell, `below loss −0.2 only at step ${gd!.below}`);
  says(cell, `gets there by step ${momentum!.below}`);
  says(cell, `is there by step ${adam!.below}`);
  // "grows by only 5 % a step": near y = 0 the offset is multiplied by 1 + γ.
  const [y1, y2] = [gd!.run.points[40]![1]!, gd!.run.points[41]![1]!];
  strictEqual((y2 / y1).toFixed(3), "1.050");
  says(cell, "Dauphin et al. (2014)");
  says(
    cell,
    "Identifying and attacking the saddle point problem in high-dimensional non-convex optimization",
  );
});

Deno.test("chapter 05 prose: the penguin line (linear regression) is convex, both curvatures 2", () => {
  const rows = penguins({ complete: true });
  const line = lineFitLoss(
    standardize(rows.map((r) => r.flipperLengthMm)).values,
    rows.map((r) => r.bodyMassG / 1000),
  );
  const map = convexityMap(line, { x: [-3, 4], y: [0.5, 7.5], n: 100 });
  strictEqual(map.convexFraction, 1);
  for (const v of eigen2(line.hessian(0, 0)).values) ok(Math.abs(v - 2) < 1e-9, `${v}`);
  // The same everywhere: a quadratic.
  deepStrictEqual(
    line.hessian(-2, 6).map((r) => r.map((v) => v.toFixed(9))),
    line.hessian(0, 0).map((r) => r.map((v) => v.toFixed(9))),
  );
  says(prose("The penguin line is **linear regression**"), "both Hessian eigenvalues are 2");
  ok(codeCell("convexityNames").includes("Penguin line (MSE, chapter 03)"));
});

// The six-hump camel of "Try it yourself", as the cell computes it.
const sixHump = landscape("(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2");
const sixHumpDomain = { x: [-2, 2] as [number, number], y: [-1.2, 1.2] as [number, number] };
const sixHumpBasins = (
  optimizer: "gd" | "momentum" | "nesterov" | "rmsprop" | "adam",
  learningRate: number,
) => basins(sixHump, { ...sixHumpDomain, n: 60, optimizer, learningRate, steps: 500 });
const lowestCount = (map: ReturnType<typeof sixHumpBasins>) => {
  const lowest = Math.min(...map.minima.map((m) => m.value));
  return map.minima.filter((m) => m.value - lowest < 1e-6).reduce((s, m) => s + m.count, 0);
};

Deno.test("chapter 05 prose: the six-hump camel has two global minima, above and below the origin, and four worse ones further out", () => {
  const minima = criticalPoints(sixHump, sixHumpDomain).filter((p) => p.kind === "minimum");
  strictEqual(minima.length, 6);
  const [a, b, ...worse] = minima;
  ok(Math.abs(a!.value - b!.value) < 1e-9 && worse.every((m) => m.value > a!.value + 0.5));
  for (const m of [a!, b!]) ok(Math.abs(m.point[0]!) < 0.1 && Math.abs(m.point[1]!) > 0.7);
  ok(a!.point[1]! * b!.point[1]! < 0, "one above, one below");
  for (const m of worse) ok(Math.abs(m.point[0]!) > 1.6);
  says(prose("## Try it yourself"), "two global minima and four worse ones");
});

Deno.test("chapter 05: the edit-me cell is marked, runs as shipped and prints what exercise 2 quotes", () => {
  const cell = codeCell("const yourBasins = basins(");
  for (
    const line of [
      "const yourLoss = landscape(",
      "const yourDomain = ",
      'optimizer: "gd"',
      "learningRate: 0.02",
    ]
  ) {
    const hit = cell.split("\n").find((l) => l.includes(line));
    ok(hit?.endsWith("// ✏️ EDIT ME"), `not marked: ${hit}`);
  }
  ok(!codeCells.some((c) => c.includes("noneLabel")), "noneLabel has no effect on basin maps");
  ok(!codeCells.some((c) => /← edit me/i.test(c)), "one marker style");
  // The stop button and Run All, where the chapter first invites an edit.
  const tryIt = prose("## Try it yourself");
  says(tryIt, "denoland/deno#24491");
  says(tryIt, "Run All");
  says(tryIt, "well under a minute");
  const gd = sixHumpBasins("gd", 0.02);
  strictEqual(lowestCount(gd), 2176);
  says(
    prose("**2. Edit me"),
    `${thousands(lowestCount(gd))} of the ${thousands(gd.nx * gd.ny)} starts`,
  );
});

Deno.test("chapter 05, exercise 1: convex, yet no resting place", () => {
  const answer = prose("On $e^{-x} + y^2$ the walk never stops");
  const exp = landscape("exp(-x) + y^2");
  const xs = [100, 1000, 10000].map((steps) => {
    const run = descend(exp, { from: [0, 1], learningRate: 0.1, steps });
    ok(run.values.every((v, k) => k === 0 || v < run.values[k - 1]!), "the loss keeps falling");
    const x = run.points.at(-1)![0]!;
    ok(Math.abs(x - Math.log(1 + 0.1 * steps)) < 0.02, `x ${x} after ${steps} steps`);
    return x.toFixed(2);
  });
  says(answer, `${xs[0]}, ${xs[1]} and ${xs[2]} after 100, 1,000 and 10,000 steps`);
  const abs = landscape("abs(x) + abs(y)");
  for (const steps of [100, 1000, 10000]) {
    const run = descend(abs, { from: [1.03, 0.46], learningRate: 0.1, steps });
    const [before, end] = run.points.slice(-2);
    strictEqual(point(end!), "(0.03, 0.06)");
    strictEqual(point(before!), "(−0.07, −0.04)");
    strictEqual(Math.hypot(end![0]! - before![0]!, end![1]! - before![1]!).toFixed(2), "0.14");
    deepStrictEqual(run.values.slice(-2).map((v) => v.toFixed(2)), ["0.11", "0.09"]);
  }
  says(answer, "a step 0.14 long");
  says(
    answer,
    "it is at (0.03, 0.06), hopping back and forth across the bottom between there and (−0.07, −0.04), with the loss flickering between 0.09 and 0.11",
  );
});

Deno.test("chapter 05, exercise 2: momentum reaches the global minima more often", () => {
  const answer = prose("More: ");
  const share = (n: number) => `${((100 * n) / 3600).toFixed(1)} %`;
  const gd = lowestCount(sixHumpBasins("gd", 0.02));
  const momentum = lowestCount(sixHumpBasins("momentum", 0.02));
  ok(momentum > gd);
  says(
    answer,
    `More: ${thousands(momentum)} of 3,600 (${share(momentum)}), against ${thousands(gd)} (${
      share(gd)
    })`,
  );
  const others = { Nesterov: "nesterov", Adam: "adam", RMSprop: "rmsprop" } as const;
  for (const [name, optimizer] of Object.entries(others)) {
    const n = lowestCount(sixHumpBasins(optimizer, 0.02));
    ok(n > gd && n < momentum, `${name}: ${n}`);
    says(answer, `${name} (${share(n)})`);
  }
});

Deno.test("chapter 05, exercise 3: at learning rate 0.2 only the two widest minima are reached, and why", () => {
  const answer = prose("Only two minima are left");
  const map = sixHumpBasins("gd", 0.2);
  strictEqual(map.minima.length, 2);
  const [a, b] = map.minima;
  strictEqual(`${point(a!.point)} and ${point(b!.point)}`, "(−1.61, −0.57) and (1.61, 0.57)");
  strictEqual(a!.value.toFixed(2), "2.10");
  says(
    answer,
    `(−1.61, −0.57) and (1.61, 0.57), with loss 2.10: ${a!.count + b!.count} starts end there`,
  );
  const { none } = regionCounts(map);
  const notConverged = map.labels.filter((l) => l === -1).length;
  const diverged = map.labels.filter((l) => l === -2).length;
  strictEqual(notConverged + diverged, none);
  deepStrictEqual(map.noneClasses, ["not converged", "diverged"]);
  says(answer, `${thousands(notConverged)} do not converge and ${thousands(diverged)} diverge`);
  // The table of limits 2/λmax, one row per pair of minima.
  const minima = criticalPoints(sixHump, sixHumpDomain).filter((p) => p.kind === "minimum");
  const rows = [0, 2, 4].map((k) => {
    const m = minima[k]!;
    const top = eigen2(sixHump.hessian(m.point[0]!, m.point[1]!)).values[1]!;
    return { m, top, limit: 2 / top };
  });
  const digits = [3, 3, 4];
  rows.forEach(({ m, top, limit }, k) => {
    says(answer, `| ${num(m.value, 2)} | ${top.toFixed(2)} | ${limit.toFixed(digits[k]!)} |`);
    says(answer, point(m.point));
  });
  // Only the widest pair's limit comes near 0.2, and it is just below it.
  ok(
    rows[0]!.limit < 0.2 && rows[1]!.limit < 0.2 && rows[2]!.limit < 0.2 && rows[2]!.limit > 0.199,
  );
  strictEqual(rows[2]!.m.value.toFixed(2), "2.10");
  // There the walk hops between two points about 0.01 either side of the minimum.
  const run = descend(sixHump, { from: [-1.5, -0.5], learningRate: 0.2, steps: 3000 });
  const [p, q] = run.points.slice(-2);
  deepStrictEqual([run.points.at(-4), run.points.at(-3)], [p, q], "a two-step cycle");
  for (const end of [p!, q!]) {
    const d = Math.min(
      ...[minima[4]!, minima[5]!].map((m) =>
        Math.hypot(end[0]! - m.point[0]!, end[1]! - m.point[1]!)
      ),
    );
    ok(d > 0.005 && d < 0.015, `${d}`);
  }
  says(answer, "about 0.01 either side of the minimum");
});

Deno.test("chapter 05, exercise 4: ten times closer to the ridge, 47 more steps; on it, every optimizer stops at the saddle", () => {
  const answer = prose("From (1.5, 0.0001) gradient descent");
  const before = ridge([1.5, 0.001], "gd"), after = ridge([1.5, 0.0001], "gd");
  says(
    answer,
    `sits on the plateau for ${after.plateau} steps instead of ${before.plateau}, that is ${
      after.plateau - before.plateau
    } more`,
  );
  says(prose("**4. Predict, then run"), `sat on the plateau for ${before.plateau} steps then`);
  const more = after.plateau - before.plateau;
  strictEqual((1.05 ** more).toFixed(0), "10");
  says(answer, `$1.05^{${more}} \\approx 10$`);
  const [m1, m2] = [ridge([1.5, 0.001], "momentum"), ridge([1.5, 0.0001], "momentum")];
  says(answer, `(step ${m2.below} instead of ${m1.below}`);
  const [a1, a2] = [ridge([1.5, 0.001], "adam"), ridge([1.5, 0.0001], "adam")];
  strictEqual(a1.below, a2.below);
  says(answer, `Adam no later (step ${a2.below})`);
  for (const optimizer of ["gd", "momentum", "adam"] as const) {
    const { run, below } = ridge([1.5, 0], optimizer);
    strictEqual(below, -1);
    strictEqual(run.points.at(-1)![1], 0, `${optimizer} stays on the ridge line`);
    ok(Math.abs(run.values.at(-1)!) < 1e-6, `${optimizer} ends at the saddle's loss 0`);
  }
  ok(codeCell("const ridgeStart = [1.5, 0.0001]; // ✏️ EDIT ME").includes("twoValleys"));
});

Deno.test("chapter 05: the fine print of convexity, a fair word on wide valleys, What we saw, the series, exercises", () => {
  const opening = prose("## One valley, or many");
  for (const phrase of ["$e^{-z}$ is convex", "strict convexity", "MAE"]) says(opening, phrase);
  const reality = prose("## The deep-learning reality");
  ok(!reality.includes("and wide enough that the model still does well"), "an untested promise");
  says(reality, "Chapter 06 puts the hope to the test with held-out data");
  const headings = markdownCells.flatMap((c) => c.match(/^## .*/gm) ?? []);
  const at = (h: string) => headings.indexOf(h);
  ok(at("## What we saw") > at("## The deep-learning reality"));
  ok(at("## Exercises") > at("## What we saw"));
  ok(at("## The series in one page") > at("## Exercises"));
  const answers = markdownCells.join("\n").match(
    /<details><summary>Answer<\/summary>\n\n[\s\S]*?\n\n<\/details>/g,
  ) ?? [];
  strictEqual(answers.length, 4);
  says(prose("## The series in one page"), "*Loss Landscapes: Part 1*");
});

Deno.test("chapter 05 prose: Himmelblau's basin borders pass by the saddles; its convex patches hold the minima, not the hill or the passes", () => {
  const map = basins(himmelblau.landscape, {
    ...himmelblau.domain,
    n: 80,
    learningRate: 0.01,
    steps: 500,
    minima: himmelblauMinima,
  });
  const near = (p: readonly number[], r: number) => {
    const found = new Set<number>();
    map.labels.forEach((label, k) => {
      const x = map.xs[k % map.nx]!, y = map.ys[Math.floor(k / map.nx)]!;
      if (Math.hypot(x - p[0]!, y - p[1]!) < r) found.add(label);
    });
    return found;
  };
  // Within 0.3 of every saddle (a pass) lie starts of two different basins.
  for (const s of himmelblauPoints.filter((p) => p.kind === "saddle")) {
    ok(near(s.point, 0.3).size >= 2, `saddle ${s.point}`);
  }
  says(prose("The borders between basins run close to the passes"), "close to the passes");
  const convex = (p: readonly number[]) =>
    eigen2(himmelblau.landscape.hessian(p[0]!, p[1]!)).values[0]! >= 0;
  for (const p of himmelblauPoints) {
    strictEqual(convex(p.point), p.kind === "minimum", `${p.kind} ${p.point}`);
  }
  says(prose("On Himmelblau the convex patches are the four valleys"), "the hilltop, the passes");
});
