/**
 * `contourPlot`: a top-down map of a loss over two weights — filled
 * contours with contour lines and a colour bar — with optional overlays:
 * descent paths, critical points marked by kind, a field of downhill
 * (negative gradient) arrows and a slice line.
 *
 * @module
 */

import type { Grid, Landscape, StationaryKind } from "../core/types.ts";
import { drawColorbar } from "./_colorbar.ts";
import { colormap, palette } from "./colormap.ts";
import { Plot, plot } from "./plot.ts";
import {
  checkGrid,
  compactSvg,
  decorate,
  type Figure,
  legendBox,
  type LegendRow,
  MAP_FRAME,
  mapFrame,
  markedPoints,
  svgFigure,
} from "./_figure.ts";
import { ticks } from "./_ticks.ts";
import { escapeXml } from "./_xml.ts";

/** A path over the map, e.g. the result of `descend()`. */
export interface ContourPath {
  /**
   * The `[x, y]` points in order, as `descend().points`; drawn from a hollow
   * start dot to a filled end dot, stopping at the first non-finite point (a
   * diverged run).
   */
  points: readonly (readonly number[])[];
  /** The path's name in the legend; a path without one has no legend row. */
  label?: string;
  /** Any CSS colour; by default red, orange, pink, cyan, white in turn. */
  color?: string;
  /**
   * Whether the run diverged, as `descend().diverged` says (so `{ ...run,
   * label }` may be passed as it is): the figure then says so.
   */
  diverged?: boolean;
}

/** A marked point, e.g. an entry of `criticalPoints()`. */
export interface ContourPoint {
  /** `[x, y]` of the point. */
  point: readonly number[];
  /** Text written to the right of the marker; unlabelled points get a legend row per kind instead. */
  label?: string;
  /** The marker: a star for `minimum` (the default), a triangle, a cross or a diamond. */
  kind?: StationaryKind;
}

/** Options of {@link contourPlot}. */
export interface ContourPlotOptions {
  /** A title above the map; none by default. */
  title?: string;
  /** The x axis's label, e.g. `"w₁"`; none by default. */
  xLabel?: string;
  /** The y axis's label, e.g. `"w₂"`; none by default. */
  yLabel?: string;
  /** A d3-scale-chromatic scheme (`_r` reverses); default `"viridis"`. */
  colormap?: string;
  /** Number of contour levels (default 20) or the levels themselves. */
  levels?: number | readonly number[];
  /** Filled contours (default true); `false` draws coloured lines only. */
  fill?: boolean;
  /** Thin contour lines over the fill (default true). */
  lines?: boolean;
  /** Levels and colours on a logarithmic scale (values ≤ 0 are left unfilled). */
  logColor?: boolean;
  /** Show a colour bar (default true), optionally labelled. */
  colorbar?: boolean | { label?: string };
  /** Paths drawn over the map, such as descents; see {@linkcode ContourPath}. */
  paths?: readonly ContourPath[];
  /** Marked points, such as critical points; see {@linkcode ContourPoint}. */
  points?: readonly ContourPoint[];
  /**
   * Downhill arrows (−gradient) on a regular lattice: `true` estimates the
   * gradient from the grid; or give `{ from }`, a two-weight `Landscape` or
   * a function `(x, y) => [gx, gy]`, and `n` arrows a side (default 15).
   */
  arrows?: boolean | {
    from?: Landscape | ((x: number, y: number) => readonly number[]);
    n?: number;
  };
  /** A straight line across the map, e.g. where a 1D slice is taken. */
  slice?: { from: readonly number[]; to: readonly number[]; label?: string };
  /** Width of the figure in pixels, at least 100; default 640. */
  width?: number;
  /**
   * Height of the figure in pixels, at least 100; by default the one that
   * gives x and y the same scale, with the map between 240 and 900 pixels high.
   */
  height?: number;
}

const KIND_SYMBOL: Record<StationaryKind, string> = {
  minimum: "star",
  maximum: "triangle",
  saddle: "cross",
  degenerate: "diamond",
};

// Legend swatches for the kinds, matching Plot's symbols at r = 6.
const KIND_MARKER: Record<StationaryKind, string> = {
  minimum: "M0,-6.2L1.4,-1.9L5.9,-1.9L2.3,0.7L3.6,5L0,2.4L-3.6,5L-2.3,0.7L-5.9,-1.9L-1.4,-1.9Z",
  maximum: "M0,-5.5L4.8,2.8L-4.8,2.8Z",
  saddle: "M-5,-1.7H-1.7V-5H1.7V-1.7H5V1.7H1.7V5H-1.7V1.7H-5Z",
  degenerate: "M0,-6L3.5,0L0,6L-3.5,0Z",
};

/**
 * Where a contour map's frame sits in its SVG, so that more can be drawn on
 * it: a weight `(x, y)` is at pixel
 * `left + (x − x[0]) / (x[1] − x[0]) · width`,
 * `top + (y[1] − y) / (y[1] − y[0]) · height`.
 */
export interface MapFrame {
  /** The SVG's width and height in pixels. */
  size: [number, number];
  /** Pixel x of the frame's left edge. */
  left: number;
  /** Pixel y of the frame's top edge. */
  top: number;
  /** The frame's width in pixels. */
  width: number;
  /** The frame's height in pixels. */
  height: number;
  /** The first weight's range, left to right. */
  x: [number, number];
  /** The second weight's range, bottom to top. */
  y: [number, number];
}

/** A contour map, with where its frame is (see {@linkcode MapFrame}). */
export interface ContourFigure extends Figure {
  /** Where the map's frame is in its SVG. */
  frame: MapFrame;
}

/**
 * A contour map of `grid`.
 *
 * @param grid A `Grid` such as `landscape("w1^2 + 3*w2^2").grid({ x: [-3, 3], y: [-3, 3] })`.
 * @param options Title, labels, colour map, levels and overlays.
 * @returns The figure: `await show(fig)` in a notebook, `fig.toSVG()` for a file.
 * @throws {RangeError} For a grid of fewer than 2 × 2 points or bad sizes.
 * @throws {TypeError} For an unknown colour map or malformed overlays.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { contourPlot } from "./contour.ts";
 * const n = 30, xs = Float64Array.from({ length: n }, (_, i) => -3 + 6 * i / (n - 1));
 * const values = new Float64Array(n * n).map((_, k) => xs[k % n]! ** 2 + 3 * xs[Math.floor(k / n)]! ** 2);
 * const grid = { nx: n, ny: n, xs, ys: xs, values, min: 0, max: 36, argmin: [0, 0] as [number, number], nonFinite: 0 };
 * const fig = contourPlot(grid, { points: [{ point: [0, 0], kind: "minimum", label: "minimum" }] });
 * ok(fig.toSVG().includes("minimum"));
 * ```
 */
export function contourPlot(grid: Grid, options: ContourPlotOptions = {}): ContourFigure {
  checkGrid(grid);
  const {
    title = "",
    xLabel = "",
    yLabel = "",
    colormap: scheme = "viridis",
    levels = 20,
    fill = true,
    lines = true,
    logColor = false,
    colorbar = true,
    paths = [],
    points = [],
    arrows = false,
    slice,
    width = 640,
  } = options;
  const interpolate = colormap(scheme);
  const { nx, ny, xs, ys, values } = grid;
  const x0 = xs[0]!, x1 = xs[nx - 1]!, y0 = ys[0]!, y1 = ys[ny - 1]!;
  if (!Number.isFinite(width) || width < 100) {
    throw new RangeError(`Expected width to be a number of at least 100 but found ${width}`);
  }

  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (logColor && !(v > 0))) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const hasValues = lo <= hi;
  if (!hasValues) {
    lo = logColor ? 1 : 0;
    hi = logColor ? 10 : 1;
  }
  if (hi === lo) {
    hi = lo + (Math.abs(lo) || 1) * 0.05;
    lo = lo - (Math.abs(lo) || 1) * 0.05;
    if (logColor) lo = Math.max(lo, hi / 10);
  }
  const thresholds = thresholdsOf(levels, lo, hi, logColor);

  // Layout: margins fixed so that pixel scales are known (for the arrows).
  const cb = colorbar === false ? null : { label: colorbar === true ? "" : colorbar.label ?? "" };
  const marginLeft = 56, marginBottom = 44, marginTop = title === "" ? 16 : 34;
  const marginRight = cb ? (cb.label ? 92 : 74) : 20;
  const frameW = width - marginLeft - marginRight;
  const aspect = (y1 - y0) / (x1 - x0);
  const height = options.height ??
    Math.round(Math.min(900, Math.max(240, frameW * aspect)) + marginTop + marginBottom);
  if (!Number.isFinite(height) || height < 100) {
    throw new RangeError(`Expected height to be a number of at least 100 but found ${height}`);
  }
  const frameH = height - marginTop - marginBottom;
  const kx = frameW / (x1 - x0), ky = frameH / (y1 - y0);

  // d3-contour treats each value as a pixel: extend the raster by half a
  // cell so that contours land on the sample positions, then clip.
  const hx = (x1 - x0) / (nx - 1) / 2, hy = (y1 - y0) / (ny - 1) / 2;
  const raster = {
    width: nx,
    height: ny,
    x1: x0 - hx,
    x2: x1 + hx,
    y1: y0 - hy,
    y2: y1 + hy,
    thresholds,
    value: Plot.identity,
    clip: true,
  };
  const data = Array.from(values, (v) => (Number.isFinite(v) || v === Infinity ? v : NaN));
  const marks: Plot.Markish[] = [];
  if (fill) {
    // The filled bands are nested polygons, so stroking them draws the
    // contour lines too, at no extra markup.
    marks.push(
      Plot.contour(data, {
        ...raster,
        fill: "value",
        ...(lines ? { stroke: "#fff", strokeOpacity: 0.45, strokeWidth: 0.6 } : {}),
      }),
    );
  } else marks.push(Plot.contour(data, { ...raster, stroke: "value", strokeWidth: 1.2 }));

  if (arrows !== false) marks.push(arrowField(grid, arrows, kx, ky));

  if (slice !== undefined) {
    const a = pair("slice.from", slice.from), b = pair("slice.to", slice.to);
    marks.push(
      Plot.line([a, b], { stroke: "#fff", strokeWidth: 4, strokeOpacity: 0.7, clip: true }),
      Plot.line([a, b], { stroke: "#000", strokeWidth: 1.5, strokeDasharray: "6,4", clip: true }),
    );
    if (slice.label) {
      marks.push(
        Plot.text([{ x: b[0], y: b[1], label: slice.label }], {
          x: "x",
          y: "y",
          text: "label",
          dy: -10,
          fill: "#000",
          stroke: "#fff",
          strokeWidth: 3,
          paintOrder: "stroke",
        }),
      );
    }
  }

  const legendRows: LegendRow[] = [];
  // What a reader cannot see on the map, said on it and in the text.
  const pathNotes: string[] = [];
  const inMap = (q: readonly number[]) => q[0]! >= x0 && q[0]! <= x1 && q[1]! >= y0 && q[1]! <= y1;
  const valueNear = (q: readonly number[]) => {
    const i = Math.round((q[0]! - x0) / (x1 - x0) * (nx - 1));
    const j = Math.round((q[1]! - y0) / (y1 - y0) * (ny - 1));
    return values[i + j * nx]!;
  };
  paths.forEach((p, m) => {
    if (typeof p !== "object" || p === null || !Array.isArray(p.points)) {
      throw new TypeError(
        `Expected paths[${m}] to be { points: [[x, y], …] }, e.g. the result of descend()`,
      );
    }
    const name = p.label ? `"${p.label}"` : paths.length > 1 ? `path ${m + 1}` : "the path";
    const first = p.points[0];
    const firstOut = p.points.findIndex((q) => !inMap(q));
    if (first && inMap(first) && !Number.isFinite(valueNear(first))) {
      pathNotes.push(`${name} starts where the loss is not finite`);
    } else if (p.diverged) {
      pathNotes.push(
        `${name} diverged after ${p.points.length - 1} steps (the loss grew past any number)`,
      );
    } else if (firstOut > 0) {
      pathNotes.push(`${name} leaves the map at step ${firstOut}`);
    } else if (firstOut === 0) {
      pathNotes.push(`${name} starts outside the map`);
    }
    const color = p.color ?? ["#d62728", "#ff7f0e", "#e377c2", "#17becf", "#ffffff"][m % 5]!;
    const pts: [number, number][] = [];
    for (const q of p.points) {
      if (!Number.isFinite(q[0]) || !Number.isFinite(q[1])) break; // a diverged run
      pts.push([q[0]!, q[1]!]);
    }
    if (pts.length === 0) return;
    marks.push(
      Plot.line(pts, { stroke: color, strokeWidth: 2, clip: true }),
      Plot.dot(pts.slice(1, -1), { r: 1.8, fill: color, clip: true }),
      Plot.dot([pts[0]!], { r: 4.5, fill: "#fff", stroke: color, strokeWidth: 2, clip: true }),
      Plot.dot([pts[pts.length - 1]!], {
        r: 4.5,
        fill: color,
        stroke: "#fff",
        strokeWidth: 1.5,
        clip: true,
      }),
    );
    if (p.label) legendRows.push({ label: p.label, color });
  });

  const pointData = points.map((p, m) => {
    const [x, y] = pair(`points[${m}].point`, p.point);
    const kind = p.kind ?? "minimum";
    if (!(kind in KIND_SYMBOL)) throw new TypeError(`invalid points[${m}].kind: ${String(p.kind)}`);
    return { x, y, label: p.label ?? "", kind };
  });
  if (pointData.length > 0) {
    marks.push(...markedPoints(pointData, (d) => KIND_SYMBOL[d.kind]));
    const kinds = [...new Set(pointData.filter((p) => p.label === "").map((p) => p.kind))];
    for (const kind of kinds) {
      legendRows.push({
        label: kind,
        color: "#000",
        line: false,
        marker: KIND_MARKER[kind],
        markerFill: "#fff",
      });
    }
  }

  const chart = plot({
    ...mapFrame({
      width,
      height,
      margins: [marginTop, marginRight, marginBottom, marginLeft],
      x: [x0, x1],
      y: [y0, y1],
      xLabel,
      yLabel,
    }),
    color: {
      type: logColor ? "log" : "linear",
      domain: [lo, hi],
      interpolate: interpolate as unknown as Plot.ScaleOptions["interpolate"],
    },
    symbol: { type: "identity" },
    marks: [...marks, MAP_FRAME],
  });

  let extra = "";
  if (cb && hasValues) {
    extra += drawColorbar({
      x: width - marginRight + 14,
      y: marginTop,
      width: 14,
      height: frameH,
      palette: palette(scheme, 64),
      lo,
      hi,
      log: logColor,
      label: cb.label,
      fontSize: 10,
      id: `ll-contour-cmap-${scheme.replace(/[^\w-]/g, "")}`,
    });
  }
  if (!hasValues) {
    extra +=
      `<text x="${marginLeft + frameW / 2}" y="${marginTop + frameH / 2}" text-anchor="middle" ` +
      `fill="#555">No finite values to draw</text>`;
  }
  extra += legendBox(legendRows, width - marginRight - 8, marginTop + 8);
  pathNotes.forEach((note, k) => {
    extra += `<text x="${marginLeft + 6}" y="${marginTop + frameH - 8 - 14 * k}" font-size="11" ` +
      `fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(note)}</text>`;
  });

  const description =
    `Contour map of ${yLabel ? "the loss" : "the values"} over ${xLabel || "x"} ` +
    `(${fmt(x0)} to ${fmt(x1)}) and ${yLabel || "y"} (${fmt(y0)} to ${fmt(y1)}), ` +
    `${nx} × ${ny} samples` +
    (hasValues
      ? `, values ${fmt(lo)} to ${fmt(hi)} in ${thresholds.length} levels`
      : ", no finite values") +
    (grid.nonFinite > 0
      ? `, with holes where the loss is not finite (${grid.nonFinite} of ${nx * ny} samples)`
      : "") +
    (paths.length > 0 ? `; ${paths.length} path${paths.length > 1 ? "s" : ""}` : "") +
    (pathNotes.length > 0 ? ` (${pathNotes.join("; ")})` : "") +
    (pointData.length > 0
      ? `; marked: ${
        pointData.map((p) => `${p.label || p.kind} (${fmt(p.x)}, ${fmt(p.y)})`).join(", ")
      }`
      : "") +
    (arrows !== false ? "; arrows point downhill" : "") + ".";
  const svg = decorate(compactSvg(chart.outerHTML), { title, description, extra, titleY: 20 });
  const frame: MapFrame = {
    size: [width, height],
    left: marginLeft,
    top: marginTop,
    width: frameW,
    height: frameH,
    x: [x0, x1],
    y: [y0, y1],
  };
  return { ...svgFigure(svg, (title ? `${title}: ` : "") + description), frame };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}

function pair(name: string, p: readonly number[] | undefined): [number, number] {
  if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
    throw new TypeError(`invalid ${name}: ${String(p)}`);
  }
  return [p[0]!, p[1]!];
}

function thresholdsOf(
  levels: number | readonly number[],
  lo: number,
  hi: number,
  log: boolean,
): number[] {
  if (Array.isArray(levels)) {
    const out = levels.filter((v) => Number.isFinite(v) && (!log || v > 0)).sort((a, b) => a - b);
    if (out.length === 0) throw new TypeError(`invalid levels: ${levels.join(", ")}`);
    return out;
  }
  const n = levels as number;
  if (!Number.isInteger(n) || n < 1 || n > 500) {
    throw new RangeError(`Expected levels to be an integer from 1 to 500 or a list but found ${n}`);
  }
  if (log) {
    const a = Math.log(lo), b = Math.log(hi);
    return Array.from({ length: n }, (_, k) => Math.exp(a + (b - a) * k / n));
  }
  // Nice levels (as matplotlib's MaxNLocator), starting at or below the minimum.
  const t = ticks(lo, hi, n);
  const step = t.length > 1 ? t[1]! - t[0]! : (hi - lo) / n;
  const first = t.length > 0 && t[0]! > lo
    ? t[0]! - step * Math.ceil((t[0]! - lo) / step)
    : t[0] ?? lo;
  const out: number[] = [];
  for (let v = first; v < hi; v += step) out.push(Number(v.toPrecision(12)));
  return out.length > 0 ? out : [lo];
}

function arrowField(
  grid: Grid,
  spec: true | { from?: Landscape | ((x: number, y: number) => readonly number[]); n?: number },
  kx: number,
  ky: number,
): Plot.Markish {
  const { nx, ny, xs, ys } = grid;
  const n = spec === true ? 15 : spec.n ?? 15;
  if (!Number.isInteger(n) || n < 2 || n > 100) {
    throw new RangeError(`Expected arrows.n to be an integer from 2 to 100 but found ${n}`);
  }
  const from = spec === true ? undefined : spec.from;
  const gradient: (x: number, y: number) => readonly number[] = from === undefined
    ? (x, y) => gridGradient(grid, x, y)
    : typeof from === "function"
    ? from
    : (x, y) => from.gradient(x, y);
  const x0 = xs[0]!, x1 = xs[nx - 1]!, y0 = ys[0]!, y1 = ys[ny - 1]!;
  const cell = Math.min(kx * (x1 - x0), ky * (y1 - y0)) / n;
  const field: { x: number; y: number; angle: number; norm: number }[] = [];
  for (let b = 0; b < n; b++) {
    for (let a = 0; a < n; a++) {
      const x = x0 + (x1 - x0) * (a + 0.5) / n, y = y0 + (y1 - y0) * (b + 0.5) / n;
      const g = gradient(x, y);
      const gx = g[0]!, gy = g[1]!;
      if (!Number.isFinite(gx) || !Number.isFinite(gy)) continue;
      // Downhill in screen space (y grows downwards): (−gx·kx, +gy·ky).
      const sx = -gx * kx, sy = gy * ky;
      const norm = Math.hypot(gx, gy);
      if (norm === 0) continue;
      field.push({ x, y, angle: Math.atan2(sx, -sy) * 180 / Math.PI, norm });
    }
  }
  // Length grows with the square root of the gradient norm, so that both steep
  // and flat regions show readable arrows; the longest is 90 % of a cell.
  const top = Math.sqrt(Math.max(0, ...field.map((d) => d.norm)));
  const data = field.map((d) => ({
    ...d,
    length: top > 0 ? 0.9 * cell * Math.sqrt(d.norm) / top : 0,
  }));
  return Plot.vector(data, {
    x: "x",
    y: "y",
    rotate: "angle",
    length: "length",
    anchor: "start",
    stroke: "#fff",
    strokeWidth: 1.3,
    strokeOpacity: 0.9,
  });
}

/** Central differences on the grid (one-sided at the edges), bilinear between samples. */
function gridGradient(grid: Grid, x: number, y: number): number[] {
  const { nx, ny, xs, ys, values } = grid;
  const fi = (x - xs[0]!) / (xs[nx - 1]! - xs[0]!) * (nx - 1);
  const fj = (y - ys[0]!) / (ys[ny - 1]! - ys[0]!) * (ny - 1);
  const i = Math.min(nx - 2, Math.max(0, Math.floor(fi)));
  const j = Math.min(ny - 2, Math.max(0, Math.floor(fj)));
  const v = (a: number, b: number) => values[a + b * nx]!;
  const gx = (b: number) => (v(i + 1, b) - v(i, b)) / (xs[i + 1]! - xs[i]!);
  const gy = (a: number) => (v(a, j + 1) - v(a, j)) / (ys[j + 1]! - ys[j]!);
  const tx = fi - i, ty = fj - j;
  return [gx(j) * (1 - ty) + gx(j + 1) * ty, gy(i) * (1 - tx) + gy(i + 1) * tx];
}
