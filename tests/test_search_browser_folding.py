"""The search page's text folding (static/tokenizer.js foldText), in Node: excerpts, highlights and the
verification of results rest on it, and it folds most texts whole rather than code point by code point."""
from __future__ import annotations

import random

from archive.search.traditional import fold_table_script, traditional_to_simplified
from node_runner import TOKENIZER_JS, run_node

FOLD_TEXTS = f"""{{table}}
const t = require({str(TOKENIZER_JS)!r});
if (input.keys) t.foldKeys(input.keys);
const byCodePoint = (text) => {{
  const chars = Array.from(text);
  const pieces = chars.map((ch) => t.fold(ch));
  return {{ chars, folded: pieces.join(""), origin: pieces.flatMap((piece, i) => Array(piece.length).fill(i)) }};
}};
console.log(JSON.stringify(input.texts.map((text) => [t.foldText(text), byCodePoint(text)])));
"""

# Simplified and traditional ideographs, full-width and upper-case letters, a final sigma, combining
# marks, half-width katakana and an ideograph outside the BMP: folded already or not.
POOL = "行政复议法治政府國際與為ＡＢＣ１２３abcXYZΣσςé\u0301ｱ𠀀𪚥 ，。、\n"


def texts(pool: str) -> list[str]:
    chance = random.Random(8)
    return ["", "行政复议", "已经折叠的文本 abc 123", "𠀀字", "ΣΑΣ", "e\u0301", "Ｆｕｌｌ"] + [
        "".join(chance.choice(pool) for _ in range(chance.randint(1, 40))) for _ in range(300)]


def assert_folded_as_each_code_point(table: str, keys: list[int] | None, cases: list[str]) -> None:
    script = FOLD_TEXTS.replace("{table}", table)
    for text, (fast, reference) in zip(cases, run_node(script, {"texts": cases, "keys": keys})):
        assert fast == reference, text


def test_fold_text_equals_folding_each_code_point_with_the_table() -> None:
    assert_folded_as_each_code_point(fold_table_script(), None, [*texts(POOL), "行政復議"])


def test_fold_text_equals_folding_each_code_point_with_the_keys_only() -> None:
    # As on the search page before the table is needed: the manifest's keys (first code point, then gaps).
    points = sorted(traditional_to_simplified())
    keys = [points[0]] + [b - a for a, b in zip(points, points[1:])]
    simplified_only = "".join(ch for ch in POOL if ord(ch) not in set(points))
    assert_folded_as_each_code_point("", keys, texts(simplified_only))
