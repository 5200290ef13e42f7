/**
 * Loss landscapes: the public entry point of the toolkit. Notebooks import
 * everything from here.
 *
 * @module
 */

export type { Curve, Domain, Grid, Interval, Kind, Landscape } from "./types.ts";
export { bundleOf, DISPLAY, formatNumber, show, table } from "./plot/show.ts";
export type { Displayable, MediaBundle } from "./plot/show.ts";
export { document, Plot, plot } from "./plot/document.ts";
export { escapeXml } from "./plot/escape.ts";
export { binaryCrossEntropy, crossEntropy, EPSILON, huber, mae, mse } from "./losses.ts";
export type { CrossEntropyOptions, LossOptions, Reduced, Reduction } from "./losses.ts";
export { ISLANDS, penguins, SPECIES } from "./data.ts";
export type { CompletePenguin, Island, Penguin, Species } from "./data.ts";
