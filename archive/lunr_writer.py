"""Writes lunr.js 2.3.9 indexes from pre-tokenized fields, either whole or as
chunks that each hold a range of terms.

The weights are lunr.Builder's (BM25, k1=1.2, b=0.75, rounded to 3 places as
lunr.py rounds them); tests/test_search_index.py holds them to lunr.py's.
lunr.py itself is not used here: at 10,000 reports it is several times slower
and larger in memory, and it sorts terms by code point where lunr.js's
TokenSet.Builder requires UTF-16 order.

A chunk keeps, for every field ref it has terms of, only those terms' vector
entries, plus one element at an index no term uses (the chunk's term count)
standing for the rest of the full vector's magnitude (see _chunk_vector).
lunr.js scores a field as query·vector / |vector|, so a document's scores
from the chunks that hold a query's terms add up to its score in the whole
index, to within 0.1%.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

LUNR_VERSION = "2.3.9"
K1 = 1.2
B = 0.75
RESIDUAL = 1000


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
    squared_magnitudes: list[float]  # field ref → |vector|²

    def terms(self) -> list[str]:
        return sorted(self.postings, key=utf16_order)

    @cached_property
    def field_ref_names(self) -> list[str]:
        return [f"{field}/{ref}" for ref in self.refs for field in self.fields]


def utf16_order(term: str) -> bytes:
    """lunr.js compares strings by UTF-16 code unit, so 𠀀 (D840 DC00) sorts before ﬀ (FB00)."""
    return term.encode("utf-16-be")


def build_term_index(fields: Sequence[str], documents: Sequence[IndexedDocument]) -> TermIndex:
    frequencies = [Counter(tokens) for document in documents for tokens in document.fields]
    document_frequency: Counter[str] = Counter()
    for counts in frequencies:
        document_frequency.update(counts.keys())
    idf = {term: _idf(count, len(documents)) for term, count in document_frequency.items()}
    lengths = [sum(counts.values()) for counts in frequencies]
    averages = _average_lengths(lengths, len(fields))
    postings = {term: Posting([], []) for term in idf}
    squared_magnitudes = []
    for number, (counts, length) in enumerate(zip(frequencies, lengths)):
        norm = K1 * (1 - B + B * (length / averages[number % len(fields)] if length else 0.0))
        squared_magnitudes.append(_add_weights(postings, number, counts, norm, idf))
    return TermIndex(tuple(fields), tuple(d.ref for d in documents), postings, squared_magnitudes)


def _idf(field_refs_with_term: int, document_count: int) -> float:
    # lunr.idf counts a document once for every field holding the term.
    x = (document_count - field_refs_with_term + 0.5) / (field_refs_with_term + 0.5)
    return math.log(1 + abs(x))


def _average_lengths(lengths: list[int], field_count: int) -> list[float]:
    documents = len(lengths) // field_count
    return [sum(lengths[field::field_count]) / documents for field in range(field_count)]


def _add_weights(
    postings: dict[str, Posting], field_ref: int, counts: Counter[str], norm: float, idf: dict[str, float]
) -> float:
    """Adds one field ref's weights to the postings; returns its |vector|²."""
    squared = 0.0
    for term, tf in counts.items():
        # The same expression, in the same order, as lunr.Builder, so the floats round alike.
        weight = round(idf[term] * ((K1 + 1) * tf) / (norm + tf), 3)
        posting = postings[term]
        posting.field_refs.append(field_ref)
        posting.weights.append(weight)
        squared += weight * weight
    return squared


def serialize(index: TermIndex, terms: Sequence[str]) -> bytes:
    """A lunr.Index.load-able JSON index of `terms` (UTF-16 sorted); all terms → the whole index."""
    head = {"version": LUNR_VERSION, "fields": list(index.fields)}
    parts = [
        json.dumps(head, separators=(",", ":"))[:-1],
        ',"fieldVectors":[', _field_vectors(index, terms),
        '],"invertedIndex":[', ",".join(_posting(index, term, n) for n, term in enumerate(terms)),
        '],"pipeline":[]}',
    ]
    return "".join(parts).encode()


def _posting(index: TermIndex, term: str, number: int) -> str:
    field_count = len(index.fields)
    by_field: list[list[str]] = [[] for _ in index.fields]
    for field_ref in index.postings[term].field_refs:
        by_field[field_ref % field_count].append(index.refs[field_ref // field_count])
    fields = "".join(
        f',"{name}":{{' + ",".join(f'"{ref}":{{}}' for ref in refs) + "}"
        for name, refs in zip(index.fields, by_field)
    )
    return f'[{json.dumps(term, ensure_ascii=False)},{{"_index":{number}{fields}}}]'


def _field_vectors(index: TermIndex, terms: Sequence[str]) -> str:
    weights: dict[int, list] = {}
    for number, term in enumerate(terms):
        posting = index.postings[term]
        for field_ref, weight in zip(posting.field_refs, posting.weights):
            if field_ref in weights:
                weights[field_ref].append((number, weight))
            else:
                weights[field_ref] = [(number, weight)]
    residual = f",{len(terms)},{RESIDUAL}"
    names, squared = index.field_ref_names, index.squared_magnitudes
    return ",".join([
        f'["{names[field_ref]}",[{_chunk_vector(weights[field_ref], squared[field_ref], residual)}]]'
        for field_ref in sorted(weights)
    ])


def _chunk_vector(weights: list[tuple[int, float]], full_squared: float, residual: str) -> str:
    """The elements of one field ref's vector in a chunk, as JSON numbers.

    Zero weights add nothing to a dot product or a magnitude, so they are
    left out, and a vector with no weight left is empty (its score is 0).
    When the chunk lacks some of the vector's terms, the weights are scaled
    so that the missing part of the magnitude becomes the constant RESIDUAL:
    the score is unchanged, the residual compresses to nothing, and the
    scaled weights keep 3 significant digits.
    """
    rest = full_squared
    for _, weight in weights:
        rest -= weight * weight
    if rest < 1e-9:
        return ",".join([f"{number},{weight:g}" for number, weight in weights if weight])
    scale = RESIDUAL / math.sqrt(rest)
    elements = ",".join([f"{number},{weight * scale:.3g}" for number, weight in weights if weight])
    return elements + residual if elements else ""
