"""A partition's postings as one sorted array of numbers, so that grouping them by term, field and
report costs one numpy sort of integers instead of Python objects per term.

Each posting (a term in one field of one report, with its weight code) is the int64

    term << (FIELD_BITS + document bits + 8) | field << (document bits + 8) | document << 8 | weight code

where a term of one or two code points is its packed number (archive/search/documents.py), and a
longer word is numbered after every packed term, the words in UTF-16 order. Sorted, the postings
come grouped by term, then by field, with the documents ascending: the order of the shard format
(archive/search/postings.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from archive.search.documents import FIELDS, FieldTokens

K1 = 1.2
B = 0.75
WEIGHT_FLOOR = 0.01
WEIGHT_STEP = 1.1
FIELD_BITS = max(1, (len(FIELDS) - 1).bit_length())
CODE_BITS = 8
TABLED_COUNTS = 32


@dataclass(frozen=True)
class Entries:
    keys: np.ndarray        # int64, ascending
    document_bits: int
    words: list[str]        # the terms longer than two code points, in UTF-16 order
    word_base: int          # the term number of words[0]; packed terms are below it

    @staticmethod
    def of(documents: Sequence[Sequence[FieldTokens]]) -> Entries:
        segments = [field for fields in documents for field in fields]  # report by report, FIELDS order
        packed = np.frombuffer(b"".join(f.packed for f in segments), np.int64)  # below 2^63: no sign
        word_base = int(packed.max(initial=0)) + 1
        words, word_terms, word_sizes = word_entries(segments, word_base)
        document_bits = max(1, (len(documents) - 1).bit_length())
        shift = FIELD_BITS + document_bits + CODE_BITS
        if (word_base + len(words)).bit_length() + shift > 63:
            raise ValueError(f"a partition of {len(documents)} reports is too large to index")
        keys = np.concatenate([packed, word_terms])
        sizes = np.concatenate([[len(f.packed) >> 3 for f in segments], word_sizes]).astype(np.int64)
        segment_of = np.repeat(np.tile(np.arange(len(segments), dtype=np.int32), 2), sizes)
        numbers = np.arange(len(segments), dtype=np.int64)
        places = (numbers % len(FIELDS)) << (document_bits + CODE_BITS) | (numbers // len(FIELDS)) << CODE_BITS
        tallies = np.frombuffer(b"".join([*(f.packed_counts for f in segments), *(f.word_counts for f in segments)]),
                                np.uint16)
        keys <<= shift
        keys |= places[segment_of]
        keys |= weight_codes(segment_norms(segments, len(FIELDS)), segment_of, tallies)
        keys.sort()
        return Entries(keys, document_bits, words, word_base)

    def codes(self) -> np.ndarray:
        return self.keys.astype(np.uint8)

    def documents(self) -> np.ndarray:
        return (self.keys >> CODE_BITS) & ((1 << self.document_bits) - 1)

    def term_fields(self) -> np.ndarray:
        """term << FIELD_BITS | field, for each posting."""
        return self.keys >> (CODE_BITS + self.document_bits)


def word_entries(segments: Sequence[FieldTokens], base: int) -> tuple[list[str], np.ndarray, list[int]]:
    """The distinct long words in UTF-16 order, each posting's word number, and how many each segment has."""
    split = [f.words.split("\n") if f.words else [] for f in segments]
    words = sorted({word for found in split for word in found}, key=utf16_order)
    number = {word: base + position for position, word in enumerate(words)}
    terms = np.array([number[word] for found in split for word in found], dtype=np.int64)
    return words, terms, [len(found) for found in split]


def segment_norms(segments: Sequence[FieldTokens], fields: int) -> np.ndarray:
    """BM25's length norm of each segment (a report's field), against the field's average length in
    the partition; computed as lunr.Builder computes it."""
    lengths = np.array([f.length for f in segments], dtype=np.float64).reshape(-1, fields)
    averages = np.array([lengths[:, n].sum() / len(lengths) or 1.0 for n in range(fields)])
    return (K1 * (1 - B + B * lengths / averages)).ravel()


def weight_codes(norms: np.ndarray, segment_of: np.ndarray, tallies: np.ndarray) -> np.ndarray:
    """Each posting's weight byte, from its segment's norm and its count, by table for the counts
    nearly all postings have (a logarithm per posting would cost more than sorting them)."""
    tabled = np.minimum(tallies, TABLED_COUNTS - 1).astype(np.int32)
    table = weight_code(norms[:, None], np.arange(TABLED_COUNTS, dtype=np.float64)).astype(np.uint8)
    codes = table.ravel()[segment_of * TABLED_COUNTS + tabled]
    above = np.flatnonzero(tallies >= TABLED_COUNTS - 1)
    codes[above] = weight_code(norms[segment_of[above]], tallies[above].astype(np.float64))
    return codes


def weight_code(norms: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """lunr.Builder's expression without idf and boost, stored as the nearest power of WEIGHT_STEP,
    as a multiple of WEIGHT_FLOOR."""
    with np.errstate(divide="ignore"):  # a count of 0, in the table only
        weights = (K1 + 1) * counts / (norms + counts)
        return np.clip(np.rint(np.log(weights / WEIGHT_FLOOR) / np.log(WEIGHT_STEP)), 0, 255)


def utf16_order(term: str) -> bytes:
    """lunr.js compares strings by UTF-16 code unit, so 𠀀 (D840 DC00) sorts before ﬀ (FB00)."""
    return term.encode("utf-16-be")
