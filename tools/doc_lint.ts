/**
 * `deno doc --lint` of `lib/`'s entry points, failing only on diagnostics
 * located in `lib/`.
 *
 * `deno doc --lint` also lints every module a re-export reaches, and `lib/`
 * re-exports two whole npm namespaces on purpose: `tf` (TensorFlow.js, so
 * notebooks share the toolkit's one tfjs instance) and `Plot` (Observable
 * Plot). Their `.d.ts` files under `node_modules/` carry about a thousand
 * diagnostics (undocumented kernel names and the like) that are not ours to
 * fix and that `deno doc` has no option to skip (denoland/deno#21390). This
 * script runs the same command, prints the diagnostics located under `lib/`
 * in full, counts the rest, and exits with 1 when any diagnostic is in `lib/`
 * — or when the output cannot be read as diagnostics at all, so a crash never
 * passes as clean.
 *
 * One kind of `lib/` diagnostic is a known `deno doc` limitation rather than
 * a missing doc: the JSDoc of an npm package's namespace (`export * as tf
 * from "@tensorflow/tfjs"`) is dropped once another module re-exports it
 * (denoland/deno_doc#728), so `missing-jsdoc` is reported however it is
 * documented. Such a diagnostic is let through only when a JSDoc block does
 * sit right above the flagged line ({@linkcode isDocumentedNpmNamespace}).
 *
 * `deno run -A tools/doc_lint.ts`
 *
 * @module
 */

/** The entry points whose public API is linted: the curated `lib/mod.ts` and each layer's `mod.ts`. */
export const ENTRY_POINTS: readonly string[] = [
  "lib/mod.ts",
  "lib/core/mod.ts",
  "lib/expression/mod.ts",
  "lib/landscape/mod.ts",
  "lib/data/mod.ts",
  "lib/network/mod.ts",
  "lib/plot/mod.ts",
  "lib/plot/3d/mod.ts",
  "lib/live/mod.ts",
];

/** One diagnostic of `deno doc --lint`, as printed with `NO_COLOR=1`. */
export interface DocDiagnostic {
  /** The rule's code, e.g. `"missing-jsdoc"` or `"private-type-ref"`. */
  rule: string;
  /** The absolute path of the file the diagnostic points at. */
  file: string;
  /** The 1-based line of the symbol in `file`. */
  line: number;
  /** The diagnostic's whole printed block: headline, source excerpt and hints. */
  text: string;
}

/**
 * The diagnostics in the output of `NO_COLOR=1 deno doc --lint`, in order.
 *
 * @param output The command's stderr and stdout, concatenated.
 * @returns One entry per `error[rule]: …` block that names a `--> file:line:column`.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { parseDocDiagnostics } from "./doc_lint.ts";
 *
 * const output = [
 *   "error[missing-jsdoc]: exported symbol is missing JSDoc documentation",
 *   "  --> /repo/lib/core/types.ts:20:3",
 *   "   | ",
 *   "20 |   y: Interval;",
 *   "",
 *   "error: Found 1 documentation lint error.",
 * ].join("\n");
 * const [d] = parseDocDiagnostics(output);
 * deepStrictEqual([d?.rule, d?.file, d?.line], ["missing-jsdoc", "/repo/lib/core/types.ts", 20]);
 * ```
 */
export function parseDocDiagnostics(output: string): DocDiagnostic[] {
  const found: DocDiagnostic[] = [];
  const blocks = output.split(/^(?=(?:error|warning)\[[a-z0-9-]+\]:)/m);
  for (const block of blocks) {
    const head = /^(?:error|warning)\[([a-z0-9-]+)\]:/.exec(block);
    const at = /^\s*--> (?:file:\/\/)?(.+):(\d+):(\d+)\s*$/m.exec(block);
    if (!head || !at) continue;
    const text = block.replace(/\n*error: Found \d+ documentation lint errors?\.[\s\S]*$/, "");
    found.push({ rule: head[1]!, file: at[1]!, line: Number(at[2]), text: text.trimEnd() });
  }
  return found;
}

/**
 * Whether a diagnostic is `missing-jsdoc` on a namespace import or re-export
 * of an npm package (a bare specifier, not a relative path) that has a JSDoc
 * block right above it: the case `deno doc` mis-reports when the namespace
 * is re-exported through another module.
 *
 * @param d The diagnostic.
 * @param source The text of `d.file`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { isDocumentedNpmNamespace } from "./doc_lint.ts";
 *
 * const doc = "/** TensorFlow.js. *" + "/";
 * const source = `${doc}\nexport * as tf from "@tensorflow/tfjs";\n`;
 * const d = { rule: "missing-jsdoc", file: "tf.ts", line: 2, text: "" };
 * strictEqual(isDocumentedNpmNamespace(d, source), true);
 * strictEqual(isDocumentedNpmNamespace(d, source.replace(doc, "")), false);
 * strictEqual(isDocumentedNpmNamespace(d, source.replace("@tensorflow/tfjs", "./tf.ts")), false);
 * ```
 */
export function isDocumentedNpmNamespace(d: DocDiagnostic, source: string): boolean {
  if (d.rule !== "missing-jsdoc") return false;
  const lines = source.split("\n");
  const flagged = lines[d.line - 1] ?? "";
  if (!/^(?:import|export) \* as \w+ from "[^./][^"]*";?\s*$/.test(flagged)) return false;
  return /\*\/\s*$/.test(lines[d.line - 2] ?? "");
}

/**
 * The total that `deno doc --lint` reports on its last line
 * (`error: Found 1160 documentation lint errors.`), or `undefined` when it
 * prints none (no diagnostics, or a failure of another kind).
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { reportedCount } from "./doc_lint.ts";
 *
 * strictEqual(reportedCount("error: Found 3 documentation lint errors."), 3);
 * strictEqual(reportedCount("Checked 8 files"), undefined);
 * ```
 */
export function reportedCount(output: string): number | undefined {
  const m = /^error: Found (\d+) documentation lint errors?\./m.exec(output);
  return m ? Number(m[1]) : undefined;
}

/**
 * Runs `deno doc --lint` on `entries` and prints what it finds in `lib/`;
 * resolves to the number of diagnostics of ours (0 when clean), or exits the
 * process when the output cannot be read.
 */
async function lint(root: string, entries: readonly string[]): Promise<number> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--lint", ...entries],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  const output = dec.decode(stderr) + dec.decode(stdout);
  const all = parseDocDiagnostics(output);
  const inLib = all.filter((d) => d.file.startsWith(`${root}lib/`));
  const ours: DocDiagnostic[] = [];
  let namespaces = 0;
  for (const d of inLib) {
    if (isDocumentedNpmNamespace(d, await Deno.readTextFile(d.file))) namespaces++;
    else ours.push(d);
  }
  const reported = reportedCount(output);
  for (const d of ours) console.error(`${d.text}\n`);
  const others = all.length - inLib.length;
  const unread = code !== 0 && (reported === undefined || reported !== all.length);
  if (unread) {
    console.error(output);
    console.error(
      `doc_lint: deno doc exited with ${code} and ${all.length} diagnostics could be read ` +
        `of ${reported ?? "an unknown number"}; see its output above`,
    );
    Deno.exit(1);
  }
  console.error(
    `doc_lint (${entries.length === 1 ? entries[0] : `${entries.length} entry points`}): ` +
      `${ours.length} diagnostics in lib/; ignored: ${others} in re-exported npm ` +
      `packages, ${namespaces} on documented npm namespaces (denoland/deno_doc#728)`,
  );
  return ours.length;
}

if (import.meta.main) {
  const root = new URL("..", import.meta.url).pathname;
  // Every layer's surface is documented; and the curated entry on its own
  // exports every type its signatures mention.
  const found = await lint(root, ENTRY_POINTS) + await lint(root, ["lib/mod.ts"]);
  if (found > 0) Deno.exit(1);
}
