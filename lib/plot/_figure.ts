/**
 * What every static figure of the toolkit is: an SVG that displays itself in
 * a notebook (`text/html`: a static picture that every viewer shows, made
 * inline SVG where scripts run, see `_live_svg.ts`; `image/svg+xml` for
 * other frontends; and a text alternative) and gives its
 * standalone markup with `toSVG()`. Also the fonts, colours and small SVG
 * pieces (titles, legends) that the Plot-based figures share.
 *
 * @module
 */

import type { Grid } from "../core/types.ts";
import { Plot } from "./plot.ts";
import { escapeXml } from "./_xml.ts";
import { DISPLAY, type Figure, withXmlns } from "./show.ts";
import { liveFigureHTML } from "./_live_svg.ts";

export type { Figure } from "./show.ts";
import { textWidth } from "./_text_width.ts";

/** Font stack of all figures: matplotlib's DejaVu Sans first. */
export const FONT = "DejaVu Sans, Bitstream Vera Sans, Verdana, Arial, Helvetica, sans-serif";

/** matplotlib's default colour cycle (tab10). */
export const CYCLE: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

/**
 * Wraps finished SVG markup as a {@link Figure}.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { svgFigure } from "./_figure.ts";
 * import { DISPLAY } from "./show.ts";
 * const fig = svgFigure('<svg width="10" height="10"></svg>', "An empty figure");
 * ok(String(fig[DISPLAY]()["text/html"]).includes('<img class="ll-svg" src="data:image/svg+xml'));
 * ok(String(fig[DISPLAY]()["image/svg+xml"]).startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
 * ```
 */
export function svgFigure(svg: string, text: string): Figure {
  const standalone = withXmlns(svg);
  let html: string | undefined;
  return {
    [DISPLAY]: () => ({
      "text/html": html ??= liveFigureHTML(standalone, text),
      "image/svg+xml": standalone,
      "text/plain": text,
    }),
    toSVG: () => standalone,
    toString: () => text,
  };
}

/**
 * Adds a `<title>`, a `<desc>`, `role="img"` and a chart title to a Plot SVG,
 * plus any `extra` markup (colour bars, legends) drawn on top.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { decorate } from "./_figure.ts";
 * strictEqual(
 *   decorate('<svg width="100" height="50"></svg>', { title: "T", description: "D" }),
 *   '<svg role="img" width="100" height="50"><title>T</title><desc>D</desc>' +
 *     '<text x="50" y="18" font-size="12" text-anchor="middle" fill="currentColor">T</text></svg>',
 * );
 * ```
 */
export function decorate(
  svg: string,
  { title, description, extra = "", titleY = 18 }: {
    title: string;
    description: string;
    extra?: string;
    titleY?: number;
  },
): string {
  const open = svg.match(/^<svg\b[^>]*>/)?.[0];
  if (open === undefined) throw new TypeError("Expected an <svg> element");
  const width = Number(open.match(/\swidth="([\d.]+)"/)?.[1] ?? 0);
  const a11y = `<title>${escapeXml(title || "Figure")}</title><desc>${
    escapeXml(description)
  }</desc>`;
  const heading = title === ""
    ? ""
    : `<text x="${width / 2}" y="${titleY}" font-size="12" text-anchor="middle" ` +
      `fill="currentColor">${escapeXml(title)}</text>`;
  const head = open.replace(/^<svg/, '<svg role="img"');
  return head + a11y + svg.slice(open.length).replace(/<\/svg>$/, heading + extra + "</svg>");
}

/** One legend row: a line and/or a marker and a label. */
export interface LegendRow {
  label: string;
  color: string;
  /** Draw a line swatch (default true). */
  line?: boolean;
  dashed?: boolean;
  /** An SVG path for a marker swatch, centred on (0, 0). */
  marker?: string;
  markerFill?: string;
}

/**
 * A matplotlib-style legend box (white, grey border) whose top-right corner
 * is at (`right`, `top`); empty for no rows.
 *
 * @example
 * ```ts
 * import { ok, strictEqual } from "node:assert";
 * import { legendBox } from "./_figure.ts";
 * ok(legendBox([{ label: "GD", color: "#d62728" }], 200, 10).includes(">GD</text>"));
 * strictEqual(legendBox([], 200, 10), "");
 * ```
 */
export function legendBox(rows: readonly LegendRow[], right: number, top: number): string {
  if (rows.length === 0) return "";
  const fontSize = 10, rowH = 15, swatch = 22, pad = 6;
  const width = pad * 2 + swatch + 6 + Math.max(...rows.map((r) => textWidth(r.label, fontSize)));
  const height = pad * 2 + rows.length * rowH - 3;
  const x = right - width, y = top;
  let out = `<g class="ll-legend" font-size="${fontSize}" text-anchor="start">` +
    `<rect x="${x}" y="${y}" width="${width.toFixed(1)}" height="${height}" rx="2" fill="#fff" ` +
    `fill-opacity="0.8" stroke="#ccc"/>`;
  rows.forEach((r, k) => {
    const cy = y + pad + k * rowH + 6;
    if (r.line !== false) {
      out +=
        `<path d="M${x + pad} ${cy}h${swatch}" stroke="${escapeXml(r.color)}" stroke-width="2"` +
        (r.dashed ? ' stroke-dasharray="5,3"' : "") + "/>";
    }
    if (r.marker) {
      out += `<path transform="translate(${x + pad + swatch / 2},${cy})" d="${r.marker}" ` +
        `fill="${escapeXml(r.markerFill ?? r.color)}" stroke="${
          escapeXml(r.color)
        }" stroke-width="1.2"/>`;
    }
    out += `<text x="${x + pad + swatch + 6}" y="${cy}" dy="0.32em">${escapeXml(r.label)}</text>`;
  });
  return out + "</g>";
}

/**
 * Shrinks Plot's SVG markup without changing what it shows: numbers in
 * attributes rounded to 0.1 px where they are coordinates (path data) and to
 * 3 decimals elsewhere, and straight runs of polyline points (d3-contour
 * emits one per grid cell) reduced to their ends.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { compactSvg } from "./_figure.ts";
 * strictEqual(
 *   compactSvg('<path d="M0,0L1.04,0L2,0L2,1.0004Z" transform="translate(1.23456,0)"/>'),
 *   '<path d="M0,0L2,0L2,1Z" transform="translate(1.235,0)"/>',
 * );
 * ```
 */
export function compactSvg(svg: string): string {
  return svg.replace(/(\s[\w:-]+)="([^"]*)"/g, (all, name: string, value: string) => {
    if (name.trim() === "d" && /^[MLZ\d.,\se+-]*$/.test(value)) {
      return `${name}="${simplifyPath(value)}"`;
    }
    if (!/\d\.\d{4}/.test(value)) return all;
    return `${name}="${
      value.replace(/-?\d+\.\d{4,}/g, (x) => String(Number(Number(x).toFixed(3))))
    }"`;
  });
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** Path data of M, L and Z commands: rounded to 0.1 and without collinear points. */
function simplifyPath(d: string): string {
  let out = "";
  for (const ring of d.split(/(?=M)/)) {
    const closed = /Z\s*$/.test(ring);
    const nums = ring.match(/-?[\d.]+(?:e[+-]?\d+)?/g) ?? [];
    const pts: [number, number][] = [];
    for (let k = 0; k + 1 < nums.length; k += 2) {
      const p: [number, number] = [r1(Number(nums[k])), r1(Number(nums[k + 1]))];
      const last = pts[pts.length - 1];
      if (last && last[0] === p[0] && last[1] === p[1]) continue;
      const prev = pts[pts.length - 2];
      if (last && prev && collinear(prev, last, p)) pts[pts.length - 1] = p;
      else pts.push(p);
    }
    if (pts.length === 0) continue;
    out += "M" + pts.map((p) => `${p[0]},${p[1]}`).join("L") + (closed ? "Z" : "");
  }
  return out;
}

function collinear(a: [number, number], b: [number, number], c: [number, number]): boolean {
  const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]);
  return Math.abs(cross) <= 0.05 * Math.hypot(c[0] - a[0], c[1] - a[1]) && dot >= 0;
}

/**
 * Checks that `grid` is a Grid a figure can draw: at least 2 × 2 points,
 * arrays of matching lengths, finite and increasing axes (the values may
 * hold NaN and ±Infinity: those are holes). Throws a TypeError or a
 * RangeError naming what is wrong.
 */
export function checkGrid(grid: Grid): void {
  if (typeof grid !== "object" || grid === null) {
    throw new TypeError(`invalid grid: ${String(grid)}`);
  }
  const { nx, ny, xs, ys, values } = grid;
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 2 || ny < 2) {
    throw new RangeError(`Expected a grid of at least 2 × 2 points but found ${nx} × ${ny}`);
  }
  if (xs?.length !== nx || ys?.length !== ny || values?.length !== nx * ny) {
    throw new RangeError(
      `Expected xs, ys and values of lengths ${nx}, ${ny} and ${nx * ny} but found ` +
        `${xs?.length}, ${ys?.length} and ${values?.length}`,
    );
  }
  for (const [name, a] of [["xs", xs], ["ys", ys]] as const) {
    for (let k = 0; k < a.length; k++) {
      if (!Number.isFinite(a[k]!) || (k > 0 && !(a[k]! > a[k - 1]!))) {
        throw new RangeError(
          `Expected ${name} to be finite and increasing but found ${a[k]} at ${k}`,
        );
      }
    }
  }
}

/**
 * The Plot options that the top-down maps (`contourPlot`, `regionMap`)
 * share: size, margins `[top, right, bottom, left]`, matplotlib-like font
 * and colours, and fixed x and y domains with centred axis labels. Add
 * {@linkcode MAP_FRAME} to the marks.
 */
export function mapFrame(
  { width, height, margins, x, y, xLabel, yLabel }: {
    width: number;
    height: number;
    margins: [number, number, number, number];
    x: [number, number];
    y: [number, number];
    xLabel: string;
    yLabel: string;
  },
): Plot.PlotOptions {
  const [marginTop, marginRight, marginBottom, marginLeft] = margins;
  const axis = (domain: [number, number], label: string, labelOffset: number) => ({
    domain,
    label: label || null,
    labelAnchor: "center" as const,
    labelArrow: "none" as const,
    labelOffset,
  });
  return {
    width,
    height,
    marginTop,
    marginRight,
    marginBottom,
    marginLeft,
    style: { fontFamily: FONT, fontSize: "10px", background: "white", color: "black" },
    x: axis(x, xLabel, 36),
    y: axis(y, yLabel, 44),
  };
}

/** The black frame around a map's plotting area. */
export const MAP_FRAME: Plot.Markish = Plot.frame({ stroke: "#000", strokeWidth: 0.8 });

/**
 * The marks of labelled points on a map: a white marker outlined in black
 * (`symbol`: a Plot symbol name or a channel) and its label to the right,
 * with a white halo so it reads on any colour.
 */
export function markedPoints<T extends { x: number; y: number; label: string }>(
  data: readonly T[],
  symbol: string | ((d: T) => string),
): Plot.Markish[] {
  return [
    Plot.dot(data, {
      x: "x",
      y: "y",
      r: 6,
      symbol: symbol as Plot.ChannelValue,
      fill: "#fff",
      stroke: "#000",
      strokeWidth: 1.2,
    }),
    Plot.text(data, {
      x: "x",
      y: "y",
      text: "label",
      dx: 9,
      textAnchor: "start",
      fill: "#000",
      stroke: "#fff",
      strokeWidth: 3,
      paintOrder: "stroke",
    }),
  ];
}

function luminance(r: number, g: number, b: number): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * A colour for text on a white card: `color` itself when it reads at 4.5:1
 * or better on white (WCAG's level for normal text), else the same hue
 * darkened just enough. Colours other than `#rgb`/`#rrggbb` are returned as
 * they are.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { textColorOnWhite } from "./_figure.ts";
 * strictEqual(textColorOnWhite("#1f77b4"), "#1f77b4");
 * strictEqual(textColorOnWhite("#ff7f0e"), "#ba5d0a");
 * ```
 */
export function textColorOnWhite(color: string): string {
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex === undefined) return color;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join("");
  const rgb = [0, 2, 4].map((k) => parseInt(hex!.slice(k, k + 2), 16));
  for (let f = 1; f > 0; f -= 0.01) {
    const c = rgb.map((v) => Math.round(v * f));
    if (1.05 / (luminance(c[0]!, c[1]!, c[2]!) + 0.05) >= 4.5) {
      return f === 1 ? color : "#" + c.map((v) => v.toString(16).padStart(2, "0")).join("");
    }
  }
  return "#000000";
}
