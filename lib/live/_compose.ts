/**
 * Puts a live figure's panels side by side in one SVG, so that its static
 * picture, its `toSVG()` and its golden file are one image.
 *
 * @module
 */

import { FONT } from "../plot/mod.ts";

/** Pixels between two panels. */
export const PANEL_GAP = 8;

/**
 * One SVG of `width × height` holding `panels` (each an `<svg>` placed with
 * its own `x`/`y`), on white, in the figures' font.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { composeSvg } from "./_compose.ts";
 * const svg = composeSvg('<svg width="4" height="4"></svg>', '<svg x="12" width="4" height="4"></svg>', 16, 4);
 * ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="4" viewBox="0 0 16 4"'));
 * ```
 */
export function composeSvg(first: string, second: string, width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="10" ` +
    `style="background:#fff;color:#000">${first}${second}</svg>`;
}
