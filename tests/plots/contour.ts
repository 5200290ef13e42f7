// Golden contour maps: each function's name is its file under tests/output/.
import { contourPlot } from "../../lib/plot/contour.ts";
import { bowl, himmelblau, himmelblauDescent, sampleGrid } from "./_grid.ts";

/** Himmelblau with every overlay: log colour, a path, critical points, arrows, a slice. */
export function contourHimmelblauOverlays(): string {
  return contourPlot(sampleGrid(himmelblau, [-5, 5], [-5, 5], 80), {
    title: "Himmelblau's function",
    xLabel: "w1",
    yLabel: "w2",
    logColor: true,
    colorbar: { label: "loss" },
    paths: [{ ...himmelblauDescent([-0.5, 4.5]), label: "gradient descent" }],
    points: [
      { point: [3, 2], kind: "minimum" },
      { point: [-2.805118, 3.131312], kind: "minimum" },
      { point: [-3.77931, -3.283186], kind: "minimum" },
      { point: [3.584428, -1.848126], kind: "minimum" },
      { point: [-0.270845, -0.923039], kind: "maximum" },
      { point: [0.086678, 2.884255], kind: "saddle" },
    ],
    arrows: { n: 12 },
    slice: { from: [-5, -5], to: [5, 5], label: "slice" },
  }).toSVG();
}

/** Contour lines only, coloured by level, on a stretched bowl. */
export function contourLinesOnly(): string {
  return contourPlot(sampleGrid((x, y) => bowl(x, 3 * y), [-3, 3], [-2, 2], 40), {
    fill: false,
    levels: 8,
    colormap: "plasma",
    colorbar: false,
    xLabel: "w1",
    yLabel: "w2",
  }).toSVG();
}
