"""The search tokenizer. static/tokenizer.js implements the same rules for the
browser; tests/test_tokenizer.py holds the two to identical output.

The rules, in order:

1. Fold the text: Unicode NFKC, then lowercase (full-width "１２３４５" and
   "ＩＣＰ" become "12345" and "icp"; U+3000 becomes a space), then traditional
   characters to simplified, one for one (行政復議 becomes 行政复议; the table
   is OpenCC's, see archive/search/traditional.py).
2. Split it into runs of CJK ideographs (CJK_RANGES, astral planes included)
   and runs of Latin letters and digits (WORD_RANGES); everything else
   separates runs.
3. A CJK run of two or more characters gives its overlapping bigrams
   ("行政复议" → 行政, 政复, 复议); a lone CJK character gives itself.
   A Latin run gives itself as one word.

Characters are code points, never UTF-16 units. Parity with the browser holds
for characters assigned in this Python's Unicode database (14.0): a character
added later may fold differently in a newer browser.
"""
from __future__ import annotations

import re
import unicodedata

import numpy

from archive.search.codepoints import identity, translated
from archive.search.traditional import simplified_points

CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x3007, 0x3007),    # 〇, as in 二〇二二年
    (0x3400, 0x4DBF),    # Extension A
    (0x4E00, 0x9FFF),    # Unified Ideographs
    (0xF900, 0xFAFF),    # Compatibility Ideographs
    (0x20000, 0x3FFFF),  # planes 2 and 3: Extensions B–I and compatibility supplement
)
WORD_RANGES: tuple[tuple[int, int], ...] = (
    (0x30, 0x39),        # 0-9
    (0x61, 0x7A),        # a-z
    (0xC0, 0xD6),        # Latin-1 letters, without ×
    (0xD8, 0xF6),        # ... and ÷
    (0xF8, 0x24F),       # Latin-1, Extended-A and -B
    (0x1E00, 0x1EFF),    # Latin Extended Additional
)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)


_RUN = re.compile(f"([{_char_class(CJK_RANGES)}]+)|([{_char_class(WORD_RANGES)}]+)")


def fold(text: str) -> str:
    """The form every token and phrase is compared in."""
    return _folded_points(text).tobytes().decode("utf-32-le", "surrogatepass")


def _folded_points(text: str) -> numpy.ndarray:
    """fold(text) as code points (uint32), for the build to tokenize without making it a str again."""
    text = translated(text, _NARROW)
    if not unicodedata.is_normalized("NFKC", text):  # a cheap check: most text needs nothing more
        text = unicodedata.normalize("NFKC", text)
    return simplified_points(text.lower())


# Full-width ASCII (，：１Ａ) and the ideographic space, as NFKC maps them: one character to one,
# with nothing for it to compose with, so mapping them first leaves NFKC's result as it was, and
# Chinese text, where they are everywhere, is then usually NFKC already.
_NARROW = identity()
_NARROW[0xFF01:0xFF5F] -= 0xFEE0
_NARROW[0x3000] = 0x20


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for cjk_run, word in _RUN.findall(fold(text)):
        if word:
            tokens.append(word)
        else:
            tokens.extend(_bigrams(cjk_run))
    return tokens


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def packed_tokens(text: str) -> tuple[numpy.ndarray, list[str]]:
    """tokenize(text), in another form and order, for the build: each token of one or two code
    points (bigrams, lone ideographs, short words: nearly all) as the number first << 21 | second
    (uint64), the longer ones as strings. By array operations on the code points: a report's text
    has tens of thousands of tokens, and making each a str costs more than reading the report."""
    points = _folded_points(text)
    classes = _CLASSES[numpy.minimum(points, len(_CLASSES) - 1)]
    starts = numpy.flatnonzero(numpy.concatenate(([len(points) > 0], classes[1:] != classes[:-1])))  # runs of one class
    ends = numpy.concatenate((starts[1:], [len(points)]))
    kinds, sizes = classes[starts], ends - starts
    cjk_starts, word_starts = starts[kinds == CJK], starts[kinds == WORD]
    cjk_sizes, word_sizes = sizes[kinds == CJK], sizes[kinds == WORD]
    pairs = numpy.flatnonzero((classes[:-1] == CJK) & (classes[1:] == CJK))  # two neighbours in one run
    singles = numpy.concatenate((cjk_starts[cjk_sizes == 1], word_starts[word_sizes == 1]))
    doubles = word_starts[word_sizes == 2]
    wide = points.astype(numpy.uint64)
    packed = numpy.concatenate((
        wide[pairs] << 21 | wide[pairs + 1],
        wide[singles] << 21,
        wide[doubles] << 21 | wide[doubles + 1],
    ))
    longer = word_sizes > 2
    folded = points.tobytes().decode("utf-32-le", "surrogatepass") if longer.any() else ""
    long_words = [folded[start:start + size] for start, size in zip(word_starts[longer].tolist(), word_sizes[longer].tolist())]
    return packed, long_words


OTHER, CJK, WORD = 0, 1, 2


def _classes() -> numpy.ndarray:
    """Each code point's class, up to the last of CJK_RANGES and WORD_RANGES; the last entry,
    OTHER, stands for every code point above."""
    highest = max(high for low, high in (*CJK_RANGES, *WORD_RANGES))
    classes = numpy.full(highest + 2, OTHER, dtype=numpy.int8)
    for kind, ranges in ((CJK, CJK_RANGES), (WORD, WORD_RANGES)):
        for low, high in ranges:
            classes[low:high + 1] = kind
    return classes


_CLASSES = _classes()
