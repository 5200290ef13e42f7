/**
 * The directions in which a loss falls away from a point, found by walking
 * once around a small circle: the way a marble balanced on a saddle would
 * roll off. Unlike the Hessian's eigenvectors this also sees saddles whose
 * Hessian is zero, such as the monkey saddle.
 *
 * @module
 */

import type { Landscape } from "../core/types.ts";

/** A direction of descent from a point. */
export interface EscapeDirection {
  /** Angle from the x axis, in radians, from 0 to 2π. */
  angle: number;
  /** The unit vector `[cos angle, sin angle]`. */
  direction: [number, number];
  /** The change of the loss one `radius` along `direction`: negative. */
  drop: number;
}

/**
 * The directions of steepest local fall around `point`: the angles at which
 * the loss on a circle of `radius` around the point has a local minimum
 * below the loss at the point itself. Each angle is refined between samples
 * by a parabola through its neighbours.
 *
 * What comes back depends on the shape of the point:
 * at a minimum, nothing; at an ordinary saddle `x² − y²`, the two opposite
 * directions of negative curvature; at a monkey saddle `x³ − 3xy²`, three
 * directions 120° apart; at a point on a slope, the one direction close to
 * minus the gradient; at a maximum, the steepest falls (at a round one,
 * where all fall alike, just one of them).
 *
 * @param l A landscape of two weights.
 * @param point The point `[x, y]`.
 * @param options `radius` of the circle (default 0.01) and the number of `samples` on it (default 720).
 * @returns The directions, by increasing angle.
 * @throws {TypeError | RangeError} On a landscape of one weight, a bad point, radius or sample count.
 *
 * @example The saddle x² − y² falls along ±y
 * ```ts
 * import { ok, strictEqual } from "node:assert";
 * import { landscape } from "./landscape.ts";
 * import { escapeDirections } from "./escape_directions.ts";
 *
 * const ways = escapeDirections(landscape("x^2 - y^2"), [0, 0]);
 * strictEqual(ways.length, 2);
 * ok(Math.abs(ways[0]!.angle - Math.PI / 2) < 1e-6);
 * ok(Math.abs(ways[1]!.angle - 3 * Math.PI / 2) < 1e-6);
 * ```
 */
export function escapeDirections(
  l: Landscape,
  point: readonly number[],
  { radius = 0.01, samples = 720 }: { radius?: number; samples?: number } = {},
): EscapeDirection[] {
  if (typeof l !== "object" || l === null || typeof l.at !== "function") {
    throw new TypeError(`Expected a landscape but found ${String(l)}`);
  }
  if (l.dims !== 2) throw new RangeError(`Expected a landscape of two weights but found ${l.dims}`);
  if (
    !Array.isArray(point) || point.length !== 2 ||
    !point.every((v) => typeof v === "number" && Number.isFinite(v))
  ) {
    throw new TypeError(`Expected point to be [x, y] of finite numbers but found ${String(point)}`);
  }
  if (typeof radius !== "number" || !(radius > 0) || !Number.isFinite(radius)) {
    throw new RangeError(`Expected radius to be a finite number > 0 but found ${String(radius)}`);
  }
  if (typeof samples !== "number" || !Number.isInteger(samples) || samples < 8 || samples > 1e6) {
    throw new RangeError(
      `Expected samples to be an integer from 8 to 1000000 but found ${String(samples)}`,
    );
  }
  const [px, py] = point as [number, number];
  const f0 = l.at(px, py);
  if (!Number.isFinite(f0)) return [];
  const ring = new Float64Array(samples);
  const step = (2 * Math.PI) / samples;
  for (let k = 0; k < samples; k++) {
    ring[k] = l.at(px + radius * Math.cos(k * step), py + radius * Math.sin(k * step)) - f0;
  }
  // Differences at the level of rounding are not a fall, and a dip counts
  // only if it stands out from its neighbourhood by more than rounding (its
  // prominence): otherwise a round maximum, where every direction falls
  // equally, would give a direction at every wiggle of the last digit.
  const noise = 64 * Number.EPSILON * Math.max(1, Math.abs(f0));
  const escape = (k: number): EscapeDirection => {
    const before = ring[(k + samples - 1) % samples]!;
    const here = ring[k]!;
    const after = ring[(k + 1) % samples]!;
    const curvature = before - 2 * here + after;
    const shift = curvature > 0 ? (0.5 * (before - after)) / curvature : 0;
    const angle = (((k + shift) * step) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI);
    return {
      angle,
      direction: [Math.cos(angle), Math.sin(angle)],
      drop: here - 0.25 * (before - after) * shift,
    };
  };
  const out: EscapeDirection[] = [];
  let lowest = 0;
  for (let k = 0; k < samples; k++) {
    const before = ring[(k + samples - 1) % samples]!;
    const here = ring[k]!;
    const after = ring[(k + 1) % samples]!;
    if (here < ring[lowest]!) lowest = k;
    // Strict on one side only, so a flat-bottomed dip counts once.
    if (!(here < before && here <= after && here < -noise)) continue;
    if (_prominence(ring, k) > noise) out.push(escape(k));
  }
  // Falling all round with no dip standing out: a round maximum.
  if (out.length === 0 && ring[lowest]! < -noise) out.push(escape(lowest));
  return out.sort((a, b) => a.angle - b.angle);
}

/**
 * How far the cyclic sequence rises from its local minimum at `k` before it
 * reaches a lower value, on the lower of the two sides; for the lowest value
 * of all, its rise to the highest.
 */
function _prominence(ring: Float64Array, k: number): number {
  const n = ring.length;
  const here = ring[k]!;
  let highest = -Infinity;
  for (const v of ring) highest = Math.max(highest, v);
  const rise = (dir: 1 | -1) => {
    let top = here;
    for (let s = 1; s < n; s++) {
      const v = ring[(k + dir * s + n * s) % n]!;
      if (v < here) return top - here;
      top = Math.max(top, v);
    }
    return highest - here;
  };
  return Math.min(rise(1), rise(-1));
}
