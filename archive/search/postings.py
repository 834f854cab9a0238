"""One partition's postings, as the shard files static/search-core.js reads.

A partition's terms are spread over `shard_count` files by a hash of the term
(FNV-1a over its UTF-16 code units, which search-core.js computes the same
way), so the browser fetches, per partition, only the file holding a query's
term, and needs no table of terms to find it. Each file, gzipped, is a run of
terms in UTF-16 order (the order lunr.js requires), each as:

    varint byte length, the term in UTF-8,
    then for each field (FIELDS order): varint n, n varint gaps between the
    partition's document numbers holding the term (the first counts from
    -1), n bytes of weight.

A weight is BM25's term-frequency part, lunr.Builder's formula without the
idf and the field boost, times 100, rounded: (k1 + 1)·tf / (k1·(1 − b + b·len
/ avg) + tf), with the field's average length in this partition. The idf is
not stored: it depends on the whole archive, which a partition must not, or
every new report would rewrite every partition. The browser computes it from
the document frequencies it sums over all partitions' postings of the term
(see static/search-core.js).
"""
from __future__ import annotations

import gzip
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from archive.search.documents import FIELDS, FieldTokens, unpack

K1 = 1.2
B = 0.75
WEIGHT_SCALE = 100
# Postings per shard file: about 1 kB gzipped. Fewer, larger files cost more
# bytes per query (a query term's file holds other terms too); more, smaller
# ones cost more files on disk.
POSTINGS_PER_SHARD = 1024


def shard_count(postings: int) -> int:
    """Shards for a partition of so many postings (SearchDocument.postings, summed)."""
    return max(1, postings // POSTINGS_PER_SHARD)


def shard_of(term: str, count: int) -> int:
    hashed = 0x811C9DC5
    for unit in array("H", term.encode("utf-16-le")):
        hashed = ((hashed ^ unit) * 0x01000193) & 0xFFFFFFFF
    return hashed % count


def shard_files(documents: Sequence[Sequence[FieldTokens]], count: int) -> list[bytes]:
    """The gzipped shard files, by shard number, of one partition's documents."""
    fields = [[fields[number] for fields in documents] for number in range(len(FIELDS))]
    vocabulary = Vocabulary.of(fields)
    postings = [FieldPostings.of(field, vocabulary) for field in fields]
    shards: list[list[bytes]] = [[] for _ in range(count)]
    for number, term in enumerate(vocabulary.terms):
        encoded = term.encode()
        parts = [varint(len(encoded)), encoded]
        for field in postings:
            parts += field.encoded(number)
        shards[shard_of(term, count)].append(b"".join(parts))
    # Level 6: level 9 takes twice as long for a byte or two less per shard.
    return [gzip.compress(b"".join(terms), 6, mtime=0) for terms in shards]


@dataclass(frozen=True)
class Vocabulary:
    """A partition's terms in UTF-16 order; a term's number is its position."""

    terms: list[str]
    packed: np.ndarray       # the distinct packed terms, ascending
    packed_ids: np.ndarray   # the number of each of them
    word_ids: dict[str, int]

    @staticmethod
    def of(fields: list[list[FieldTokens]]) -> Vocabulary:
        packed = np.unique(np.concatenate([np.frombuffer(f.packed, np.uint64) for field in fields for f in field]))
        packed_terms = [unpack(number) for number in packed.tolist()]
        words = {word for field in fields for f in field if f.words for word in f.words.split("\n")}
        terms = sorted([*packed_terms, *words], key=utf16_order)
        ids = {term: number for number, term in enumerate(terms)}
        packed_ids = np.array([ids[term] for term in packed_terms], dtype=np.int64)
        return Vocabulary(terms, packed, packed_ids, {word: ids[word] for word in words})


@dataclass(frozen=True)
class FieldPostings:
    """One field's postings over a partition, grouped by term number: for
    the postings of term t, positions starts[t] to starts[t + 1]; their
    varint gaps are bytes gap_starts[p] to gap_starts[p + 1] of `gaps`."""

    starts: np.ndarray
    gaps: bytes
    gap_starts: np.ndarray
    weights: bytes

    @staticmethod
    def of(fields: Sequence[FieldTokens], vocabulary: Vocabulary) -> FieldPostings:
        term_ids, numbers, counts = field_entries(fields, vocabulary)
        lengths = np.array([field.length for field in fields], dtype=np.float64)
        average = lengths.sum() / len(fields) or 1.0
        norms = (K1 * (1 - B + B * lengths / average))[numbers]
        # The expression of lunr.Builder; rint rounds half to even, as Python's round.
        weights = np.maximum(1, np.rint(WEIGHT_SCALE * (K1 + 1) * counts / (norms + counts)))
        order = np.argsort(term_ids, kind="stable")  # documents stay ascending within a term
        term_ids, numbers = term_ids[order], numbers[order]
        starts = np.searchsorted(term_ids, np.arange(len(vocabulary.terms) + 1))
        gaps = np.diff(numbers, prepend=-1)
        firsts = starts[:-1][starts[:-1] < starts[1:]]
        gaps[firsts] = numbers[firsts] + 1
        encoded, gap_starts = varints(gaps)
        return FieldPostings(starts, encoded, gap_starts, weights[order].astype(np.uint8).tobytes())

    def encoded(self, term: int) -> list[bytes]:
        start, stop = self.starts[term], self.starts[term + 1]
        return [varint(int(stop - start)), self.gaps[self.gap_starts[start]:self.gap_starts[stop]],
                self.weights[start:stop]]


def field_entries(fields: Sequence[FieldTokens], vocabulary: Vocabulary) -> tuple[np.ndarray, ...]:
    """Every (term number, document number, count) of one field, as three arrays."""
    packed = [np.frombuffer(field.packed, np.uint64) for field in fields]
    values = np.concatenate(packed)
    term_ids = [vocabulary.packed_ids[np.searchsorted(vocabulary.packed, values)]]
    numbers = [np.repeat(np.arange(len(fields)), [len(p) for p in packed])]
    counts = [np.concatenate([np.frombuffer(field.packed_counts, np.uint16) for field in fields])]
    for number, field in enumerate(fields):
        if field.words:
            words = field.words.split("\n")
            term_ids.append(np.array([vocabulary.word_ids[word] for word in words], dtype=np.int64))
            numbers.append(np.full(len(words), number))
            counts.append(np.frombuffer(field.word_counts, np.uint16))
    return (np.concatenate(term_ids).astype(np.int64), np.concatenate(numbers).astype(np.int64),
            np.concatenate(counts).astype(np.float64))


def varints(numbers: np.ndarray) -> tuple[bytes, np.ndarray]:
    """LEB128 of each number, concatenated, and where each one starts (with the end last)."""
    sizes = np.ones(len(numbers), dtype=np.int64)
    highest = int(numbers.max(initial=0))
    for bits in range(7, highest.bit_length(), 7):
        sizes += numbers >= (1 << bits)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    out = np.zeros(starts[-1], dtype=np.uint8)
    for byte in range(int(sizes.max(initial=1))):
        chosen = sizes > byte
        more = np.where(sizes[chosen] > byte + 1, 0x80, 0)
        out[starts[:-1][chosen] + byte] = (numbers[chosen] >> (7 * byte)) & 0x7F | more
    return out.tobytes(), starts


def utf16_order(term: str) -> bytes:
    """lunr.js compares strings by UTF-16 code unit, so 𠀀 (D840 DC00) sorts before ﬀ (FB00)."""
    return term.encode("utf-16-be")


def varint(number: int) -> bytes:
    """LEB128: seven bits a byte, low bits first, the high bit set on all but the last."""
    out = bytearray()
    while number >= 0x80:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    out.append(number)
    return bytes(out)
