/**
 * Readability, reading time and run time per chapter, for the README's
 * chapter table.
 *
 * `deno run -A tools/chapter_stats.ts [--book DIR] [NOTEBOOK...]` prints a
 * Markdown table: chapter | run time | slowest cell | reading time |
 * readability. The first two come from an executed book (`DIR/book.json`,
 * written by `deno task book`; default `dist/`), the last two from the
 * notebooks' Markdown cells alone (default: every chapter in `notebooks/`).
 *
 * - **Prose** ({@link proseOf}) is what a reader reads in a chapter's Markdown
 *   cells: code blocks, inline code, LaTeX maths, HTML tags (not the text
 *   inside them), images, link URLs and table pipes are dropped; headings,
 *   list items and table rows are kept as text, each its own sentence.
 *   Prose a code cell computes (`markdown()`) is not counted.
 * - **Readability** ({@link fleschReadingEase}) is Flesch's reading ease
 *   (R. Flesch, "A new readability yardstick", Journal of Applied Psychology
 *   32(3), 221–233, 1948): 206.835 − 1.015 · words/sentences − 84.6 ·
 *   syllables/words. 60–70 is plain English; 30–50 is "difficult" (academic
 *   text); below 30 "very difficult". Syllables come from an English
 *   heuristic ({@link countSyllables}), not a dictionary.
 * - **Reading time** ({@link readingMinutes}) assumes 200 words a minute and
 *   10 s to look at each figure (a code cell whose last statement is
 *   `await show(…)`, see {@link isFigureCell}), rounded to the minute. Running
 *   the cells and playing with the interactive figures is not counted.
 * - **Run time** and **slowest cell** ({@link bookTimes}) are the chapter's
 *   execution time in `book.json` and its slowest code cell (`cellSeconds`
 *   in `book.json`; for a book built before those were recorded, nbclient's
 *   per-cell timestamps in the executed `.ipynb` beside it).
 *
 * @module
 */

import { listNotebooks } from "./book.ts";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

// ---------------------------------------------------------------------------
// Syllables

/**
 * Letter patterns in which a single vowel group is spoken as two syllables
 * (hiatus), checked on the lower-case word with a consonant `y` written `Y`.
 * Each match adds one syllable. Chosen for common English words and this
 * book's vocabulary: gra-di-ent, ra-ti-o, ac-tu-al, me-di-um, ge-om-e-try,
 * be-ing, lin-e-ar, con-tin-u-ous, or-gan-is-m.
 */
const HIATUS: RegExp[] = [
  /(^|[^cgst])ia/, // via, bias, diagonal, Jacobian; not -tial, -cial, -sian, -gian
  /(^|[^cgstxln])io|[cgstxln]io(?![nu])/, // ratio, period, various; not -tion, -sion, million
  /(^|[^cst])ien[tc]/, // gradient, client, orient; not efficient, patient
  /iet/, // quiet, variety
  /[^aeiouy]iers?$|iest$/, // easier, outliers, earliest
  /iu/, // medium, premium
  /ii/, // radii
  /(^|[^gq])ua/, // actual, usual, gradual; not quality, language
  /uou|uu/, // continuous, ambiguous, continuum
  /^co(e|o[pr])/, // coefficient, cooperate, coordinate
  /eo(?!p)/, // geometry, video, theory; not people
  /ea$|inea[rl]|idea|^crea/, // area, idea, linear, create
  /[aeiouy]ing/, // being, going, doing
  /[^aeiouy]isms?$|thms?$/, // organism, prism, logarithm, rhythm
];

/**
 * Suffixes after which an `e` is silent as it is at the end of a word
 * (mov-e-ment, use-ful, close-ly, score-card).
 */
const AFTER_SILENT_E = /[^aeiouy]e(ment|ly|ful|less|ness|card|book|where|wise|thing)s?$/;

/** One part of a word (no hyphens or apostrophes): see {@link countSyllables}. */
function syllablesOfPart(part: string): number {
  const letters = part.normalize("NFD").toLowerCase().replace(/[^a-z]/g, "");
  if (letters === "") return 1;
  // `y` before a vowel is a consonant (yes, beyond, layer); elsewhere a vowel.
  const w = letters.replace(/y(?=[aeiou])/g, "Y");
  let count = (w.match(/[aeiouy]+/g) ?? []).length;
  if (count > 1) {
    // Silent final e after a consonant (landscape, one, type), but not the
    // syllables "-le" and "-re" after a consonant (ta-ble, sam-ple, cen-tre).
    if (/[^aeiouy]e$/.test(w) && !/[^aeiouy][lr]e$/.test(w)) count--;
    // Silent e of "-es" (shapes, lines) and "-ed" (learned, used), except
    // where it is spoken: pass-es, chang-es, match-es, ta-bles, me-tres;
    // start-ed, need-ed, sam-pled, hun-dred.
    else if (/[^aeiouysxzcg]es$/.test(w) && !/(ch|sh|[^aeiouy][lr])es$/.test(w)) count--;
    else if (/[^aeiouytd]ed$/.test(w) && !/[^aeiouyl]led$|[^aeiouyr]red$/.test(w)) count--;
  }
  // A silent e before a suffix (move-ment, use-ful, score-card, like-wise),
  // but not after "-le" or "-re" (gen-tle-ness).
  const suffixed = AFTER_SILENT_E.exec(w);
  if (count > 1 && suffixed && !/[^aeiouy][lr]$/.test(w.slice(0, suffixed.index + 1))) count--;
  for (const pattern of HIATUS) if (pattern.test(w)) count++;
  return Math.max(1, count);
}

/**
 * The number of syllables in an English word, by a heuristic: count the
 * groups of consecutive vowels (`a e i o u`, and `y` unless it comes before
 * a vowel); don't count a silent final `e` after a consonant, or the `e` of
 * `-es`/`-ed` where it is not spoken, but do count the syllable `-le` after
 * a consonant (ta-ble); add one for each of a few vowel pairs spoken as two
 * syllables (gra-di-ent, ac-tu-al, ra-ti-o); at least 1. Hyphenated words
 * are the sum of their parts; apostrophes are dropped ("network's" is
 * "networks"); accents are ignored; a number or a word without Latin
 * letters counts 1.
 *
 * A heuristic errs on some words (sci-ence gets 1, ev-ery 3); the chapters'
 * scores only need the average over thousands of words. Checked against the
 * CMU Pronouncing Dictionary 0.7a (2026-11-29): it gives one of the
 * dictionary's counts for 99.4 % of the 1,324 distinct words of the
 * chapters' prose that the dictionary has (99.8 % of their 12,566
 * occurrences; the patterns were tuned on these words), and for 99.0 % of
 * the 971 of README.md, docs/ARCHITECTURE.md and data/README.md, which it
 * was not tuned on (99.5 % of occurrences; 1.386 syllables a word against
 * the dictionary's 1.388).
 *
 * @param word One word, as {@link wordsOf} finds them.
 * @returns Its number of syllables, at least 1.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { countSyllables } from "./chapter_stats.ts";
 * strictEqual(countSyllables("the"), 1);
 * strictEqual(countSyllables("table"), 2);
 * strictEqual(countSyllables("landscape"), 2);
 * strictEqual(countSyllables("gradient"), 3);
 * strictEqual(countSyllables("non-convex"), 3);
 * ```
 */
export function countSyllables(word: string): number {
  if (typeof word !== "string") {
    throw new TypeError(`Expected a word as a string but found ${typeof word}`);
  }
  const parts = word.replace(/['’]/g, "").split("-").filter((p) => p !== "");
  if (parts.length === 0) return 1;
  return parts.reduce((sum, p) => sum + syllablesOfPart(p), 0);
}

// ---------------------------------------------------------------------------
// Prose

/** Block-level HTML elements: their tags end a sentence. */
const BLOCK_TAGS =
  /^(address|article|aside|blockquote|br|caption|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)$/i;

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  mdash: "—",
  ndash: "–",
  hellip: "…",
};

/**
 * The prose of a Markdown text: what a reader reads, one block per line
 * (a paragraph, a heading, a list item, a table row or the text of a
 * block-level HTML element such as `<summary>`), with the Markdown and HTML
 * markup taken out. Dropped: fenced code blocks, inline code, LaTeX maths
 * (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, `\begin{…}…\end{…}`), HTML comments,
 * `<script>` and `<style>` elements, images, the URLs of links (the link
 * text stays), table separator rows and pipes, list markers, heading
 * hashes, emphasis markers. Kept: the text inside HTML elements, headings as
 * text, table cells' words.
 *
 * @param markdown A Markdown cell's source.
 * @returns The prose, one block per line.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { proseOf } from "./chapter_stats.ts";
 * strictEqual(
 *   proseOf("## A bowl\n\nThe loss $w^2$ is `convex`, see [here](https://x.org)."),
 *   "A bowl\nThe loss is , see here.",
 * );
 * ```
 */
export function proseOf(markdown: string): string {
  if (typeof markdown !== "string") {
    throw new TypeError(`Expected Markdown as a string but found ${typeof markdown}`);
  }
  // Fenced code blocks, line by line (a fence closes with the same
  // character, at least as many times).
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (m) {
      fence = m[1]!;
      kept.push("");
      continue;
    }
    kept.push(line);
  }
  let s = kept.join("\n")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    // Inline code, before maths: code may hold a `$`.
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, " ")
    .replace(/\$\$[\s\S]*?\$\$/g, " ")
    .replace(/\\\[[\s\S]*?\\\]/g, " ")
    .replace(/\\begin\{([^}]+)\}[\s\S]*?\\end\{\1\}/g, " ")
    .replace(/\\\([\s\S]*?\\\)/g, " ")
    .replace(/(?<!\\)\$(?:\\.|[^$\\\n])+\$/g, " ")
    // Images, then links (text kept), reference links, link definitions.
    .replace(/!\[[^\]]*\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, " ")
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, " ")
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/^ {0,3}\[[^\]]+\]:\s*\S+.*$/gm, "")
    .replace(/<(?:https?|mailto|ftp):[^>\s]*>/gi, " ")
    .replace(/\bhttps?:\/\/[^\s)>\]]+/g, " ")
    // HTML tags: block-level ones end a block, inline ones vanish.
    .replace(
      /<\/?([A-Za-z][\w-]*)(?:\s[^>]*)?\/?>/g,
      (_, tag: string) => BLOCK_TAGS.test(tag) ? "\n\n" : "",
    )
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X"
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : " ";
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\\([\\`*_{}[\]()#+\-.!|$<>~])/g, "$1");

  // Blocks: paragraphs, headings, list items, table rows.
  const blocks: string[] = [];
  let current: string[] = [];
  const end = () => {
    if (current.length > 0) blocks.push(current.join(" "));
    current = [];
  };
  for (let line of s.split("\n")) {
    line = line.replace(/^(\s*>)+\s?/, ""); // block quotes
    if (line.trim() === "" || /^ {0,3}([-*_=])(\s*\1){2,}\s*$/.test(line)) {
      end();
      continue;
    }
    const heading = /^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      end();
      current.push(heading[1] ?? "");
      end();
      continue;
    }
    if (/^\s*\|/.test(line)) {
      end();
      if (!/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line)) {
        current.push(line.split(/(?<!\\)\|/).map((c) => c.trim()).filter((c) => c).join(" "));
        end();
      }
      continue;
    }
    const item = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
    if (item) {
      end();
      current.push(item[1]!);
      continue;
    }
    current.push(line.trim());
  }
  end();
  s = blocks
    .map((b) =>
      b.replace(/\*+|~~/g, "")
        // A bold number ("**1.** Twice the miss.") is a list label, not a sentence.
        .replace(/^\s*\d{1,9}[.)]\s+/, "")
        .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, "$1")
        .replace(/\s+/g, " ").trim()
    )
    .filter((b) => b !== "")
    .join("\n");
  return s;
}

/** A word: letters and digits, joined by an apostrophe, a hyphen, or a decimal point or comma between digits. */
const WORD = /[\p{L}\p{N}]+(?:(?:['’-]|[.,](?=\p{N}))[\p{L}\p{N}]+)*/gu;

/**
 * The words of a text: runs of letters and digits, with apostrophes and
 * hyphens inside a word (`network's`, `non-convex`) and decimal points
 * between digits (`0.01`) kept in it.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { wordsOf } from "./chapter_stats.ts";
 * deepStrictEqual(wordsOf("A non-convex loss, 0.01 — isn't it?"), [
 *   "A", "non-convex", "loss", "0.01", "isn't", "it",
 * ]);
 * ```
 */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * The sentences of a prose text (as {@link proseOf} returns it): each line
 * (a paragraph, heading, list item or table row) ends a sentence, and
 * inside a line a sentence ends at `.`, `!`, `?` or `;` followed by a space
 * (so `0.5` and `e.g.` do not end one: `e.g.`, `i.e.`, `et al.`, `vs.` and
 * `cf.` are not ends). Only pieces with a word count.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { sentencesOf } from "./chapter_stats.ts";
 * deepStrictEqual(sentencesOf("Step 0.5; then stop. Done, e.g. here!\nA heading"), [
 *   "Step 0.5;", "then stop.", "Done, e.g. here!", "A heading",
 * ]);
 * ```
 */
export function sentencesOf(prose: string): string[] {
  const sentences: string[] = [];
  for (const line of prose.split("\n")) {
    // Abbreviations' dots become a private-use character while splitting.
    const guarded = line.replace(
      /\b(e\.g|i\.e|et al|vs|cf)\./gi,
      (m) => m.replaceAll(".", "\uE000"),
    );
    for (const piece of guarded.split(/(?<=[.!?;]+["'”’)\]]*)\s+/)) {
      const sentence = piece.replaceAll("\uE000", ".").trim();
      if (wordsOf(sentence).length > 0) sentences.push(sentence);
    }
  }
  return sentences;
}

/** Counts behind the Flesch reading ease. */
export interface TextCounts {
  /** Words, as {@link wordsOf} finds them. */
  words: number;
  /** Sentences, as {@link sentencesOf} finds them. */
  sentences: number;
  /** Syllables, {@link countSyllables} summed over the words. */
  syllables: number;
}

/**
 * Counts a prose text's words, sentences and syllables.
 *
 * @example
 * ```ts
 * import { deepStrictEqual } from "node:assert";
 * import { countText } from "./chapter_stats.ts";
 * deepStrictEqual(countText("The loss is low. It is a table."), {
 *   words: 8, sentences: 2, syllables: 9,
 * });
 * ```
 */
export function countText(prose: string): TextCounts {
  const words = wordsOf(prose);
  return {
    words: words.length,
    sentences: sentencesOf(prose).length,
    syllables: words.reduce((sum, w) => sum + countSyllables(w), 0),
  };
}

/**
 * Flesch reading ease (Flesch 1948): 206.835 − 1.015 · words/sentences −
 * 84.6 · syllables/words. Higher is easier: 60–70 plain English, 50–60
 * fairly difficult, 30–50 difficult, below 30 very difficult.
 *
 * @param counts Words, sentences and syllables, at least one word and one sentence.
 * @returns The score (not clamped: very long sentences can give a negative one).
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { fleschReadingEase } from "./chapter_stats.ts";
 * // 100 words in 5 sentences with 150 syllables.
 * strictEqual(
 *   fleschReadingEase({ words: 100, sentences: 5, syllables: 150 }).toFixed(3),
 *   "59.635",
 * );
 * ```
 */
export function fleschReadingEase(counts: TextCounts): number {
  const { words, sentences, syllables } = counts;
  if (!(words >= 1) || !(sentences >= 1) || !(syllables >= 0)) {
    throw new RangeError(
      `Expected at least one word and one sentence but found ${words} words and ${sentences} sentences: ` +
        "the reading ease of an empty text is undefined",
    );
  }
  return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
}

/**
 * Flesch's own description of a reading-ease score (1948): "very easy"
 * (90 and up), "easy", "fairly easy", "standard" (60–70), "fairly
 * difficult", "difficult" (30–50), "very difficult" (below 30).
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { readabilityBand } from "./chapter_stats.ts";
 * strictEqual(readabilityBand(45.2), "difficult");
 * ```
 */
export function readabilityBand(score: number): string {
  if (score >= 90) return "very easy";
  if (score >= 80) return "easy";
  if (score >= 70) return "fairly easy";
  if (score >= 60) return "standard";
  if (score >= 50) return "fairly difficult";
  if (score >= 30) return "difficult";
  return "very difficult";
}

// ---------------------------------------------------------------------------
// Figures and reading time

/** Words read per minute, for {@link readingMinutes}. */
export const WORDS_PER_MINUTE = 200;
/** Seconds spent looking at each figure, for {@link readingMinutes}. */
export const SECONDS_PER_FIGURE = 10;

/**
 * Whether a code cell displays a figure: its last statement is
 * `await show(…)` at the top level (not inside a block or a function), with
 * only `;`, spaces and comments after it. `await show(markdown(…))` shows
 * computed prose, not a figure, and is not one. The check skips strings,
 * template literals and comments; it does not understand regular-expression
 * literals that hold brackets or quotes.
 *
 * @param source A code cell's source.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { isFigureCell } from "./chapter_stats.ts";
 * strictEqual(isFigureCell('const g = grid();\nawait show(contourPlot(g, { title: "a (b" }));'), true);
 * strictEqual(isFigureCell("await show(a);\nconst b = 1;"), false);
 * strictEqual(isFigureCell("for (const f of figs) {\n  await show(f);\n}"), false);
 * ```
 */
export function isFigureCell(source: string): boolean {
  if (typeof source !== "string") {
    throw new TypeError(`Expected a code cell's source as a string but found ${typeof source}`);
  }
  // `code` is the source with strings and comments blanked out (same length).
  let code = "";
  const templateDepths: number[] = []; // brace depth at each open `${`
  let depth = 0;
  let i = 0;
  const n = source.length;
  const blank = (from: number, to: number) => {
    code += source.slice(from, to).replace(/[^\n]/g, " ");
  };
  const template = () => { // from just after a backtick or `}` closing `${`
    const start = i;
    while (i < n) {
      if (source[i] === "\\") i += 2;
      else if (source[i] === "`") {
        i++;
        blank(start, i);
        return;
      } else if (source[i] === "$" && source[i + 1] === "{") {
        i += 2;
        blank(start, i);
        templateDepths.push(depth);
        depth++;
        return;
      } else i++;
    }
    blank(start, i);
  };
  while (i < n) {
    const c = source[i]!;
    if (c === "/" && source[i + 1] === "/") {
      const j = source.indexOf("\n", i);
      const stop = j < 0 ? n : j;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && source[i + 1] === "*") {
      const j = source.indexOf("*/", i + 2);
      const stop = j < 0 ? n : j + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      const start = i++;
      while (i < n && source[i] !== c && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      i++;
      blank(start, Math.min(i, n));
    } else if (c === "`") {
      i++;
      code += " ";
      template();
    } else if (c === "}" && templateDepths.length > 0 && depth - 1 === templateDepths.at(-1)) {
      templateDepths.pop();
      depth--;
      i++;
      code += " ";
      template();
    } else {
      if (c === "(" || c === "[" || c === "{") depth++;
      if (c === ")" || c === "]" || c === "}") depth--;
      code += c;
      i++;
    }
  }
  // The last top-level `await show(` and its closing bracket.
  let level = 0;
  let lastShow = -1;
  for (let k = 0; k < code.length; k++) {
    const c = code[k]!;
    if (level === 0 && c === "a" && /^await\s+show\s*\(/.test(code.slice(k, k + 40))) {
      if (k === 0 || !/[\w$.]/.test(code[k - 1]!)) lastShow = k;
    }
    if (c === "(" || c === "[" || c === "{") level++;
    if (c === ")" || c === "]" || c === "}") level--;
  }
  if (lastShow < 0) return false;
  const open = code.indexOf("(", lastShow);
  let close = -1;
  level = 0;
  for (let k = open; k < code.length; k++) {
    const c = code[k]!;
    if (c === "(" || c === "[" || c === "{") level++;
    if (c === ")" || c === "]" || c === "}") level--;
    if (level === 0) {
      close = k;
      break;
    }
  }
  if (close < 0 || !/^[\s;]*$/.test(code.slice(close + 1))) return false;
  return !/^\s*markdown\s*\(/.test(code.slice(open + 1, close));
}

/**
 * Reading time in minutes: `words` at {@link WORDS_PER_MINUTE} (200) words
 * a minute plus {@link SECONDS_PER_FIGURE} (10) seconds per figure, rounded
 * to the nearest minute.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * import { readingMinutes } from "./chapter_stats.ts";
 * strictEqual(readingMinutes(2000, 12), 12); // 10 min + 2 min
 * ```
 */
export function readingMinutes(words: number, figures: number): number {
  if (!(words >= 0) || !(figures >= 0)) {
    throw new RangeError(
      `Expected non-negative counts but found ${words} words and ${figures} figures`,
    );
  }
  return Math.round(words / WORDS_PER_MINUTE + (figures * SECONDS_PER_FIGURE) / 60);
}

// ---------------------------------------------------------------------------
// Chapters

interface NotebookCell {
  cell_type: string;
  source: string | string[];
  metadata?: { execution?: Record<string, string> };
}

function sourceOf(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source ?? "";
}

/** A chapter's prose and figure counts, readability and reading time. */
export interface ChapterStats extends TextCounts {
  /** The notebook's file name without `.ipynb`, e.g. `01-loss-as-a-scorecard`. */
  stem: string;
  /** The first Markdown heading, e.g. `01 — Loss as a scorecard`. */
  title: string;
  /** Code cells that end with `await show(…)`. */
  figures: number;
  /** Flesch reading ease of the Markdown cells' prose. */
  readingEase: number;
  /** Minutes to read the prose and look at the figures. */
  readingMinutes: number;
}

/**
 * Readability and reading time of one notebook (its Markdown cells and its
 * figure cells).
 *
 * @param path A notebook file (`.ipynb`).
 */
export async function chapterStats(path: string): Promise<ChapterStats> {
  const nb = JSON.parse(await Deno.readTextFile(path)) as { cells: NotebookCell[] };
  const markdown = nb.cells.filter((c) => c.cell_type === "markdown").map(sourceOf);
  const prose = markdown.map(proseOf).filter((p) => p !== "").join("\n");
  const counts = countText(prose);
  const figures = nb.cells.filter((c) => c.cell_type === "code" && isFigureCell(sourceOf(c)))
    .length;
  const heading = markdown.map((m) => /^\s*#+\s+(.+?)\s*$/m.exec(m)).find((m) => m !== null);
  const stem = path.split("/").at(-1)!.replace(/\.ipynb$/, "");
  return {
    stem,
    title: heading?.[1] ?? stem,
    ...counts,
    figures,
    readingEase: fleschReadingEase(counts),
    readingMinutes: readingMinutes(counts.words, figures),
  };
}

/** A chapter's run in an executed book. */
export interface ChapterTimes {
  /** The chapter's execution time in seconds, from `book.json`. */
  seconds: number;
  /** Its slowest code cell (numbered from 1, as the executor does), if per-cell times exist. */
  slowest?: { cell: number; seconds: number };
  /** Where the per-cell times came from. */
  cellTimesFrom?: "book.json" | "notebook metadata";
}

/**
 * Each chapter's run time and slowest cell in an executed book, by stem.
 * Per-cell times come from `book.json`'s `cellSeconds`; for a book built
 * before those existed, from nbclient's timestamps in the executed notebook
 * (`metadata.execution`: `iopub.execute_input` to `shell.execute_reply`).
 *
 * @param bookDir The folder `deno task book` wrote (with `book.json`).
 */
export async function bookTimes(bookDir: string): Promise<Map<string, ChapterTimes>> {
  const book = JSON.parse(await Deno.readTextFile(`${bookDir}/book.json`)) as {
    chapters: { stem: string; seconds: number; cellSeconds?: [number, number][] }[];
  };
  const times = new Map<string, ChapterTimes>();
  for (const chapter of book.chapters) {
    let cells: [number, number][] | undefined = chapter.cellSeconds;
    let from: ChapterTimes["cellTimesFrom"] = "book.json";
    if (cells === undefined) {
      from = "notebook metadata";
      try {
        const nb = JSON.parse(await Deno.readTextFile(`${bookDir}/${chapter.stem}.ipynb`)) as {
          cells: NotebookCell[];
        };
        cells = [];
        for (const [k, cell] of nb.cells.entries()) {
          const e = cell.metadata?.execution;
          const start = Date.parse(e?.["iopub.execute_input"] ?? "");
          const stop = Date.parse(e?.["shell.execute_reply"] ?? "");
          if (Number.isFinite(start) && Number.isFinite(stop)) {
            cells.push([k + 1, (stop - start) / 1000]);
          }
        }
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      }
    }
    const entry: ChapterTimes = { seconds: chapter.seconds };
    if (cells !== undefined && cells.length > 0) {
      const [cell, seconds] = cells.reduce((a, b) => (b[1] > a[1] ? b : a));
      entry.slowest = { cell, seconds };
      entry.cellTimesFrom = from;
    }
    times.set(chapter.stem, entry);
  }
  return times;
}

/** A score as the README shows it: `48 (difficult)`. */
export function formatReadability(score: number): string {
  return `${Math.round(score)} (${readabilityBand(score)})`;
}

/**
 * The README chapter table's extra columns as a Markdown table: chapter |
 * run time | slowest cell | reading time | readability. Run times are `–`
 * for chapters missing from `times`.
 */
export function statsTable(
  chapters: ChapterStats[],
  times: Map<string, ChapterTimes> = new Map(),
): string {
  const rows = chapters.map((c) => {
    const t = times.get(c.stem);
    return [
      c.title,
      t ? `${Math.round(t.seconds)} s` : "–",
      t?.slowest ? `cell ${t.slowest.cell}: ${t.slowest.seconds.toFixed(1)} s` : "–",
      `${c.readingMinutes} min`,
      formatReadability(c.readingEase),
    ];
  });
  const header = ["chapter", "run time", "slowest cell", "reading time", "readability"];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => c.padEnd(widths[k]!)).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)]
    .join("\n");
}

if (import.meta.main) {
  const args = [...Deno.args];
  const b = args.indexOf("--book");
  const bookDir = b >= 0 ? args.splice(b, 2)[1]! : `${root}/dist`;
  const notebooks = args.length > 0 ? args : await listNotebooks();
  const chapters = await Promise.all(notebooks.map(chapterStats));
  let times = new Map<string, ChapterTimes>();
  try {
    times = await bookTimes(bookDir);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
    console.error(
      `note: no ${bookDir}/book.json, so no run times: build the book (deno task book)`,
    );
  }
  console.log(statsTable(chapters, times));
  const missing = chapters.filter((c) => times.has(c.stem) && !times.get(c.stem)!.slowest);
  if (missing.length > 0) {
    console.error(`note: no per-cell times for ${missing.map((c) => c.stem).join(", ")}`);
  }
  console.error(
    "\n" +
      chapters.map((c) =>
        `${c.stem}: ${c.words} words, ${c.sentences} sentences, ${c.syllables} syllables, ` +
        `${c.figures} figures`
      ).join("\n"),
  );
}
