/**
 * A vertical colour bar drawn as plain SVG (Plot's continuous legends need a
 * canvas, which a server-side DOM lacks): a gradient box with an outline,
 * ticks and labels on the right and a rotated label beyond them, laid out
 * like matplotlib's `fig.colorbar`.
 *
 * @module
 */

import { escapeXml } from "./_xml.ts";
import { r1 } from "./3d/_camera.ts";
import { textWidth } from "./_text_width.ts";
import { logTicks, tickFormat, ticks as linearTicks } from "./_ticks.ts";

/** Where and what a colour bar shows. */
export interface ColorbarSpec {
  /** Top-left corner and size of the colour box, in SVG units. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Colours from the bottom (`t = 0`) to the top (`t = 1`) of the bar. */
  palette: readonly string[];
  /** The values at the bottom and top of the bar. */
  lo: number;
  hi: number;
  /** A logarithmic value axis (requires `lo > 0`). */
  log?: boolean;
  label?: string;
  fontSize?: number;
  /** The gradient's id; make it unique in the page for different palettes. */
  id: string;
}

/**
 * SVG markup of a colour bar.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { drawColorbar } from "./_colorbar.ts";
 * const svg = drawColorbar({
 *   x: 0, y: 0, width: 20, height: 100, palette: ["#000000", "#ffffff"],
 *   lo: 0, hi: 50, label: "Loss", id: "cb",
 * });
 * ok(svg.includes(">40</text>") && svg.includes(">Loss</text>"));
 * ```
 */
export function drawColorbar(spec: ColorbarSpec): string {
  const { x, y, width, height, palette, lo, hi, log = false, label = "", fontSize = 10, id } = spec;
  const n = palette.length;
  const stops = n <= 33 ? n : 33;
  let gradient = `<linearGradient id="${id}" x1="0" y1="1" x2="0" y2="0">`;
  for (let k = 0; k < stops; k++) {
    const t = stops === 1 ? 0 : k / (stops - 1);
    const color = palette[Math.round(t * (n - 1))]!;
    gradient += `<stop offset="${Number(t.toFixed(4))}" stop-color="${color}"/>`;
  }
  gradient += "</linearGradient>";

  const count = Math.min(9, Math.max(1, Math.floor(height / (2 * fontSize))));
  const values = log ? logTicks(lo, hi, count) : linearTicks(lo, hi, count);
  const format = tickFormat(values);
  const yOf = (v: number) => {
    const t = hi === lo
      ? 0.5
      : log
      ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))
      : (v - lo) / (hi - lo);
    return y + height * (1 - t);
  };
  const right = x + width;
  let tickPath = "";
  let labels = "";
  let widest = 0;
  for (const v of values) {
    const ty = yOf(v);
    if (ty < y - 0.01 || ty > y + height + 0.01) continue;
    tickPath += `M${r1(right)} ${r1(ty)}h3.5`;
    const text = format(v);
    widest = Math.max(widest, textWidth(text, fontSize));
    labels += `<text x="${r1(right + 7)}" y="${r1(ty)}" dy="0.32em">${escapeXml(text)}</text>`;
  }
  const labelX = right + 7 + widest + 4;
  const title = label === ""
    ? ""
    : `<text transform="translate(${r1(labelX)},${r1(y + height / 2)}) ` +
      `rotate(-90)" text-anchor="middle" dy="0.76em">${escapeXml(label)}</text>`;
  return `<g class="ll-colorbar" font-size="${fontSize}" text-anchor="start">` +
    `<defs>${gradient}</defs>` +
    `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(width)}" height="${
      r1(height)
    }" fill="url(#${id})"/>` +
    `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(width)}" height="${r1(height)}" fill="none" ` +
    `stroke="#000" stroke-width="0.8"/>` +
    `<path fill="none" stroke="#000" stroke-width="0.8" d="${tickPath}"/>` +
    labels + title + "</g>";
}
