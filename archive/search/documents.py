"""What the search index is told about each report: computed once per report
(in the build's worker processes, and cached with the report), so that the
index is written from these and never from the reports' text.

A SearchDocument is compact: its fragment (the text results are verified
against and excerpted from) is stored gzipped, and each field's tokens as
arrays of packed terms and counts, not as objects per term.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import deflate
import numpy

from archive.model import Report
from archive.parts import heading_ranges, part_named
from archive.search.codepoints import code_points
from archive.search.tokenizer import packed_tokens, tokenize
from archive.urls import report_url

# Field names in index order; a word in the title or the unit's name outweighs the body.
FIELDS = ("title", "unit", "body")
BOOSTS = (10, 10, 1)
# BM25 saturates long before this: a higher count would not change a score.
MAX_COUNT = 0xFFFF
# Characters up to which a field is tokenized string by string rather than by array operations.
SHORT_TEXT = 200


@dataclass(frozen=True)
class FieldTokens:
    """One field's distinct terms and their counts (capped at MAX_COUNT), and
    the field's length in tokens. Terms of one or two code points (bigrams,
    lone ideographs: nearly all) are packed as numbers, first << 21 | second,
    so that a partition's postings are grouped by numpy rather than term by
    term: `packed` is array "Q" bytes, ascending, and `packed_counts` array "H"
    bytes. Longer terms (Latin words, numbers) are "\n"-joined in `words`,
    with their counts in `word_counts`."""

    packed: bytes
    packed_counts: bytes
    words: str
    word_counts: bytes
    length: int

    def items(self) -> list[tuple[str, int]]:
        words = self.words.split("\n") if self.words else []
        return [(unpack(n), c) for n, c in zip(array("Q", self.packed), array("H", self.packed_counts))] + list(
            zip(words, array("H", self.word_counts)))


def pack(term: str) -> int | None:
    if len(term) > 2:
        return None
    return ord(term[0]) << 21 | (ord(term[1]) if len(term) == 2 else 0)


def unpack(packed: int) -> str:
    first, second = packed >> 21, packed & 0x1FFFFF
    return chr(first) + chr(second) if second else chr(first)


@dataclass(frozen=True)
class SearchDocument:
    url: str        # site-relative URL path of the report page, e.g. "reports/2022/baodexian/"
    title: str
    unit: str
    region: tuple[str, ...]   # top-down, may be empty
    year: int
    level: str      # 乡镇/街道/县级/市级/省级/部门
    fields: tuple[FieldTokens, ...]   # in FIELDS order
    fragment: bytes  # gzipped JSON: title, unit, region, year, level, published, url, the text, its parts and headings
    digest: str      # of everything above: equal digests, equal index entries

    @property
    def place(self) -> str:
        return "/".join((*self.region, self.unit))

    def fragment_data(self) -> dict:
        return json.loads(gzip.decompress(self.fragment))


def search_document(report: Report) -> SearchDocument:
    url = report_url(report)
    units = utf16_offsets(report.body_text)
    fragment = to_json({
        "title": report.title, "unit": report.unit, "region": list(report.region),
        "year": report.year, "level": report.level, "url": url, "text": report.body_text,
        "published": report.published.isoformat() if report.published else None,
        "parts": part_spans(report, units), "headings": heading_starts(report, units),
    })
    # The unit field also holds the region, so a search for 东莞 finds the reports of units in 东莞市.
    unit = " ".join((report.unit, *report.region))
    return SearchDocument(
        url=url, title=report.title, unit=report.unit, region=report.region, year=report.year,
        level=report.level, fields=tuple(field_tokens(text) for text in (report.title, unit, report.body_text)),
        fragment=compressed(fragment), digest=hashlib.sha256(fragment).hexdigest(),
    )


def part_spans(report: Report, units: Sequence[int] | None = None) -> dict[str, list[list[int]]]:
    """Where each required part is in the fragment's text, by part key (archive/parts.py), as
    [start, end) offsets in UTF-16 code units (`units`: utf16_offsets of its text, if known), as
    the browser counts, so a search can be limited to one part at no cost to searches that are not."""
    units = utf16_offsets(report.body_text) if units is None else units
    return {
        part_named(section.part).key: [[units[span.start], units[span.end]] for span in section.spans]
        for section in report.parts.sections
    }


def heading_starts(report: Report, units: Sequence[int]) -> list[list]:
    """Where each heading's line starts in the fragment's text (UTF-16 offset) and its anchor, in
    text order, so that a result can link to the section of its first match."""
    return [[units[start], heading.anchor]
            for heading, start, _ in heading_ranges(list(report.parts.headings), report.body_text)]


def utf16_offsets(text: str) -> Sequence[int]:
    """For each code point offset into text (and its end), the offset in UTF-16 code units."""
    points = code_points(text)
    if not len(points) or points.max() <= 0xFFFF:  # nearly every text: the offsets are the same
        return range(len(points) + 1)
    return [0, *numpy.cumsum(1 + (points > 0xFFFF)).tolist()]


def compressed(fragment: bytes) -> bytes:
    """Gzipped by libdeflate's level 6: as small as zlib's level 9, in half the time."""
    return deflate.gzip_compress(fragment, 6)


def search_documents(reports: list[Report]) -> list[SearchDocument]:
    return [search_document(report) for report in reports]


def field_tokens(text: str) -> FieldTokens:
    packed, long_words = packed_tokens(text) if len(text) > SHORT_TEXT else short_text_tokens(text)
    packed.sort()
    firsts = numpy.flatnonzero(numpy.concatenate(([len(packed) > 0], packed[1:] != packed[:-1])))
    numbers, counts = packed[firsts], numpy.diff(numpy.concatenate((firsts, [len(packed)])))
    words = sorted(Counter(long_words).items())
    return FieldTokens(
        packed=numbers.astype(numpy.uint64).tobytes(),
        packed_counts=numpy.minimum(counts, MAX_COUNT).astype(numpy.uint16).tobytes(),
        words="\n".join(term for term, _ in words),
        word_counts=array("H", [min(count, MAX_COUNT) for _, count in words]).tobytes(),
        length=len(packed) + len(long_words),
    )


def short_text_tokens(text: str) -> tuple[numpy.ndarray, list[str]]:
    """packed_tokens(text) by way of tokenize(): for a title or a unit's name, array operations cost
    more than they save."""
    tokens = tokenize(text)
    return (numpy.array([pack(term) for term in tokens if len(term) <= 2], dtype=numpy.uint64),
            [term for term in tokens if len(term) > 2])


def to_json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
