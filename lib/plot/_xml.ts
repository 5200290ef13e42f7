/**
 * Escaping for text that goes into SVG or HTML markup.
 *
 * @module
 */

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes `&`, `<`, `>`, and quotes so that any text is safe inside an
 * element or a quoted attribute of SVG or HTML.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { escapeXml } from "./_xml.ts";
 * strictEqual(escapeXml('<script>"x"</script>'), "&lt;script&gt;&quot;x&quot;&lt;/script&gt;");
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}
