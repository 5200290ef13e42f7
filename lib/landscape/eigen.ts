/**
 * Eigenvalues and eigenvectors of a symmetric 2×2 matrix, such as the
 * Hessian of a two-weight loss: the curvatures along the two principal
 * directions at a point.
 *
 * @module
 */

/** Eigenvalues (ascending) and unit eigenvectors of a symmetric 2×2 matrix. */
export interface Eigen2 {
  /** `[smallest, largest]`. */
  values: [number, number];
  /**
   * `vectors[k]` is the unit eigenvector of `values[k]`, its sign chosen so
   * that its first non-zero component is positive.
   */
  vectors: [[number, number], [number, number]];
}

function describeMatrix(m: unknown): string {
  try {
    return JSON.stringify(m) ?? String(m);
  } catch {
    return String(m);
  }
}

function canonical(x: number, y: number): [number, number] {
  const norm = Math.hypot(x, y);
  const [u, v] = [x / norm, y / norm];
  return u < 0 || (u === 0 && v < 0) ? [-u || 0, -v || 0] : [u || 0, v || 0];
}

/**
 * Eigen-decomposition of a symmetric 2×2 matrix `[[a, b], [b, c]]`.
 *
 * The off-diagonal entries are averaged, so a Hessian from finite
 * differences that is symmetric only up to rounding is accepted. The
 * smaller eigenvalue is computed from the determinant when the two would
 * cancel, so a curvature of 1e-8 beside one of 1e8 keeps its digits. A
 * matrix with a NaN or infinite entry gives NaN eigenvalues and vectors.
 *
 * @param m The matrix, as rows.
 * @returns Eigenvalues ascending, with their unit eigenvectors.
 * @throws {TypeError} When `m` is not two rows of two numbers.
 *
 * @example Curvatures of the saddle x² − y² at the origin
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { eigen2 } from "./eigen.ts";
 *
 * const { values, vectors } = eigen2([[2, 0], [0, -2]]);
 * deepStrictEqual(values, [-2, 2]);
 * deepStrictEqual(vectors, [[0, 1], [1, 0]]); // it falls along y, rises along x
 * ```
 */
export function eigen2(m: readonly (readonly number[])[]): Eigen2 {
  if (
    !Array.isArray(m) || m.length !== 2 ||
    !m.every((row) =>
      Array.isArray(row) && row.length === 2 && row.every((v) => typeof v === "number")
    )
  ) {
    throw new TypeError(`Expected a 2×2 matrix of numbers but found ${describeMatrix(m)}`);
  }
  const a = m[0]![0]!;
  const c = m[1]![1]!;
  const b = (m[0]![1]! + m[1]![0]!) / 2;
  if (![a, b, c].every(Number.isFinite)) {
    return { values: [NaN, NaN], vectors: [[NaN, NaN], [NaN, NaN]] };
  }
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  const det = a * c - b * b;
  // Of the two roots mean ± radius, the one away from zero is computed
  // directly and the other as det / that one, which avoids cancellation (as
  // in the stable quadratic formula); a det that overflows falls back.
  let lo: number;
  let hi: number;
  if (mean >= 0) {
    hi = mean + radius;
    lo = hi === 0 || !Number.isFinite(det) ? mean - radius : det / hi;
  } else {
    lo = mean - radius;
    hi = !Number.isFinite(det) ? mean + radius : det / lo;
  }
  if (radius === 0) lo = hi = mean;
  // (b, λ − a) and (λ − c, b) both solve (A − λI) v = 0; the longer of the
  // two is the better conditioned. Both vanish only for a multiple of the
  // identity, where every direction is an eigenvector.
  const [p, q] = [b, hi - a];
  const [r, t] = [hi - c, b];
  const [ux, uy] = Math.hypot(p, q) >= Math.hypot(r, t) ? [p, q] : [r, t];
  const big = ux === 0 && uy === 0 ? canonical(0, 1) : canonical(ux, uy);
  const small = canonical(big[1], -big[0]);
  return { values: [lo, hi], vectors: [small, big] };
}
