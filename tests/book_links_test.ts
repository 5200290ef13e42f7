/**
 * Links between chapters work where each is read: a notebook links another
 * chapter's `.ipynb` (JupyterLab and VS Code open it), and the exported page
 * links that chapter's page; every relative link of every page resolves to a
 * file of the book. Also: the book records every code cell's run time.
 */
import { ok, strictEqual } from "node:assert";
import { listNotebooks } from "../tools/book.ts";
import { testBook } from "./_book.ts";
import { readNotebook, text } from "./_notebook.ts";

const notebooks = await listNotebooks();
const book = testBook();
const stems = notebooks.map((p) => p.split("/").at(-1)!.replace(/\.ipynb$/, ""));
const chapterLink = /(?:\]\(|href=")(\d\d-[\w-]+)\.(ipynb|html)(?=[#)"])/g;

Deno.test("notebooks link other chapters by their .ipynb, which exist", async () => {
  for (const path of notebooks) {
    const nb = await readNotebook(path);
    for (const [k, cell] of nb.cells.entries()) {
      if (cell.cell_type !== "markdown") continue;
      for (const m of text(cell.source).matchAll(chapterLink)) {
        strictEqual(m[2], "ipynb", `${path} cell ${k + 1} links ${m[1]}.${m[2]}`);
        ok(stems.includes(m[1]!), `${path} cell ${k + 1} links a missing chapter ${m[1]}`);
      }
    }
  }
});

Deno.test("every relative link of every page of the book resolves to one of its files", async () => {
  const { dir } = await book;
  for (const stem of stems) {
    const html = await Deno.readTextFile(`${dir}/${stem}.html`);
    for (const m of html.matchAll(/\shref="([^"#:]+)(#[^"]*)?"/g)) {
      const target = decodeURIComponent(m[1]!);
      const found = await Deno.stat(`${dir}/${target}`).then(() => true, () => false);
      ok(found, `${stem}.html links ${target}, which the book does not have`);
    }
    ok(!/href="\d\d-[\w-]+\.ipynb#/.test(html), `${stem}.html links a notebook section`);
  }
});

Deno.test("the book records each code cell's run time", async () => {
  const { chapters } = await book;
  for (const c of chapters) {
    const nb = await readNotebook(notebooks.find((p) => p.endsWith(c.notebook))!);
    const code = nb.cells.flatMap((cell, k) => (cell.cell_type === "code" ? [k + 1] : []));
    strictEqual(c.cellSeconds.map(([k]) => k).join(","), code.join(","), c.notebook);
    ok(c.cellSeconds.every(([, s]) => s >= 0 && s <= c.seconds), c.notebook);
  }
});

Deno.test("an exercise's answer in <details> is rendered Markdown on the page", async () => {
  const { dir } = await book;
  let answers = 0;
  for (const stem of stems) {
    const html = await Deno.readTextFile(`${dir}/${stem}.html`);
    for (const m of html.matchAll(/<details>([\s\S]*?)<\/details>/g)) {
      answers++;
      ok(!/(^|\s)\*[^*\s][^*]*\*(\s|[.,;:]|$)/.test(m[1]!), `${stem}: raw *emphasis* in ${m[1]}`);
      ok(!/`[^`]+`/.test(m[1]!), `${stem}: raw \`code\` in an answer: ${m[1]!.slice(0, 200)}`);
    }
  }
  ok(answers > 0, "no answers found");
});
