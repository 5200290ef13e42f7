import { deepStrictEqual, ok } from "node:assert";
import { listNotebooks } from "../tools/book.ts";
import { ensureJupyter, ensureKernel } from "../tools/setup.ts";
import { testBook } from "./_book.ts";
import { outputSignature, readNotebook } from "./_notebook.ts";

// A teacher may run `jupyter nbconvert --execute` on a chapter without our
// draining executor. `await show(…)` must then still lose nothing: three
// plain runs of chapter 01 must give the same, complete set of outputs as
// the book's run.
Deno.test("plain jupyter nbconvert --execute of chapter 01 loses no output in three runs", async () => {
  const first = (await listNotebooks())[0];
  ok(first, "no notebooks");
  const stem = first.split("/").at(-1)!.replace(/\.ipynb$/, "");
  const { dir } = await testBook();
  const expected = outputSignature(await readNotebook(`${dir}/${stem}.ipynb`));
  ok(expected.flat().length > 0, "the book's run of chapter 01 has no outputs");

  const python = await ensureJupyter();
  const env = await ensureKernel();
  const tmp = await Deno.makeTempDir({ prefix: "robustness-" });
  try {
    for (let run = 1; run <= 3; run++) {
      const out = `${tmp}/run${run}.ipynb`;
      const r = await new Deno.Command(python, {
        args: ["-m", "nbconvert", "--to", "notebook", "--execute", "--output", out, first],
        env,
        stdout: "piped",
        stderr: "piped",
      }).output();
      ok(r.success, `run ${run} failed: ${new TextDecoder().decode(r.stderr)}`);
      deepStrictEqual(outputSignature(await readNotebook(out)), expected, `run ${run} differs`);
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
