/**
 * tools/doc_lint.ts reads `deno doc --lint` output: where each diagnostic is,
 * and which ones are the known limitation for npm namespaces. The sample is
 * the shape `NO_COLOR=1 deno doc --lint` prints (Deno 2.9), cut down.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { isDocumentedNpmNamespace, parseDocDiagnostics, reportedCount } from "../tools/doc_lint.ts";

const SAMPLE =
  `error[private-type-ref]: public type 'curvePlot' references private type 'CurveInput'
  --> /repo/lib/plot/curve.ts:88:1
   | 
88 | export function curvePlot(
   | ^
   = hint: make the referenced type public or remove the reference
   | 
63 | type CurveInput = Curve | CurveSeries | Landscape;
   | - this is the referenced type
   | 

  info: to ensure documentation is complete all types that are exposed in the public API must be public


error[missing-jsdoc]: exported symbol is missing JSDoc documentation
  --> /repo/node_modules/.deno/@tensorflow+tfjs-core@4.22.0/node_modules/@tensorflow/tfjs-core/dist/kernel_names.d.ts:23:22
   | 
23 | export declare const Abs = "Abs";
   |                      ^


error[missing-jsdoc]: exported symbol is missing JSDoc documentation
  --> /repo/lib/core/types.ts:20:3
   | 
20 |   y: Interval;
   |   ^


error: Found 3 documentation lint errors.

Stack backtrace:
   0: <unknown>
`;

Deno.test("parseDocDiagnostics() finds each diagnostic's rule and location, not the referenced type's", () => {
  const found = parseDocDiagnostics(SAMPLE);
  deepStrictEqual(found.map((d) => [d.rule, d.file.split("/").at(-1), d.line]), [
    ["private-type-ref", "curve.ts", 88],
    ["missing-jsdoc", "kernel_names.d.ts", 23],
    ["missing-jsdoc", "types.ts", 20],
  ]);
  ok(found[0]!.text.includes("type CurveInput"));
  ok(!found[2]!.text.includes("Found 3"), "the summary line is not part of the last block");
});

Deno.test("reportedCount() reads the total, so a mis-parsed output is noticed", () => {
  strictEqual(reportedCount(SAMPLE), parseDocDiagnostics(SAMPLE).length);
  strictEqual(reportedCount("error: Found 1 documentation lint error."), 1);
  strictEqual(reportedCount("error: Module not found"), undefined);
});

Deno.test("isDocumentedNpmNamespace() lets through only a documented namespace of a package", () => {
  const d = { rule: "missing-jsdoc", file: "tf.ts", line: 3, text: "" };
  const documented = `import * as tf from "@tensorflow/tfjs";\n/** TensorFlow.js. */\n` +
    `export * as tf from "@tensorflow/tfjs";\n`;
  strictEqual(isDocumentedNpmNamespace(d, documented), true);
  const bare =
    `import * as tf from "@tensorflow/tfjs";\n\nexport * as tf from "@tensorflow/tfjs";\n`;
  strictEqual(isDocumentedNpmNamespace(d, bare), false);
  strictEqual(
    isDocumentedNpmNamespace(d, documented.replaceAll("@tensorflow/tfjs", "./x.ts")),
    false,
  );
  strictEqual(isDocumentedNpmNamespace({ ...d, rule: "private-type-ref" }, documented), false);
  const member = `/** A. */\nexport interface A {\n  x: number;\n}\n`;
  strictEqual(isDocumentedNpmNamespace(d, member), false);
});
