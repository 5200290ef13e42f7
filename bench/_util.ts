/**
 * Shared helpers for the benchmarks in `bench/`: timing with medians, finding
 * the Python that has a peer library, and printing tables of ratios.
 *
 * Machines here are shared and noisy, so every figure is a median of several
 * runs, and peers are timed in the same run as our code.
 *
 * @module
 */

/** The first Python that imports every given module (Debian's /usr/bin/python3 first). */
export { findPython } from "../tools/setup.ts";

/** Median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError("Expected at least one sample but found none");
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Times `fn` `reps` times after `warmup` untimed calls and returns each time
 * in milliseconds. Asynchronous functions are awaited.
 */
export async function samplesMs(
  fn: () => unknown,
  { reps = 7, warmup = 2 }: { reps?: number; warmup?: number } = {},
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** The median of {@linkcode samplesMs}: `fn`'s typical time in milliseconds. */
export async function timeMs(
  fn: () => unknown,
  options: { reps?: number; warmup?: number } = {},
): Promise<number> {
  return median(await samplesMs(fn, options));
}

/**
 * Runs a peer script with `python` and parses the JSON object it prints on
 * its last line of standard output.
 */
export async function runPeer(
  python: string,
  script: string,
  args: readonly string[] = [],
): Promise<Record<string, unknown>> {
  const out = await new Deno.Command(python, {
    args: [script, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  if (!out.success) {
    throw new Error(`${script} failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
  const last = text.split("\n").at(-1) ?? "";
  return JSON.parse(last);
}

/** Formats milliseconds with three significant digits. */
export function ms(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return "–";
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

/** Formats a ratio such as `3.4×`, or `–` when either side is missing. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !(a > 0) || !(b > 0)) return "–";
  const r = a / b;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
}

/** Prints a Markdown table, ready to paste into the README. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  console.log(line(header));
  console.log(line(header.map(() => "---")));
  for (const r of rows) console.log(line(r));
}

/**
 * A dense stack's flat weight vector (tfjs order: each layer's `[in, out]`
 * kernel, then its bias) as the PyTorch peers read it: for each layer the
 * `Linear` weight as `[out, in]`, flattened, then the bias.
 */
export function torchWeights(v: ArrayLike<number>, sizes: readonly number[]): number[][] {
  const out: number[][] = [];
  let at = 0;
  for (let k = 0; k + 1 < sizes.length; k++) {
    const [inputs, units] = [sizes[k]!, sizes[k + 1]!];
    const kernel: number[] = [];
    for (let o = 0; o < units; o++) {
      for (let i = 0; i < inputs; i++) kernel.push(v[at + i * units + o]!);
    }
    at += inputs * units;
    out.push(kernel, Array.from({ length: units }, (_, j) => v[at + j]!));
    at += units;
  }
  return out;
}
