import { ok, rejects } from "node:assert";
import { BookError, execute } from "../tools/book.ts";
import { cacheDir } from "../tools/setup.ts";

// A teacher's typo must stop the book with one line that says where and why,
// not a Python traceback: the notebook, the cell, its first line, the error.
Deno.test("the book stops on a failing cell, naming the notebook, the cell, its first line and the error", async () => {
  const dir = `${cacheDir}/test-error`;
  await Deno.mkdir(dir, { recursive: true });
  const path = `${dir}/01-typo.ipynb`;
  const cell = (source: string, id: string) => ({
    cell_type: "code",
    id,
    metadata: {},
    source,
    outputs: [],
    execution_count: null,
  });
  await Deno.writeTextFile(
    path,
    JSON.stringify({
      cells: [
        { cell_type: "markdown", id: "a", metadata: {}, source: "# Typo\n\nA broken chapter." },
        cell('import { landscape } from "../../lib/mod.ts";', "b"),
        cell('const bowl = landscape("w1^2 + * w2");\nconsole.log(bowl);', "c"),
        cell("1 + 1", "d"),
      ],
      metadata: {
        kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
        language_info: { name: "typescript" },
      },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  try {
    await rejects(execute([path], { out: `${dir}/out`, quiet: true }), (e: Error) => {
      ok(e instanceof BookError);
      const line = e.message.split("\n").find((l) => l.startsWith("error: "));
      ok(line, e.message);
      ok(line.includes("01-typo.ipynb"), line);
      ok(line.includes("cell 3 of 4"), line);
      ok(line.includes('("const bowl = landscape("w1^2 + * w2");")'), line);
      ok(line.includes("expected a value at position 8"), line);
      ok(!/Traceback/.test(e.message), "a Python traceback leaked out");
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
