/**
 * Eigenvalues and eigenvectors of a small dense symmetric matrix by the
 * cyclic Jacobi method, in float64: the reference the Hessian tests compare
 * Lanczos against, and the solver for Lanczos's small tridiagonal matrices.
 *
 * Each sweep visits every off-diagonal pair (p, q) and applies the plane
 * rotation that zeroes it (Golub & Van Loan, "Matrix Computations", §8.5),
 * accumulating the rotations into the eigenvector matrix. Sweeps stop when
 * the off-diagonal part's Frobenius norm is below 1e-15 of the whole
 * matrix's (in practice after 6 to 10 sweeps); a sweep costs O(n³), fine for
 * the few hundred rows it is used on.
 *
 * @module
 */

/** Eigenvalues in descending order, with unit eigenvectors. */
export interface SymmetricEigen {
  values: Float64Array;
  /** `vectors[k]` is the eigenvector of `values[k]`. */
  vectors: Float64Array[];
}

/**
 * Eigen-decomposition of a symmetric matrix.
 *
 * @param matrix `n × n` row-major; only symmetric input gives a meaningful
 *   answer (the lower triangle is not read separately: the matrix is used as
 *   given, so pass a symmetric one).
 * @param n Number of rows.
 * @param maxSweeps Upper bound on sweeps (default 100).
 * @returns Eigenvalues in descending order and their eigenvectors.
 * @throws {RangeError} When `matrix` does not hold `n × n` finite numbers.
 */
export function symmetricEigen(
  matrix: ArrayLike<number>,
  n: number,
  maxSweeps = 100,
): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1 || matrix.length !== n * n) {
    throw new RangeError(
      `Expected an n × n matrix (n = ${n}) but found ${matrix.length} numbers`,
    );
  }
  const a = Float64Array.from(matrix);
  if (!a.every(Number.isFinite)) {
    throw new RangeError("Expected a matrix of finite numbers but found NaN or Infinity");
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i]! * a[i]!;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) off += a[p * n + q]! * a[p * n + q]!;
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const app = a[p * n + p]!, aqq = a[q * n + q]!;
        // The rotation angle: t = tan θ, the smaller root of t² + 2τt − 1 = 0.
        const tau = (aqq - app) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!, akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!, aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!, vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) =>
    a[j * n + j]! - a[i * n + i]!
  );
  return {
    values: Float64Array.from(order, (i) => a[i * n + i]!),
    vectors: order.map((i) => Float64Array.from({ length: n }, (_, k) => v[k * n + i]!)),
  };
}

/**
 * Eigen-decomposition of a symmetric tridiagonal matrix (Lanczos's T).
 *
 * @param alpha The diagonal, length m.
 * @param beta The off-diagonal, length m − 1 (extra entries are ignored).
 * @returns Eigenvalues in descending order and their eigenvectors.
 */
export function tridiagonalEigen(
  alpha: ArrayLike<number>,
  beta: ArrayLike<number>,
): SymmetricEigen {
  const m = alpha.length;
  const t = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    t[i * m + i] = alpha[i]!;
    if (i + 1 < m) t[i * m + i + 1] = t[(i + 1) * m + i] = beta[i]!;
  }
  return symmetricEigen(t, m);
}
