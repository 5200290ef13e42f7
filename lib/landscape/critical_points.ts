/**
 * `criticalPoints()`: every stationary point of a landscape inside a domain,
 * classified by its Hessian.
 *
 * @module
 */

import { checkInterval } from "../core/grid_spec.ts";
import { mulberry32 } from "../core/random.ts";
import type { Domain, Interval, Landscape, StationaryKind } from "../core/types.ts";

/** A stationary point of a two-weight landscape. */
export interface CriticalPoint {
  /** `[x, y]` where the gradient vanishes. */
  point: [number, number];
  /** The loss at `point`. */
  value: number;
  /** From the signs of `eigenvalues`; `degenerate` when one is ~0. */
  kind: StationaryKind;
  /** The Hessian's eigenvalues, smallest first. */
  eigenvalues: [number, number];
}

/** A stationary point of a one-weight landscape. */
export interface CriticalPoint1D {
  /** `[x]` where the derivative vanishes. */
  point: [number];
  /** The loss at `point`. */
  value: number;
  /** From the sign of the second derivative; `degenerate` when it is ~0. */
  kind: StationaryKind;
  /** The second derivative. */
  eigenvalues: [number];
}

/** Options of {@linkcode criticalPoints}. */
export interface CriticalPointOptions {
  /** Starts per side of the lattice (two weights) or along the line (one weight); default 24 and 200. */
  starts?: number;
  /** Seed of the jitter added to the lattice; default 1. */
  seed?: number;
}

const MAX_ITERATIONS = 200;

/**
 * Finds the stationary points of `l` inside `domain` and classifies each by
 * the eigenvalues of its Hessian: `minimum` (all positive), `maximum` (all
 * negative), `saddle` (both signs) or `degenerate` (an eigenvalue is ~0,
 * so the second-derivative test says nothing).
 *
 * Method: from a jittered lattice of starts (seeded, so the answer is the
 * same every run), Levenberg–Marquardt steps on the gradient
 * (`(HᵀH + μI) δ = −Hᵀg`, Newton's step as μ → 0) until the step stalls;
 * points where the gradient vanishes (relative to its typical size on the
 * domain) are kept, merged when closer than 1e-6 of the domain's diagonal
 * and sorted by value. A stationary point whose basin misses every start is
 * missed; raise `starts` for busy landscapes: Rastrigin has 121 minima on
 * its usual domain, of which the default 24 starts find 97 and 36 starts
 * find all (a test checks both counts).
 *
 * @param l A landscape of one or two weights.
 * @param domain `{ x, y }` for two weights, `{ x }` for one.
 * @param options Lattice size and seed.
 * @returns The stationary points, smallest value first.
 *
 * @example Himmelblau's nine stationary points
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { criticalPoints } from "./critical_points.ts";
 * import { landscape } from "./landscape.ts";
 *
 * const l = landscape("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
 * const points = criticalPoints(l, { x: [-5, 5], y: [-5, 5] });
 * deepStrictEqual(points.map((p) => p.kind).sort(), [
 *   "maximum", "minimum", "minimum", "minimum", "minimum",
 *   "saddle", "saddle", "saddle", "saddle",
 * ]);
 * ```
 */
export function criticalPoints(
  l: Landscape,
  domain: Domain,
  options?: CriticalPointOptions,
): CriticalPoint[];
/**
 * The stationary points of a one-weight landscape inside `domain.x`, found
 * from `starts` evenly spaced, jittered starts along the interval (default 200) and
 * classified by the second derivative, smallest value first.
 *
 * @example x cos(πx) has three minima and three maxima on [-3, 3]
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { criticalPoints } from "./critical_points.ts";
 * import { landscape } from "./landscape.ts";
 *
 * const points = criticalPoints(landscape("x*cos(pi*x)"), { x: [-3, 3] });
 * deepStrictEqual(points.map((p) => p.kind), [
 *   "minimum", "minimum", "minimum", "maximum", "maximum", "maximum",
 * ]);
 * ```
 */
export function criticalPoints(
  l: Landscape,
  domain: { x: Interval },
  options?: CriticalPointOptions,
): CriticalPoint1D[];
export function criticalPoints(
  l: Landscape,
  domain: Domain | { x: Interval },
  { starts, seed = 1 }: CriticalPointOptions = {},
): CriticalPoint[] | CriticalPoint1D[] {
  if (typeof domain !== "object" || domain === null) {
    throw new TypeError(`Expected a domain { x, y } but found ${String(domain)}`);
  }
  const x = checkInterval(domain.x, "x");
  if (starts !== undefined && (!Number.isInteger(starts) || starts < 1 || starts > 1000)) {
    throw new RangeError(`Expected starts to be an integer from 1 to 1000 but found ${starts}`);
  }
  if (l.dims === 1) return criticalPoints1D(l, x, starts ?? 200, seed);
  const y = checkInterval((domain as Domain).y, "y");
  return criticalPoints2D(l, x, y, starts ?? 24, seed);
}

function classify(eigenvalues: readonly number[], scale: number): StationaryKind {
  const tol = 1e-6 * Math.max(scale, ...eigenvalues.map(Math.abs));
  if (eigenvalues.some((e) => !(Math.abs(e) > tol))) return "degenerate";
  if (eigenvalues.every((e) => e > 0)) return "minimum";
  if (eigenvalues.every((e) => e < 0)) return "maximum";
  return "saddle";
}

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? 1 : s[s.length >> 1]!;
}

function criticalPoints2D(
  l: Landscape,
  [x0, x1]: Interval,
  [y0, y1]: Interval,
  m: number,
  seed: number,
): CriticalPoint[] {
  const random = mulberry32(seed);
  const wx = x1 - x0;
  const wy = y1 - y0;
  const diagonal = Math.hypot(wx, wy);
  const starts: [number, number][] = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      starts.push([
        x0 + ((i + 0.5 + 0.8 * (random() - 0.5)) / m) * wx,
        y0 + ((j + 0.5 + 0.8 * (random() - 0.5)) / m) * wy,
      ]);
    }
  }
  const norm = (g: readonly number[]) => Math.hypot(g[0]!, g[1]!);
  const gradientScale = Math.max(1e-300, median(starts.map((p) => norm(l.gradient(...p)))));
  const hessianScale = median(starts.map((p) => {
    const h = l.hessian(...p);
    return Math.hypot(h[0]![0]!, h[0]![1]!, h[1]![0]!, h[1]![1]!);
  }));
  const margin = 0.25;
  const inside = (p: readonly number[], slack: number) =>
    p[0]! >= x0 - slack * wx && p[0]! <= x1 + slack * wx &&
    p[1]! >= y0 - slack * wy && p[1]! <= y1 + slack * wy;

  const found: { p: [number, number]; g: number }[] = [];
  for (const start of starts) {
    let p = start;
    let g = l.gradient(...p);
    let gn = norm(g);
    let mu = 1e-6;
    for (let k = 0; k < MAX_ITERATIONS && gn > 0 && Number.isFinite(gn); k++) {
      const [[a, b], [, d]] = l.hessian(...p) as [[number, number], [number, number]];
      // HᵀH for symmetric H, and Hᵀg.
      const s11 = a * a + b * b;
      const s12 = a * b + b * d;
      const s22 = b * b + d * d;
      const r1 = a * g[0]! + b * g[1]!;
      const r2 = b * g[0]! + d * g[1]!;
      const damp = mu * Math.max(s11, s22, 1e-300);
      let improved = false;
      for (let tries = 0; tries < 30; tries++) {
        const t11 = s11 + damp * 4 ** tries;
        const t22 = s22 + damp * 4 ** tries;
        const det = t11 * t22 - s12 * s12;
        const dx = -(t22 * r1 - s12 * r2) / det;
        const dy = -(t11 * r2 - s12 * r1) / det;
        const q: [number, number] = [p[0] + dx, p[1] + dy];
        if (!Number.isFinite(q[0]) || !Number.isFinite(q[1])) break;
        const gq = l.gradient(...q);
        const gqn = norm(gq);
        if (gqn < gn || (gqn === gn && dx === 0 && dy === 0)) {
          const moved = Math.hypot(dx, dy);
          p = q;
          g = gq;
          gn = gqn;
          mu = Math.max(1e-12, (mu * 4 ** tries) / 3);
          improved = moved > 1e-15 * (1 + Math.hypot(p[0], p[1]));
          break;
        }
      }
      if (!improved || !inside(p, margin)) break;
    }
    if (inside(p, 1e-9) && gn <= 1e-8 * gradientScale) found.push({ p, g: gn });
  }

  // Merge duplicates, keeping the most accurate of each cluster.
  found.sort((u, v) => u.g - v.g);
  const kept: [number, number][] = [];
  for (const { p } of found) {
    if (!kept.some((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) <= 1e-6 * diagonal)) kept.push(p);
  }
  const result = kept.map((point): CriticalPoint => {
    const [[a, b], [, d]] = l.hessian(...point) as [[number, number], [number, number]];
    const mean = (a + d) / 2;
    const radius = Math.hypot((a - d) / 2, b);
    const eigenvalues: [number, number] = [mean - radius, mean + radius];
    return { point, value: l.at(...point), kind: classify(eigenvalues, hessianScale), eigenvalues };
  });
  return result.sort((u, v) =>
    u.value - v.value || u.point[0] - v.point[0] || u.point[1] - v.point[1]
  );
}

function criticalPoints1D(
  l: Landscape,
  [x0, x1]: Interval,
  m: number,
  seed: number,
): CriticalPoint1D[] {
  const random = mulberry32(seed);
  const w = x1 - x0;
  const starts = Array.from(
    { length: m },
    (_, i) => x0 + ((i + 0.5 + 0.8 * (random() - 0.5)) / m) * w,
  );
  const gradientScale = Math.max(1e-300, median(starts.map((p) => Math.abs(l.gradient(p)[0]!))));
  const hessianScale = median(starts.map((p) => Math.abs(l.hessian(p)[0]![0]!)));
  const found: { p: number; g: number }[] = [];
  for (const start of starts) {
    let p = start;
    let g = l.gradient(p)[0]!;
    let mu = 1e-6;
    for (let k = 0; k < MAX_ITERATIONS && g !== 0 && Number.isFinite(g); k++) {
      const h = l.hessian(p)[0]![0]!;
      let improved = false;
      for (let tries = 0; tries < 30; tries++) {
        const damp = mu * 4 ** tries * Math.max(h * h, 1e-300);
        const step = (-h * g) / (h * h + damp);
        const q = p + step;
        if (!Number.isFinite(q)) break;
        const gq = l.gradient(q)[0]!;
        if (Math.abs(gq) < Math.abs(g)) {
          improved = Math.abs(step) > 1e-15 * (1 + Math.abs(q));
          p = q;
          g = gq;
          mu = Math.max(1e-12, (mu * 4 ** tries) / 3);
          break;
        }
      }
      if (!improved || p < x0 - w / 4 || p > x1 + w / 4) break;
    }
    const slack = 1e-9 * w;
    if (p >= x0 - slack && p <= x1 + slack && Math.abs(g) <= 1e-8 * gradientScale) {
      found.push({ p, g: Math.abs(g) });
    }
  }
  found.sort((u, v) => u.g - v.g);
  const kept: number[] = [];
  for (const { p } of found) if (!kept.some((q) => Math.abs(p - q) <= 1e-6 * w)) kept.push(p);
  return kept
    .map((p): CriticalPoint1D => {
      const h = l.hessian(p)[0]![0]!;
      return { point: [p], value: l.at(p), kind: classify([h], hessianScale), eigenvalues: [h] };
    })
    .sort((u, v) => u.value - v.value || u.point[0] - v.point[0]);
}
