/**
 * Loss landscapes: what a notebook author needs, in one import. Each group
 * below is one layer of `lib/`; a layer can also be imported on its own
 * (`lib/landscape/mod.ts`, or `./landscape` through `deno.json`'s exports),
 * and each layer's `mod.ts` lists more than this curated set.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { contourPlot, descend, landscape } from "./mod.ts";
 *
 * const loss = landscape("(1 - x)^2 + 100*(y - x^2)^2");
 * const run = descend(loss, { from: [-1.5, 2], optimizer: "adam", learningRate: 0.05, steps: 500 });
 * const grid = loss.grid({ x: [-2, 2], y: [-1, 3], n: 50 });
 * ok(contourPlot(grid, { paths: [{ points: run.points }] }).toSVG().startsWith("<svg"));
 * ```
 *
 * @module
 */

// Shapes shared by every layer, and seeded random numbers.
export type {
  Curve,
  Domain,
  Grid,
  GridSpec,
  Interval,
  Landscape,
  Regions,
  StationaryKind,
} from "./core/mod.ts";
export { linspace, mulberry32, regionAt, regionCounts } from "./core/mod.ts";

// Landscapes of one or two weights: values, exact derivatives, grids, descent, critical points.
export {
  basins,
  catalog,
  convexityMap,
  criticalPoints,
  descend,
  eigen2,
  escapeDirections,
  labelEnds,
  landscape,
  lattice,
  lossCurve,
} from "./landscape/mod.ts";
export type {
  Basin,
  BasinMap,
  CatalogEntry,
  CatalogEntry1D,
  ConvexityMap,
  CriticalPoint,
  CriticalPoint1D,
  CriticalPointOptions,
  DescendOptions,
  DescendResult,
  DescentOptions,
  Eigen2,
  EndLabels,
  EscapeDirection,
  LandscapeOptions,
  LossFunction,
  Optimizer,
  StationaryPoint,
  StationaryPoint1D,
} from "./landscape/mod.ts";

// Data and losses on it: tf.losses/Keras losses, penguins, spirals, a line's fit as a landscape.
export {
  binaryCrossEntropy,
  crossEntropy,
  huber,
  ISLANDS,
  leastSquaresLine,
  leastSquaresThroughOrigin,
  LINE_FIT_LOSSES,
  lineFitLoss,
  mae,
  mse,
  penguins,
  SPECIES,
  spirals,
  standardize,
  trainTestSplit,
  unstandardizeLine,
} from "./data/mod.ts";
export type {
  CompletePenguin,
  CrossEntropyOptions,
  Island,
  LabelledSet,
  Line,
  LineFitLossName,
  LineFitLossOptions,
  LossOptions,
  Penguin,
  Reduced,
  Reduction,
  Species,
  SpiralOptions,
  Spirals,
  SplitOptions,
  SplitPart,
  Standardized,
} from "./data/mod.ts";

// Real networks in TensorFlow.js: weights as vectors, slices through weight space, training.
export {
  accuracy,
  classification,
  classProbabilities,
  embedLandscape,
  hessianDensity,
  hessianEigenvalues,
  hessianTrace,
  hessianVectorProduct,
  interpolate,
  lineSlice,
  mlp,
  modelLoss,
  planeSlice,
  projectTrajectory,
  randomLine,
  randomPlane,
  recordTrajectory,
  rescaledCopy,
  setWeightVector,
  tf,
  trainMlp,
  trainSeeds,
  weightLayout,
  weightVector,
} from "./network/mod.ts";
export type {
  CustomCallbackArgs,
  Dataset,
  DirectionOptions,
  EmbeddedLandscape,
  EmbedOptions,
  HessianDensity,
  HessianDensityOptions,
  HessianEigen,
  HessianEigenOptions,
  HessianMethod,
  HessianOptions,
  HessianTraceOptions,
  InterpolateOptions,
  LayersModel,
  LineOptions,
  LineSlice,
  MlpOptions,
  Model,
  Normalization,
  PlaneOptions,
  PlaneSlice,
  RandomPlaneOptions,
  Sequential,
  SliceLossFunction,
  SliceOptions,
  Tensor,
  Tensor2D,
  Trained,
  TrainOptions,
  Trajectory,
  TrajectoryPlane,
  WeightEntry,
  WeightLayout,
  WorkerOptions,
} from "./network/mod.ts";

// Figures and their display in a notebook.
export {
  colormap,
  contourPlot,
  curvePlot,
  DISPLAY,
  markdown,
  Plot,
  plot,
  progress,
  REGION_COLORS,
  regionMap,
  show,
  sideBySide,
  surface3d,
  table,
} from "./plot/mod.ts";
export type {
  ContourFigure,
  ContourPath,
  ContourPlotOptions,
  ContourPoint,
  CurveInput,
  CurvePlotOptions,
  CurvePoint,
  CurveReference,
  CurveSeries,
  CurveTangent,
  Displayable,
  Figure,
  MapFrame,
  MediaBundle,
  ObservablePlotOptions,
  PlotOptions,
  Progress,
  ProgressOptions,
  RegionMapOptions,
  RegionPoint,
  SideBySide,
  Surface3dOptions,
  SurfaceFigure,
  SurfacePath,
} from "./plot/mod.ts";

// Live figures: played with in the notebook and the exported page, computed there by the same code.
export { descentExplorer } from "./live/mod.ts";
export type { DescentExplorerOptions, ExplorerState } from "./live/mod.ts";
export { linkedSlice } from "./live/mod.ts";
export type { LinkedSliceOptions, SliceState } from "./live/mod.ts";
export { scorecard } from "./live/mod.ts";
export type { ScorecardLoss, ScorecardOptions, ScorecardState } from "./live/mod.ts";
