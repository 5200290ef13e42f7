// Golden-SVG snapshots: every function exported by tests/plots/*.ts renders
// a figure whose canonical markup must match tests/output/<function name>.svg.
// `deno task update-snapshots` rewrites the golden files.
import { assertSnapshot } from "./_snapshot.ts";
import * as contour from "./plots/contour.ts";
import * as curve from "./plots/curve.ts";
import * as surface from "./plots/surface.ts";

for (const [name, render] of Object.entries({ ...surface, ...curve, ...contour })) {
  Deno.test(`snapshot ${name}`, async () => {
    await assertSnapshot(name, await render());
  });
}
