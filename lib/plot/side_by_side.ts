/**
 * `sideBySide`: several figures in one output, in a row or a grid, so that
 * shapes can be compared at a glance (four losses of the same data, a raw
 * and a standardized landscape).
 *
 * @module
 */

import { escapeXml } from "./_xml.ts";
import { bundleOf, DISPLAY, type Displayable, type MediaBundle } from "./show.ts";

/** Figures laid out together: displays itself in a notebook as one HTML output. */
export interface SideBySide extends Displayable {
  /** The notebook `text/html`: a CSS grid holding each figure's own HTML. */
  toHTML(): string;
  /** The figures' text alternatives, one per line. */
  toString(): string;
}

/**
 * Lays out figures (anything `show()` can display: `curvePlot`,
 * `contourPlot`, `plot`, tables) left to right in `columns` columns, top to
 * bottom. Each keeps its own size and interactivity; the output is
 * `text/html`, which survives the book's HTML export.
 *
 * @param figures The figures, in reading order.
 * @param options `columns` (default: all in one row), `gap` in pixels (default 12).
 * @returns A displayable: `await show(sideBySide([a, b]))`.
 * @throws {RangeError} For no figures, or `columns` that is not a positive
 *   integer, or a negative or non-finite `gap`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { sideBySide } from "./side_by_side.ts";
 * import { table } from "./show.ts";
 * const both = sideBySide([table([{ a: 1 }]), table([{ b: 2 }])], { columns: 2 });
 * ok(both.toHTML().includes("repeat(2, max-content)"));
 * ok(both.toString().includes("a\n1") && both.toString().includes("b\n2"));
 * ```
 */
export function sideBySide(
  figures: readonly unknown[],
  { columns = figures.length, gap = 12 }: { columns?: number; gap?: number } = {},
): SideBySide {
  if (!Array.isArray(figures) || figures.length === 0) {
    throw new RangeError("Expected at least one figure but found none");
  }
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`Expected columns to be a positive integer but found ${columns}`);
  }
  if (!(gap >= 0 && Number.isFinite(gap))) {
    throw new RangeError(`Expected gap to be a finite number of at least 0 but found ${gap}`);
  }
  const bundles = figures.map((f) => bundleOf(f));
  const cell = (b: MediaBundle) =>
    typeof b["text/html"] === "string"
      ? b["text/html"]
      : `<pre>${escapeXml(String(b["text/plain"] ?? ""))}</pre>`;
  let html: string | undefined;
  const toHTML = () =>
    html ??= `<div class="ll-side-by-side" style="display:grid;` +
      `grid-template-columns:repeat(${columns}, max-content);gap:${gap}px;` +
      `align-items:start;max-width:100%;overflow-x:auto">` +
      bundles.map((b) => `<div style="min-width:0">${cell(b)}</div>`).join("") + `</div>`;
  const text = () => bundles.map((b) => String(b["text/plain"] ?? "[figure]")).join("\n");
  return {
    [DISPLAY]: () => ({ "text/html": toHTML(), "text/plain": text() }),
    toHTML,
    toString: text,
  };
}
