/**
 * Loss landscapes: the public entry point of the toolkit. Notebooks import
 * everything from here.
 *
 * @module
 */

export type { Curve, Domain, Grid, GridSpec, Interval, Kind, Landscape } from "./types.ts";
export { bundleOf, DISPLAY, formatNumber, show, table } from "./plot/show.ts";
export type { Displayable, MediaBundle } from "./plot/show.ts";
export { document, Plot, plot } from "./plot/document.ts";
export { escapeXml } from "./plot/escape.ts";
export { binaryCrossEntropy, crossEntropy, EPSILON, huber, mae, mse } from "./losses.ts";
export type { CrossEntropyOptions, LossOptions, Reduced, Reduction } from "./losses.ts";
export { ISLANDS, penguins, SPECIES } from "./data.ts";
export type { CompletePenguin, Island, Penguin, Species } from "./data.ts";
export { landscape } from "./landscape.ts";
export type { LandscapeOptions, LossFunction } from "./landscape.ts";
export { ALLOWED_FUNCTIONS, parseExpression } from "./expression.ts";
export { catalog } from "./catalog.ts";
export type {
  CatalogEntry,
  CatalogEntry1D,
  StationaryPoint,
  StationaryPoint1D,
} from "./catalog.ts";
export { criticalPoints } from "./critical_points.ts";
export type { CriticalPoint, CriticalPoint1D, CriticalPointOptions } from "./critical_points.ts";
export { descend } from "./descend.ts";
export type { DescendOptions, DescendResult, Optimizer } from "./descend.ts";
export { centralGradient, centralHessian } from "./finite_difference.ts";
export { linspace } from "./grid.ts";
export { mulberry32 } from "./random.ts";
export { leastSquaresLine, leastSquaresThroughOrigin } from "./least_squares.ts";
export type { Line } from "./least_squares.ts";
export { standardize, unstandardizeLine } from "./standardize.ts";
export type { Standardized } from "./standardize.ts";
export { LINE_LOSSES, lineLoss } from "./line_loss.ts";
export type { LineLossName, LineLossOptions } from "./line_loss.ts";
export { sideBySide } from "./plot/side_by_side.ts";
export type { SideBySide } from "./plot/side_by_side.ts";
export { basinName, basins, labelEnds } from "./basins.ts";
export type { Basin, BasinMap, DescentOptions, EndLabels } from "./basins.ts";
export { CONVEXITY_CLASSES, convexityMap } from "./convexity.ts";
export type { ConvexityMap } from "./convexity.ts";
export { eigen2 } from "./eigen.ts";
export type { Eigen2 } from "./eigen.ts";
export { escapeDirections } from "./escape_directions.ts";
export type { Escape } from "./escape_directions.ts";
export { cellCentres, lattice } from "./lattice.ts";
export { regionAt, regionCounts } from "./regions.ts";
export type { Regions } from "./regions.ts";
export { REGION_COLORS, regionMap } from "./plot/region_map.ts";
export { lossCurve } from "./loss_curve.ts";
export type { RegionMapOptions, RegionPoint } from "./plot/region_map.ts";
export { ready, tf } from "./tf.ts";
export type { BackendName } from "./tf.ts";
export {
  setWeightVector,
  tensorsToVector,
  vectorToTensors,
  weightLayout,
  weightVector,
} from "./weights.ts";
export type { WeightEntry, WeightLayout } from "./weights.ts";
export {
  drawDirections,
  filterNorms,
  normalizeDirection,
  orthogonalize,
  randomDirection,
  randomDirections,
} from "./directions.ts";
export type { DirectionOptions, Normalization } from "./directions.ts";
export { interpolate, lossLine, lossPlane, randomLine, randomPlane } from "./slices.ts";
export type {
  InterpolateOptions,
  LineOptions,
  LineSlice,
  PlaneOptions,
  PlaneSlice,
  RandomPlaneOptions,
  SliceData,
  SliceOptions,
} from "./slices.ts";
export type { SliceLoss } from "./slice_loss.ts";
export { closeWorkers } from "./plane_loss.ts";
export { initialWeights, projectTrajectory, recordTrajectory } from "./trajectory.ts";
export type { Projection, Trajectory } from "./trajectory.ts";
export { classification, mlp, rescaledCopy, trainMlp, trainSeeds } from "./mlp.ts";
export type { MlpOptions, Trained, TrainOptions } from "./mlp.ts";
export { spirals } from "./spirals.ts";
export { accuracy, classProbabilities } from "./classifier.ts";
export type { SpiralOptions, Spirals } from "./spirals.ts";
export { hideLandscape } from "./hidden.ts";
export type { HiddenLandscape, HideOptions } from "./hidden.ts";
export { gaussian } from "./gaussian.ts";
export { curvePlot } from "./plot/curve.ts";
export type { CurvePlotOptions, CurvePoint, CurveSeries, CurveTangent } from "./plot/curve.ts";
export { contourPlot } from "./plot/contour.ts";
export type { ContourPath, ContourPlotOptions, ContourPoint } from "./plot/contour.ts";
export { surface3d } from "./plot/surface3d.ts";
export type { Surface3dOptions, SurfaceFigure, SurfacePath } from "./plot/surface3d.ts";
export { colormap, colormapNames, palette } from "./plot/colormap.ts";
export type { Figure } from "./plot/figure.ts";
