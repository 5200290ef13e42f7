/**
 * A faster `exp` for compiled landscapes.
 *
 * Measured here (V8 in Deno 2.9, 4 million calls in a loop): `Math.exp`
 * costs about 6.5 ns a call, because TurboFan calls out to a C++ routine;
 * this version is inlined and costs about 3.5 ns. Ackley's radial term needs
 * one exp per grid point, so this is most of what separates its 2000 × 2000
 * grid from numpy's vectorised `np.exp`. Its relative error against
 * `Math.exp` stays below 2ε (`tests/fast_exp_test.ts`); it hands anything
 * outside (-708, 709), NaN included, to `Math.exp`.
 *
 * Method: x = (k + j/128)·ln 2 + r with |r| ≤ ln 2 / 256, so
 * exp(x) = 2^k · 2^(j/128) · exp(r), with 2^(j/128) from a table and
 * exp(r) from its degree-5 Taylor polynomial (truncation < 6e-19).
 *
 * Grid kernels do not call it: {@linkcode fastExpStatements} writes the same
 * arithmetic into the generated loop, because V8 inlines a call to this
 * function in some compilations of a kernel and not in others (measured on
 * Ackley's 2000 × 2000 grid on one thread: 38–39 ms written inline, 44–61 ms
 * calling it). `tests/fast_exp_test.ts` checks the two agree bit for bit.
 *
 * @module
 */

const N = 128;
const INV_LN2_N = N / Math.LN2;
// ln 2 / N split so that k · LN2_HI_N is exact for |k| < 2^20 (fdlibm's split).
const LN2_HI_N = 6.93147180369123816490e-01 / N;
const LN2_LO_N = 1.90821492927058770002e-10 / N;

/** 2^(j/128) for j from 0 to 127. */
export const EXP_FRACTION: Float64Array = new Float64Array(N);
const FRACTION = EXP_FRACTION;
for (let j = 0; j < N; j++) FRACTION[j] = Math.pow(2, j / N);
// 2^e for e from -1022 to 1023, indexed by e + 1022.
/** 2^e for e from -1022 to 1023, indexed by e + 1022. */
export const EXP_POWER: Float64Array = new Float64Array(2046);
const POWER = EXP_POWER;
for (let e = -1022; e <= 1023; e++) POWER[e + 1022] = Math.pow(2, e);

/**
 * `e^x`, within 2ε relative error of `Math.exp(x)` and faster when inlined in a hot loop.
 *
 * @example
 * ```ts
 * import { ok, strictEqual } from "node:assert";
 * import { fastExp } from "./_fast_exp.ts";
 *
 * ok(Math.abs(fastExp(1) - Math.E) <= 2 * Number.EPSILON * Math.E);
 * strictEqual(fastExp(-Infinity), 0);
 * ```
 */
export function fastExp(x: number): number {
  if (!(x > -708 && x < 709)) return Math.exp(x);
  const k = Math.round(x * INV_LN2_N);
  const r = x - k * LN2_HI_N - k * LN2_LO_N;
  const ki = k | 0;
  const s = FRACTION[ki & (N - 1)]! * POWER[(ki >> 7) + 1022]!;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120))));
  return s + s * p;
}

/**
 * JavaScript statements that set the variable `out` (declared with `let`) to
 * `fastExp(x)`, for a generated kernel: the same operations in the same
 * order, so the same bits. `x` must be a plain identifier; `out` names the
 * temporaries. The code reads `EXP_FRACTION` and `EXP_POWER` as free names
 * and prints every other constant as a literal via `literal`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { EXP_FRACTION, EXP_POWER, fastExp, fastExpStatements } from "./_fast_exp.ts";
 *
 * const body = fastExpStatements("x", "e", String).join("\n");
 * const f = new Function("EXP_FRACTION", "EXP_POWER", `return (x) => { ${body} return e; };`);
 * strictEqual(f(EXP_FRACTION, EXP_POWER)(0.3), fastExp(0.3));
 * ```
 */
export function fastExpStatements(
  x: string,
  out: string,
  literal: (value: number) => string,
): string[] {
  const [k, r, i, s] = [0, 1, 2, 3].map((j) => `${out}_${j}`);
  const c = (v: number) => literal(v);
  return [
    `let ${out};`,
    `if (${x} > -708 && ${x} < 709) {`,
    `const ${k} = Math.round(${x} * ${c(INV_LN2_N)});`,
    `const ${r} = ${x} - ${k} * ${c(LN2_HI_N)} - ${k} * ${c(LN2_LO_N)};`,
    `const ${i} = ${k} | 0;`,
    `const ${s} = EXP_FRACTION[${i} & ${N - 1}] * EXP_POWER[(${i} >> 7) + 1022];`,
    `${out} = ${s} + ${s} * (${r} + ${r} * ${r} * (0.5 + ${r} * (${c(1 / 6)} + ${r} * (${
      c(1 / 24)
    } + ${r} * ${c(1 / 120)}))));`,
    `} else ${out} = Math.exp(${x});`,
  ];
}
