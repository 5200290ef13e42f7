/**
 * Live figures: figures a reader plays with in a notebook and in the
 * exported page, with no kernel and no network. Each computes in the page
 * with the library's own code (embedded by source), keeps its state as JSON
 * in its root's `data-state` attribute, and shows a static first frame in
 * viewers that run no scripts.
 *
 * - {@linkcode descentExplorer}: drop a start on a contour map, pick an
 *   optimizer, a learning rate, steps and momentum; see the path and the loss.
 * - {@linkcode linkedSlice}: move and turn a straight line on a contour map;
 *   see the loss along it and whether that slice looks convex.
 * - {@linkcode scorecard}: drag a line over data and see its misses and its
 *   loss, beside the loss of every line as a map over (slope, intercept).
 *
 * This folder sits on top: it may import every layer below it and `plot`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { landscape } from "../landscape/mod.ts";
 * import { descentExplorer } from "./mod.ts";
 *
 * const fig = descentExplorer(landscape("x^2 + 10*y^2"), { from: [2, 1], learningRate: 0.05 });
 * ok(fig.state.values.at(-1)! < fig.state.values[0]!);
 * ```
 *
 * @module
 */

export { descentExplorer, describeDescent } from "./explorer.ts";
export type { DescentExplorerOptions, ExplorerState } from "./explorer.ts";
export { describeSlice, linkedSlice, sliceSamples, sliceShape } from "./linked_slice.ts";
export type { LinkedSliceOptions, SliceState } from "./linked_slice.ts";
export { scorecard } from "./scorecard.ts";
export type { ScorecardLoss, ScorecardOptions, ScorecardState } from "./scorecard.ts";
