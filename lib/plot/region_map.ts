/**
 * A figure of {@linkcode Regions}: each class of a labelled map painted in
 * its own colour (basins of attraction, where a loss is convex), with the
 * loss's contour lines and marked points on top.
 *
 * Cells are drawn as rectangles, merging runs of equal cells along each row,
 * because `Plot.raster` needs a canvas that the server-side DOM lacks.
 *
 * @module
 */

import { schemeSet2 } from "d3-scale-chromatic";
import type { Regions } from "../core/regions.ts";
import { halfStep } from "../core/regions.ts";
import type { Grid } from "../core/types.ts";
import { Plot, plot } from "./plot.ts";
import {
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
import { textWidth } from "./_text_width.ts";

/** A marked point on a region map. */
export interface RegionPoint {
  /** `[x, y]` of the point, marked with a star. */
  point: readonly [number, number] | readonly number[];
  /** Written beside the marker. */
  label?: string;
}

/** Options of {@linkcode regionMap}. */
export interface RegionMapOptions {
  /** A grid of the loss whose contour lines are drawn over the regions. */
  contours?: Grid;
  /** Contour levels: a count (default 10) or the values themselves. */
  levels?: number | readonly number[];
  /** Points to mark, such as the minima. */
  points?: readonly RegionPoint[];
  /** Paths to draw, such as descents: each a list of `[x, y]`. */
  paths?: readonly (readonly (readonly number[])[])[];
  /** One colour per class (default {@linkcode REGION_COLORS}). */
  colors?: readonly string[];
  /**
   * The legend's name for cells without a class that the map's
   * `noneClasses` does not name; without it they stay blank.
   */
  noneLabel?: string;
  /** A title above the map; none by default. */
  title?: string;
  /** The x axis's label, e.g. `"w₁"`; none by default. */
  xLabel?: string;
  /** The y axis's label, e.g. `"w₂"`; none by default. */
  yLabel?: string;
  /** Where the legend goes: right of the map (default), below it (for narrow maps side by side), or nowhere. */
  legend?: "right" | "bottom" | "none";
  /** Width in pixels (default 640); the height follows from equal units on both axes. */
  width?: number;
}

/** The default class colours: ColorBrewer's Set2, light enough for contour lines on top. */
export const REGION_COLORS: readonly string[] = Object.freeze([...schemeSet2]);

const NONE_COLOR = "#d9d9d9";

/** Greys for the kinds of cells without a class that `noneClasses` names: −1, −2, … */
const NONE_COLORS: readonly string[] = [NONE_COLOR, "#969696", "#bdbdbd", "#737373"];

/** Legends list this many classes at most, then say how many more there are. */
const MAX_LEGEND_ROWS = 12;

function edges(centres: Float64Array): (k: number) => number {
  const half = halfStep(centres);
  const first = centres[0]! - half;
  return (k) => (k === centres.length ? centres[centres.length - 1]! + half : first + 2 * half * k);
}

/**
 * Draws a labelled map: every class in its colour, with a legend of the
 * class names to the right, optional contour lines of the loss, points
 * (drawn as stars, like minima on a contour map) and paths. Axes have equal
 * units, so circles look round; the look follows `contourPlot`.
 *
 * Cells without a class of a kind that the map's `noneClasses` names (a
 * basin map's "not converged" and "diverged") are painted grey, each kind
 * its own shade, and listed after the classes with their counts, as in
 * "not converged (2,280 of 3,600)"; other cells without a class are grey
 * with `noneLabel` in the legend, or blank without it.
 *
 * @param regions The map, e.g. from `basins()` or `convexityMap()`.
 * @param options Overlays, colours, labels and size.
 * @returns The figure: `await show(fig)` in a notebook, `fig.toSVG()` for a file.
 * Colours repeat when there are more classes than colours (Rastrigin has
 * 121 minima), and the legend lists the first 12 classes.
 *
 * @throws {TypeError} For an empty list of colours.
 * @throws {RangeError} For a width under 200.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { cellCentres } from "../landscape/lattice.ts";
 * import { regionMap } from "./region_map.ts";
 *
 * const figure = regionMap({
 *   nx: 2, ny: 1, xs: cellCentres([0, 2], 2), ys: cellCentres([0, 1], 1),
 *   labels: new Int32Array([0, 1]), classes: ["left", "right"],
 * }, { title: "Two halves" });
 * ok(figure.toSVG().includes(">right</text>") && figure.toSVG().includes("<rect"));
 * ```
 *
 * @example Cells that did not converge, counted apart in the legend
 * ```ts
 * import { ok } from "node:assert";
 * import { cellCentres } from "../landscape/lattice.ts";
 * import { regionMap } from "./region_map.ts";
 *
 * const svg = regionMap({
 *   nx: 3, ny: 1, xs: cellCentres([0, 3], 3), ys: cellCentres([0, 1], 1),
 *   labels: new Int32Array([0, -1, -1]), classes: ["minimum (0, 0)"],
 *   noneClasses: ["not converged", "diverged"],
 * }).toSVG();
 * ok(svg.includes(">not converged (2 of 3)</text>") && !svg.includes("diverged ("));
 * ```
 */
export function regionMap(regions: Regions, options: RegionMapOptions = {}): Figure {
  const {
    contours,
    levels = 10,
    points = [],
    paths = [],
    colors = REGION_COLORS,
    noneLabel,
    title = "",
    xLabel = "",
    yLabel = "",
    width = 640,
    legend = "right",
  } = options;
  const { nx, ny, xs, ys, labels, classes, noneClasses = [] } = regions;
  if (!Array.isArray(colors) || colors.length === 0) {
    throw new TypeError(
      `Expected colors to be a list of at least one colour but found ${String(colors)}`,
    );
  }
  if (!Number.isFinite(width) || width < 200) {
    throw new RangeError(`Expected width to be a number of at least 200 but found ${width}`);
  }
  const xEdge = edges(xs);
  const yEdge = edges(ys);
  const colorOf = (label: number) =>
    label >= 0
      ? colors[label % colors.length]
      : -label - 1 < noneClasses.length
      ? NONE_COLORS[(-label - 1) % NONE_COLORS.length]
      : noneLabel === undefined
      ? undefined
      : NONE_COLOR;
  const cells: { x1: number; x2: number; y1: number; y2: number; fill: string }[] = [];
  for (let j = 0; j < ny; j++) {
    let start = 0;
    for (let i = 1; i <= nx; i++) {
      const label = labels[start + j * nx]!;
      if (i < nx && labels[i + j * nx] === label) continue;
      const fill = colorOf(label);
      if (fill !== undefined) {
        cells.push({ x1: xEdge(start), x2: xEdge(i), y1: yEdge(j), y2: yEdge(j + 1), fill });
      }
      start = i;
    }
  }
  const square = "M-6,-5H6V5H-6Z";
  const legendRows: LegendRow[] = classes.slice(0, MAX_LEGEND_ROWS).map((label, k) => ({
    label,
    color: "#555",
    line: false,
    marker: square,
    markerFill: colors[k % colors.length]!,
  }));
  if (classes.length > MAX_LEGEND_ROWS) {
    legendRows.push({
      label: `… and ${classes.length - MAX_LEGEND_ROWS} more`,
      color: "#555",
      line: false,
    });
  }
  // Cells of each named kind without a class, and those of no named kind.
  const noneCounts = noneClasses.map(() => 0);
  let unnamed = 0;
  for (const label of labels) {
    if (label >= 0) continue;
    if (-label - 1 < noneCounts.length) noneCounts[-label - 1]!++;
    else unnamed++;
  }
  const count = (v: number) => v.toLocaleString("en-US");
  // Each named kind that some cell has: "not converged (2,280 of 3,600)".
  const noneRows = noneClasses.flatMap((name, k) =>
    noneCounts[k]! > 0
      ? [{
        label: `${name} (${count(noneCounts[k]!)} of ${count(labels.length)})`,
        color: "#555",
        line: false,
        marker: square,
        markerFill: NONE_COLORS[k % NONE_COLORS.length]!,
      }]
      : []
  );
  legendRows.push(...noneRows);
  if (noneLabel !== undefined && unnamed > 0) {
    legendRows.push({
      label: noneLabel,
      color: "#555",
      line: false,
      marker: square,
      markerFill: NONE_COLOR,
    });
  }

  // Layout as contourPlot's, with the legend where its colour bar would be.
  if (legend !== "right" && legend !== "bottom" && legend !== "none") {
    throw new TypeError(`invalid legend: ${String(legend)}; expected "right", "bottom" or "none"`);
  }
  const rows = legend === "none" ? [] : legendRows;
  const legendWidth = rows.length === 0
    ? 0
    : 46 + Math.max(...rows.map((r) => textWidth(r.label, 10)));
  // legendBox's height for these rows: 6 px padding, 15 px a row.
  const legendHeight = rows.length === 0 ? 0 : 9 + 15 * rows.length;
  const marginLeft = 56, marginTop = title === "" ? 16 : 34;
  const marginRight = legend === "right" && rows.length > 0 ? legendWidth + 24 : 20;
  const marginBottom = legend === "bottom" && rows.length > 0 ? 44 + legendHeight + 8 : 44;
  const [x0, x1] = [xEdge(0), xEdge(nx)];
  const [y0, y1] = [yEdge(0), yEdge(ny)];
  const frameW = width - marginLeft - marginRight;
  const height = Math.round(
    Math.min(900, Math.max(200, frameW * (y1 - y0) / (x1 - x0))) + marginTop + marginBottom,
  );

  const marks: Plot.Markish[] = [
    Plot.rect(cells, {
      x1: "x1",
      x2: "x2",
      y1: "y1",
      y2: "y2",
      fill: "fill",
      shapeRendering: "crispEdges",
    }),
  ];
  if (contours !== undefined) {
    // d3-contour treats each value as a pixel: extend the raster by half a
    // cell so that the lines land on the sample positions.
    const hx = (contours.xs[contours.nx - 1]! - contours.xs[0]!) / (contours.nx - 1) / 2;
    const hy = (contours.ys[contours.ny - 1]! - contours.ys[0]!) / (contours.ny - 1) / 2;
    marks.push(
      Plot.contour(Array.from(contours.values, (v) => (Number.isFinite(v) ? v : NaN)), {
        width: contours.nx,
        height: contours.ny,
        x1: contours.xs[0]! - hx,
        x2: contours.xs[contours.nx - 1]! + hx,
        y1: contours.ys[0]! - hy,
        y2: contours.ys[contours.ny - 1]! + hy,
        thresholds: typeof levels === "number" ? levels : [...levels],
        value: Plot.identity,
        stroke: "#000",
        strokeOpacity: 0.35,
        strokeWidth: 0.7,
        fill: null,
        clip: true,
      }),
    );
  }
  for (const path of paths) {
    const pts = path.filter((q) => Number.isFinite(q[0]) && Number.isFinite(q[1]));
    marks.push(
      Plot.line(pts, {
        x: "0",
        y: "1",
        stroke: "#000",
        strokeWidth: 1,
        strokeOpacity: 0.6,
        clip: true,
      }),
      Plot.dot(pts.slice(0, 1), {
        x: "0",
        y: "1",
        r: 2.5,
        fill: "#000",
        fillOpacity: 0.6,
        clip: true,
      }),
    );
  }
  if (points.length > 0) {
    const data = points.map((p) => ({ x: p.point[0]!, y: p.point[1]!, label: p.label ?? "" }));
    marks.push(...markedPoints(data, "star"));
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
    marks: [...marks, MAP_FRAME],
  });
  const extra = legend === "bottom"
    ? legendBox(rows, marginLeft + legendWidth, height - legendHeight - 4)
    : legendBox(rows, width - 4, marginTop);
  const fmt = (v: number) => String(Number(v.toPrecision(3)));
  const description = `Map of ${classes.length} region${classes.length === 1 ? "" : "s"} over ` +
    `${xLabel || "x"} (${fmt(x0)} to ${fmt(x1)}) and ${yLabel || "y"} (${fmt(y0)} to ${
      fmt(y1)
    }), ` +
    `${nx} × ${ny} cells: ${[...classes, ...noneRows.map((r) => r.label)].join("; ")}` +
    (points.length > 0 ? `; ${points.length} marked point${points.length === 1 ? "" : "s"}` : "") +
    (paths.length > 0 ? `; ${paths.length} path${paths.length === 1 ? "" : "s"}` : "") + ".";
  const svg = decorate(compactSvg(chart.outerHTML), { title, description, extra, titleY: 20 });
  return svgFigure(svg, (title ? `${title}: ` : "") + description);
}
