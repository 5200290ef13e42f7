/**
 * Hessian-vector products of a model's loss, three ways (see
 * `hessian.ts` for why tfjs's own double backpropagation needs care):
 *
 * - `analytic`: for stacks of dense layers with a linear output layer and
 *   a hidden activation among linear, relu, relu6, tanh, sigmoid, elu, and
 *   the losses softmaxCrossEntropy, meanSquaredError, meanAbsoluteError,
 *   sigmoidCrossEntropy. Pearlmutter's R-operator (1994) written out by hand:
 *   the forward pass, the backward pass and everything else that does not
 *   depend on v are computed once per operator; each product then costs an
 *   R-forward and an R-backward pass — six matrix products per hidden layer — in
 *   plain tfjs ops.
 * - `tape`: double backpropagation with `tf.grads` through a functional copy
 *   of the dense stack built from ops that are safe for second derivatives.
 * - `differences`: central differences of the model's own gradients, for any
 *   model.
 *
 * Tests check that `analytic` and `tape` agree, and both against finite
 * differences on smooth networks.
 *
 * @module
 */

import type { DensePlan } from "./_dense_evaluator.ts";
import { densePlan } from "./_dense_evaluator.ts";
import type { LossName } from "./_resolve_loss.ts";
import { type SliceContext, sliceContext } from "./_slice_eval.ts";
import { type Dataset, tf } from "./tf.ts";
import {
  type Model,
  setWeightVector,
  vectorToTensors,
  type WeightLayout,
  weightVector,
} from "./weights.ts";

/** H·v for one model and data set; holds tensors until `dispose()`. */
export interface HessianOperator {
  size: number;
  apply(v: Float32Array): Float32Array;
  dispose(): void;
}

/** How products are computed: `exact` is `analytic` when it applies, else `tape`. */
export type OperatorPath = "exact" | "analytic" | "tape" | "differences";

/**
 * The Hessian-vector product of a model's compiled loss on `data`.
 *
 * @param model A compiled tfjs model.
 * @param data Inputs and targets that fit it.
 * @param path How to compute (default `exact`).
 * @returns The operator; call `dispose()` when done.
 * @throws {TypeError} For an unsupported model, layer or loss on an exact path.
 * @throws {RangeError} For data that do not fit the model.
 */
export function hessianOperator(
  model: Model,
  data: Dataset,
  path: OperatorPath = "exact",
): HessianOperator {
  if (!["exact", "analytic", "tape", "differences"].includes(path)) {
    throw new TypeError(`invalid method: ${path} (expected "exact" or "differences")`);
  }
  const ctx = sliceContext(model, data);
  if (path === "differences") return differencesOperator(ctx);
  const plan = densePlan(model, ctx.layout);
  if (path !== "tape" && plan && analyticSupports(plan, ctx.loss.name)) {
    return analyticOperator(ctx, plan);
  }
  if (path === "analytic") {
    throw new TypeError(
      "Expected a dense stack with a linear output layer and a loss the analytic path covers",
    );
  }
  return exactOperator(ctx);
}

/** Losses the exact path computes, each from a model output and the targets. */
const EXACT_LOSSES: Partial<Record<LossName, (y: tf.Tensor, out: tf.Tensor) => tf.Scalar>> = {
  meanSquaredError: (y, out) => tf.mean(tf.squaredDifference(out, y)),
  meanAbsoluteError: (y, out) => tf.mean(tf.abs(tf.sub(out, y))),
  softmaxCrossEntropy: (y, out) => softmaxCrossEntropy(y, out),
  sigmoidCrossEntropy: (y, out) => sigmoidCrossEntropy(y, out),
};

function exactOperator(ctx: SliceContext): HessianOperator {
  const { model, layout, data } = ctx;
  const plan: DensePlan | undefined = densePlan(model, layout);
  if (!plan) {
    const layer = model.layers.find((l) =>
      l.getClassName() !== "Dense" && l.getClassName() !== "InputLayer"
    );
    const what = !(model instanceof tf.Sequential)
      ? "a model that is not a tf.Sequential"
      : layer
      ? `layer "${layer.name}" (${layer.getClassName()})`
      : "a dense layer with an activation or weights it does not cover";
    throw new TypeError(
      `Expected a tf.Sequential stack of dense layers for exact Hessian-vector products but found ${what}; ` +
        `pass method: "differences" (central differences of gradients, any model)`,
    );
  }
  const lossName = ctx.loss.name;
  const loss = lossName === "custom" ? undefined : EXACT_LOSSES[lossName];
  if (!loss) {
    throw new TypeError(
      `Expected one of the losses ${
        Object.keys(EXACT_LOSSES).join(", ")
      } for exact Hessian-vector products but found ${lossName}; pass method: "differences"`,
    );
  }
  const index = new Map(layout.entries.map((e, k) => [e.offset, k]));
  const { x, y } = data;
  const lossOf = (...ws: tf.Tensor[]): tf.Scalar => {
    let h = x as tf.Tensor2D;
    for (const layer of plan.layers) {
      h = matMul(h, ws[index.get(layer.kernel)!] as tf.Tensor2D);
      if (layer.bias >= 0) h = tf.add(h, ws[index.get(layer.bias)!]!);
      h = activate(h, layer.activation);
    }
    return loss(y, h);
  };
  const gradient = tf.grads(lossOf);
  return {
    size: layout.size,
    apply(v: Float32Array): Float32Array {
      const flat = tf.tidy(() => {
        const vs = vectorToTensors(v, layout);
        const ws = model.trainableWeights.map((w) => w.read());
        const gv = (...args: tf.Tensor[]): tf.Scalar => {
          const g = gradient(args);
          return tf.addN(g.map((gi, i) => tf.sum(tf.mul(gi, vs[i]!)))) as tf.Scalar;
        };
        const hv = tf.grads(gv)(ws);
        return tf.concat(hv.map((t) => tf.reshape(t, [-1])));
      });
      const out = flat.dataSync() as Float32Array;
      flat.dispose();
      return Float32Array.from(out);
    },
    dispose() {},
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function differencesOperator(ctx: SliceContext): HessianOperator {
  const { model, layout, data, loss } = ctx;
  const theta = weightVector(model);
  const n = layout.size;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const gradientAt = (w: Float32Array): Float32Array => {
    setWeightVector(model, w);
    const flat = tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => loss.tensor(data.y, model.apply(data.x) as tf.Tensor) as tf.Scalar,
        vars,
      );
      return tf.concat(vars.map((v) => tf.reshape(grads[v.name]!, [-1])));
    });
    const out = Float32Array.from(flat.dataSync() as Float32Array);
    flat.dispose();
    return out;
  };
  return {
    size: n,
    apply(v: Float32Array): Float32Array {
      const norm = Math.sqrt(dot(v, v));
      if (norm === 0) return new Float32Array(n);
      const eps = 1e-2 / norm; // a step of length 0.01 in weight space
      const plus = new Float32Array(n), minus = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        plus[i] = theta[i]! + eps * v[i]!;
        minus[i] = theta[i]! - eps * v[i]!;
      }
      // The steps actually taken, after rounding θ ± εv to float32.
      try {
        const gp = gradientAt(plus), gm = gradientAt(minus);
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) out[i] = (gp[i]! - gm[i]!) / (2 * eps);
        return out;
      } finally {
        setWeightVector(model, theta);
      }
    },
    dispose() {
      setWeightVector(model, theta);
    },
  };
}

function activate(h: tf.Tensor2D, activation: string): tf.Tensor2D {
  switch (activation) {
    case "linear":
      return h;
    case "relu":
      return tf.relu(h);
    case "relu6":
      return safeRelu6(h) as tf.Tensor2D;
    case "tanh":
      return safeTanh(h) as tf.Tensor2D;
    case "sigmoid":
      return safeSigmoid(h) as tf.Tensor2D;
    case "elu":
      return safeElu(h) as tf.Tensor2D;
    case "softmax":
      return safeSoftmax(h) as tf.Tensor2D;
  }
  throw new TypeError(`invalid activation: ${activation}`);
}

/**
 * A·B whose gradients are products of explicitly transposed matrices, and
 * themselves `matMul`s: tfjs's own gradient multiplies with `transposeA` /
 * `transposeB` flags, which the wasm backend computes about 20 times more
 * slowly than a transpose followed by a plain product (measured: 2048×64 by
 * 64×64 with `transposeB`, 20 ms against 1 ms).
 */
const matMul: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D = tf.customGrad((a, b, save) => {
  (save as tf.GradSaveFunc)([a as tf.Tensor, b as tf.Tensor]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy, saved) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      const d = dy as tf.Tensor2D;
      return [matMul(d, tf.transpose(sb!)), matMul(tf.transpose(sa!), d)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

// Ops whose gradient is recomputed from their input, so that the gradient's
// own gradient (the Hessian) is recorded on the tape; see the module notes.

const safeTanh = tf.customGrad((x, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: tf.tanh(x as tf.Tensor),
    gradFunc: (dy, saved) => {
      const t = tf.tanh(saved[0]!);
      return tf.mul(dy as tf.Tensor, tf.sub(1, tf.square(t)));
    },
  };
});

// tfjs's own relu6 gradient builds a LessEqual mask, which has no gradient.
const safeRelu6 = tf.customGrad((x, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: tf.relu6(x as tf.Tensor),
    gradFunc: (dy, saved) => {
      const z = saved[0]!;
      return tf.mul(dy as tf.Tensor, tf.mul(tf.step(z), tf.step(tf.sub(6, z))));
    },
  };
});

const safeSigmoid = tf.customGrad((x, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: tf.sigmoid(x as tf.Tensor),
    gradFunc: (dy, saved) => {
      const s = tf.sigmoid(saved[0]!);
      return tf.mul(dy as tf.Tensor, tf.mul(s, tf.sub(1, s)));
    },
  };
});

const safeElu = tf.customGrad((x, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: tf.elu(x as tf.Tensor),
    gradFunc: (dy, saved) => {
      // elu'(z) is 1 for z > 0 and e^z below: e^min(z, 0) in one expression.
      return tf.mul(dy as tf.Tensor, tf.exp(tf.minimum(saved[0]!, 0)));
    },
  };
});

const safeSoftmax = tf.customGrad((x, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: tf.softmax(x as tf.Tensor),
    gradFunc: (dy, saved) => {
      const s = tf.softmax(saved[0]!);
      const d = dy as tf.Tensor;
      return tf.mul(s, tf.sub(d, tf.sum(tf.mul(d, s), -1, true)));
    },
  };
});

/** Mean over rows of Σⱼ yⱼ·(logΣₖexp zₖ − zⱼ), as `tf.losses.softmaxCrossEntropy`. */
function softmaxCrossEntropy(y: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  const rows = logits.shape[0]!;
  const op = tf.customGrad((z, save) => {
    (save as tf.GradSaveFunc)([z as tf.Tensor]);
    const zz = z as tf.Tensor;
    const lse = tf.logSumExp(zz, -1, true);
    const value = tf.div(tf.sum(tf.mul(y, tf.sub(lse, zz))), rows);
    return {
      value,
      gradFunc: (dy, saved) => {
        const s = tf.softmax(saved[0]!);
        const g = tf.sub(tf.mul(tf.sum(y, -1, true), s), y);
        return tf.mul(tf.div(dy as tf.Tensor, rows), g);
      },
    };
  });
  return op(logits) as tf.Scalar;
}

/** Mean over elements of max(x, 0) − x·z + log(1 + e^−|x|), as `tf.losses.sigmoidCrossEntropy`. */
function sigmoidCrossEntropy(z: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  const count = logits.size;
  const op = tf.customGrad((x, save) => {
    (save as tf.GradSaveFunc)([x as tf.Tensor]);
    const xx = x as tf.Tensor;
    const terms = tf.add(tf.sub(tf.relu(xx), tf.mul(xx, z)), tf.log1p(tf.exp(tf.neg(tf.abs(xx)))));
    return {
      value: tf.div(tf.sum(terms), count),
      gradFunc: (dy, saved) =>
        tf.mul(tf.div(dy as tf.Tensor, count), tf.sub(tf.sigmoid(saved[0]!), z)),
    };
  });
  return op(logits) as tf.Scalar;
}

// ---------------------------------------------------------------------------
// The analytic path: Pearlmutter's R-operator for dense stacks

const ANALYTIC_HIDDEN: ReadonlySet<string> = new Set([
  "linear",
  "relu",
  "relu6",
  "tanh",
  "sigmoid",
  "elu",
]);
const ANALYTIC_LOSSES: ReadonlySet<string> = new Set([
  "softmaxCrossEntropy",
  "meanSquaredError",
  "meanAbsoluteError",
  "sigmoidCrossEntropy",
]);

export function analyticSupports(plan: DensePlan, loss: LossName | "custom"): boolean {
  const last = plan.layers.length - 1;
  return ANALYTIC_LOSSES.has(loss) &&
    plan.layers.every((l, k) =>
      k === last ? l.activation === "linear" : ANALYTIC_HIDDEN.has(l.activation)
    );
}

/** Per hidden layer: σ'(z) and, when σ'' is not zero, σ''(z) ⊙ (δ·Wᵀ). */
interface Slopes {
  first: tf.Tensor;
  second?: tf.Tensor;
}

/**
 * Notation (rows are examples): z_l = a_{l−1}·W_l + b_l, a_l = σ_l(z_l),
 * a_0 = X, the output z_L; δ_l = ∂L/∂z_l. Along v = (V_l, c_l):
 *
 * - R-forward: Rz_l = Ra_{l−1}·W_l + a_{l−1}·V_l + c_l, Ra_l = σ'(z_l) ⊙ Rz_l;
 * - loss: Rδ_L = (∂²L/∂z_L²)·Rz_L;
 * - R-backward: (Hv)_{W_l} = a_{l−1}ᵀ·Rδ_l + Ra_{l−1}ᵀ·δ_l, (Hv)_{b_l} = Σ_rows Rδ_l,
 *   Rδ_{l−1} = (Rδ_l·W_lᵀ + δ_l·V_lᵀ) ⊙ σ'(z_{l−1}) + (δ_l·W_lᵀ) ⊙ σ''(z_{l−1}) ⊙ Rz_{l−1}.
 *
 * Everything without an R is computed once, here. The wasm backend packs a
 * product's right operand each time it sees a new one (cached per tensor),
 * which costs as much as the product when that operand is a big new matrix
 * (measured: W·Bᵀ with B 2,048 × 64 fresh 1.3 ms, the same B again 0.6 ms),
 * and its products with transpose flags are about 20 times slower. So every
 * product here has its big per-product matrix on the left and a matrix that
 * does not change (a_{l−1}, δ_l, W_l) or is small (V_l) on the right:
 * (Hv)_W is assembled as (Rδ_lᵀ·a_{l−1})ᵀ + Ra_{l−1}ᵀ·δ_l, with explicit
 * transposes of Rδ_l and Ra_{l−1}, and the bias part as Rδ_lᵀ·1.
 */
function analyticOperator(ctx: SliceContext, plan: DensePlan): HessianOperator {
  const { model, layout, data } = ctx;
  const weights = model.trainableWeights.map((w) => w.read());
  return denseHessian(
    plan,
    ctx.loss.name as LossName,
    layout,
    weights,
    data.x,
    data.y,
    data.x.shape[0]!,
  );
}

/**
 * The analytic operator for given weights (in layout order) and rows: the
 * loss is divided by `divisor` rows, so that operators on parts of the rows
 * with the total as divisor add up to the whole (see `_hessian_worker.ts`).
 * The caller keeps `weights`, `x` and `y` alive until `dispose()`.
 */
export function denseHessian(
  plan: DensePlan,
  loss: LossName,
  layout: WeightLayout,
  weights: readonly tf.Tensor[],
  x: tf.Tensor,
  y: tf.Tensor,
  divisor: number,
): HessianOperator {
  const index = new Map(layout.entries.map((e, k) => [e.offset, k]));
  const L = plan.layers.length;
  const keep: tf.Tensor[] = [];
  const kept = <T extends tf.Tensor>(t: T): T => {
    keep.push(tf.keep(t));
    return t;
  };
  const rows = divisor;
  const WT: tf.Tensor[] = [];
  const W: tf.Tensor[] = [];
  const acts: tf.Tensor[] = []; // a_0 … a_{L−1}
  const slopes: Slopes[] = [];
  const deltas: tf.Tensor[] = []; // δ_1 … δ_L
  let lossHessian!: (rz: tf.Tensor) => tf.Tensor;
  tf.tidy(() => {
    let a = x;
    const zs: tf.Tensor[] = [];
    plan.layers.forEach((layer, l) => {
      const kernel = weights[index.get(layer.kernel)!]!;
      W.push(kernel);
      WT.push(kept(tf.transpose(kernel)));
      acts.push(a === x ? x : kept(a));
      let z = tf.matMul(a, kernel);
      if (layer.bias >= 0) {
        z = tf.add(z, weights[index.get(layer.bias)!]!);
      }
      zs.push(z);
      if (l < L - 1) {
        const [next, first, second] = activation(z, layer.activation);
        slopes.push({ first: kept(first), second });
        a = next;
      }
    });
    const out = zs[L - 1]!;
    const width = out.shape[1]!;
    let delta: tf.Tensor;
    switch (loss) {
      case "softmaxCrossEntropy": {
        const p = kept(tf.softmax(out));
        const c = kept(tf.div(tf.sum(y, -1, true), rows));
        delta = tf.sub(tf.mul(c, p), tf.div(y, rows));
        lossHessian = (rz) => {
          const prz = tf.mul(p, rz);
          return tf.mul(c, tf.sub(prz, tf.mul(p, tf.sum(prz, -1, true))));
        };
        break;
      }
      case "meanSquaredError": {
        const scale = 2 / (rows * width);
        delta = tf.mul(tf.sub(out, y), scale);
        lossHessian = (rz) => tf.mul(rz, scale);
        break;
      }
      case "meanAbsoluteError": {
        delta = tf.div(tf.sign(tf.sub(out, y)), rows * width);
        lossHessian = (rz) => tf.zerosLike(rz);
        break;
      }
      default: { // sigmoidCrossEntropy
        const s = tf.sigmoid(out);
        const curvature = kept(tf.div(tf.mul(s, tf.sub(1, s)), rows * width));
        delta = tf.div(tf.sub(s, y), rows * width);
        lossHessian = (rz) => tf.mul(curvature, rz);
      }
    }
    deltas[L - 1] = kept(delta);
    for (let l = L - 1; l >= 1; l--) {
      const back = tf.matMul(deltas[l]!, WT[l]!); // δ_l·W_lᵀ, before the slope
      const s = slopes[l - 1]!;
      deltas[l - 1] = kept(tf.mul(back, s.first));
      if (s.second) s.second = kept(tf.mul(back, s.second));
    }
  });

  const ones = kept(tf.ones([x.shape[0]!, 1]));
  return {
    size: layout.size,
    apply(v: Float32Array): Float32Array {
      const parts = tf.tidy(() => {
        const vs = vectorToTensors(v, layout);
        const V = plan.layers.map((l) => vs[index.get(l.kernel)!]!);
        const c = plan.layers.map((l) => (l.bias >= 0 ? vs[index.get(l.bias)!] : undefined));
        // R-forward: Rz_l = a_{l−1}·V_l + c_l + Ra_{l−1}·W_l.
        const rz: tf.Tensor[] = [];
        const ra: tf.Tensor[] = [];
        for (let l = 0; l < L; l++) {
          let z: tf.Tensor = tf.fused.matMul({
            a: acts[l] as tf.Tensor2D,
            b: V[l] as tf.Tensor2D,
            bias: c[l],
          });
          if (l > 0) z = tf.add(z, tf.matMul(ra[l - 1]!, W[l]!));
          rz.push(z);
          if (l < L - 1) ra.push(tf.mul(slopes[l]!.first, z));
        }
        const out: tf.Tensor[] = new Array(2 * L);
        let rd = lossHessian(rz[L - 1]!);
        for (let l = L - 1; l >= 0; l--) {
          // (Hv)_W = (Rδ_lᵀ·a_{l−1})ᵀ + Ra_{l−1}ᵀ·δ_l; (Hv)_b = Rδ_lᵀ·1.
          const rdT = tf.transpose(rd);
          let hw = tf.transpose(tf.matMul(rdT, acts[l]!));
          if (l > 0) hw = tf.add(hw, tf.matMul(tf.transpose(ra[l - 1]!), deltas[l]!));
          out[2 * l] = hw;
          out[2 * l + 1] = tf.matMul(rdT, ones);
          if (l === 0) break;
          const s = slopes[l - 1]!;
          let next = tf.mul(
            tf.add(tf.matMul(rd, WT[l]!), tf.matMul(deltas[l]!, tf.transpose(V[l]!))),
            s.first,
          );
          if (s.second) next = tf.add(next, tf.mul(s.second, rz[l - 1]!));
          rd = next;
        }
        return out;
      });
      const result = new Float32Array(layout.size);
      plan.layers.forEach((layer, l) => {
        result.set(parts[2 * l]!.dataSync() as Float32Array, layer.kernel);
        if (layer.bias >= 0) result.set(parts[2 * l + 1]!.dataSync() as Float32Array, layer.bias);
      });
      tf.dispose(parts);
      return result;
    },
    dispose() {
      tf.dispose(keep);
      keep.length = 0;
    },
  };
}

/** σ(z), σ'(z) and σ''(z) (undefined when zero) of a hidden activation. */
function activation(
  z: tf.Tensor,
  name: string,
): [tf.Tensor, tf.Tensor, tf.Tensor | undefined] {
  switch (name) {
    case "linear":
      return [z, tf.onesLike(z), undefined];
    case "relu":
      return [tf.relu(z), tf.step(z), undefined];
    case "relu6":
      return [tf.relu6(z), tf.mul(tf.step(z), tf.step(tf.sub(6, z))), undefined];
    case "tanh": {
      const a = tf.tanh(z);
      const first = tf.sub(1, tf.square(a));
      return [a, first, tf.mul(tf.mul(a, first), -2)];
    }
    case "sigmoid": {
      const a = tf.sigmoid(z);
      const first = tf.mul(a, tf.sub(1, a));
      return [a, first, tf.mul(first, tf.sub(1, tf.mul(a, 2)))];
    }
    case "elu": {
      const e = tf.exp(tf.minimum(z, 0));
      return [tf.elu(z), e, tf.mul(e, tf.sub(1, tf.step(z)))];
    }
  }
  throw new TypeError(`invalid activation: ${name}`);
}

/** What a worker needs to build its part of the analytic operator: plain data. */
export interface DenseHessianJob {
  plan: DensePlan;
  loss: LossName;
  layout: WeightLayout;
  theta: Float32Array;
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  yShape: number[];
  divisor: number;
}

/** A message the Hessian worker accepts. */
export type HessianWorkerRequest =
  | { type: "job"; seq: number; job: DenseHessianJob }
  | { type: "apply"; seq: number; id: number; v: Float32Array }
  | { type: "drop"; id: number };

/** A message the Hessian worker sends. */
export type HessianWorkerReply =
  | { type: "boot"; backend: string }
  | { type: "done"; seq: number }
  | { type: "hv"; seq: number; hv: Float32Array }
  | { type: "error"; seq: number; message: string };
