"""What the search index is told about each report: computed once per report
(in the build's worker processes, and cached with the report), so that the
index is written from these and never from the reports' text.

A SearchDocument is compact: its fragment (the text results are verified
against and excerpted from) is stored gzipped, and each field's tokens as one
string of distinct terms and an array of their counts, not as objects per term.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from array import array
from collections import Counter
from dataclasses import dataclass

from archive.model import Report
from archive.search.tokenizer import tokenize
from archive.urls import report_url

# Field names in index order; a word in the title or the unit's name outweighs the body.
FIELDS = ("title", "unit", "body")
BOOSTS = (10, 10, 1)
# BM25 saturates long before this: a higher count would not change a score.
MAX_COUNT = 0xFFFF


@dataclass(frozen=True)
class FieldTokens:
    """One field's distinct terms, "\\n"-joined in code point order, their counts
    (array "H" bytes, capped at MAX_COUNT), and the field's length in tokens."""

    terms: str
    counts: bytes
    length: int

    def items(self) -> list[tuple[str, int]]:
        if not self.terms:
            return []
        return list(zip(self.terms.split("\n"), array("H", self.counts)))


@dataclass(frozen=True)
class SearchDocument:
    url: str        # site-relative URL path of the report page, e.g. "reports/2022/baodexian/"
    title: str
    unit: str
    region: tuple[str, ...]   # top-down, may be empty
    year: int
    level: str      # 乡镇/街道/县级/市级/省级/部门
    fields: tuple[FieldTokens, ...]   # in FIELDS order
    fragment: bytes  # gzipped JSON: title, unit, region, year, level, url and the text
    digest: str      # of everything above: equal digests, equal index entries

    @property
    def place(self) -> str:
        return "/".join((*self.region, self.unit))

    def fragment_data(self) -> dict:
        return json.loads(gzip.decompress(self.fragment))


def search_document(report: Report) -> SearchDocument:
    url = report_url(report)
    fragment = to_json({
        "title": report.title, "unit": report.unit, "region": list(report.region),
        "year": report.year, "level": report.level, "url": url, "text": report.body_text,
    })
    # The unit field also holds the region, so a search for 东莞 finds the reports of units in 东莞市.
    unit = " ".join((report.unit, *report.region))
    return SearchDocument(
        url=url, title=report.title, unit=report.unit, region=report.region, year=report.year,
        level=report.level, fields=tuple(field_tokens(text) for text in (report.title, unit, report.body_text)),
        fragment=gzip.compress(fragment, 9, mtime=0), digest=hashlib.sha256(fragment).hexdigest(),
    )


def search_documents(reports: list[Report]) -> list[SearchDocument]:
    return [search_document(report) for report in reports]


def field_tokens(text: str) -> FieldTokens:
    tokens = tokenize(text)
    counts = sorted(Counter(tokens).items())
    return FieldTokens(
        terms="\n".join(term for term, _ in counts),
        counts=array("H", [min(count, MAX_COUNT) for _, count in counts]).tobytes(),
        length=len(tokens),
    )


def to_json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
