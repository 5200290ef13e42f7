import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { descend } from "../lib/landscape/descend.ts";
import { landscape } from "../lib/landscape/landscape.ts";

const bowl = landscape("w1^2 + w2^2");
const half = landscape("x^2 / 2"); // gradient = x

function near(a: number, b: number, tol = 1e-12) {
  ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
}

Deno.test("descend() with zero steps returns just the start", () => {
  deepStrictEqual(descend(bowl, { from: [1, 2], steps: 0 }), {
    points: [[1, 2]],
    values: [5],
    diverged: false,
  });
});

Deno.test("gd follows θ_t = θ_{t-1} − γ g_t (on the bowl, a factor 1 − 2γ a step)", () => {
  const { points, values, diverged } = descend(bowl, {
    from: [1, -2],
    learningRate: 0.1,
    steps: 30,
  });
  strictEqual(points.length, 31);
  strictEqual(values.length, 31);
  strictEqual(diverged, false);
  for (let t = 0; t <= 30; t++) {
    near(points[t]![0]!, 0.8 ** t);
    near(points[t]![1]!, -2 * 0.8 ** t);
    near(values[t]!, 5 * 0.64 ** t);
  }
});

Deno.test("momentum follows torch.optim.SGD: b_t = μ b_{t-1} + g_t, θ_t = θ_{t-1} − γ b_t", () => {
  const { points } = descend(half, {
    from: [1],
    optimizer: "momentum",
    learningRate: 0.1,
    momentum: 0.9,
    steps: 2,
  });
  // b1 = 1, θ1 = 0.9; g2 = 0.9, b2 = 0.9 + 0.9 = 1.8, θ2 = 0.9 − 0.18.
  near(points[1]![0]!, 0.9);
  near(points[2]![0]!, 0.72);
});

Deno.test("nesterov follows torch.optim.SGD(nesterov=True): θ_t = θ_{t-1} − γ (g_t + μ b_t)", () => {
  const { points } = descend(half, {
    from: [1],
    optimizer: "nesterov",
    learningRate: 0.1,
    steps: 2,
  });
  // Default μ = 0.9. b1 = 1, θ1 = 1 − 0.1·1.9 = 0.81; g2 = 0.81, b2 = 1.71, θ2 = 0.81 − 0.1·(0.81 + 1.539).
  near(points[1]![0]!, 0.81);
  near(points[2]![0]!, 0.5751);
});

Deno.test("rmsprop follows torch.optim.RMSprop: v_t = α v_{t-1} + (1 − α) g², θ −= γ g / (√v_t + ε)", () => {
  const { points } = descend(half, {
    from: [2],
    optimizer: "rmsprop",
    learningRate: 0.01,
    steps: 2,
  });
  const v1 = 0.01 * 4;
  const x1 = 2 - (0.01 * 2) / (Math.sqrt(v1) + 1e-8);
  const v2 = 0.99 * v1 + 0.01 * x1 * x1;
  const x2 = x1 - (0.01 * x1) / (Math.sqrt(v2) + 1e-8);
  near(points[1]![0]!, x1);
  near(points[2]![0]!, x2);
  // With momentum: b_t = μ b_{t-1} + g / (√v + ε), θ −= γ b_t.
  const m = descend(half, {
    from: [2],
    optimizer: "rmsprop",
    learningRate: 0.01,
    momentum: 0.5,
    steps: 2,
  });
  const b1 = 2 / (Math.sqrt(v1) + 1e-8);
  near(m.points[1]![0]!, 2 - 0.01 * b1);
});

Deno.test("adam follows torch.optim.Adam: bias-corrected moments, θ −= γ m̂ / (√v̂ + ε)", () => {
  const { points } = descend(half, { from: [3], optimizer: "adam", learningRate: 0.1, steps: 2 });
  // First step: m̂ = g, v̂ = g², so θ moves by γ g / (|g| + ε) ≈ γ.
  near(points[1]![0]!, 3 - 0.1 * 3 / (3 + 1e-8));
  const g2 = points[1]![0]!;
  const m2 = 0.9 * 0.1 * 3 + 0.1 * g2;
  const v2 = 0.999 * 0.001 * 9 + 0.001 * g2 * g2;
  const expected = g2 - 0.1 * (m2 / (1 - 0.81)) / (Math.sqrt(v2 / (1 - 0.999 ** 2)) + 1e-8);
  near(points[2]![0]!, expected);
});

Deno.test("descend() stops and reports divergence instead of filling the path with NaN", () => {
  const { points, values, diverged } = descend(landscape("x^4"), {
    from: [3],
    learningRate: 1,
    steps: 50,
  });
  strictEqual(diverged, true);
  ok(points.length < 51);
  ok(values.every(Number.isFinite));
  ok(points.every((p) => p.every(Number.isFinite)));
  // A gradient that is infinite at the start stops at once.
  const start = descend(landscape("sqrt(x)"), { from: [0], steps: 5 });
  deepStrictEqual(start, { points: [[0]], values: [0], diverged: true });
  // A loss that is NaN at the start too.
  strictEqual(descend(landscape("log(x)"), { from: [-1] }).diverged, true);
});

Deno.test("descend() works on TypeScript functions and reaches the bowl's minimum with every optimizer", () => {
  const l = landscape((x: number, y: number) => x * x + 10 * y * y);
  for (const optimizer of ["gd", "momentum", "nesterov", "rmsprop", "adam"] as const) {
    const { values } = descend(l, { from: [2, 1], optimizer, learningRate: 0.05, steps: 300 });
    ok(values.at(-1)! < 1e-2 * values[0]!, `${optimizer}: ${values.at(-1)}`);
  }
});

Deno.test("descend() rejects bad options with messages naming the value", () => {
  throws(() => descend(bowl, { from: [1] }), {
    name: "RangeError",
    message: "Expected from to be 2 numbers (w1, w2) but found 1",
  });
  throws(() => descend(bowl, { from: [1, NaN] }), {
    message: "Expected from[1] to be a finite number but found NaN",
  });
  throws(() => descend(bowl, { from: [1, 2], learningRate: -1 }), {
    message: "Expected learningRate to be a positive finite number but found -1",
  });
  throws(() => descend(bowl, { from: [1, 2], steps: 1.5 }), RangeError);
  throws(() => descend(bowl, { from: [1, 2], optimizer: "sgd" as never }), {
    name: "TypeError",
    message:
      'Expected optimizer to be one of gd, momentum, nesterov, rmsprop, adam but found "sgd"; did you mean "gd"?',
  });
  throws(() => descend(bowl, { from: [1, 2], momentum: 0.9 }), /momentum applies to the momentum/);
  throws(() => descend(bowl, { from: [1, 2], optimizer: "momentum", momentum: 1 }), RangeError);
});

// Paths of torch.optim (PyTorch 1.13, float64) on Rosenbrock from (-1.5, 2):
// points after 1, 2, 10 and 200 steps, printed by
//   p = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True); opt = <optimizer>([p], ...)
//   for t in range(200): opt.zero_grad(); ((1 - p[0])**2 + 100*(p[1] - p[0]**2)**2).backward(); opt.step()
const TORCH: Record<string, [Record<string, unknown>, number[][]]> = {
  "SGD(lr=0.001)": [{ optimizer: "gd", learningRate: 0.001 }, [
    [-1.345, 2.05],
    [-1.46995455, 2.001805],
    [-1.4222144758375517, 2.0014166383474885],
    [-1.3063051010916558, 1.7141319689341397],
  ]],
  "SGD(lr=0.001, momentum=0.9)": [{ optimizer: "momentum", learningRate: 0.001 }, [
    [-1.345, 2.05],
    [-1.33045455, 2.046805],
    [-1.3012009895281496, 1.9105674472999667],
    [0.6302717662077045, 0.3953930428940081],
  ]],
  "SGD(lr=0.001, momentum=0.9, nesterov=True)": [{ optimizer: "nesterov", learningRate: 0.001 }, [
    [-1.2055, 2.095],
    [-1.6595457095550001, 1.891627495],
    [-0.861506272974498, 0.7358089104214615],
    [0.8257499882620774, 0.6810880904353106],
  ]],
  "RMSprop(lr=0.001)": [{ optimizer: "rmsprop", learningRate: 0.001 }, [
    [-1.4900000000064517, 2.00999999998],
    [-1.4835491520939998, 2.0164526524598525],
    [-1.4587985416027613, 2.0410259923320613],
    [-1.4228195426798727, 2.0305735348551655],
  ]],
  "RMSprop(lr=0.001, momentum=0.5)": [
    { optimizer: "rmsprop", learningRate: 0.001, momentum: 0.5 },
    [
      [-1.4900000000064517, 2.00999999998],
      [-1.4785491520972256, 2.0214526524498524],
      [-1.4379649620210144, 2.0607929184472207],
      [-1.4002933686075976, 1.967045220984945],
    ],
  ],
  "Adam(lr=0.01)": [{ optimizer: "adam", learningRate: 0.01 }, [
    [-1.4900000000006453, 2.009999999998],
    [-1.4800827625793491, 2.0199175641793925],
    [-1.4176425336279501, 2.0811804851720437],
    [-1.349080965256018, 1.8262310388042915],
  ]],
};

Deno.test("every optimizer retraces PyTorch's path on Rosenbrock to 1e-12", () => {
  const rosenbrock = landscape("(1 - x)^2 + 100*(y - x^2)^2");
  for (const [name, [options, expected]] of Object.entries(TORCH)) {
    const { points } = descend(rosenbrock, { from: [-1.5, 2], steps: 200, ...options });
    [1, 2, 10, 200].forEach((t, k) => {
      for (let i = 0; i < 2; i++) {
        ok(
          Math.abs(points[t]![i]! - expected[k]![i]!) <= 1e-12,
          `${name} step ${t}: ${points[t]} vs ${expected[k]}`,
        );
      }
    });
  }
});
