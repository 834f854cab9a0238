"""The search page's text folding (static/tokenizer.js foldText), in Node: excerpts, highlights and the
verification of results rest on it, and it folds most texts whole rather than code point by code point."""
from __future__ import annotations

import random

from archive.search.traditional import fold_table_script
from node_runner import TOKENIZER_JS, run_node

FOLD_TEXTS = f"""{fold_table_script()}
const t = require({str(TOKENIZER_JS)!r});
const byCodePoint = (text) => {{
  const chars = Array.from(text);
  const pieces = chars.map((ch) => t.fold(ch));
  return {{ chars, folded: pieces.join(""), origin: pieces.flatMap((piece, i) => Array(piece.length).fill(i)) }};
}};
console.log(JSON.stringify(input.map((text) => [t.foldText(text), byCodePoint(text)])));
"""

# Simplified and traditional ideographs, full-width and upper-case letters, a final sigma, combining
# marks, half-width katakana and an ideograph outside the BMP: folded already or not.
POOL = "行政复议法治政府國際與為ＡＢＣ１２３abcXYZΣσςé\u0301ｱ𠀀𪚥 ，。、\n"


def test_fold_text_equals_folding_each_code_point() -> None:
    chance = random.Random(8)
    texts = ["", "行政复议", "行政復議", "已经折叠的文本 abc 123", "𠀀字", "ΣΑΣ", "e\u0301", "Ｆｕｌｌ"]
    texts += ["".join(chance.choice(POOL) for _ in range(chance.randint(1, 40))) for _ in range(300)]
    for text, (fast, reference) in zip(texts, run_node(FOLD_TEXTS, texts)):
        assert fast == reference, text
