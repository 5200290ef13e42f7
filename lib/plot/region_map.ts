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
import type { Regions } from "../regions.ts";
import { _halfStep } from "../regions.ts";
import type { Grid } from "../types.ts";
import { Plot, plot } from "./document.ts";

/** A marked point on a region map. */
export interface RegionPoint {
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
  /** One colour per class (defaults to ColorBrewer's Set2). */
  colors?: readonly string[];
  /** The legend's name for cells without a class; without it they stay blank. */
  noneLabel?: string;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Width in pixels (default 560); the height follows from equal units on both axes. */
  width?: number;
}

const NONE_COLOR = "#d9d9d9";

function edges(centres: Float64Array): (k: number) => number {
  const half = _halfStep(centres);
  const first = centres[0]! - half;
  return (k) => (k === centres.length ? centres[centres.length - 1]! + half : first + 2 * half * k);
}

/**
 * Draws a labelled map: every class in its colour, with a legend of the
 * class names, optional contour lines of the loss, points and paths. Axes
 * have equal units, so circles look round.
 *
 * @param regions The map, e.g. from `basins()` or `convexityMap()`.
 * @param options Overlays, colours, labels and size.
 * @returns A `<figure>` with the legend and the SVG, which `show()` displays as HTML.
 * @throws {RangeError} When there are more classes than colours.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { cellCentres } from "../lattice.ts";
 * import { regionMap } from "./region_map.ts";
 *
 * const figure = regionMap({
 *   nx: 2, ny: 1, xs: cellCentres([0, 2], 2), ys: cellCentres([0, 1], 1),
 *   labels: new Int32Array([0, 1]), classes: ["left", "right"],
 * }, { title: "Two halves" });
 * ok(figure.outerHTML.includes("right") && figure.outerHTML.includes("<rect"));
 * ```
 */
export function regionMap(regions: Regions, options: RegionMapOptions = {}): Element {
  const {
    contours,
    levels = 10,
    points = [],
    paths = [],
    colors = schemeSet2,
    noneLabel,
    title,
    xLabel = "w1",
    yLabel = "w2",
    width = 560,
  } = options;
  const { nx, ny, xs, ys, labels, classes } = regions;
  if (classes.length > colors.length) {
    throw new RangeError(
      `Expected at most ${colors.length} classes for ${colors.length} colours but found ${classes.length}`,
    );
  }
  const xEdge = edges(xs);
  const yEdge = edges(ys);
  const cells: { x1: number; x2: number; y1: number; y2: number; name: string }[] = [];
  for (let j = 0; j < ny; j++) {
    let start = 0;
    for (let i = 1; i <= nx; i++) {
      const label = labels[start + j * nx]!;
      if (i < nx && labels[i + j * nx] === label) continue;
      const name = label >= 0 ? classes[label] : noneLabel;
      if (name !== undefined) {
        cells.push({ x1: xEdge(start), x2: xEdge(i), y1: yEdge(j), y2: yEdge(j + 1), name });
      }
      start = i;
    }
  }
  const hasNone = noneLabel !== undefined && labels.some((l) => l < 0);
  const domain = hasNone ? [...classes, noneLabel] : [...classes];
  const range = hasNone
    ? [...colors.slice(0, classes.length), NONE_COLOR]
    : colors.slice(0, classes.length);
  const [x0, x1] = [xEdge(0), xEdge(nx)];
  const [y0, y1] = [yEdge(0), yEdge(ny)];

  const marks: Plot.Markish[] = [
    Plot.rect(cells, {
      x1: "x1",
      x2: "x2",
      y1: "y1",
      y2: "y2",
      fill: "name",
      shapeRendering: "crispEdges",
    }),
  ];
  if (contours !== undefined) {
    const dx = (contours.xs[contours.nx - 1]! - contours.xs[0]!) / (contours.nx - 1) / 2;
    const dy = (contours.ys[contours.ny - 1]! - contours.ys[0]!) / (contours.ny - 1) / 2;
    marks.push(
      Plot.contour(contours.values, {
        width: contours.nx,
        height: contours.ny,
        x1: contours.xs[0]! - dx,
        x2: contours.xs[contours.nx - 1]! + dx,
        y1: contours.ys[0]! - dy,
        y2: contours.ys[contours.ny - 1]! + dy,
        thresholds: typeof levels === "number" ? levels : [...levels],
        stroke: "#333",
        strokeOpacity: 0.45,
        strokeWidth: 0.8,
        fill: null,
        clip: true,
      }),
    );
  }
  for (const path of paths) {
    marks.push(
      Plot.line(path, { x: "0", y: "1", stroke: "#222", strokeWidth: 1, strokeOpacity: 0.7 }),
    );
  }
  if (points.length > 0) {
    marks.push(
      Plot.dot(points, {
        x: (p: RegionPoint) => p.point[0],
        y: (p: RegionPoint) => p.point[1],
        r: 4,
        fill: "#111",
        stroke: "white",
        strokeWidth: 1.5,
      }),
      Plot.text(points.filter((p) => p.label !== undefined), {
        x: (p: RegionPoint) => p.point[0],
        y: (p: RegionPoint) => p.point[1],
        text: "label",
        dy: -11,
        fontSize: 11,
        fill: "#111",
        stroke: "white",
        strokeWidth: 3,
      }),
    );
  }
  marks.push(Plot.frame({ stroke: "#333" }));
  const figure = plot({
    title,
    width,
    aspectRatio: 1,
    marginLeft: 48,
    marginBottom: 40,
    style: { fontSize: "11px" },
    x: { domain: [x0, x1], ticks: 7, label: xLabel, labelAnchor: "center", labelArrow: "none" },
    y: { domain: [y0, y1], ticks: 7, label: yLabel, labelAnchor: "center", labelArrow: "none" },
    color: { type: "categorical", domain, range, legend: true },
    marks,
  });
  // Plot's title is a page-sized <h2>; a figure title reads better at the
  // size of the other figures' titles.
  figure.querySelector("h2")?.setAttribute(
    "style",
    "font-size: 14px; font-weight: 600; margin: 0 0 4px",
  );
  return figure;
}
