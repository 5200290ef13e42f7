import { deepStrictEqual, ok } from "node:assert";
import { listNotebooks } from "../tools/book.ts";
import { ensureJupyter, ensureKernel } from "../tools/setup.ts";
import { testBook } from "./_book.ts";
import { outputSignature, readNotebook } from "./_notebook.ts";

// A teacher may run `jupyter nbconvert --execute` on a chapter without our
// draining executor, perhaps on a busy machine. `await show(…)` must then
// still lose nothing (it waits until the kernel has published the output, see
// lib/plot/_iopub_flush.ts): a plain run of every chapter, with two busy
// processes competing for the CPU, must give the same, complete set of
// outputs as the book's run.

/** How long a CPU hog may live at most, even if this test dies without stopping it. */
const HOG_SECONDS = 900;

/** Starts `n` busy loops (separate processes that end by themselves after HOG_SECONDS). */
function cpuHogs(n: number): Deno.ChildProcess[] {
  const loop = `const end = Date.now() + ${HOG_SECONDS * 1000}; while (Date.now() < end) {}`;
  return Array.from({ length: n }, () =>
    new Deno.Command(Deno.execPath(), {
      args: ["eval", loop],
      stdout: "null",
      stderr: "null",
    }).spawn());
}

Deno.test("plain jupyter nbconvert --execute of every chapter loses no output with the CPU loaded", async () => {
  const notebooks = await listNotebooks();
  ok(notebooks.length > 0, "no notebooks");
  const { dir } = await testBook();
  // Read the book's runs now: the loaded runs below take minutes.
  const expected = new Map<string, string[][]>();
  for (const path of notebooks) {
    const stem = path.split("/").at(-1)!.replace(/\.ipynb$/, "");
    expected.set(stem, outputSignature(await readNotebook(`${dir}/${stem}.ipynb`)));
    ok(expected.get(stem)!.flat().length > 0, `the book's run of ${stem} has no outputs`);
  }
  const python = await ensureJupyter();
  const env = await ensureKernel();
  const tmp = await Deno.makeTempDir({ prefix: "robustness-" });
  const hogs = cpuHogs(2);
  try {
    for (const path of notebooks) {
      const stem = path.split("/").at(-1)!.replace(/\.ipynb$/, "");
      const out = `${tmp}/${stem}.ipynb`;
      const r = await new Deno.Command(python, {
        args: ["-m", "nbconvert", "--to", "notebook", "--execute", "--output", out, path],
        env,
        stdout: "piped",
        stderr: "piped",
      }).output();
      ok(r.success, `${stem} failed: ${new TextDecoder().decode(r.stderr)}`);
      deepStrictEqual(
        outputSignature(await readNotebook(out)),
        expected.get(stem),
        `${stem} differs`,
      );
    }
  } finally {
    for (const hog of hogs) {
      hog.kill();
      await hog.status;
    }
    await Deno.remove(tmp, { recursive: true });
  }
});
