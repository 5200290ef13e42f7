// Golden curve charts: each function's name is its file under tests/output/.
import { curvePlot } from "../../lib/plot/curve.ts";
import { sampleCurve } from "./_grid.ts";

/** Two losses of one weight, the minimum marked, tangents with downhill arrows. */
export function curveLossesTangents(): string {
  return curvePlot([
    { curve: sampleCurve((w) => (w - 2) ** 2, [-3, 5], 161), label: "squared error (w − 2)²" },
    {
      curve: sampleCurve((w) => 2 * Math.abs(w - 2), [-3, 5], 161),
      label: "absolute error 2|w − 2|",
      dashed: true,
    },
  ], {
    title: "Loss as a function of one weight",
    xLabel: "weight w",
    yLabel: "loss",
    points: [{ x: 2, label: "minimum" }],
    tangents: [{ x: -1 }, { x: 4.2 }],
  }).toSVG();
}

/** A loss spanning decades on a log axis. */
export function curveLogY(): string {
  return curvePlot({
    curve: sampleCurve((w) => Math.exp(w) + 0.01, [-4, 6], 101),
    label: "exp(w) + 0.01",
  }, {
    yLabel: "loss (log scale)",
    logY: true,
    width: 480,
    height: 300,
  }).toSVG();
}
