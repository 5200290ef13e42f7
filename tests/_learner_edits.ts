/**
 * Runs likely learner edits of a notebook's edit-me cells outside Jupyter.
 *
 * For one chapter, {@linkcode learnerEditModule} writes one TypeScript module
 * to `.cache/learner-edits/`: the chapter's code cells before its last
 * edit-me cell, as shipped (imports rewritten to `../../lib/mod.ts`), then
 * each edit as its own `await __edit(name, async () => { <edited cell> })`
 * block (with any later cells the edit must re-run) that records
 * `{ name, ok, error, message, shown }` as one JSON line on stdout.
 * {@linkcode runLearnerEdits} runs that module once with `deno run -A`.
 *
 * The prefix is either every earlier code cell (`"all"`) or only the
 * top-level statements the edited cells need (`"needed"`), found by the
 * names each statement declares and uses: what keeps the tfjs chapters fast.
 *
 * @module
 */

import { type Cell, readNotebook, text } from "./_notebook.ts";

/** The repository root. */
export const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** Where the generated modules go (git-ignored). */
export const editsDir = `${root}/.cache/learner-edits`;

/** One learner edit of one edit-me cell. */
export interface Edit {
  /** A short name for the report, unique within the chapter. */
  name: string;
  /** Finds the cell to edit by its content (never by its index). */
  cell: RegExp;
  /** Replacements applied in order; each pattern must occur in the cell. */
  replace?: [RegExp, string][];
  /** Later cells to re-run after the edited one (found by content), as its comment asks. */
  rerun?: RegExp[];
}

/** What happened when an edited cell ran. */
export interface Outcome {
  name: string;
  /** Whether the cell ran to its end without throwing. */
  ok: boolean;
  /** The thrown error's class name (`TypeError`, …) when it threw. */
  error?: string;
  /** The thrown error's message when it threw. */
  message?: string;
  /** The text forms of everything the cell showed (`show()` prints them). */
  shown: string[];
  /** Wall-clock milliseconds the edited cell took. */
  ms: number;
}

/** A cell carries an edit-me marker: `✏️ EDIT ME` or the older `← edit me`. */
export function isEditMe(source: string): boolean {
  return /\bedit me\b/i.test(source);
}

/** The code cells' sources, in order. */
export function codeSources(cells: Cell[]): string[] {
  return cells.filter((c) => c.cell_type === "code").map((c) => text(c.source));
}

/** Applies an edit's replacements to a cell, failing when one does not match. */
export function applyEdit(source: string, edit: Edit): string {
  let out = source;
  for (const [pattern, replacement] of edit.replace ?? []) {
    if (!pattern.test(out)) {
      throw new Error(`Edit "${edit.name}": ${pattern} does not occur in the cell:\n${out}`);
    }
    out = out.replace(pattern, replacement);
  }
  return out;
}

/**
 * Splits a cell into its top-level statements: a statement starts on a line
 * with no indentation, outside any bracket, string or template literal, that
 * does not begin with a closing bracket. Comment lines go with the statement
 * after them.
 */
export function topLevelStatements(source: string): string[] {
  const lines = source.split("\n");
  const statements: string[] = [];
  let current: string[] = [];
  let depth = 0;
  // Inside a template literal: the brace depths at which each one was opened.
  const templates: number[] = [];
  let inBlockComment = false;
  const startsStatement = (line: string) =>
    depth === 0 && templates.length === 0 && !inBlockComment && /^[^\s)\]}]/.test(line) &&
    !/^(\/\/|\/\*)/.test(line);
  const isCode = (lines: string[]) => lines.some((l) => !/^\s*(\/\/.*)?$/.test(l));
  for (const line of lines) {
    const topComment = depth === 0 && templates.length === 0 && !inBlockComment &&
      /^\/\//.test(line);
    if ((startsStatement(line) || topComment) && isCode(current)) {
      statements.push(current.join("\n"));
      current = [];
    }
    current.push(line);
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (inBlockComment) {
        if (c === "*" && line[i + 1] === "/") inBlockComment = false, i++;
        continue;
      }
      if (templates.length > 0 && templates.at(-1) === depth) {
        // In the text of a template literal.
        if (c === "\\") i++;
        else if (c === "`") templates.pop();
        else if (c === "$" && line[i + 1] === "{") depth++, i++;
        continue;
      }
      if (c === "/" && line[i + 1] === "/") break;
      if (c === "/" && line[i + 1] === "*") {
        inBlockComment = true;
        i++;
      } else if (c === '"' || c === "'") {
        for (i++; i < line.length && line[i] !== c; i++) if (line[i] === "\\") i++;
      } else if (c === "`") templates.push(depth);
      else if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) depth--;
    }
  }
  if (isCode(current)) statements.push(current.join("\n"));
  return statements;
}

/** A statement without its comments and the text of its string and template literals. */
function codeOnly(statement: string): string {
  let out = "";
  let depth = 0;
  const templates: number[] = []; // the brace depth at which each open template began
  for (let i = 0; i < statement.length; i++) {
    const c = statement[i]!;
    if (templates.length > 0 && templates.at(-1) === depth) {
      if (c === "\\") i++;
      else if (c === "`") templates.pop(), out += '""';
      else if (c === "$" && statement[i + 1] === "{") depth++, i++, out += " (";
      continue;
    }
    if (c === "/" && statement[i + 1] === "/") {
      while (i < statement.length && statement[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && statement[i + 1] === "*") {
      i = statement.indexOf("*/", i + 2);
      if (i < 0) break;
      i++;
    } else if (c === '"' || c === "'") {
      for (i++; i < statement.length && statement[i] !== c; i++) if (statement[i] === "\\") i++;
      out += '""';
    } else if (c === "`") templates.push(depth);
    else {
      if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) {
        depth--;
        if (templates.length > 0 && templates.at(-1) === depth) {
          out += ") ";
          continue;
        }
      }
      out += c;
    }
  }
  return out;
}

/** The names a top-level statement declares (`const`, `let`, `function`, `class`). */
export function declaredNames(statement: string): string[] {
  const code = codeOnly(statement).replace(/^\s*(?:export\s+)?/, "");
  const simple = code.match(/^(?:const|let|var|class|(?:async\s+)?function\*?)\s+([\w$]+)/);
  if (simple) return [simple[1]!];
  const pattern = code.match(/^(?:const|let|var)\s+([{[])/);
  if (!pattern) return [];
  // The destructuring pattern up to its matching bracket.
  let depth = 0;
  let end = code.indexOf(pattern[1]!);
  const start = end;
  for (; end < code.length; end++) {
    if ("[{".includes(code[end]!)) depth++;
    else if ("]}".includes(code[end]!) && --depth === 0) break;
  }
  const inner = code.slice(start + 1, end);
  // Names not followed by ":" (those are property keys) and not after "=" (defaults).
  return [...inner.matchAll(/(?<![\w$.=]\s*)\b([A-Za-z_$][\w$]*)\b(?!\s*:)/g)]
    .map((m) => m[1]!)
    .filter((n) => !/^\d/.test(n));
}

/**
 * The identifiers a statement uses: not property names after a lone "."
 * (but names after a "..." spread), nor object keys (`{ points: … }`).
 */
export function usedNames(statement: string): Set<string> {
  const code = codeOnly(statement);
  const names = code.matchAll(/(?<![\w$])(?<!(?<!\.)\.)[A-Za-z_$][\w$]*/g);
  return new Set(
    [...names].filter((m) => {
      const before = code.slice(0, m.index).trimEnd().at(-1);
      const after = code.slice(m.index + m[0].length).trimStart();
      const isKey = (before === "{" || before === ",") && /^:(?!:)/.test(after);
      return !isKey;
    }).map((m) => m[0]),
  );
}

/** How much of the chapter runs before the edits. */
export type Prefix = "all" | "needed";

/**
 * The module for one chapter: the prefix, then each edit as its own block.
 *
 * @param sources The chapter's code cells, in order.
 * @param edits The edits; their cells are found by content.
 * @param prefix Every earlier code cell, or only the statements the edits need.
 */
export function learnerEditModule(sources: string[], edits: Edit[], prefix: Prefix): string {
  const target = (edit: Edit) => {
    const found = sources.filter((s) => edit.cell.test(s));
    if (found.length !== 1) {
      throw new Error(`Edit "${edit.name}": ${edit.cell} matches ${found.length} code cells`);
    }
    return sources.indexOf(found[0]!);
  };
  const last = Math.max(
    ...edits.map(target),
    ...sources.flatMap((s, k) => isEditMe(s) ? [k] : []),
  );
  const isImport = (s: string) => /^\s*import\s[\s\S]*from\s+"\.\.\/lib\/mod\.ts";?\s*$/.test(s);
  // Earlier edit-me cells run as shipped too: later cells may use what they declare.
  const earlier = sources.slice(0, last).filter((s) => !isImport(s));
  const imports = sources.filter(isImport).map((s) =>
    s.replace('"../lib/mod.ts"', '"../../lib/mod.ts"')
  );
  const bodies = edits.map((edit) =>
    [
      applyEdit(sources[target(edit)]!, edit),
      ...(edit.rerun ?? []).map((cell) => sources[target({ ...edit, cell })]!),
    ].join("\n")
  );

  let kept: string[];
  if (prefix === "all") {
    kept = earlier;
  } else {
    const statements = earlier.flatMap(topLevelStatements);
    const needed = new Set(bodies.flatMap((b) => [...usedNames(b)]));
    const keep = new Array<boolean>(statements.length).fill(false);
    for (let k = statements.length - 1; k >= 0; k--) {
      const s = statements[k]!;
      const declares = declaredNames(s);
      const first = codeOnly(s).trim().match(/^[A-Za-z_$][\w$]*/)?.[0];
      // A declaration of a needed name, or a statement that changes one (`others.push(…)`).
      const use = declares.length > 0
        ? declares.some((n) => needed.has(n))
        : first !== undefined && first !== "await" && needed.has(first);
      if (use) {
        keep[k] = true;
        for (const n of usedNames(s)) needed.add(n);
      }
    }
    kept = statements.filter((_, k) => keep[k]);
  }

  const indent = (s: string) => s.split("\n").map((l) => (l ? `  ${l}` : l)).join("\n");
  return [
    "// Generated by tests/_learner_edits.ts: do not edit.",
    ...imports,
    `const __print = console.log;
const __edit = async (name: string, cell: () => Promise<void>) => {
  const shown: string[] = [];
  console.log = (...args: unknown[]) => void shown.push(args.map(String).join(" "));
  const start = performance.now();
  let outcome: Record<string, unknown>;
  try {
    await cell();
    outcome = { name, ok: true, shown };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    outcome = { name, ok: false, error: error.name, message: error.message, shown };
  } finally {
    console.log = __print;
  }
  outcome.ms = performance.now() - start;
  __print("@@learner-edit " + JSON.stringify(outcome));
};`,
    ...kept,
    ...edits.map((edit, k) =>
      `await __edit(${JSON.stringify(edit.name)}, async () => {\n${indent(bodies[k]!)}\n});`
    ),
    "",
  ].join("\n");
}

/** The result of running one chapter's edits. */
export interface EditRun {
  outcomes: Map<string, Outcome>;
  /** Seconds from the start of `deno run` to its end. */
  seconds: number;
  /** The generated module's path. */
  path: string;
  stderr: string;
}

/**
 * Writes the chapter's module and runs it once, returning each edit's outcome.
 *
 * @param notebook The notebook's path from the repository root.
 * @param edits The edits to run, in order.
 * @param prefix See {@linkcode learnerEditModule}.
 * @param timeoutSeconds The longest the run may take.
 */
export async function runLearnerEdits(
  notebook: string,
  edits: Edit[],
  prefix: Prefix,
  timeoutSeconds = 120,
): Promise<EditRun> {
  const nb = await readNotebook(`${root}/${notebook}`);
  const source = learnerEditModule(codeSources(nb.cells), edits, prefix);
  await Deno.mkdir(editsDir, { recursive: true });
  const path = `${editsDir}/${notebook.replace(/^.*\//, "").replace(/\.ipynb$/, "")}.ts`;
  await Deno.writeTextFile(path, source);
  const start = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", path],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutSeconds * 1000),
  }).output();
  const seconds = (performance.now() - start) / 1000;
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  const outcomes = new Map<string, Outcome>();
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("@@learner-edit ")) continue;
    const outcome: Outcome = JSON.parse(line.slice("@@learner-edit ".length));
    outcomes.set(outcome.name, outcome);
  }
  if (!out.success && outcomes.size < edits.length) {
    throw new Error(`${path} failed (exit ${out.code}) after ${outcomes.size} edits:\n${stderr}`);
  }
  return { outcomes, seconds, path, stderr };
}
