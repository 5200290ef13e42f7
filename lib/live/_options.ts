/**
 * Checks and small SVG edits the live figures share, in Deno.
 *
 * @module
 */

import type { Landscape } from "../core/types.ts";

/**
 * `v` as two finite numbers, or `fallback` when it is left out.
 *
 * @example
 * ```ts
 * import { deepStrictEqual, throws } from "node:assert";
 * import { pairOf } from "./_options.ts";
 * deepStrictEqual(pairOf("from", undefined, [0, 0]), [0, 0]);
 * throws(() => pairOf("from", [NaN, 1], [0, 0]), /from to be two finite numbers/);
 * ```
 */
export function pairOf<F extends [number, number] | undefined>(
  name: string,
  v: unknown,
  fallback: F,
): [number, number] | F {
  if (v === undefined) return fallback;
  if (
    !Array.isArray(v) || v.length !== 2 ||
    !v.every((e) => typeof e === "number" && Number.isFinite(e))
  ) {
    throw new TypeError(
      `Expected ${name} to be two finite numbers [a, b] but found ${JSON.stringify(v)}`,
    );
  }
  return [v[0], v[1]];
}

/**
 * `v` as a range `[low, high]` of finite numbers with low < high, or
 * `fallback` when it is left out; a range given high first is an error that
 * says to swap it.
 *
 * @example
 * ```ts
 * import { deepStrictEqual, throws } from "node:assert";
 * import { rangeOf } from "./_options.ts";
 * deepStrictEqual(rangeOf("x", [-1, 2], undefined), [-1, 2]);
 * throws(() => rangeOf("x", [5, -5], [-3, 3]), /x to be \[low, high\].*swap them: \[-5, 5\]/);
 * ```
 */
export function rangeOf<F extends [number, number] | undefined>(
  name: string,
  v: unknown,
  fallback: F,
): [number, number] | F {
  const r = pairOf(name, v, fallback);
  if (r !== undefined && !(r[0] < r[1])) {
    throw new RangeError(
      `Expected ${name} to be [low, high] with low < high but found [${r[0]}, ${r[1]}]` +
        (r[0] > r[1] ? `; swap them: [${r[1]}, ${r[0]}]` : "; give two different numbers"),
    );
  }
  return r;
}

/**
 * Checks that `l` is a landscape of two weights for the live figure `figure`;
 * `oneWeight` says what to do with a loss of one weight.
 */
export function checkTwoWeights(l: unknown, figure: string, oneWeight: string): Landscape {
  const land = l as Landscape;
  if (typeof l !== "object" || l === null || typeof land.at !== "function") {
    throw new TypeError(
      `Expected a landscape, e.g. landscape("x^2 + y^2"), but found ${String(l)}`,
    );
  }
  if (land.dims !== 2) {
    throw new RangeError(
      `${figure} needs a landscape of two weights but this one has ${land.dims} ` +
        `(${land.vars.join(", ")}); ${oneWeight}`,
    );
  }
  return land;
}

/**
 * The SVG with `name` added to its root's classes.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { withClass } from "./_options.ts";
 * strictEqual(withClass('<svg class="a"></svg>', "b"), '<svg class="b a"></svg>');
 * strictEqual(withClass("<svg></svg>", "b"), '<svg class="b"></svg>');
 * ```
 */
export function withClass(svg: string, name: string): string {
  const open = svg.match(/^<svg\b[^>]*>/)![0];
  const tag = / class="/.test(open)
    ? open.replace(/ class="/, ` class="${name} `)
    : open.replace(/^<svg/, `<svg class="${name}"`);
  return tag + svg.slice(open.length);
}
