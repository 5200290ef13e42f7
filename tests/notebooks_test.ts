import { ok, strictEqual } from "node:assert";
import { listNotebooks } from "../tools/book.ts";
import { testBook } from "./_book.ts";
import { figureOutputs, isFigureCell, readNotebook, text } from "./_notebook.ts";
import { PROGRESS_CLASS } from "../lib/plot/progress.ts";

const notebooks = await listNotebooks();
const book = testBook();

Deno.test("a chapter that says re-running it takes well under a minute runs in under 30 s", async () => {
  const { dir, chapters } = await book;
  for (const c of chapters) {
    const nb = await readNotebook(`${dir}/${c.stem}.ipynb`);
    const prose = nb.cells.filter((cell) => cell.cell_type === "markdown")
      .map((cell) => text(cell.source)).join("\n");
    if (prose.includes("well under a minute")) {
      ok(c.seconds < 30, `${c.notebook} says "well under a minute" but ran for ${c.seconds} s`);
    }
  }
});

Deno.test("the book executes every notebook in reading order", async () => {
  const { chapters } = await book;
  strictEqual(chapters.length, notebooks.length);
  chapters.forEach((c, k) => strictEqual(c.notebook, notebooks[k]!.split("/").at(-1)));
});

for (const path of notebooks) {
  const name = path.split("/").at(-1)!;
  const stem = name.replace(/\.ipynb$/, "");

  Deno.test(`${name} runs without an error output`, async () => {
    const { dir } = await book;
    const nb = await readNotebook(`${dir}/${stem}.ipynb`);
    for (const [k, cell] of nb.cells.entries()) {
      for (const o of cell.outputs ?? []) {
        ok(o.output_type !== "error", `cell ${k + 1}: ${o.ename}: ${o.evalue}`);
        if (o.output_type === "stream" && o.name === "stderr") {
          ok(!/error|uncaught|exception/i.test(text(o.text)), `cell ${k + 1}: ${text(o.text)}`);
        }
      }
    }
  });

  Deno.test(`${name} has a figure or table output in every cell that shows one`, async () => {
    const { dir } = await book;
    const nb = await readNotebook(`${dir}/${stem}.ipynb`);
    let shown = 0;
    for (const [k, cell] of nb.cells.entries()) {
      if (!isFigureCell(cell)) continue;
      shown++;
      ok(figureOutputs(cell).length > 0, `cell ${k + 1} shows nothing: ${text(cell.source)}`);
    }
    ok(shown > 0, "the notebook shows no figure or table at all");
  });

  Deno.test(`${name} keeps no progress display and no empty output`, async () => {
    const { dir } = await book;
    const nb = await readNotebook(`${dir}/${stem}.ipynb`);
    for (const [k, cell] of nb.cells.entries()) {
      for (const o of cell.outputs ?? []) {
        if (o.output_type !== "display_data" && o.output_type !== "execute_result") continue;
        const data = Object.values(o.data ?? {});
        ok(!JSON.stringify(data).includes(PROGRESS_CLASS), `cell ${k + 1} still shows a progress`);
        const shows = (v: unknown) =>
          typeof v === "object" && v !== null && !Array.isArray(v)
            ? true
            : text(v as string | string[]).trim() !== "";
        ok(data.some(shows), `cell ${k + 1} keeps an empty output`);
      }
      // A progress ended with done(figure) leaves the figure in its place.
      if (/\.done\([^)]/.test(text(cell.source))) {
        ok(figureOutputs(cell).length > 0, `cell ${k + 1} ends its progress with nothing shown`);
      }
    }
  });

  Deno.test(`${name} has a title and a summary in the book's index`, async () => {
    const { chapters } = await book;
    const chapter = chapters.find((c) => c.notebook === name);
    ok(chapter, "not in the book");
    ok(chapter.title.length > 3 && chapter.title !== stem, `title: ${chapter.title}`);
    ok(chapter.summary.length > 10, `summary: ${chapter.summary}`);
  });
}
