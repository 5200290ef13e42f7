/**
 * `deno task book`: executes every notebook in `notebooks/` in reading order
 * with the Deno kernel through real Jupyter (nbclient, with the output-race
 * defence in tools/execute.py), then writes `dist/`: one standalone HTML page
 * per notebook (nbconvert, offline MathJax, previous/next links), the
 * executed `.ipynb` beside it, and `index.html` listing the chapters.
 *
 * `deno run -A tools/book.ts [--out DIR] [NOTEBOOK...]`
 *
 * @module
 */

import { ensureJupyter, ensureKernel, ensureNodeModules, exitOnSetupError, root } from "./setup.ts";
import { escapeXml } from "../lib/plot/_xml.ts";

/** One executed chapter, as tools/execute.py describes it in book.json. */
export interface Chapter {
  notebook: string;
  stem: string;
  title: string;
  summary: string;
  seconds: number;
  cells: number;
  outputs: number;
  lateOutputs: number;
  /** Code cells' run times: `[cell number counting from 1, seconds]`. */
  cellSeconds: [number, number][];
}

/** The notebooks of the book, in reading order (by file name). */
export async function listNotebooks(dir = `${root}/notebooks`): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && /^\d\d-.*\.ipynb$/.test(e.name)) names.push(`${dir}/${e.name}`);
  }
  return names.sort();
}

/** A notebook failed to run; the executor has printed which cell and why. */
export class BookError extends Error {
  override name = "BookError";
}

/**
 * Runs the executor (tools/execute.py) on `notebooks`, writing executed
 * notebooks (and, with `html`, their pages) to `out`. Returns the chapters.
 * With `quiet`, progress is captured and only shown in the error.
 */
export async function execute(
  notebooks: string[],
  { out, html = false, quiet = false, quietPeriod }: {
    out: string;
    html?: boolean;
    quiet?: boolean;
    quietPeriod?: number;
  },
): Promise<Chapter[]> {
  const python = await ensureJupyter();
  const env = await ensureKernel();
  const args = [`${root}/tools/execute.py`, "--out", out, ...notebooks];
  if (html) args.push("--html");
  if (quietPeriod !== undefined) args.push("--quiet-period", String(quietPeriod));
  const io = quiet ? "piped" : "inherit";
  const r = await new Deno.Command(python, { args, env, stdout: io, stderr: io }).output();
  if (!r.success) {
    const dec = new TextDecoder();
    const detail = quiet ? `\n${dec.decode(r.stdout)}${dec.decode(r.stderr)}`.trimEnd() : "";
    throw new BookError(`the book was not built: a notebook failed${detail}`);
  }
  return JSON.parse(await Deno.readTextFile(`${out}/book.json`)).chapters;
}

function indexPage(chapters: Chapter[]): string {
  const items = chapters.map((c) =>
    `    <li><a href="${escapeXml(c.stem)}.html">${escapeXml(c.title)}</a>` +
    (c.summary ? `<p>${escapeXml(c.summary)}</p>` : "") + `</li>`
  ).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Loss landscapes</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46em; margin: 3em auto; padding: 0 1em; color: #222; }
h1 { font-weight: 600; margin-bottom: 0.2em; }
ol { padding-left: 1.4em; }
li { margin: 1em 0; }
li a { font-size: 1.15em; color: #1a5fb4; text-decoration: none; }
li a:hover { text-decoration: underline; }
li p { margin: 0.2em 0 0; color: #555; }
</style>
</head>
<body>
<h1>Loss landscapes</h1>
<p>How the shape of a loss function decides how hard a model is to train — a series of notebooks, executed.</p>
<ol>
${items}
</ol>
</body>
</html>
`;
}

/**
 * Builds the book into `out`: executes `notebooks`, exports HTML, copies the
 * offline assets, writes `index.html`. Returns the chapters.
 */
export async function buildBook(
  { out = `${root}/dist`, notebooks, quiet = false }: {
    out?: string;
    notebooks?: string[];
    quiet?: boolean;
  } = {},
): Promise<Chapter[]> {
  await ensureNodeModules();
  const list = notebooks ?? await listNotebooks();
  if (list.length === 0) throw new BookError("No notebooks found in notebooks/");
  await Deno.remove(out, { recursive: true }).catch(() => {});
  await Deno.mkdir(`${out}/assets/mathjax`, { recursive: true });
  const chapters = await execute(list, { out, html: true, quiet });
  await Deno.copyFile(
    `${root}/node_modules/mathjax/es5/tex-svg-full.js`,
    `${out}/assets/mathjax/tex-svg-full.js`,
  );
  await Deno.copyFile(`${root}/tools/book.css`, `${out}/assets/book.css`);
  await Deno.writeTextFile(`${out}/index.html`, indexPage(chapters));
  return chapters;
}

async function sizeOf(path: string): Promise<number> {
  const info = await Deno.stat(path);
  if (!info.isDirectory) return info.size;
  let total = 0;
  for await (const e of Deno.readDir(path)) total += await sizeOf(`${path}/${e.name}`);
  return total;
}

if (import.meta.main) {
  const args = [...Deno.args];
  const o = args.indexOf("--out");
  const out = o >= 0 ? args.splice(o, 2)[1]! : `${root}/dist`;
  const t0 = performance.now();
  try {
    const chapters = await buildBook({
      out,
      notebooks: args.length > 0 ? args : undefined,
    });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const mb = ((await sizeOf(out)) / 1e6).toFixed(1);
    console.log(
      `book: ${chapters.length} chapters in ${seconds} s → ${out}/index.html (${mb} MB)`,
    );
  } catch (err) {
    if (err instanceof BookError) {
      console.error(`error: ${err.message}`);
      Deno.exit(1);
    }
    exitOnSetupError(err);
  }
}
