/**
 * Reading notebooks (.ipynb JSON) in tests.
 *
 * @module
 */

/** The parts of an nbformat 4 output that the tests look at. */
export interface Output {
  output_type: "display_data" | "execute_result" | "stream" | "error";
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

/** The parts of an nbformat 4 cell that the tests look at. */
export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}

/** The parts of an nbformat 4 notebook that the tests look at. */
export interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string }; [key: string]: unknown };
  nbformat: number;
}

/** Reads and parses a notebook file. */
export async function readNotebook(path: string): Promise<Notebook> {
  return JSON.parse(await Deno.readTextFile(path));
}

/** A cell's or output's multi-line text as one string. */
export function text(s: string | string[] | undefined): string {
  return Array.isArray(s) ? s.join("") : s ?? "";
}

/** Whether a code cell displays something through `show()`. */
export function isFigureCell(cell: Cell): boolean {
  return cell.cell_type === "code" && /\bawait show\(/.test(text(cell.source));
}

/** Outputs that carry a figure, a table or computed prose: display data with HTML, SVG or Markdown. */
export function figureOutputs(cell: Cell): Output[] {
  return (cell.outputs ?? []).filter((o) =>
    (o.output_type === "display_data" || o.output_type === "execute_result") &&
    o.data !== undefined &&
    ("text/html" in o.data || "image/svg+xml" in o.data || "text/markdown" in o.data)
  );
}

/**
 * A notebook's outputs as a comparable signature: per code cell, each
 * output's type and MIME types (or stream name). Two runs that lose no
 * output have equal signatures.
 */
export function outputSignature(nb: Notebook): string[][] {
  return nb.cells.filter((c) => c.cell_type === "code").map((c) =>
    (c.outputs ?? []).map((o) =>
      o.output_type === "stream"
        ? `stream:${o.name}`
        : `${o.output_type}:${Object.keys(o.data ?? {}).sort().join(",")}`
    )
  );
}

/**
 * What the note on Jupyter's stop button must say (it ends the Deno kernel:
 * denoland/deno#24491), as the parts `note` lacks; the chapters put it where
 * they first invite an edit.
 */
export function stopNoteLacks(note: string): string[] {
  return ["stop button", "ends the kernel", "denoland/deno#24491", "Run All", "well under a minute"]
    .filter((part) => !note.includes(part));
}
