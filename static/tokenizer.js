/* The search tokenizer, the browser's copy of archive/tokenizer.py (whose
 * docstring states the rules). tests/test_tokenizer.py feeds both the same
 * strings and requires identical tokens. */
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

  function fold(text) {
    return text.normalize("NFKC").toLowerCase();
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

  const api = { tokenize, fold, CJK_RANGES, WORD_RANGES };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SearchTokenizer = api;
})(this);
