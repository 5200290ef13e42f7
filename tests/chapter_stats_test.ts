import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import { listNotebooks } from "../tools/book.ts";
import {
  bookTimes,
  type ChapterStats,
  chapterStats,
  countSyllables,
  countText,
  fleschReadingEase,
  isFigureCell,
  proseOf,
  readabilityBand,
  readingMinutes,
  sentencesOf,
  statsTable,
  wordsOf,
} from "../tools/chapter_stats.ts";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

Deno.test("countSyllables matches hand counts on a word list", () => {
  // Counted by hand, syllable by syllable (as a dictionary splits them).
  const words: [string, number][] = [
    ["the", 1], // the
    ["a", 1], // a
    ["loss", 1], // loss
    ["shapes", 1], // shapes
    ["slope", 1], // slope
    ["learned", 1], // learned
    ["one", 1], // one
    ["table", 2], // ta-ble
    ["landscape", 2], // land-scape
    ["started", 2], // start-ed
    ["valley", 2], // val-ley
    ["saddle", 2], // sad-dle
    ["convex", 2], // con-vex
    ["penguins", 2], // pen-guins
    ["layer", 2], // lay-er
    ["beyond", 2], // be-yond
    ["being", 2], // be-ing
    ["surface", 2], // sur-face
    ["passes", 2], // pass-es
    ["changes", 2], // chang-es
    ["centre", 2], // cen-tre
    ["movement", 2], // move-ment
    ["gradient", 3], // gra-di-ent
    ["minimum", 3], // min-i-mum
    ["ratio", 3], // ra-ti-o
    ["actual", 3], // ac-tu-al
    ["medium", 3], // me-di-um
    ["function", 2], // func-tion
    ["dimension", 3], // di-men-sion
    ["logarithm", 4], // log-a-rithm
    ["optimizer", 4], // op-ti-miz-er
    ["eigenvalue", 4], // ei-gen-val-ue
    ["geometry", 4], // ge-om-e-try
    ["continuous", 4], // con-tin-u-ous
    ["readability", 5], // read-a-bil-i-ty
    ["probability", 5], // prob-a-bil-i-ty
    ["non-convex", 3], // non-con-vex: hyphenated parts add up
    ["network's", 2], // net-work's: the apostrophe is dropped
    ["Himmelblau", 3], // Him-mel-blau
    ["0.01", 1], // a number counts 1
  ];
  const wrong = words.filter(([w, n]) => countSyllables(w) !== n)
    .map(([w, n]) => `${w}: ${countSyllables(w)}, not ${n}`);
  deepStrictEqual(wrong, []);
  throws(() => countSyllables(3 as unknown as string), TypeError);
});

Deno.test("Flesch reading ease of a plain passage, computed by hand", () => {
  // The loss is a number.               5 words, 1+1+1+1+2 = 6 syllables
  // Training makes it small.            4 words, 2+1+1+1   = 5 syllables
  // A convex bowl has one lowest point. 7 words, 1+2+1+1+1+2+1 = 9 syllables
  // 16 words, 3 sentences, 20 syllables:
  // 206.835 − 1.015 · 16/3 − 84.6 · 20/16 = 206.835 − 5.41333… − 105.75 = 95.67167
  const passage =
    "The loss is a number. Training makes it small. A convex bowl has one lowest point.";
  const counts = countText(passage);
  deepStrictEqual(counts, { words: 16, sentences: 3, syllables: 20 });
  strictEqual(fleschReadingEase(counts).toFixed(5), "95.67167");
  strictEqual(readabilityBand(fleschReadingEase(counts)), "very easy");
});

Deno.test("Flesch reading ease of a Markdown passage, computed by hand", () => {
  const markdown = [
    "## Gradient descent",
    "",
    "The hiker feels the slope; she steps downhill.",
    "",
    "- Take a small step",
    "- Stop at the bottom",
    "",
    "A learning rate of 0.01 is small, e.g. for the bowl $w^2$.",
  ].join("\n");
  // Sentences: the heading, each side of the `;`, each list item, and the
  // last line (`0.01` and `e.g.` do not end a sentence): 6.
  //   Gradient descent                 2 words, 3+2 = 5 syllables
  //   The hiker feels the slope;       5 words, 1+2+1+1+1 = 6
  //   she steps downhill.              3 words, 1+1+2 = 4
  //   Take a small step                4 words, 1+1+1+1 = 4
  //   Stop at the bottom               4 words, 1+1+1+2 = 5
  //   A learning rate of 0.01 is small, e.g. for the bowl
  //                                    12 words (e.g. is "e" and "g"), 1+2+1+1+1+1+1+1+1+1+1+1 = 13
  // 30 words, 6 sentences, 37 syllables:
  // 206.835 − 1.015 · 30/6 − 84.6 · 37/30 = 206.835 − 5.075 − 104.34 = 97.42
  const prose = proseOf(markdown);
  deepStrictEqual(sentencesOf(prose), [
    "Gradient descent",
    "The hiker feels the slope;",
    "she steps downhill.",
    "Take a small step",
    "Stop at the bottom",
    "A learning rate of 0.01 is small, e.g. for the bowl .",
  ]);
  const counts = countText(prose);
  deepStrictEqual(counts, { words: 30, sentences: 6, syllables: 37 });
  strictEqual(fleschReadingEase(counts).toFixed(5), "97.42000");
  throws(() => fleschReadingEase(countText("")), RangeError);
});

Deno.test("proseOf drops maths, code, tags, URLs and table pipes, and keeps the words", () => {
  const markdown = [
    "# Title with `code` and $x^2$",
    "",
    "Inline $\\lambda_1 \\le \\lambda_2$ maths, ``a `b` c`` code, a [link](https://example.org/page) and ![an image](pic.png).",
    "",
    "$$",
    "f(w) = \\sum_i (w - x_i)^2",
    "$$",
    "",
    "```ts",
    "const hidden = landscape('w^2');",
    "```",
    "",
    "| eigenvalues | kind |",
    "|---|:---:|",
    "| both $> 0$ | minimum |",
    "",
    "<details><summary>Answer</summary>",
    "",
    "The <b>bowl</b> wins.<!-- a comment -->",
    "</details>",
    "",
    "**1.** Twice *the* miss.",
  ].join("\n");
  strictEqual(
    proseOf(markdown),
    [
      "Title with and",
      "Inline maths, code, a link and .",
      "eigenvalues kind",
      "both minimum",
      "Answer",
      "The bowl wins.",
      "Twice the miss.",
    ].join("\n"),
  );
  const words = wordsOf(proseOf(markdown)).map((w) => w.toLowerCase());
  for (const gone of ["x", "lambda", "le", "sum", "const", "hidden", "https", "org", "pic", "b"]) {
    ok(!words.includes(gone), `"${gone}" was counted as prose`);
  }
});

Deno.test("isFigureCell: a code cell whose last statement is await show(…)", () => {
  strictEqual(isFigureCell("await show(curvePlot(c));"), true);
  strictEqual(
    isFigureCell("await show(\n  sideBySide([a, b], { columns: 2 }),\n);\n// done\n"),
    true,
  );
  // Brackets inside strings, templates and comments do not count.
  strictEqual(isFigureCell('await show(table(rows, { caption: "a (b ] {" }));'), true);
  strictEqual(isFigureCell('await show(table(rows, { caption: `n = ${f(")")}` }));'), true);
  strictEqual(isFigureCell("await show(a); /* ) */"), true);
  // Not the last statement, inside a block, only in a string, or prose.
  strictEqual(isFigureCell("await show(a);\nconsole.log(1);"), false);
  strictEqual(isFigureCell("if (x) {\n  await show(a);\n}"), false);
  strictEqual(isFigureCell('console.log("await show(a)");'), false);
  strictEqual(isFigureCell("const g = 1;"), false);
  strictEqual(isFigureCell("await show(markdown(`The loss is ${x}.`));"), false);
  strictEqual(isFigureCell("await shows(a);"), false);
});

Deno.test("readingMinutes: 200 words a minute and 10 s a figure, rounded", () => {
  strictEqual(readingMinutes(2000, 0), 10);
  strictEqual(readingMinutes(2000, 12), 12); // 10 min + 120 s
  strictEqual(readingMinutes(2000, 3), 11); // 10.5 min rounds up
  strictEqual(readingMinutes(2000, 2), 10); // 10.33 min
  throws(() => readingMinutes(-1, 0), RangeError);
});

Deno.test("bookTimes reads run times and the slowest cell from book.json or the executed notebooks", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const book = {
      chapters: [
        { stem: "01-a", seconds: 4.84, cellSeconds: [[2, 0.5], [4, 2.25], [6, 1]] },
        { stem: "02-b", seconds: 28.6 },
        { stem: "03-c", seconds: 3 },
      ],
    };
    await Deno.writeTextFile(`${dir}/book.json`, JSON.stringify(book));
    // 02-b: a book from before cellSeconds, with nbclient's timestamps.
    const at = (s: number) => new Date(Date.UTC(2026, 10, 29, 14, 0, 0) + s * 1000).toISOString();
    const cell = (from: number, to: number) => ({
      cell_type: "code",
      source: "",
      metadata: { execution: { "iopub.execute_input": at(from), "shell.execute_reply": at(to) } },
    });
    await Deno.writeTextFile(
      `${dir}/02-b.ipynb`,
      JSON.stringify({ cells: [{ cell_type: "markdown", source: "" }, cell(0, 1), cell(1, 8.5)] }),
    );
    const times = await bookTimes(dir);
    deepStrictEqual(times.get("01-a"), {
      seconds: 4.84,
      slowest: { cell: 4, seconds: 2.25 },
      cellTimesFrom: "book.json",
    });
    deepStrictEqual(times.get("02-b"), {
      seconds: 28.6,
      slowest: { cell: 3, seconds: 7.5 },
      cellTimesFrom: "notebook metadata",
    });
    deepStrictEqual(times.get("03-c"), { seconds: 3 });

    const stats = {
      title: "01 — A",
      words: 2000,
      sentences: 100,
      syllables: 2800,
      figures: 12,
      readingEase: 68.4,
      readingMinutes: 12,
    };
    strictEqual(
      statsTable([{ ...stats, stem: "01-a" }, { ...stats, stem: "03-c", title: "03 — C" }], times),
      [
        "| chapter | run time | slowest cell  | reading time | readability   |",
        "| ------- | -------- | ------------- | ------------ | ------------- |",
        "| 01 — A  | 5 s      | cell 4: 2.3 s | 12 min       | 68 (standard) |",
        "| 03 — C  | 3 s      | –             | 12 min       | 68 (standard) |",
      ].join("\n"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the CLI prints the chapter table for every notebook", async () => {
  const dir = await Deno.makeTempDir(); // a folder without book.json: no run times
  try {
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${root}/tools/chapter_stats.ts`, "--book", dir],
      stdout: "piped",
      stderr: "piped",
    }).output();
    strictEqual(r.success, true, new TextDecoder().decode(r.stderr));
    const lines = new TextDecoder().decode(r.stdout).trim().split("\n");
    ok(
      /^\| chapter +\| run time +\| slowest cell +\| reading time +\| readability +\|$/.test(
        lines[0]!,
      ),
    );
    strictEqual(lines.length, 2 + (await listNotebooks()).length);
    ok(
      lines.slice(2).every((l) => /^\| \d\d — .*\| \d+ min +\| -?\d+ \(/.test(l)),
      lines.join("\n"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** The cells of a Markdown table row, trimmed. */
function cellsOf(row: string): string[] {
  return row.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
}

/** The first number in a cell (a Unicode minus counts as a minus). */
function numberIn(cell: string): number | undefined {
  const m = /[-−]?\d+(?:\.\d+)?/.exec(cell);
  return m ? Number(m[0].replace("−", "-")) : undefined;
}

/**
 * What is wrong with a README's chapter table (the first table whose first
 * column is `chapter`): its "reading time" and "readability" columns
 * missing, or a chapter's row missing or with other numbers than `chapters`.
 */
function readmeProblems(readme: string, chapters: ChapterStats[]): string[] {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => /^\|\s*chapter\s*\|/i.test(l));
  if (start < 0) return ["no table whose first column is `chapter`"];
  const header = cellsOf(lines[start]!).map((c) => c.toLowerCase());
  const rows: string[][] = [];
  for (let k = start + 2; k < lines.length && lines[k]!.trim().startsWith("|"); k++) {
    rows.push(cellsOf(lines[k]!));
  }
  const readingCol = header.indexOf("reading time");
  const easeCol = header.indexOf("readability");
  if (readingCol < 0 || easeCol < 0) {
    return [
      `the chapter table has no "reading time" and "readability" columns (it has: ${
        header.join(", ")
      })`,
    ];
  }
  const problems: string[] = [];
  for (const stats of chapters) {
    const number = stats.stem.slice(0, 2);
    const row = rows.find((r) => r[0]!.startsWith(number));
    if (row === undefined) {
      problems.push(`${stats.stem}: no row in the chapter table`);
      continue;
    }
    if (numberIn(row[readingCol] ?? "") !== stats.readingMinutes) {
      problems.push(
        `${stats.stem}: reading time "${row[readingCol]}", computed ${stats.readingMinutes} min`,
      );
    }
    if (numberIn(row[easeCol] ?? "") !== Math.round(stats.readingEase)) {
      problems.push(
        `${stats.stem}: readability "${row[easeCol]}", computed ${Math.round(stats.readingEase)} (${
          stats.readingEase.toFixed(1)
        })`,
      );
    }
  }
  return problems;
}

Deno.test("the README check passes a table with the tool's columns and fails a wrong or missing one", () => {
  const stats = (stem: string, readingMinutes: number, readingEase: number): ChapterStats => ({
    stem,
    title: `${stem.slice(0, 2)} — ${stem.slice(3)}`,
    words: 1,
    sentences: 1,
    syllables: 1,
    figures: 0,
    readingEase,
    readingMinutes,
  });
  const chapters = [stats("01-a", 14, 71.6), stats("02-b", 9, -3.2)];
  const readme = (rows: string[]) =>
    ["Intro", "", "| Chapter | what it shows | reading time | readability |", "|---|---|---|---|"]
      .concat(rows, "", "After.").join("\n");
  deepStrictEqual(
    readmeProblems(
      readme(["| 01 — A | x | 14 min | 72 (fairly easy) |", "| 02 — B | y | 9 min | −3 |"]),
      chapters,
    ),
    [],
  );
  deepStrictEqual(
    readmeProblems(
      readme(["| 01 — A | x | 13 min | 72 |", "| 02 — B | y | 9 min | 3 |"]),
      chapters,
    ),
    [
      '01-a: reading time "13 min", computed 14 min',
      '02-b: readability "3", computed -3 (-3.2)',
    ],
  );
  deepStrictEqual(readmeProblems(readme(["| 01 — A | x | 14 min | 72 |"]), chapters), [
    "02-b: no row in the chapter table",
  ]);
  deepStrictEqual(
    readmeProblems("| chapter | what it shows |\n|---|---|\n| 01 — A | x |", chapters),
    ['the chapter table has no "reading time" and "readability" columns (it has: chapter, what it shows)'],
  );
});

Deno.test("README's chapter table has each chapter's reading time and readability as computed from notebooks/", async () => {
  const readme = await Deno.readTextFile(`${root}/README.md`);
  const chapters = await Promise.all((await listNotebooks()).map(chapterStats));
  const problems = readmeProblems(readme, chapters);
  deepStrictEqual(
    problems,
    [],
    `README.md is out of date; refresh its columns from \`deno run -A tools/chapter_stats.ts\`:\n${
      problems.join("\n")
    }`,
  );
});
