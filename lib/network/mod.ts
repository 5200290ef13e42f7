/**
 * Real networks in TensorFlow.js (wasm backend): weights as one flat vector,
 * filter-normalized random directions (Li et al. 2018), loss along lines and
 * planes through weight space, training with the path recorded and its PCA
 * plane, small MLPs, and a known 2-D landscape embedded in many dimensions as
 * ground truth for slices. Imports `lib/core/` and `lib/data/`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { mlp, weightVector } from "./mod.ts";
 *
 * const model = mlp({ inputs: 2, hidden: [4], outputs: 3, seed: 1 });
 * strictEqual(weightVector(model).length, 2 * 4 + 4 + 4 * 3 + 3);
 * model.dispose();
 * ```
 *
 * @module
 */

export { tf, tfReady } from "./tf.ts";
export type {
  BackendName,
  CustomCallbackArgs,
  Dataset,
  LayersModel,
  Sequential,
  Tensor,
  Tensor2D,
} from "./tf.ts";
export {
  setWeightVector,
  tensorsToVector,
  vectorToTensors,
  weightLayout,
  weightVector,
} from "./weights.ts";
export type { Model, WeightEntry, WeightLayout } from "./weights.ts";
export {
  drawDirections,
  filterNorms,
  normalizeDirection,
  orthogonalize,
  randomDirection,
  randomDirections,
} from "./directions.ts";
export type { DirectionOptions, Normalization } from "./directions.ts";
export {
  closeWorkers,
  interpolate,
  lineSlice,
  planeSlice,
  randomLine,
  randomPlane,
} from "./slices.ts";
export type {
  InterpolateOptions,
  LineOptions,
  LineSlice,
  PlaneOptions,
  PlaneSlice,
  RandomPlaneOptions,
  SliceLossFunction,
  SliceOptions,
  WorkerOptions,
} from "./slices.ts";

export { initialWeights, projectTrajectory, recordTrajectory } from "./trajectory.ts";
export type { Trajectory, TrajectoryPlane } from "./trajectory.ts";
export { classification, mlp, rescaledCopy, trainMlp, trainSeeds } from "./mlp.ts";
export type { MlpOptions, Trained, TrainOptions } from "./mlp.ts";
export { accuracy, classProbabilities } from "./classifier.ts";
export { modelLoss } from "./evaluate.ts";
export { embedLandscape } from "./embedded_landscape.ts";
export {
  closeHessianWorker,
  hessianDensity,
  hessianEigenvalues,
  hessianTrace,
  hessianVectorProduct,
} from "./hessian.ts";
export type {
  HessianDensity,
  HessianDensityOptions,
  HessianEigen,
  HessianEigenOptions,
  HessianMethod,
  HessianOptions,
  HessianTraceOptions,
} from "./hessian.ts";
export type { EmbeddedLandscape, EmbedOptions } from "./embedded_landscape.ts";
