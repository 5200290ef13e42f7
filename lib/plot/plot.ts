/**
 * A server-side DOM for Observable Plot, so figures render without a browser
 * (in the Deno kernel, in tests, in benchmarks).
 *
 * @module
 */

import { parseHTML } from "linkedom";
import * as Plot from "@observablehq/plot";

/** A linkedom `Document` that Plot can draw into. */
const serverDocument: Document = parseHTML(
  "<!DOCTYPE html><html><head></head><body></body></html>",
).document as unknown as Document;

/**
 * `Plot.plot` drawn into the server-side linkedom document; returns the SVG
 * (or, with a legend, the `<figure>`) element, which `show()` displays.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { Plot, plot } from "./plot.ts";
 * const chart = plot({ marks: [Plot.lineY([1, 3, 2])] });
 * ok(chart.outerHTML.startsWith("<svg"));
 * ```
 */
export function plot(options: Plot.PlotOptions = {}): Element {
  return Plot.plot({ document: serverDocument, ...options }) as unknown as Element;
}

export { Plot };
