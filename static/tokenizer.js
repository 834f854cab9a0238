/* The search tokenizer, the browser's copy of archive/search/tokenizer.py
 * (whose docstring states the rules). tests/test_tokenizer.py feeds both the
 * same strings and requires identical tokens.
 *
 * Traditional characters fold to simplified with the table the build writes
 * from the same source as Python's (assets/fold-table.js, by
 * archive/search/traditional.py), which must be loaded first. */
(function (root) {
  "use strict";

  const CJK_RANGES = [
    [0x3007, 0x3007],
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
    [0x20000, 0x3ffff],
  ];
  const WORD_RANGES = [
    [0x30, 0x39],
    [0x61, 0x7a],
    [0xc0, 0xd6],
    [0xd8, 0xf6],
    [0xf8, 0x24f],
    [0x1e00, 0x1eff],
  ];

  function charClass(ranges) {
    const hex = (n) => n.toString(16);
    return ranges.map(([low, high]) => `\\u{${hex(low)}}-\\u{${hex(high)}}`).join("");
  }

  const RUN = new RegExp(`([${charClass(CJK_RANGES)}]+)|([${charClass(WORD_RANGES)}]+)`, "gu");

  const TABLE = globalThis.SearchFoldTable;
  if (typeof TABLE !== "string") throw new Error("tokenizer.js: load fold-table.js first");
  const SIMPLIFIED = new Map();
  const pairs = Array.from(TABLE);
  for (let i = 0; i + 1 < pairs.length; i += 2) SIMPLIFIED.set(pairs[i], pairs[i + 1]);
  const TRADITIONAL = new RegExp(`[${[...SIMPLIFIED.keys()].join("")}]`, "gu");

  function fold(text) {
    return text.normalize("NFKC").toLowerCase().replace(TRADITIONAL, (ch) => SIMPLIFIED.get(ch));
  }

  function bigrams(run) {
    const chars = Array.from(run);
    if (chars.length === 1) return chars;
    const pairs = [];
    for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
    return pairs;
  }

  function tokenize(text) {
    const tokens = [];
    for (const match of fold(text).matchAll(RUN)) {
      if (match[2]) tokens.push(match[2]);
      else tokens.push(...bigrams(match[1]));
    }
    return tokens;
  }

  /* ---------- finding folded words in text, for excerpts and highlights ---------- */

  const foldedChars = new Map();

  /** A code point folded, remembered: a text uses few distinct characters. */
  function foldChar(ch) {
    if (!foldedChars.has(ch)) foldedChars.set(ch, fold(ch));
    return foldedChars.get(ch);
  }

  /** Text folded one code point at a time: its code points, the folded text, and for each
   * UTF-16 unit of the folded text the code point it came from. */
  function foldText(text) {
    const chars = Array.from(text);
    const origin = [];
    let folded = "";
    for (let i = 0; i < chars.length; i++) {
      const piece = foldChar(chars[i]);
      folded += piece;
      for (let k = 0; k < piece.length; k++) origin.push(i);
    }
    return { chars, folded, origin };
  }

  /** Code point ranges [start, end) of foldText's text where any folded needle occurs, sorted and merged. */
  function matchRanges(folding, needles) {
    const ranges = [];
    for (const needle of needles.filter(Boolean)) {
      for (let at = folding.folded.indexOf(needle); at >= 0; at = folding.folded.indexOf(needle, at + needle.length)) {
        ranges.push([folding.origin[at], folding.origin[at + needle.length - 1] + 1]);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range);
    }
    return merged;
  }

  /** For each code point offset into chars (and their end), the offset in UTF-16 units. */
  function utf16Offsets(chars) {
    const units = [0];
    for (const ch of chars) units.push(units[units.length - 1] + ch.length);
    return units;
  }

  const api = { tokenize, fold, foldText, matchRanges, utf16Offsets, CJK_RANGES, WORD_RANGES };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SearchTokenizer = api;
})(this);
