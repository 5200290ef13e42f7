/**
 * Observable Plot charts drawn server-side in the house style, so figures
 * render without a browser (in the Deno kernel, in tests, in benchmarks) and
 * a notebook passes only what differs from the house look.
 *
 * @module
 */

import { parseHTML } from "linkedom";
import * as Plot from "@observablehq/plot";
import type { PlotOptions as ObservablePlotOptions } from "@observablehq/plot";

/** A linkedom `Document` that Plot can draw into. */
const serverDocument: Document = parseHTML(
  "<!DOCTYPE html><html><head></head><body></body></html>",
).document as unknown as Document;

/** The house CSS of a {@linkcode plot}: 11 px text. */
const HOUSE_STYLE: Readonly<{ fontSize: string }> = Object.freeze({ fontSize: "11px" });

/** The house x and y axes of a {@linkcode plot}: labels centred, without arrows. */
const HOUSE_AXIS: Readonly<{ labelAnchor: "center"; labelArrow: "none" }> = Object
  .freeze({ labelAnchor: "center", labelArrow: "none" });

/** Observable Plot's own chart options (`Plot.PlotOptions`), that {@linkcode PlotOptions} extends. */
export type { PlotOptions as ObservablePlotOptions } from "@observablehq/plot";

/**
 * Options of {@linkcode plot}: Observable Plot's own options, plus the
 * choice of look and frame.
 */
export interface PlotOptions extends ObservablePlotOptions {
  /**
   * `"house"` (default): 11 px text, axis labels centred without arrows
   * and a frame; your own
   * `style`, `x` and `y` options win over these key by key. `"plain"`:
   * Observable Plot's own defaults.
   */
  theme?: "house" | "plain";
  /**
   * Draw a frame around the plotting area, beneath the marks. Default:
   * `true` in the house theme, `false` in the plain one. No second frame is
   * added when `marks` already hold a `Plot.frame()` (put one last to draw
   * it over the marks).
   */
  frame?: boolean;
}

/**
 * An Observable Plot chart in the house style, drawn into a server-side
 * document: `Plot.plot` with 11 px text, centred axis labels without
 * arrows, and a frame, unless the options say otherwise. Options merge: a
 * `style` object, `x` or `y` of your own keeps all its keys and gains only
 * the house keys it lacks; everything else is Plot's.
 *
 * @param options Plot's options (marks, scales, size, caption…), plus
 *   `theme` (`"plain"` for Plot's own look) and `frame` (`false` for none).
 * @returns The SVG element (or, with a legend or caption, the `<figure>`),
 *   which `show()` displays.
 * @throws {TypeError} For a `theme` other than `"house"` or `"plain"`, or a
 *   `frame` that is not a boolean.
 *
 * @example The house look, and Plot's own
 * ```ts
 * import { ok } from "node:assert";
 * import { Plot, plot } from "./plot.ts";
 * const chart = plot({ x: { label: "step" }, marks: [Plot.lineY([1, 3, 2])] });
 * ok(chart.outerHTML.startsWith("<svg") && chart.outerHTML.includes("font-size:11px"));
 * ok(chart.querySelector('[aria-label="frame"]'));
 * const plain = plot({ theme: "plain", marks: [Plot.lineY([1, 3, 2])] });
 * ok(!plain.querySelector('[aria-label="frame"]'));
 * ```
 */
export function plot(options: PlotOptions = {}): Element {
  const { theme = "house", frame, ...rest } = options;
  if (theme !== "house" && theme !== "plain") {
    throw new TypeError(`Expected theme to be "house" or "plain" but found ${String(theme)}`);
  }
  if (frame !== undefined && typeof frame !== "boolean") {
    throw new TypeError(`Expected frame to be true or false but found ${String(frame)}`);
  }
  const house = theme === "house";
  const marks = rest.marks ?? [];
  const framed = (frame ?? house) && !hasFrame(marks);
  const merged: Plot.PlotOptions = house
    ? {
      ...rest,
      style: typeof rest.style === "string" || rest.style === null
        ? rest.style
        : withDefaults(rest.style, HOUSE_STYLE),
      x: withDefaults(rest.x, HOUSE_AXIS),
      y: withDefaults(rest.y, HOUSE_AXIS),
    }
    : rest;
  if (framed) merged.marks = [Plot.frame(), ...marks];
  return Plot.plot({ document: serverDocument, ...merged }) as unknown as Element;
}

/** `own` with the `defaults` it lacks appended (own keys keep their order and values). */
function withDefaults<T extends object>(own: T | undefined, defaults: object): T {
  const missing = Object.entries(defaults).filter(([k]) => own === undefined || !(k in own));
  return { ...own, ...Object.fromEntries(missing) } as T;
}

/** Whether any mark, in nested arrays too, is a `Plot.frame()`. */
function hasFrame(marks: readonly Plot.Markish[]): boolean {
  return marks.some((m) => m instanceof Plot.Frame || (Array.isArray(m) && hasFrame(m)));
}

/**
 * Observable Plot itself (`Plot.line`, `Plot.dot`, `Plot.frame`…), for the
 * marks of a {@linkcode plot}.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { Plot } from "./plot.ts";
 * ok(Plot.lineY([1, 2]) instanceof Plot.Line);
 * ```
 */
export * as Plot from "@observablehq/plot";
