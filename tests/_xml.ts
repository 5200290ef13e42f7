/**
 * A strict well-formedness check for SVG in tests: Python's expat parser
 * (Python is on every machine that runs the book) must accept the markup.
 *
 * @module
 */

import { ok } from "node:assert";

/** Fails unless `markup` is well-formed XML. */
export async function assertWellFormedXml(markup: string): Promise<void> {
  const check = new Deno.Command("python3", {
    args: [
      "-c",
      "import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())",
    ],
    stdin: "piped",
    stderr: "piped",
  }).spawn();
  const writer = check.stdin.getWriter();
  await writer.write(new TextEncoder().encode(markup));
  await writer.close();
  const { success, stderr } = await check.output();
  ok(success, `not well-formed XML: ${new TextDecoder().decode(stderr).trim().split("\n").at(-1)}`);
}
