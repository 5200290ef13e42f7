/**
 * Figures and their display: curves, contour maps, region maps and 3D
 * surfaces drawn as SVG in matplotlib's style, Observable Plot charts drawn
 * server-side with the house style ({@linkcode plot}), tables, and
 * {@linkcode show}, which displays any of them in a Deno notebook without
 * losing output. Figures sit beside the other layers: this folder imports
 * only `lib/core/`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { landscape } from "../landscape/mod.ts";
 * import { curvePlot } from "./mod.ts";
 *
 * const figure = curvePlot(landscape("w^2"), { x: [-2, 2], title: "w²" });
 * ok(figure.toSVG().includes("w²"));
 * ```
 *
 * @module
 */

export { DISPLAY, markdown, show, table } from "./show.ts";
export type { Displayable, MediaBundle } from "./show.ts";
export { progress } from "./progress.ts";
export type { Progress, ProgressOptions } from "./progress.ts";
export { Plot, plot } from "./plot.ts";
export type { ObservablePlotOptions, PlotOptions } from "./plot.ts";
export type { Figure } from "./show.ts";
export { curvePlot } from "./curve.ts";
export type {
  CurveInput,
  CurvePlotOptions,
  CurvePoint,
  CurveReference,
  CurveSeries,
  CurveTangent,
} from "./curve.ts";
export { contourPlot } from "./contour.ts";
export type {
  ContourFigure,
  ContourPath,
  ContourPlotOptions,
  ContourPoint,
  MapFrame,
} from "./contour.ts";
export { REGION_COLORS, regionMap } from "./region_map.ts";
export type { RegionMapOptions, RegionPoint } from "./region_map.ts";
export { sideBySide } from "./side_by_side.ts";
export type { SideBySide } from "./side_by_side.ts";
export { colormap, colormapNames, palette } from "./colormap.ts";
export { FONT, pageFigure } from "./page.ts";
export type { PageFigureParts } from "./page.ts";
export { surface3d } from "./3d/mod.ts";
export type { Surface3dOptions, SurfaceFigure, SurfacePath } from "./3d/mod.ts";
