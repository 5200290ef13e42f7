/**
 * A catalogue of classic loss landscapes for teaching: each with its usual
 * domain, its known stationary points (value and kind) from the standard
 * published tables, a one-line description and a LaTeX formula.
 *
 * Stationary points are given to 12 significant digits. The minima are the
 * published ones (Surjanovic & Bingham's Virtual Library of Simulation
 * Experiments; Wikipedia's "Test functions for optimization"), refined by
 * Newton's method; the other points (Himmelblau's maximum and saddles, the
 * saddles and maxima of Beale, the camels, Goldstein–Price and
 * Styblinski–Tang, and the one-weight shapes' points) were found with
 * `criticalPoints()` and refined the same way. Where `complete` is
 * true the list holds every stationary point inside `domain`.
 * `tests/catalog_test.ts` checks every value to 1e-4, every gradient to ≈ 0,
 * and that `criticalPoints` finds exactly the listed points of complete entries.
 *
 * One-weight entries have `domain: { x }` and points `[x]`; two-weight entries
 * have `domain: { x, y }` and points `[x, y]`.
 *
 * @module
 */

import { landscape } from "./landscape.ts";
import type { Domain, Interval, Landscape, StationaryKind } from "../core/types.ts";

/** A known stationary point of a two-weight catalogue entry. */
export interface StationaryPoint {
  /** `[x, y]` of the point, to 12 significant digits. */
  point: [number, number];
  /** The loss at `point`. */
  value: number;
  /** Minimum, maximum, saddle or degenerate, from the Hessian's eigenvalues there. */
  kind: StationaryKind;
  /**
   * True where the loss has a kink rather than a zero gradient (Ackley's
   * minimum at the origin is the tip of a cone): the symbolic gradient is
   * undefined there, and the point is a minimum of the values.
   */
  kink?: boolean;
}

/** A known stationary point of a one-weight catalogue entry. */
export interface StationaryPoint1D {
  /** `[x]` of the point, to 12 significant digits. */
  point: [number];
  /** The loss at `point`. */
  value: number;
  /** Minimum, maximum or degenerate (a flat inflection), from the second derivative there. */
  kind: StationaryKind;
}

/** A two-weight catalogue entry. */
export interface CatalogEntry {
  /** The loss, with the entry's display name as `landscape.name`. */
  landscape: Landscape;
  /** The usual plotting window, e.g. `[-5, 5]` on both axes for Himmelblau. */
  domain: Domain;
  /** The known stationary points, minima first. */
  stationary: StationaryPoint[];
  /** One sentence for a notebook: what the shape teaches. */
  description: string;
  /** The formula in LaTeX, in the landscape's variable names. */
  tex: string;
  /** Whether `stationary` lists every stationary point inside `domain`. */
  complete: boolean;
}

/** A one-weight catalogue entry. */
export interface CatalogEntry1D {
  /** The loss of one weight, with the entry's display name as `landscape.name`. */
  landscape: Landscape;
  /** The usual plotting range of the weight. */
  domain: { x: Interval };
  /** The known stationary points, in increasing x (none for the line). */
  stationary: StationaryPoint1D[];
  /** One sentence for a notebook: what the shape teaches. */
  description: string;
  /** The formula in LaTeX, in the landscape's variable name. */
  tex: string;
  /** Whether `stationary` lists every stationary point inside `domain`. */
  complete: boolean;
}

function entry(
  name: string,
  expr: string,
  domain: Domain,
  stationary: [number, number, number, StationaryKind, "kink"?][],
  description: string,
  tex: string,
  complete = true,
): CatalogEntry {
  return Object.freeze({
    complete,
    landscape: landscape(expr, { name }),
    domain: Object.freeze(domain),
    stationary: stationary.map(([x, y, value, kind, kink]) =>
      kink ? { point: [x, y], value, kind, kink: true } : { point: [x, y], value, kind }
    ),
    description,
    tex,
  }) as CatalogEntry;
}

function entry1(
  name: string,
  expr: string,
  x: Interval,
  stationary: [number, number, StationaryKind][],
  description: string,
  tex: string,
): CatalogEntry1D {
  return Object.freeze({
    complete: true,
    landscape: landscape(expr, { name }),
    domain: Object.freeze({ x }),
    stationary: stationary.map(([p, value, kind]) => ({ point: [p], value, kind })),
    description,
    tex,
  }) as CatalogEntry1D;
}

const square = (r: number): Domain => ({ x: [-r, r], y: [-r, r] });

/**
 * The catalogue, keyed in camelCase. Two-weight entries: `bowl`,
 * `elongatedBowl`, `rosenbrock`, `himmelblau`, `rastrigin`, `ackley`,
 * `beale`, `booth`, `threeHumpCamel`, `sixHumpCamel`, `goldsteinPrice`,
 * `styblinskiTang`, `easom`, `saddle`, `monkeySaddle`; one-weight entries:
 * `line`, `parabola`, `xCosPiX`, `cubic`.
 *
 * @example Himmelblau's four minima
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { catalog } from "./catalog.ts";
 *
 * const { landscape, stationary } = catalog.himmelblau;
 * strictEqual(stationary.filter((s) => s.kind === "minimum").length, 4);
 * strictEqual(landscape.at(3, 2), 0);
 * ```
 */
export const catalog: Readonly<{
  bowl: CatalogEntry;
  elongatedBowl: CatalogEntry;
  rosenbrock: CatalogEntry;
  himmelblau: CatalogEntry;
  rastrigin: CatalogEntry;
  ackley: CatalogEntry;
  beale: CatalogEntry;
  booth: CatalogEntry;
  threeHumpCamel: CatalogEntry;
  sixHumpCamel: CatalogEntry;
  goldsteinPrice: CatalogEntry;
  styblinskiTang: CatalogEntry;
  easom: CatalogEntry;
  saddle: CatalogEntry;
  monkeySaddle: CatalogEntry;
  line: CatalogEntry1D;
  parabola: CatalogEntry1D;
  xCosPiX: CatalogEntry1D;
  cubic: CatalogEntry1D;
}> = Object.freeze({
  bowl: entry(
    "Bowl",
    "w1^2 + w2^2",
    square(5),
    [[0, 0, 0, "minimum"]],
    "The article's bowl: convex, with one minimum at the origin",
    String.raw`w_1^2 + w_2^2`,
  ),
  elongatedBowl: entry(
    "Elongated bowl",
    "w1^2 + 10*w2^2",
    square(5),
    [[0, 0, 0, "minimum"]],
    "A bowl ten times steeper along w2: still convex, but gradient descent zig-zags across the valley",
    String.raw`w_1^2 + 10\,w_2^2`,
  ),
  rosenbrock: entry(
    "Rosenbrock",
    "(1 - x)^2 + 100*(y - x^2)^2",
    { x: [-2, 2], y: [-1, 3] },
    [[1, 1, 0, "minimum"]],
    "Rosenbrock's banana: the curved valley is easy to find and slow to follow to the minimum at (1, 1)",
    String.raw`(1 - x)^2 + 100\,(y - x^2)^2`,
  ),
  himmelblau: entry(
    "Himmelblau",
    "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    square(5),
    [
      [3, 2, 0, "minimum"],
      [-2.80511808695, 3.13131251825, 0, "minimum"],
      [-3.77931025338, -3.28318599129, 0, "minimum"],
      [3.58442834033, -1.84812652696, 0, "minimum"],
      [-0.270844590667, -0.92303855648, 181.616521523, "maximum"],
      [0.0866775045554, 2.88425470117, 67.7191500875, "saddle"],
      [-3.07302575076, -0.081353044288, 104.015162918, "saddle"],
      [3.38515418361, 0.0738518798377, 13.3119262704, "saddle"],
      [-0.127961346731, -1.95371498024, 178.337239202, "saddle"],
    ],
    "Himmelblau's function: four equally good minima, one maximum and four saddles between them",
    String.raw`(x^2 + y - 11)^2 + (x + y^2 - 7)^2`,
  ),
  rastrigin: entry(
    "Rastrigin",
    "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
    square(5.12),
    [
      [0, 0, 0, "minimum"],
      [0.994958637652, 0, 0.994959057093, "minimum"],
      [0.994958637652, 0.994958637652, 1.98991811419, "minimum"],
    ],
    "Rastrigin: a bowl covered in regularly spaced local minima (three of its 121 on this square listed)",
    String.raw`20 + x^2 - 10\cos(2\pi x) + y^2 - 10\cos(2\pi y)`,
    false,
  ),
  ackley: entry(
    "Ackley",
    "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
    square(5),
    [[0, 0, 0, "minimum", "kink"]],
    "Ackley: a nearly flat, bumpy plain around a deep funnel at the origin, whose tip is a kink " +
      "(usually searched on [-32.768, 32.768]²; [-5, 5]² shows the funnel)",
    String.raw`-20\,e^{-0.2\sqrt{0.5(x^2 + y^2)}} - e^{0.5(\cos 2\pi x + \cos 2\pi y)} + e + 20`,
    false,
  ),
  beale: entry(
    "Beale",
    "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    square(4.5),
    [
      [3, 0.5, 0, "minimum"],
      [0.100537937324, -2.64451358502, 9.86451228476, "saddle"],
      [0, 1, 14.203125, "saddle"],
    ],
    "Beale: steep walls and flat valleys; the minimum at (3, 0.5) sits in a narrow curved trough",
    String.raw`(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2`,
  ),
  booth: entry(
    "Booth",
    "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
    square(10),
    [[1, 3, 0, "minimum"]],
    "Booth: a tilted convex quadratic with its minimum at (1, 3)",
    String.raw`(x + 2y - 7)^2 + (2x + y - 5)^2`,
  ),
  threeHumpCamel: entry(
    "Three-hump camel",
    "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
    square(2),
    [
      [0, 0, 0, "minimum"],
      [1.74755234583, -0.873776172915, 0.298638442237, "minimum"],
      [-1.74755234583, 0.873776172915, 0.298638442237, "minimum"],
      [1.07054229182, -0.535271145912, 0.877361557763, "saddle"],
      [-1.07054229182, 0.535271145912, 0.877361557763, "saddle"],
    ],
    "Three-hump camel: a global minimum at the origin between two local minima " +
      "(usually searched on [-5, 5]²; [-2, 2]² shows the humps)",
    String.raw`2x^2 - 1.05x^4 + \frac{x^6}{6} + xy + y^2`,
  ),
  sixHumpCamel: entry(
    "Six-hump camel",
    "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
    { x: [-3, 3], y: [-2, 2] },
    [
      [0.0898420131003, -0.712656403021, -1.03162845349, "minimum"],
      [-0.0898420131003, 0.712656403021, -1.03162845349, "minimum"],
      [1.70360671497, -0.796083568673, -0.215463824384, "minimum"],
      [-1.70360671497, 0.796083568673, -0.215463824384, "minimum"],
      [1.60710475292, 0.568651454884, 2.10425031031, "minimum"],
      [-1.60710475292, -0.568651454884, 2.10425031031, "minimum"],
      [0, 0, 0, "saddle"],
      [1.1092053368, -0.76826809251, 0.543718600978, "saddle"],
      [-1.1092053368, 0.76826809251, 0.543718600978, "saddle"],
      [1.63806798419, 0.228674069044, 2.22935719753, "saddle"],
      [-1.63806798419, -0.228674069044, 2.22935719753, "saddle"],
      [1.29607026717, 0.605084388039, 2.22947081803, "saddle"],
      [-1.29607026717, -0.605084388039, 2.22947081803, "saddle"],
      [1.23022987652, 0.162334584459, 2.49629535102, "maximum"],
      [-1.23022987652, -0.162334584459, 2.49629535102, "maximum"],
    ],
    "Six-hump camel: two global minima, four local ones, and the saddles and maxima between them",
    String.raw`\left(4 - 2.1x^2 + \frac{x^4}{3}\right)x^2 + xy + (-4 + 4y^2)\,y^2`,
  ),
  goldsteinPrice: entry(
    "Goldstein–Price",
    "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*" +
      "(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
    square(2),
    [
      [0, -1, 3, "minimum"],
      [-0.6, -0.4, 30, "minimum"],
      [1.8, 0.2, 84, "minimum"],
      [1.2, 0.8, 840, "minimum"],
      [-0.4, -0.6, 35, "saddle"],
      [1.2, -0.2, 99, "saddle"],
      [1.4, 0.6, 980, "saddle"],
      [0.6, 0.4, 990, "saddle"],
      [0.8, 0.2, 1155, "maximum"],
    ],
    "Goldstein–Price: values spanning six orders of magnitude; the global minimum is 3 at (0, -1)",
    String.raw`\left[1 + (x + y + 1)^2(19 - 14x + 3x^2 - 14y + 6xy + 3y^2)\right]` +
      String.raw`\left[30 + (2x - 3y)^2(18 - 32x + 12x^2 + 48y - 36xy + 27y^2)\right]`,
  ),
  styblinskiTang: entry(
    "Styblinski–Tang",
    "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)",
    square(5),
    [
      [-2.90353402777, -2.90353402777, -78.3323314075, "minimum"],
      [-2.90353402777, 2.74680277099, -64.1956123591, "minimum"],
      [2.74680277099, -2.90353402777, -64.1956123591, "minimum"],
      [2.74680277099, 2.74680277099, -50.0588933106, "minimum"],
      [0.15673125678, 0.15673125678, 0.391224718111, "maximum"],
      [-2.90353402777, 0.15673125678, -38.9705533447, "saddle"],
      [0.15673125678, -2.90353402777, -38.9705533447, "saddle"],
      [0.15673125678, 2.74680277099, -24.8338342962, "saddle"],
      [2.74680277099, 0.15673125678, -24.8338342962, "saddle"],
    ],
    "Styblinski–Tang in two weights: a separable quartic with four minima of different depths",
    String.raw`\tfrac{1}{2}\left(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y\right)`,
  ),
  easom: entry(
    "Easom",
    "-cos(x)*cos(y)*exp(-((x - pi)^2 + (y - pi)^2))",
    square(100),
    [[Math.PI, Math.PI, -1, "minimum"]],
    "Easom: a flat plain with one narrow well at (π, π), where the gradient is almost zero " +
      "everywhere else (zoom to [0, 2π]² to see the well)",
    String.raw`-\cos x \cos y\, e^{-\left((x - \pi)^2 + (y - \pi)^2\right)}`,
    false,
  ),
  saddle: entry(
    "Saddle",
    "x^2 - y^2",
    square(2),
    [[0, 0, 0, "saddle"]],
    "A saddle: a minimum along x and a maximum along y at the same point",
    String.raw`x^2 - y^2`,
  ),
  monkeySaddle: entry(
    "Monkey saddle",
    "x^3 - 3*x*y^2",
    square(2),
    [[0, 0, 0, "degenerate"]],
    "The monkey saddle: three valleys meet at a flat point where the Hessian is zero",
    String.raw`x^3 - 3xy^2`,
  ),
  line: entry1(
    "Line",
    "2*x + 1",
    [-3, 3],
    [],
    "A line: the gradient is the same everywhere and there is no minimum",
    String.raw`2x + 1`,
  ),
  parabola: entry1(
    "Parabola",
    "x^2",
    [-3, 3],
    [[0, 0, "minimum"]],
    "A parabola: the one-weight bowl",
    String.raw`x^2`,
  ),
  xCosPiX: entry1(
    "x cos(πx)",
    "x*cos(pi*x)",
    [-3, 3],
    [
      [-2.04905565074, -2.02477044169, "minimum"],
      [-1.09040822195, 1.04672112466, "maximum"],
      [-0.273852686801, -0.178602511548, "minimum"],
      [0.273852686801, 0.178602511548, "maximum"],
      [1.09040822195, -1.04672112466, "minimum"],
      [2.04905565074, 2.02477044169, "maximum"],
    ],
    "x cos(πx): minima and maxima that alternate and deepen away from zero",
    String.raw`x\cos(\pi x)`,
  ),
  cubic: entry1(
    "Cubic",
    "x^3",
    [-2, 2],
    [[0, 0, "degenerate"]],
    "x³: a flat point that is neither a minimum nor a maximum",
    String.raw`x^3`,
  ),
});
