"""Writes lunr.js 2.3.9 indexes from pre-tokenized fields, either whole or as
chunks that each hold a range of terms.

The weights are lunr.Builder's (BM25, k1=1.2, b=0.75, rounded to 3 places as
lunr.py rounds them); tests/test_search_index.py holds them to lunr.py's.
lunr.py itself is not used here: it is 5× slower (56 s against 11 s for the
whole index of 1,000 synthetic reports), and it sorts terms by code point
where lunr.js's TokenSet.Builder requires UTF-16 order.

A chunk is the whole index cut down to a range of terms: their postings,
and their elements of the field vectors. lunr.js 2.3.9 scores a field as
query·vector / |query| (Vector.similarity divides by the magnitude of the
query vector, not of the field's), so a query of n terms, each required in
all fields with boost 1, scores a document in the whole index as the
sum over the chunks holding its terms of sqrt(n_chunk / n) × the chunk's
score, where n_chunk is the number of those terms in the chunk. A chunk may
further be cut by range of documents: each document's entries are then in
exactly one of its pieces.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

LUNR_VERSION = "2.3.9"
K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class IndexedDocument:
    ref: str
    fields: tuple[Sequence[str], ...]  # the tokens of each field, in TermIndex.fields order


@dataclass(frozen=True)
class Posting:
    """Where one term occurs: field refs, ascending, and the term's weight in each."""

    field_refs: list[int]
    weights: list[float]


@dataclass(frozen=True)
class TermIndex:
    """What lunr.Builder computes for a set of documents. Field refs are
    numbered document × field count + field, in input order."""

    fields: tuple[str, ...]
    refs: tuple[str, ...]
    postings: dict[str, Posting]

    def terms(self) -> list[str]:
        return sorted(self.postings, key=utf16_order)

    @cached_property
    def field_ref_names(self) -> list[str]:
        return [f"{field}/{ref}" for ref in self.refs for field in self.fields]


def utf16_order(term: str) -> bytes:
    """lunr.js compares strings by UTF-16 code unit, so 𠀀 (D840 DC00) sorts before ﬀ (FB00)."""
    return term.encode("utf-16-be")


def build_term_index(fields: dict[str, float], documents: Sequence[IndexedDocument]) -> TermIndex:
    """Fields map to their boosts, as lunr.Builder.field's boost option."""
    frequencies = [Counter(tokens) for document in documents for tokens in document.fields]
    document_frequency: Counter[str] = Counter()
    for counts in frequencies:
        document_frequency.update(counts.keys())
    idf = {term: _idf(count, len(documents)) for term, count in document_frequency.items()}
    lengths = [sum(counts.values()) for counts in frequencies]
    averages = _average_lengths(lengths, len(fields))
    postings = {term: Posting([], []) for term in idf}
    boosts = list(fields.values())
    for number, (counts, length) in enumerate(zip(frequencies, lengths)):
        field = number % len(fields)
        norm = K1 * (1 - B + B * (length / averages[field] if length else 0.0))
        _add_weights(postings, number, counts, norm, idf, boosts[field])
    return TermIndex(tuple(fields), tuple(d.ref for d in documents), postings)


def _idf(field_refs_with_term: int, document_count: int) -> float:
    # lunr.idf counts a document once for every field holding the term.
    x = (document_count - field_refs_with_term + 0.5) / (field_refs_with_term + 0.5)
    return math.log(1 + abs(x))


def _average_lengths(lengths: list[int], field_count: int) -> list[float]:
    documents = len(lengths) // field_count
    return [sum(lengths[field::field_count]) / documents for field in range(field_count)]


def _add_weights(
    postings: dict[str, Posting], field_ref: int, counts: Counter[str], norm: float, idf: dict[str, float],
    boost: float,
) -> None:
    for term, tf in counts.items():
        # The same expression, in the same order, as lunr.Builder, so the floats round alike.
        weight = round(idf[term] * ((K1 + 1) * tf) / (norm + tf) * boost, 3)
        posting = postings[term]
        posting.field_refs.append(field_ref)
        posting.weights.append(weight)


def serialize(index: TermIndex, terms: Sequence[str], documents: range | None = None) -> bytes:
    """A lunr.Index.load-able JSON index of `terms` (UTF-16 sorted), with the
    postings of `documents` only (all by default); all terms → the whole index."""
    entries = [_entries(index, term, documents) for term in terms]
    head = {"version": LUNR_VERSION, "fields": list(index.fields)}
    parts = [
        json.dumps(head, separators=(",", ":"))[:-1],
        ',"fieldVectors":[', _field_vectors(index, entries),
        '],"invertedIndex":[', ",".join(_posting(index, term, n, entries[n][0]) for n, term in enumerate(terms)),
        '],"pipeline":[]}',
    ]
    return "".join(parts).encode()


def _entries(index: TermIndex, term: str, documents: range | None) -> tuple[list[int], list[float]]:
    """The field refs holding a term, and its weights there, within `documents`."""
    posting = index.postings[term]
    if documents is None:
        return posting.field_refs, posting.weights
    start = bisect_left(posting.field_refs, documents.start * len(index.fields))
    stop = bisect_left(posting.field_refs, documents.stop * len(index.fields))
    return posting.field_refs[start:stop], posting.weights[start:stop]


def _posting(index: TermIndex, term: str, number: int, field_refs: list[int]) -> str:
    field_count = len(index.fields)
    by_field: list[list[str]] = [[] for _ in index.fields]
    for field_ref in field_refs:
        by_field[field_ref % field_count].append(index.refs[field_ref // field_count])
    fields = "".join(
        f',"{name}":{{' + ",".join(f'"{ref}":{{}}' for ref in refs) + "}"
        for name, refs in zip(index.fields, by_field)
    )
    return f'[{json.dumps(term, ensure_ascii=False)},{{"_index":{number}{fields}}}]'


def _field_vectors(index: TermIndex, entries: list[tuple[list[int], list[float]]]) -> str:
    elements: dict[int, list[str]] = {}
    for number, (field_refs, weights) in enumerate(entries):
        for field_ref, weight in zip(field_refs, weights):
            # A zero weight adds nothing to a score; the field ref must still have a vector.
            element = [f"{number},{weight:g}"] if weight else []
            if field_ref in elements:
                elements[field_ref] += element
            else:
                elements[field_ref] = element
    names = index.field_ref_names
    return ",".join([f'["{names[field_ref]}",[{",".join(elements[field_ref])}]]' for field_ref in sorted(elements)])
