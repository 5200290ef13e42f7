/**
 * Browser side of the JupyterLab harness (bundled by esbuild, see
 * `harness.ts`): JupyterLab's own output area, MIME renderers and HTML
 * sanitizer, without a server. `globalThis.renderCells(cells, trusted)`
 * renders each cell's outputs (nbformat JSON) into an output area, trusted
 * as in a live session or untrusted as a notebook opened from disk.
 *
 * @module
 */

import { Sanitizer } from "@jupyterlab/apputils";
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";

/** One cell's outputs as stored in an .ipynb file. */
type Outputs = Record<string, unknown>[];

const rendermime = new RenderMimeRegistry({
  initialFactories: standardRendererFactories,
  sanitizer: new Sanitizer(),
});

/**
 * Renders each cell's outputs into its own output area under `#cells`
 * (`data-cell` = the cell's index), trusted or not. Rendering finishes
 * asynchronously: wait for the outputs to appear.
 */
function renderCells(cells: { index: number; outputs: Outputs }[], trusted: boolean): void {
  const host = document.getElementById("cells")!;
  host.textContent = "";
  for (const { index, outputs } of cells) {
    const model = new OutputAreaModel({ trusted });
    const area = new OutputArea({ model, rendermime });
    const cell = document.createElement("div");
    cell.className = "jp-Cell jp-CodeCell";
    cell.dataset.cell = String(index);
    host.appendChild(cell);
    // In the document before the outputs arrive, as in JupyterLab: scripts
    // of trusted HTML outputs run when their node is connected.
    cell.appendChild(area.node);
    model.fromJSON(outputs as never);
  }
}

(globalThis as unknown as { renderCells: typeof renderCells }).renderCells = renderCells;
