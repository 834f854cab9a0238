/* The search tokenizer, the browser's copy of archive/search/tokenizer.py
 * (whose docstring states the rules). tests/test_tokenizer.py feeds both the
 * same strings and requires identical tokens.
 *
 * Traditional characters fold to simplified with the table the build writes
 * from the same source as Python's (assets/fold-table.js, by
 * archive/search/traditional.py). It is 20 kB, so the search page loads it
 * only for a text that holds one of its characters: foldKeys(), from the
 * index's manifest, says which; needsTable(text) whether to load it, and
 * useTable() takes it. Loaded before this file (as the report page and the
 * tests do), the table is used from the start. Without it, fold() refuses a
 * text it would fold wrong. */
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

  let simplified = null;   // traditional → simplified character, once the table is loaded
  let traditional = null;  // a regular expression matching the table's traditional characters
  let keys = null;         // a regular expression matching them, known before the table
  let traditionalPoints = null;  // their code points, from the table or the keys
  let basicAsIs = null;          // per code point of the BMP, 1 where foldsToItself
  // Code points that fold to themselves unless traditional: ASCII but capital letters, and unified
  // ideographs (no NFKC decomposition, no case; not the compatibility ones).
  const AS_IS = [[0, 0x40], [0x5b, 0x7f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0x20000, 0x2f7ff], [0x2fa20, 0x3ffff]];

  /** The table: one string of (traditional, simplified) pairs. */
  function useTable(table) {
    const pairs = Array.from(table);
    simplified = new Map();
    for (let i = 0; i + 1 < pairs.length; i += 2) simplified.set(pairs[i], pairs[i + 1]);
    traditional = new RegExp(`[${[...simplified.keys()].join("")}]`, "gu");
    knowTraditional([...simplified.keys()].map((ch) => ch.codePointAt(0)));
  }

  /** The table's traditional characters: the first code point, then the gaps to the next. */
  function foldKeys(gaps) {
    let point = 0;
    const points = gaps.map((gap) => (point += gap));
    keys = new RegExp(`[${points.map((code) => String.fromCodePoint(code)).join("")}]`, "u");
    if (!traditionalPoints) knowTraditional(points);
  }

  function knowTraditional(points) {
    traditionalPoints = new Set(points);
    basicAsIs = new Uint8Array(0x10000);
    for (const [low, high] of AS_IS) if (low < 0x10000) basicAsIs.fill(1, low, high + 1);
    for (const code of points) if (code < 0x10000) basicAsIs[code] = 0;
  }

  /** Whether folding the text needs the table, which is not loaded yet. */
  function needsTable(text) {
    if (simplified) return false;
    return !keys || keys.test(text.normalize("NFKC").toLowerCase());
  }

  if (typeof globalThis.SearchFoldTable === "string") useTable(globalThis.SearchFoldTable);

  function fold(text) {
    const normal = text.normalize("NFKC").toLowerCase();
    if (simplified) return normal.replace(traditional, (ch) => simplified.get(ch));
    if (needsTable(normal)) throw new Error("tokenizer.js: fold-table.js is needed for this text");
    return normal;
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

  /** Whether a code point surely folds to itself: in AS_IS and not traditional. Most of a report's
   * text does, and is not looked up one code point at a time. */
  function foldsToItself(code) {
    if (!basicAsIs) return false;
    if (code < 0x10000) return basicAsIs[code] === 1;
    return !traditionalPoints.has(code) && AS_IS.some(([low, high]) => code >= low && code <= high);
  }

  /** Text folded one code point at a time: its code points, the folded text, and for each
   * UTF-16 unit of the folded text the code point it came from. */
  function foldText(text) {
    const chars = Array.from(text);
    const origin = [];
    const pieces = [];  // the folded text: runs of text as it is, and the foldings between them
    for (let i = 0, at = 0, copied = 0; i < chars.length; at += chars[i].length, i++) {
      const ch = chars[i];
      const piece = foldsToItself(ch.codePointAt(0)) ? ch : foldChar(ch);
      if (piece !== ch) {
        pieces.push(text.slice(copied, at), piece);
        copied = at + ch.length;
      }
      for (let k = 0; k < piece.length; k++) origin.push(i);
      if (i === chars.length - 1) pieces.push(text.slice(copied));
    }
    return { chars, folded: pieces.join(""), origin };
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

  const api = {
    tokenize, fold, foldText, matchRanges, utf16Offsets, useTable, foldKeys, needsTable, CJK_RANGES, WORD_RANGES,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SearchTokenizer = api;
})(this);
