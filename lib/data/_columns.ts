/**
 * Checks and sums shared by the functions that take data columns.
 *
 * @module
 */

/** Checks a pair of data columns: arrays of finite numbers of equal, non-zero length. */
export function checkColumns(x: ArrayLike<number>, y: ArrayLike<number>): void {
  for (const [name, v] of [["x", x], ["y", y]] as const) {
    if (v === null || typeof v !== "object" || typeof v.length !== "number") {
      throw new TypeError(`Expected ${name} to be an array of numbers but found ${String(v)}`);
    }
  }
  if (x.length !== y.length) {
    throw new RangeError(
      `Expected x and y to have the same length but found ${x.length} and ${y.length}`,
    );
  }
  if (x.length === 0) throw new RangeError("Expected at least one example but found none");
  for (const [name, v] of [["x", x], ["y", y]] as const) {
    for (let i = 0; i < v.length; i++) {
      const e = v[i];
      if (typeof e !== "number" || !Number.isFinite(e)) {
        throw new RangeError(`Expected ${name} to hold finite numbers but found ${e} at ${i}`);
      }
    }
  }
}

/** The mean of a column. */
export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s / v.length;
}
