/**
 * Golden-file snapshots of SVG figures, in the style of Observable Plot's
 * tests: the markup is made canonical (generated ids renumbered in document
 * order, numbers with four or more decimals rounded to three, one tag per
 * line, indented) and compared with `tests/output/<name>.svg`. On a mismatch
 * the actual output is written to `tests/output/<name>-changed.svg`
 * (git-ignored) and the test fails; `UPDATE_SNAPSHOTS=1` (the
 * `update-snapshots` task) rewrites the golden files instead.
 *
 * @module
 */

const OUTPUT = new URL("./output/", import.meta.url);

/** Canonical, diff-friendly form of SVG markup. */
export function canonicalSvg(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!ids.has(m[1]!)) ids.set(m[1]!, `id-${ids.size + 1}`);
  }
  let out = svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (all, pre: string, id: string) => {
    const to = ids.get(id);
    return to === undefined ? all : pre + to;
  });
  out = out.replace(/-?\d+\.\d{4,}/g, (x) => String(Number(Number(x).toFixed(3))));
  return pretty(out);
}

function pretty(svg: string): string {
  const tokens = svg.split(/(<[^>]+>)/).filter((t) => t.trim() !== "");
  const lines: string[] = [];
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const pad = "  ".repeat(depth);
    if (t.startsWith("</")) {
      depth = Math.max(0, depth - 1);
      lines.push("  ".repeat(depth) + t);
    } else if (
      t.startsWith("<") && !t.endsWith("/>") && !t.startsWith("<!") && !t.startsWith("<?")
    ) {
      // An element holding only text stays on one line.
      const text = tokens[k + 1], close = tokens[k + 2];
      if (text !== undefined && !text.startsWith("<") && close?.startsWith("</")) {
        lines.push(pad + t + text.trim() + close);
        k += 2;
      } else {
        lines.push(pad + t);
        depth++;
      }
    } else {
      lines.push(pad + t.trim());
    }
  }
  return lines.join("\n") + "\n";
}

/**
 * Compares `svg` (canonicalized) with the golden file `tests/output/<name>.svg`.
 * Throws on a mismatch, after writing `<name>-changed.svg`.
 */
export async function assertSnapshot(name: string, svg: string): Promise<void> {
  const actual = canonicalSvg(svg);
  const golden = new URL(`${name}.svg`, OUTPUT);
  const changed = new URL(`${name}-changed.svg`, OUTPUT);
  if (Deno.env.get("UPDATE_SNAPSHOTS")) {
    await Deno.mkdir(OUTPUT, { recursive: true });
    await Deno.writeTextFile(golden, actual);
    await Deno.remove(changed).catch(() => {});
    return;
  }
  let expected: string | undefined;
  try {
    expected = await Deno.readTextFile(golden);
  } catch {
    expected = undefined;
  }
  if (expected === actual) {
    await Deno.remove(changed).catch(() => {});
    return;
  }
  await Deno.writeTextFile(changed, actual);
  throw new Error(
    expected === undefined
      ? `No golden file tests/output/${name}.svg; run \`deno task update-snapshots\``
      : `${name} differs from tests/output/${name}.svg; see ${name}-changed.svg ` +
        "(run `deno task update-snapshots` if the change is intended)",
  );
}
