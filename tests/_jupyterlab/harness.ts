/**
 * A test page that renders notebook outputs with JupyterLab 4's own output
 * area, MIME renderers and sanitizer (npm `@jupyterlab/outputarea`,
 * `@jupyterlab/rendermime`, `@jupyterlab/apputils`), styled with
 * JupyterLab's light or dark theme variables, with no JupyterLab server.
 * The browser code (`entry.ts`) is bundled with esbuild into a temporary
 * folder of this process (tests running at the same time do not share it).
 *
 * ```ts ignore
 * const page = await openLab(browser, "dark");
 * await renderNotebook(page, notebookJson, { trusted: false });
 * ```
 *
 * @module
 */

import * as esbuild from "esbuild";
import { root } from "../../tools/setup.ts";
import type { Page } from "../_browser.ts";

const here = new URL(".", import.meta.url).pathname;
const modules = `${root}/node_modules/@jupyterlab`;

/** A JupyterLab theme. */
export type Theme = "light" | "dark";

let built: Promise<string> | undefined;

/** Bundles `entry.ts` and writes one page per theme (once per process); gives their folder. */
function build(): Promise<string> {
  built ??= (async () => {
    const harnessDir = await Deno.makeTempDir({ prefix: "jupyterlab_harness_" });
    globalThis.addEventListener("unload", () => Deno.removeSync(harnessDir, { recursive: true }));
    try {
      await esbuild.build({
        entryPoints: [`${here}entry.ts`],
        bundle: true,
        format: "iife",
        platform: "browser",
        target: "chrome110",
        outfile: `${harnessDir}/harness.js`,
        define: { "process.env.NODE_ENV": '"production"' },
        loader: { ".css": "empty", ".svg": "text" },
        logLevel: "error",
      });
    } finally {
      await esbuild.stop();
    }
    const css = async (path: string) => await Deno.readTextFile(`${modules}/${path}`);
    const shared = (await css("rendermime/style/base.css")) +
      (await css("outputarea/style/base.css"));
    for (const theme of ["light", "dark"] as const) {
      const variables = await css(`theme-${theme}-extension/style/variables.css`);
      // The notebook panel's colours, as JupyterLab's notebook and cells set them.
      const page = `body{margin:0;padding:16px;background:var(--jp-layout-color0);` +
        `color:var(--jp-content-font-color1);font-family:var(--jp-content-font-family);` +
        `font-size:var(--jp-content-font-size1)}`;
      await Deno.writeTextFile(
        `${harnessDir}/${theme}.html`,
        `<!DOCTYPE html><html data-jp-theme-light="${theme === "light"}"><head>` +
          `<meta charset="utf-8"><style>${variables}\n${shared}\n${page}</style></head>` +
          // A button to focus from the keyboard first, as a notebook cell run with
          // Shift+Enter is: browsers then ring focus that a script moves.
          `<body><button id="keyboard">start</button><div id="cells" class="jp-Notebook"></div>` +
          `<script src="harness.js"></script></body></html>`,
      );
    }
    return harnessDir;
  })();
  return built;
}

/** Opens the harness page of `theme` in `page`. */
export async function openLab(page: Page, theme: Theme): Promise<void> {
  await page.goto(`file://${await build()}/${theme}.html`);
  await page.waitForFunction(() => "renderCells" in globalThis);
}

/** A notebook's code cells with outputs, multi-line strings joined. */
export function cellsOf(
  notebook: { cells: { cell_type: string; outputs?: object[] }[] },
): { index: number; outputs: Record<string, unknown>[] }[] {
  // JupyterLab stores multi-line strings as lists of lines; its server joins them.
  const join = (v: unknown): unknown => Array.isArray(v) ? v.join("") : v;
  return notebook.cells.flatMap((c, index) =>
    c.cell_type === "code" && (c.outputs?.length ?? 0) > 0
      ? [{
        index,
        outputs: (c.outputs as Record<string, unknown>[]).map((o) => {
          const out: Record<string, unknown> = { ...o };
          if (o.data && typeof o.data === "object") {
            out.data = Object.fromEntries(
              Object.entries(o.data as Record<string, unknown>).map(([k, v]) => [k, join(v)]),
            );
          }
          if ("text" in o) out.text = join(o.text);
          return out;
        }),
      }]
      : []
  );
}

/**
 * Renders the notebook's outputs, trusted or not, and waits until every
 * output area is filled, every picture has loaded and two frames have
 * passed (scripts of trusted outputs have run).
 */
export async function renderNotebook(
  page: Page,
  cells: { index: number; outputs: Record<string, unknown>[] }[],
  { trusted }: { trusted: boolean },
): Promise<void> {
  await page.evaluate(
    ({ cells, trusted }) =>
      (globalThis as unknown as {
        renderCells(c: typeof cells, t: boolean): void;
      }).renderCells(cells, trusted),
    { cells, trusted },
  );
  await page.waitForFunction(
    (n) => {
      // Consecutive stream outputs merge into one, so count areas, not outputs.
      const areas = [...document.querySelectorAll(".jp-OutputArea")];
      return areas.length === n && areas.every((a) => {
        const outs = [...a.querySelectorAll(".jp-OutputArea-output")];
        return outs.length > 0 && outs.every((o) => o.childNodes.length > 0);
      }) && [...document.images].every((i) => i.complete);
    },
    cells.length,
    { polling: 50, timeout: 60_000 },
  );
  await page.evaluate(() =>
    new Promise((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 20)))
    )
  );
}
