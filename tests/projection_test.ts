import { ok, strictEqual } from "node:assert";
import { camera, defaultBox, normAngle, project, toScreen } from "../lib/plot/3d/_camera.ts";

const near = (a: number, b: number, tol: number, what: string) =>
  ok(Math.abs(a - b) <= tol, `${what}: expected ${b} ± ${tol} but found ${a}`);

// The article's figure: x, y on [-5.5, 5.5] (5 % margins), z on the data range.
const zmin = 0.005101520253035336;
const lims = [-5.5, 5.5, -5.5, 5.5, zmin, 50];
// Reference values printed by matplotlib 3.6.3 (proj3d.proj_transform with
// ax.get_proj() of that figure; pixels from ax.transData at 100 dpi, y down).
const MPL: [number[], number, number, number, number][] = [
  [
    [-5.5, -5.5, zmin],
    -0.0778006845191124,
    -0.04741605845871627,
    256.1104380767483,
    484.36354329323285,
  ],
  [[5.5, 5.5, 50], 0.07831822049154241, 0.04773147362601088, 710.9649775402237, 207.14992278691972],
  [[5, -5, 50], 0.020732712230447113, 0.0017818844455702158, 543.1888210389785, 341.0246718045279],
  [[-2, 3, 10], -0.002306579520517925, -0.00342887443618743, 476.0635331807614, 356.20628822218936],
];

Deno.test("project() lands known points where matplotlib 3.6 projects them (default view)", () => {
  const cam = camera(lims, defaultBox(), -60, 30, 1);
  for (const [[x, y, z], sx, sy] of MPL) {
    const p = project(cam, x!, y!, z!, [0, 0, 0]);
    near(p[0]!, sx, 1e-12, `sx of (${x}, ${y}, ${z})`);
    near(p[1]!, sy, 1e-12, `sy of (${x}, ${y}, ${z})`);
  }
});

Deno.test("project() matches matplotlib for another view (azimuth 150, elevation 60)", () => {
  const cam = camera(lims, defaultBox(), 150, 60, 1);
  const p = project(cam, -2, 3, 10, [0, 0, 0]);
  near(p[0]!, -0.016512809716403308, 1e-12, "sx");
  near(p[1]!, -0.04171274537121373, 1e-12, "sy");
});

Deno.test("toScreen() places projected points at matplotlib's pixel positions", () => {
  // matplotlib's axes for the article figure: 539 px square at (206, 77 from the bottom)
  // of a 1000 × 700 px figure; our SVG units are points (720 × 504), 1 pt = 100/72 px.
  const k = 100 / 72;
  const layout = { left: 206 / k, top: (700 - 77 - 539) / k, side: 539 / k };
  const cam = camera(lims, defaultBox(), -60, 30, 1);
  for (const [[x, y, z], , , px, py] of MPL) {
    const s = toScreen(layout, project(cam, x!, y!, z!, [0, 0, 0]), [0, 0]);
    near(s[0]! * k, px, 1e-6, `x pixel of (${x}, ${y}, ${z})`);
    near(s[1]! * k, py, 1e-6, `y pixel of (${x}, ${y}, ${z})`);
  }
});

Deno.test("project() puts the centre of the box at the centre of the view from any angle", () => {
  for (const [az, el] of [[-60, 30], [0, 0], [123, -45], [10, 90], [-170, -90]]) {
    const cam = camera([0, 2, 0, 2, 0, 2], [1, 1, 1], az!, el!, 1);
    const p = project(cam, 1, 1, 1, [0, 0, 0]);
    near(p[0]!, 0, 1e-12, `sx at ${az}, ${el}`);
    near(p[1]!, 0, 1e-12, `sy at ${az}, ${el}`);
  }
});

Deno.test("project() gives depth: from azimuth −60 the (x1, y0) corner is nearest and (x0, y1) farthest", () => {
  // The eye sits towards +x and −y (azimuth −60°), above the box.
  const cam = camera([0, 1, 0, 1, 0, 1], [1, 1, 1], -60, 30, 1);
  const depth = (x: number, y: number, z: number) => project(cam, x, y, z, [0, 0, 0])[2]!;
  const corners = [[0, 0], [1, 0], [1, 1], [0, 1]].map(([x, y]) => ({ x, y, d: depth(x!, y!, 0) }));
  corners.sort((a, b) => a.d - b.d);
  strictEqual(`${corners[0]!.x},${corners[0]!.y}`, "1,0");
  strictEqual(`${corners[3]!.x},${corners[3]!.y}`, "0,1");
  ok(depth(0.5, 0.5, 1) < depth(0.5, 0.5, 0), "the top is nearer than the bottom from above");
});

Deno.test("camera() seen from straight above maps x to the right and y up the screen", () => {
  const cam = camera([0, 1, 0, 1, 0, 1], [1, 1, 1], -90, 90, Infinity);
  const o = project(cam, 0.5, 0.5, 0, [0, 0, 0]);
  const px = project(cam, 1, 0.5, 0, [0, 0, 0]);
  const py = project(cam, 0.5, 1, 0, [0, 0, 0]);
  ok(px[0]! > o[0]! && Math.abs(px[1]! - o[1]!) < 1e-12, "x runs to the right");
  ok(py[1]! > o[1]! && Math.abs(py[0]! - o[0]!) < 1e-12, "y runs up");
});

Deno.test("camera() with an infinite focal length is orthographic: depth does not scale x", () => {
  const cam = camera([0, 1, 0, 1, 0, 1], [1, 1, 1], 0, 0, Infinity);
  // Looking along −x: points that differ only in x (depth) project to the same place.
  const a = project(cam, 0, 1, 1, [0, 0, 0]), b = project(cam, 1, 1, 1, [0, 0, 0]);
  near(a[0]!, b[0]!, 1e-12, "sx");
  near(a[1]!, b[1]!, 1e-12, "sy");
  ok(a[2]! > b[2]!, "x = 0 is farther from an eye on the +x side");
  const persp = camera([0, 1, 0, 1, 0, 1], [1, 1, 1], 0, 0, 1);
  const c = project(persp, 0, 1, 1, [0, 0, 0]), d = project(persp, 1, 1, 1, [0, 0, 0]);
  ok(Math.abs(c[0]!) < Math.abs(d[0]!), "with perspective the far point is nearer the centre");
});

Deno.test("normAngle() wraps degrees into [-180, 180)", () => {
  strictEqual(normAngle(-60), -60);
  strictEqual(normAngle(180), -180);
  strictEqual(normAngle(300), -60);
  strictEqual(normAngle(-190), 170);
  strictEqual(normAngle(720 + 30), 30);
});
