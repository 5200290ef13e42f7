/**
 * Random directions in weight space, normalized as Li et al. (2018) do.
 *
 * A random Gaussian direction has no idea of the model's scale: moving one
 * unit along it changes a layer with small weights a lot and a layer with
 * large weights hardly at all, and ReLU networks are unchanged when a
 * layer's weights are scaled up and the next one's down. So plots along raw
 * directions of two networks cannot be compared. *Filter normalization*
 * rescales each filter of the direction to the norm of the matching filter
 * of the weights, so that α = 1 means "as far as the weights themselves",
 * filter by filter.
 *
 * Directions are `Float32Array`s in the order of {@linkcode weightLayout}.
 *
 * @module
 */

import { standardNormal } from "../core/standard_normal.ts";
import {
  checkVector,
  type Model,
  type WeightLayout,
  weightLayout,
  weightVector,
} from "./weights.ts";

/**
 * How a random direction is scaled:
 * - `"filter"`: each filter to the norm of the matching filter of the weights (Li et al.);
 * - `"layer"`: each weight tensor to the norm of the matching tensor;
 * - `"none"`: raw standard normal numbers.
 */
export type Normalization = "filter" | "layer" | "none";

/** Options of {@linkcode randomDirection} and {@linkcode randomDirections}. */
export interface DirectionOptions {
  /** Seed of the Gaussian numbers. Default 0. */
  seed?: number;
  /** Default `"filter"`. */
  normalization?: Normalization;
  /**
   * Keep a random direction for biases and other rank-0/1 weights (such as
   * batch-normalization scales), scaled as a whole to their norm. Default
   * false: they are zero in the direction, as in Li et al.'s code.
   */
  biases?: boolean;
}

const NORMALIZATIONS: readonly Normalization[] = ["filter", "layer", "none"];

/**
 * A seeded random direction for a model, normalized to its current weights.
 *
 * @param model A tfjs layers model with trainable weights.
 * @param options Seed, normalization and whether biases move.
 * @returns One number per trainable weight.
 *
 * @example Filter by filter, the direction has the norm of the weights
 * ```ts
 * import { ok } from "node:assert";
 * import { tf } from "./tf.ts";
 * import { filterNorms, randomDirection } from "./directions.ts";
 * import { weightLayout, weightVector } from "./weights.ts";
 *
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 4 })] });
 * const layout = weightLayout(model);
 * const d = randomDirection(model, { seed: 1 });
 * const want = filterNorms(weightVector(model), layout);
 * const got = filterNorms(d, layout);
 * ok(want[0]!.every((w, j) => Math.abs(got[0]![j]! - w) < 1e-5 * w));
 * ```
 */
export function randomDirection(model: Model, options: DirectionOptions = {}): Float32Array {
  return randomDirections(model, 1, options)[0]!;
}

/**
 * Several seeded random directions for a model, drawn one after the other
 * from the same Gaussian stream (so the first of them is
 * {@linkcode randomDirection} with the same options).
 *
 * @param model A tfjs layers model with trainable weights.
 * @param count How many directions.
 * @param options Seed, normalization and whether biases move.
 * @returns `count` directions.
 */
export function randomDirections(
  model: Model,
  count: number,
  options: DirectionOptions = {},
): Float32Array[] {
  return drawDirections(weightLayout(model), weightVector(model), count, options);
}

/**
 * Seeded random directions normalized to given weights — the model-free form
 * of {@linkcode randomDirections}, for slices centred away from a model's
 * current weights.
 *
 * @param layout The weights' layout.
 * @param weights The weights the directions are normalized to.
 * @param count How many directions.
 * @param options Seed, normalization and whether biases move.
 * @returns `count` directions.
 */
export function drawDirections(
  layout: WeightLayout,
  weights: Float32Array,
  count: number,
  options: DirectionOptions = {},
): Float32Array[] {
  const { seed = 0, normalization = "filter", biases = false } = checkOptions(options);
  checkVector(weights, layout, "weights");
  const next = standardNormal(seed);
  const out: Float32Array[] = [];
  for (let k = 0; k < count; k++) {
    const d = new Float32Array(layout.size);
    for (let i = 0; i < d.length; i++) d[i] = next();
    out.push(normalizeDirection(d, weights, layout, { normalization, biases }));
  }
  return out;
}

/**
 * Scales a direction to the weights (in place), as {@linkcode Normalization}
 * describes. A filter or tensor whose weights are all zero gets a zero
 * direction, since it has no scale to copy.
 *
 * @param direction The direction to scale; changed in place.
 * @param weights The weights it is normalized to.
 * @param layout Their layout.
 * @param options The normalization, and whether biases keep a direction.
 * @returns `direction`.
 */
export function normalizeDirection(
  direction: Float32Array,
  weights: Float32Array,
  layout: WeightLayout,
  { normalization = "filter", biases = false }: Omit<DirectionOptions, "seed"> = {},
): Float32Array {
  checkVector(direction, layout, "direction");
  checkVector(weights, layout, "weights");
  for (const e of layout.entries) {
    if (e.filters === 0 && !biases) {
      direction.fill(0, e.offset, e.offset + e.size);
    } else if (normalization === "none") {
      continue;
    } else if (normalization === "layer" || e.filters === 0) {
      rescale(direction, weights, e.offset, e.size, 1);
    } else {
      for (let j = 0; j < e.filters; j++) {
        rescale(direction, weights, e.offset + j, e.size / e.filters, e.filters);
      }
    }
  }
  return direction;
}

/** Scales the strided run of `d` to the norm of the same run of `w`. */
function rescale(
  d: Float32Array,
  w: Float32Array,
  start: number,
  count: number,
  stride: number,
): void {
  let dd = 0;
  let ww = 0;
  for (let i = 0, k = start; i < count; i++, k += stride) {
    dd += d[k]! * d[k]!;
    ww += w[k]! * w[k]!;
  }
  const s = dd > 0 ? Math.sqrt(ww / dd) : 0;
  for (let i = 0, k = start; i < count; i++, k += stride) d[k] = d[k]! * s;
}

/**
 * The Euclidean norm of every filter of every tensor of a vector: one array
 * per layout entry, holding one norm per filter (or, for a bias, the single
 * norm of the whole tensor).
 *
 * @param vector Weights or a direction.
 * @param layout Its layout.
 * @returns Norms, entry by entry.
 */
export function filterNorms(vector: Float32Array, layout: WeightLayout): Float64Array[] {
  checkVector(vector, layout, "vector");
  return layout.entries.map((e) => {
    const filters = Math.max(e.filters, 1);
    const norms = new Float64Array(filters);
    for (let i = 0; i < e.size; i++) {
      norms[i % filters] = norms[i % filters]! + vector[e.offset + i]! ** 2;
    }
    return norms.map(Math.sqrt);
  });
}

/**
 * Removes from `direction` its component along `other` (one Gram–Schmidt
 * step), so that the two are orthogonal. Returns a new vector. Random
 * directions in thousands of dimensions are already nearly orthogonal; this
 * makes it exact, at the price of slightly changing the filter norms.
 *
 * @param direction The direction to change.
 * @param other The direction to be orthogonal to; must not be all zeros.
 * @returns `direction − (direction·other / other·other) other`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { orthogonalize } from "./directions.ts";
 *
 * const d = orthogonalize(new Float32Array([1, 1]), new Float32Array([1, 0]));
 * ok(Math.abs(d[0]!) < 1e-7 && d[1] === 1);
 * ```
 */
export function orthogonalize(direction: Float32Array, other: Float32Array): Float32Array {
  if (direction.length !== other.length) {
    throw new RangeError(
      `Expected directions of the same length but found ${direction.length} and ${other.length}`,
    );
  }
  let dot = 0;
  let oo = 0;
  for (let i = 0; i < other.length; i++) {
    dot += direction[i]! * other[i]!;
    oo += other[i]! * other[i]!;
  }
  if (!(oo > 0)) {
    throw new RangeError("Expected a direction to be orthogonal to but found all zeros");
  }
  const c = dot / oo;
  return direction.map((d, i) => d - c * other[i]!);
}

function checkOptions(options: DirectionOptions): DirectionOptions {
  const { seed = 0, normalization = "filter" } = options;
  if (!Number.isFinite(seed)) {
    throw new TypeError(`Expected seed to be a finite number but found ${seed}`);
  }
  if (!NORMALIZATIONS.includes(normalization)) {
    throw new TypeError(
      `Expected normalization to be "filter", "layer" or "none" but found ${
        JSON.stringify(normalization)
      }` + (/^filters$/i.test(String(normalization)) ? `; write "filter"` : ""),
    );
  }
  return options;
}
