/**
 * Rotatable 3D surfaces: {@linkcode surface3d} draws a grid as a shaded
 * surface in matplotlib's camera and axis style, as a static SVG plus a small
 * script that re-renders it with the same renderer in the page when dragged.
 * Imports `lib/core/` and the rest of `lib/plot/`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert";
 * import { landscape } from "../../landscape/mod.ts";
 * import { surface3d } from "./mod.ts";
 *
 * const grid = landscape("w1^2 + w2^2").grid({ x: [-5, 5], y: [-5, 5], n: 20 });
 * ok(surface3d(grid).toSVG().startsWith("<svg"));
 * ```
 *
 * @module
 */

export { surface3d } from "./surface3d.ts";
export type { Surface3dOptions, SurfaceFigure, SurfacePath } from "./surface3d.ts";
