import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { listNotebooks } from "../tools/book.ts";
import { readNotebook, text } from "./_notebook.ts";

const notebooks = await listNotebooks();

Deno.test("notebooks are numbered 01, 02, … in reading order with no gaps", () => {
  ok(notebooks.length > 0, "no notebooks in notebooks/");
  const numbers = notebooks.map((p) => Number(p.split("/").at(-1)!.slice(0, 2)));
  deepStrictEqual(numbers, numbers.map((_, k) => k + 1));
});

for (const path of notebooks) {
  const name = path.split("/").at(-1)!;

  Deno.test(`${name} is committed without outputs or execution counts`, async () => {
    const nb = await readNotebook(path);
    for (const [k, cell] of nb.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      deepStrictEqual(cell.outputs, [], `cell ${k + 1} has outputs`);
      strictEqual(cell.execution_count ?? null, null, `cell ${k + 1} has an execution count`);
    }
  });

  Deno.test(`${name} uses the deno kernelspec`, async () => {
    const nb = await readNotebook(path);
    strictEqual(nb.nbformat, 4);
    strictEqual(nb.metadata.kernelspec?.name, "deno");
  });

  Deno.test(`${name} opens with a "# " title and a one-line summary`, async () => {
    const nb = await readNotebook(path);
    const first = nb.cells[0];
    ok(first?.cell_type === "markdown", "the first cell is not markdown");
    const lines = text(first.source).trim().split("\n");
    ok(/^# \S/.test(lines[0] ?? ""), `the first line is not a title: ${lines[0]}`);
    ok(lines.slice(1).some((l) => l.trim() !== ""), "no summary paragraph under the title");
  });

  Deno.test(`${name} ends every cell that shows something with await show(…)`, async () => {
    const nb = await readNotebook(path);
    for (const [k, cell] of nb.cells.entries()) {
      const src = text(cell.source);
      if (cell.cell_type !== "code" || !/\bshow\(/.test(src)) continue;
      const statements = src.trim().split("\n").filter((l) => l.trim() && !/^\s*\/\//.test(l));
      // The last statement starts at column 0 and not with a closing bracket.
      const last = statements.findLast((l) => /^[^\s)\]}]/.test(l)) ?? "";
      ok(
        /^await show\(/.test(last),
        `cell ${k + 1} calls show() but its last statement is not await show(…): ${last}`,
      );
    }
  });
}
