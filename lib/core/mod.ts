/**
 * The shapes every layer shares — a {@linkcode Landscape}, a {@linkcode Grid},
 * a {@linkcode Curve}, a labelled {@linkcode Regions} map — and the seeded
 * random numbers and evenly spaced axes they are built from. This folder
 * imports nothing from the rest of `lib/`.
 *
 * @example
 * ```ts
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * import { linspace, mulberry32 } from "./mod.ts";
 *
 * deepStrictEqual([...linspace(0, 1, 3)], [0, 0.5, 1]);
 * strictEqual(mulberry32(1)(), mulberry32(1)());
 * ```
 *
 * @module
 */

export type {
  Curve,
  Domain,
  Grid,
  GridSpec,
  Interval,
  Landscape,
  StationaryKind,
} from "./types.ts";
export { gridPoints, linspace } from "./grid_spec.ts";
export { mulberry32 } from "./random.ts";
export { standardNormal } from "./standard_normal.ts";
export { regionAt, regionCounts } from "./regions.ts";
export type { Regions } from "./regions.ts";
