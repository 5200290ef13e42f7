/**
 * Starting points spread over a rectangle of weight space: a regular lattice
 * of cell centres, optionally jittered by a seeded generator, for dropping
 * many "marbles" on a landscape.
 *
 * @module
 */

import { checkInterval } from "../core/grid_spec.ts";
import { mulberry32 } from "../core/random.ts";
import type { Domain } from "../core/types.ts";

/** Most starts per side of a lattice. */
export const MAX_LATTICE_SIDE = 1024;

function checkSide(n: unknown, name: string): number {
  if (typeof n !== "number") {
    throw new TypeError(
      `Expected ${name} to be an integer from 1 to ${MAX_LATTICE_SIDE} but found ${typeof n}`,
    );
  }
  if (!Number.isInteger(n) || n < 1 || n > MAX_LATTICE_SIDE) {
    throw new RangeError(
      `Expected ${name} to be an integer from 1 to ${MAX_LATTICE_SIDE} but found ${n}`,
    );
  }
  return n;
}

/**
 * Validates `n` as a count per side, or a pair `[nx, ny]`, from 1 to 1024.
 *
 * @throws {TypeError | RangeError} Naming the bad value.
 */
export function checkSides(n: unknown): [number, number] {
  if (Array.isArray(n)) {
    if (n.length !== 2) {
      throw new TypeError(
        `Expected n to be a number or a pair [nx, ny] but found [${n.join(", ")}]`,
      );
    }
    return [checkSide(n[0], "nx"), checkSide(n[1], "ny")];
  }
  const side = checkSide(n, "n");
  return [side, side];
}

/**
 * The centres of an `nx × ny` division of `domain` into equal cells:
 * `xs[i] = x0 + (i + ½)·(x1 − x0)/nx`, and likewise for `ys`. Centres keep
 * every start inside the domain and make the cells tile it exactly.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { cellCentres } from "./lattice.ts";
 *
 * deepStrictEqual([...cellCentres([0, 4], 4)], [0.5, 1.5, 2.5, 3.5]);
 * ```
 */
export function cellCentres([lo, hi]: readonly [number, number], n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (hi - lo) / n;
  for (let i = 0; i < n; i++) out[i] = lo + (i + 0.5) * step;
  return out;
}

/**
 * Starting points on a lattice over `domain`: the centres of `n × n` equal
 * cells (or `nx × ny` with `n: [nx, ny]`), row by row from the lowest `y`.
 * With `jitter` > 0 each point moves by up to `jitter / 2` of a cell in each
 * coordinate, drawn from a generator seeded with `seed`, so the marbles look
 * dropped by hand yet land in the same places on every run. A point never
 * leaves its cell.
 *
 * @param domain The rectangle `{ x: [x0, x1], y: [y0, y1] }`.
 * @param options `n` per side (default 10), `jitter` from 0 to 1 (default 0) and `seed` (default 1).
 * @returns `nx · ny` points `[x, y]`.
 * @throws {TypeError | RangeError} On a bad domain, count or jitter.
 *
 * @example
 * ```ts
 * import { deepStrictEqual, notDeepStrictEqual } from "node:assert";
 * import { lattice } from "./lattice.ts";
 *
 * const domain = { x: [0, 2] as [number, number], y: [0, 1] as [number, number] };
 * deepStrictEqual(lattice(domain, { n: [2, 1] }), [[0.5, 0.5], [1.5, 0.5]]);
 * deepStrictEqual(lattice(domain, { jitter: 0.5, seed: 3 }), lattice(domain, { jitter: 0.5, seed: 3 }));
 * notDeepStrictEqual(lattice(domain, { jitter: 0.5, seed: 3 }), lattice(domain, { jitter: 0.5, seed: 4 }));
 * ```
 */
export function lattice(
  domain: Domain,
  { n = 10, jitter = 0, seed = 1 }: {
    n?: number | [number, number];
    jitter?: number;
    seed?: number;
  } = {},
): [number, number][] {
  if (typeof domain !== "object" || domain === null) {
    throw new TypeError(`Expected a domain { x, y } but found ${String(domain)}`);
  }
  const x = checkInterval(domain.x, "x");
  const y = checkInterval(domain.y, "y");
  const [nx, ny] = checkSides(n);
  if (typeof jitter !== "number" || !(jitter >= 0 && jitter <= 1)) {
    throw new RangeError(`Expected jitter to be a number from 0 to 1 but found ${String(jitter)}`);
  }
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new TypeError(`Expected seed to be a finite number but found ${String(seed)}`);
  }
  const xs = cellCentres(x, nx);
  const ys = cellCentres(y, ny);
  const dx = (x[1] - x[0]) / nx;
  const dy = (y[1] - y[0]) / ny;
  const random = mulberry32(seed);
  const points: [number, number][] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (jitter === 0) {
        points.push([xs[i]!, ys[j]!]);
      } else {
        points.push([
          xs[i]! + (random() - 0.5) * jitter * dx,
          ys[j]! + (random() - 0.5) * jitter * dy,
        ]);
      }
    }
  }
  return points;
}
