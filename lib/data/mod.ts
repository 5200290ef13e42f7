/**
 * Data and the losses measured on it: the losses as `tf.losses` and Keras
 * define them, the Palmer penguins and seeded spirals, closed-form least
 * squares, standardization, and {@linkcode lineFitLoss} — the loss of a line
 * `ŷ = slope·x + intercept` on a data set as a landscape over (slope,
 * intercept). Imports `lib/core/` and `lib/landscape/`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { lineFitLoss, mse } from "./mod.ts";
 *
 * strictEqual(mse([1, 2], [1, 4]), 2);
 * strictEqual(lineFitLoss([1, 2], [2, 4]).at(2, 0), 0);
 * ```
 *
 * @module
 */

export { binaryCrossEntropy, crossEntropy, EPSILON, huber, mae, mse } from "./losses.ts";
export type { CrossEntropyOptions, LossOptions, Reduced, Reduction } from "./losses.ts";
export { ISLANDS, penguins, SPECIES } from "./penguins.ts";
export type { CompletePenguin, Island, Penguin, Species } from "./penguins.ts";
export { leastSquaresLine, leastSquaresThroughOrigin } from "./least_squares.ts";
export type { Line } from "./least_squares.ts";
export { standardize, unstandardizeLine } from "./standardize.ts";
export type { Standardized } from "./standardize.ts";
export { LINE_FIT_LOSSES, lineFitLoss, lineLossValue } from "./line_fit_loss.ts";
export type { LineFitLossName, LineFitLossOptions } from "./line_fit_loss.ts";
export { spirals } from "./spirals.ts";
export { trainTestSplit } from "./split.ts";
export type { LabelledSet, SplitOptions, SplitPart } from "./split.ts";
export type { SpiralOptions, Spirals } from "./spirals.ts";
