/**
 * `descend()`: the path an optimizer takes over a landscape, with the update
 * rules PyTorch documents for `torch.optim.SGD`, `RMSprop` and `Adam`.
 *
 * @module
 */

import type { Landscape } from "../core/types.ts";

/** The optimizers {@linkcode descend} knows. */
export type Optimizer = "gd" | "momentum" | "nesterov" | "rmsprop" | "adam";

/** Options of {@linkcode descend}. */
export interface DescendOptions {
  /** The starting weights, one per weight of the landscape. */
  from: readonly number[];
  /** Default `"gd"`. */
  optimizer?: Optimizer;
  /** The learning rate γ; default 0.1 for every optimizer. */
  learningRate?: number;
  /** Number of updates; default 100. Zero gives just the start. */
  steps?: number;
  /** μ for `momentum` and `nesterov` (default 0.9) and `rmsprop` (default 0). */
  momentum?: number;
  /** RMSprop's smoothing constant α; default 0.99. */
  alpha?: number;
  /** Adam's (β₁, β₂); default (0.9, 0.999). */
  betas?: [number, number];
  /** ε for RMSprop and Adam; default 1e-8. */
  eps?: number;
}

/** The path of {@linkcode descend}. */
export interface DescendResult {
  /** Weights after 0, 1, 2, … updates; `points[0]` is `from`. */
  points: number[][];
  /** The loss at each point. */
  values: number[];
  /** True when a gradient, a point or a loss became NaN or infinite; the path stops before it. */
  diverged: boolean;
}

const OPTIMIZERS: readonly Optimizer[] = ["gd", "momentum", "nesterov", "rmsprop", "adam"];

function check(name: string, v: unknown, ok: (n: number) => boolean, wanted: string): void {
  if (typeof v !== "number" || !ok(v)) {
    const text = typeof v === "number" ? String(v) : typeof v;
    throw new RangeError(`Expected ${name} to be ${wanted} but found ${text}`);
  }
}

/** Other names learners use for the optimizers. */
const ALIASES: Record<string, Optimizer> = {
  sgd: "gd",
  "gradient descent": "gd",
  "gradient-descent": "gd",
  gradientdescent: "gd",
  nag: "nesterov",
  rms: "rmsprop",
};

/**
 * Throws a TypeError naming the optimizers, and the one meant when `name`
 * is another spelling of it ("Adam", "SGD", "sgd"), unless `name` is one.
 *
 * @example
 * ```ts
 * import { throws } from "node:assert";
 * import { checkOptimizer } from "./descend.ts";
 * checkOptimizer("adam");
 * throws(() => checkOptimizer("Adam"), /did you mean "adam"\?/);
 * throws(() => checkOptimizer("sgd"), /did you mean "gd"\?/);
 * ```
 */
export function checkOptimizer(name: unknown): asserts name is Optimizer {
  if ((OPTIMIZERS as readonly unknown[]).includes(name)) return;
  const key = String(name).trim().toLowerCase();
  const meant = (OPTIMIZERS as readonly string[]).includes(key) ? key : ALIASES[key];
  throw new TypeError(
    `Expected optimizer to be one of ${OPTIMIZERS.join(", ")} but found ${JSON.stringify(name)}` +
      (meant ? `; did you mean "${meant}"?` : ""),
  );
}

/**
 * Runs an optimizer over a landscape from `from` and returns its path.
 *
 * With g_t the gradient at θ_{t-1}, γ the learning rate, and every state
 * starting at zero, the updates are those of PyTorch's documentation (no
 * weight decay, no dampening, no maximize, not centred, no amsgrad):
 *
 * - `gd` (`torch.optim.SGD`, momentum 0): θ_t = θ_{t-1} − γ g_t.
 * - `momentum` (`SGD(momentum=μ)`): b_t = μ b_{t-1} + g_t (b_1 = g_1);
 *   θ_t = θ_{t-1} − γ b_t.
 * - `nesterov` (`SGD(momentum=μ, nesterov=True)`): b_t as above;
 *   θ_t = θ_{t-1} − γ (g_t + μ b_t).
 * - `rmsprop` (`torch.optim.RMSprop`): v_t = α v_{t-1} + (1 − α) g_t²;
 *   θ_t = θ_{t-1} − γ g_t / (√v_t + ε); with momentum μ > 0,
 *   b_t = μ b_{t-1} + g_t / (√v_t + ε) and θ_t = θ_{t-1} − γ b_t.
 * - `adam` (`torch.optim.Adam`): m_t = β₁ m_{t-1} + (1 − β₁) g_t;
 *   v_t = β₂ v_{t-1} + (1 − β₂) g_t²; m̂_t = m_t / (1 − β₁ᵗ);
 *   v̂_t = v_t / (1 − β₂ᵗ); θ_t = θ_{t-1} − γ m̂_t / (√v̂_t + ε).
 *   Computed in PyTorch's order, (γ / (1 − β₁ᵗ)) · m_t / (√v_t / √(1 − β₂ᵗ) + ε).
 *
 * The path stops, with `diverged: true`, at the first NaN or infinite
 * gradient, weight or loss, instead of filling up with NaN.
 *
 * @param l A landscape of one or two weights.
 * @param options Start, optimizer and its hyper-parameters.
 * @returns The points visited (including the start), their losses, and whether it diverged.
 *
 * @example Gradient descent on the article's bowl shrinks the weights by 0.8 a step
 * ```ts
 * import { deepStrictEqual, ok } from "node:assert";
 * import { descend } from "./descend.ts";
 * import { landscape } from "./landscape.ts";
 *
 * const path = descend(landscape("w1^2 + w2^2"), { from: [1, -2], learningRate: 0.1, steps: 2 });
 * deepStrictEqual(path.points[1], [0.8, -1.6]);
 * ok(Math.abs(path.points[2]![0]! - 0.64) < 1e-15);
 * deepStrictEqual(path.diverged, false);
 * ```
 *
 * @example Too large a step diverges, and the path stops at the last finite point
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { descend } from "./descend.ts";
 * import { landscape } from "./landscape.ts";
 *
 * const path = descend(landscape("x^4"), { from: [3], learningRate: 1, steps: 50 });
 * strictEqual(path.diverged, true);
 * strictEqual(path.values.every(Number.isFinite), true);
 * ```
 */
export function descend(l: Landscape, options: DescendOptions): DescendResult {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Expected options { from, optimizer, ... } but found ${String(options)}`);
  }
  const {
    from,
    optimizer = "gd",
    learningRate: lr = 0.1,
    steps = 100,
    alpha = 0.99,
    betas = [0.9, 0.999],
    eps = 1e-8,
  } = options;
  checkOptimizer(optimizer);
  if (!Array.isArray(from) || from.length !== l.dims) {
    throw new RangeError(
      `Expected from to be ${l.dims} number${l.dims === 1 ? "" : "s"} (${
        l.vars.join(", ")
      }) but found ${Array.isArray(from) ? `${from.length}` : String(from)}`,
    );
  }
  from.forEach((w, i) => check(`from[${i}]`, w, Number.isFinite, "a finite number"));
  check("learningRate", lr, (v) => Number.isFinite(v) && v > 0, "a positive finite number");
  check(
    "steps",
    steps,
    (v) => Number.isInteger(v) && v >= 0 && v <= 1e7,
    "an integer from 0 to 10000000",
  );
  const defaultMomentum = optimizer === "momentum" || optimizer === "nesterov" ? 0.9 : 0;
  const mu = options.momentum ?? defaultMomentum;
  check("momentum", mu, (v) => v >= 0 && v < 1, "a number from 0 to less than 1");
  if (
    options.momentum !== undefined && options.momentum !== 0 &&
    (optimizer === "gd" || optimizer === "adam")
  ) {
    throw new RangeError(
      `momentum applies to the momentum, nesterov and rmsprop optimizers, not ${optimizer}; ` +
        `use optimizer: "momentum" for SGD with momentum`,
    );
  }
  check("alpha", alpha, (v) => v >= 0 && v < 1, "a number from 0 to less than 1");
  check("eps", eps, (v) => v >= 0 && Number.isFinite(v), "a non-negative finite number");
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new RangeError(`Expected betas to be a pair [beta1, beta2] but found ${String(betas)}`);
  }
  betas.forEach((b, i) =>
    check(`betas[${i}]`, b, (v) => v >= 0 && v < 1, "a number from 0 to less than 1")
  );
  const [beta1, beta2] = betas;

  return descentPath((w) => l.at(...w), (w) => l.gradient(...w), from, {
    optimizer,
    learningRate: lr,
    steps,
    momentum: mu,
    alpha,
    beta1,
    beta2,
    eps,
  });
}

/** The settings of {@linkcode descentPath}: every hyper-parameter given, already checked. */
export interface DescentSettings {
  /** The optimizer. */
  optimizer: Optimizer;
  /** γ. */
  learningRate: number;
  /** Number of updates. */
  steps: number;
  /** μ (0 for none). */
  momentum: number;
  /** RMSprop's α. */
  alpha: number;
  /** Adam's β₁. */
  beta1: number;
  /** Adam's β₂. */
  beta2: number;
  /** ε of RMSprop and Adam. */
  eps: number;
}

/**
 * The update loop of {@linkcode descend}, for any loss given as two
 * functions of a weight array, with settings already checked. It is
 * portable — it uses no outside names but `Math` and `Number` — so a live
 * figure embeds its source (`descentPath.toString()`) and the page runs the
 * very code `descend()` runs.
 *
 * @param at The loss at a point.
 * @param gradient The gradient at a point.
 * @param from The start.
 * @param s The optimizer and its hyper-parameters.
 * @returns The path, as {@linkcode descend} returns it.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { descentPath } from "./descend.ts";
 *
 * const settings = {
 *   optimizer: "gd" as const, learningRate: 0.25, steps: 1, momentum: 0,
 *   alpha: 0.99, beta1: 0.9, beta2: 0.999, eps: 1e-8,
 * };
 * const path = descentPath((w) => w[0]! ** 2, (w) => [2 * w[0]!], [1], settings);
 * deepStrictEqual(path.points, [[1], [0.5]]);
 * ```
 */
export function descentPath(
  at: (w: number[]) => number,
  gradient: (w: number[]) => number[],
  from: readonly number[],
  s: DescentSettings,
): DescendResult {
  const { optimizer, learningRate: lr, steps, momentum: mu, alpha, beta1, beta2, eps } = s;
  const n = from.length;
  let theta = from.slice();
  const points = [theta];
  const first = at(theta);
  const values = [first];
  if (!Number.isFinite(first)) return { points, values, diverged: true };
  const buffer = new Array<number>(n).fill(0);
  const square = new Array<number>(n).fill(0);
  const mean = new Array<number>(n).fill(0);

  for (let t = 1; t <= steps; t++) {
    const g = gradient(theta);
    if (!g.every(Number.isFinite)) return { points, values, diverged: true };
    const next = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      let update: number;
      switch (optimizer) {
        case "gd":
          update = lr * gi;
          break;
        case "momentum":
        case "nesterov": {
          buffer[i] = t === 1 ? gi : mu * buffer[i]! + gi;
          update = lr * (optimizer === "nesterov" ? gi + mu * buffer[i]! : buffer[i]!);
          break;
        }
        case "rmsprop": {
          square[i] = alpha * square[i]! + (1 - alpha) * gi * gi;
          const scaled = gi / (Math.sqrt(square[i]!) + eps);
          if (mu > 0) {
            buffer[i] = mu * buffer[i]! + scaled;
            update = lr * buffer[i]!;
          } else {
            update = lr * scaled;
          }
          break;
        }
        case "adam": {
          // PyTorch's exp_avg.lerp_(grad, 1 - beta1), the same mean rounded as torch rounds it.
          mean[i] = mean[i]! + (1 - beta1) * (gi - mean[i]!);
          square[i] = beta2 * square[i]! + (1 - beta2) * gi * gi;
          const correction1 = 1 - beta1 ** t;
          const correction2 = 1 - beta2 ** t;
          const denominator = Math.sqrt(square[i]!) / Math.sqrt(correction2) + eps;
          update = (lr / correction1) * (mean[i]! / denominator);
          break;
        }
        default:
          throw new TypeError(`Unknown optimizer ${String(optimizer)}`);
      }
      next[i] = theta[i]! - update;
    }
    const value = next.every(Number.isFinite) ? at(next) : NaN;
    if (!Number.isFinite(value)) return { points, values, diverged: true };
    theta = next;
    points.push(theta);
    values.push(value);
  }
  return { points, values, diverged: false };
}
