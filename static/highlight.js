/* The report page reached from a search result (…/?hl=行政复议#section): the
 * words are marked in the report's text, folded as the search folds them
 * (full-width, case, traditional characters), and the first is scrolled to.
 * The tokenizer and its table are fetched only then: a report opened any
 * other way runs nothing more than these lines. */
(function () {
  "use strict";

  const BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, blockquote, pre, figcaption";
  const words = (new URLSearchParams(location.search).get("hl") || "").split(/\s+/u).filter(Boolean);
  const body = document.querySelector(".report-body");
  if (!words.length || !body) return;
  const assets = document.currentScript.src.replace(/[^/]*$/, "");

  function load(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(src));
      document.head.append(script);
    });
  }

  /** The text nodes of the body, grouped by the block they are in: a word is matched within one block. */
  function textBlocks() {
    const blocks = new Map();
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const block = node.parentElement.closest(BLOCKS) || body;
      if (!blocks.has(block)) blocks.set(block, []);
      blocks.get(block).push(node);
    }
    return [...blocks.values()];
  }

  /** Marks the needles in one block's text nodes; a match across nodes gets a mark in each. */
  function markBlock(nodes, needles, tokenizer) {
    const folding = tokenizer.foldText(nodes.map((node) => node.data).join(""));
    const units = tokenizer.utf16Offsets(folding.chars);
    const ranges = tokenizer.matchRanges(folding, needles).map(([start, end]) => [units[start], units[end]]);
    const marks = [];
    let nodeStart = 0;
    for (const node of nodes) {
      const nodeEnd = nodeStart + node.data.length;
      const pieces = ranges.filter(([start, end]) => start < nodeEnd && end > nodeStart)
        .map(([start, end]) => [Math.max(start, nodeStart) - nodeStart, Math.min(end, nodeEnd) - nodeStart]);
      marks.push(...wrap(node, pieces));
      nodeStart = nodeEnd;
    }
    return marks;
  }

  /** Puts each [start, end) of a text node (ascending, apart) in a <mark>, from the last. */
  function wrap(node, pieces) {
    const marks = [];
    for (const [start, end] of pieces.reverse()) {
      const marked = node.splitText(start);
      marked.splitText(end - start);
      const mark = document.createElement("mark");
      marked.replaceWith(mark);
      mark.append(marked);
      marks.unshift(mark);
    }
    return marks;
  }

  /** The first mark after the heading the link names (the search found the match there,
   * perhaps in one part of the report), else the first. */
  function firstInSection(marks) {
    const section = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const after = (mark) => section.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING;
    return (section && marks.find(after)) || marks[0];
  }

  function afterLoad(action) {
    if (document.readyState === "complete") requestAnimationFrame(action);
    else window.addEventListener("load", () => requestAnimationFrame(action), { once: true });
  }

  load(assets + "fold-table.js").then(() => load(assets + "tokenizer.js")).then(() => {
    const tokenizer = window.SearchTokenizer;
    const needles = words.map(tokenizer.fold);
    const marks = textBlocks().flatMap((nodes) => markBlock(nodes, needles, tokenizer));
    document.documentElement.dataset.highlighted = String(marks.length);
    // After the browser's own scroll to the #section, which it makes when the page has loaded.
    if (marks.length) afterLoad(() => firstInSection(marks).scrollIntoView({ block: "center" }));
  });
})();
