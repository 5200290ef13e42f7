// Golden surfaces: each function's name is its file under tests/output/.
import { surface3d } from "../../lib/plot/3d/surface3d.ts";
import { bowl, himmelblau, himmelblauDescent, rastrigin, sampleGrid } from "./_grid.ts";

/** The article's figure, point for point. */
export function surfaceArticleBowl(): string {
  return surface3d(sampleGrid(bowl, [-5, 5], [-5, 5], 100), {
    title: "A Simple 3D Loss Landscape",
    xLabel: "Weight 1 (X-axis)",
    yLabel: "Weight 2 (Y-axis)",
    zLabel: "Loss (Z-axis)",
    colorbar: { label: "Loss Value" },
  }).toSVG();
}

/** Himmelblau with a gradient-descent path drawn on the surface, shaded. */
export function surfaceHimmelblauPath(): string {
  return surface3d(sampleGrid(himmelblau, [-5, 5], [-5, 5], 60), {
    title: "Himmelblau's function",
    xLabel: "w1",
    yLabel: "w2",
    zLabel: "loss",
    shade: true,
    elevation: 40,
    paths: [{ ...himmelblauDescent([-0.5, 4.5]), label: "gradient descent" }],
  }).toSVG();
}

/** Rastrigin in magma, small, on a coarse mesh (40 faces a side), without a colour bar. */
export function surfaceRastriginMagma(): string {
  return surface3d(sampleGrid(rastrigin, [-5.12, 5.12], [-5.12, 5.12], 80), {
    title: "Rastrigin",
    colormap: "magma",
    colorbar: false,
    faces: 40,
    width: 480,
    height: 400,
  }).toSVG();
}

/** A hole where the loss is undefined, log colour, orthographic view from high up. */
export function surfaceHolesLogOrtho(): string {
  const grid = sampleGrid(
    (x, y) => (x * x + y * y < 1 ? NaN : Math.log1p(x * x + y * y)),
    [-3, 3],
    [-3, 3],
    31,
  );
  return surface3d(grid, {
    title: "log(1 + r²), undefined inside r < 1",
    logColor: true,
    projection: "orthographic",
    azimuth: 30,
    elevation: 60,
    colorbar: { label: "loss", shrink: 0.7, aspect: 10 },
  }).toSVG();
}

/** Nothing finite to draw: the empty axis box and a message. */
export function surfaceAllNaN(): string {
  return surface3d(sampleGrid(() => NaN, [-1, 1], [-1, 1], 5), { title: "All NaN" }).toSVG();
}
