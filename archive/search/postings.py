"""One partition's postings, as the shard files static/search-core.js reads.

A partition's terms are spread over buckets by a hash of the term (FNV-1a over its UTF-16 code units, which search-core.js computes the
same way), and runs of consecutive buckets are packed into shard files that
fill whole file-system blocks (archive/search/packing.py); the partition's
`buckets.gz` holds the bucket count and how many buckets each shard holds. So the browser fetches,
per partition, that small list and the one shard holding a query's term, and
needs no table of terms. Each shard, gzipped, is a run of terms, each as:

    varint byte length, the term in UTF-8,
    then for each field (FIELDS order): varint n, n varint gaps between the
    partition's document numbers holding the term (the first counts from
    -1), n bytes of weight.

A weight is BM25's term-frequency part, lunr.Builder's formula without the
idf and the field boost: (k1 + 1)·tf / (k1·(1 − b + b·len / avg) + tf), with
the field's average length in this partition, stored in one byte on a log
scale: code c stands for WEIGHT_FLOOR · WEIGHT_STEP^c, within 5% of the
weight. Exact weights would take two thirds of the shards' bytes (as Lucene
does with its one-byte length norms, precision that does not change a
ranking is not kept). The idf is
not stored: it depends on the whole archive, which a partition must not, or
every new report would rewrite every partition. The browser computes it from
the document frequencies it sums over all partitions' postings of the term
(see static/search-core.js).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from archive.search.documents import FIELDS, FieldTokens, unpack
from archive.search.packing import pack_runs

K1 = 1.2
B = 0.75
WEIGHT_FLOOR = 0.01
WEIGHT_STEP = 1.1
# Bytes per bucket, before gzip: a few hundred, so that runs of buckets fill
# a shard file's blocks closely; never more buckets than terms.
BUCKET_BYTES = 256


def shard_files(documents: Sequence[Sequence[FieldTokens]]) -> tuple[list[bytes], list[int]]:
    """One partition's gzipped shard files, and its bucket count followed by how many buckets each shard holds."""
    fields = [[fields[number] for fields in documents] for number in range(len(FIELDS))]
    vocabulary = Vocabulary.of(fields)
    records = term_records(vocabulary, [FieldPostings.of(field, vocabulary) for field in fields])
    lengths = records.lengths()
    buckets = max(1, min(len(vocabulary.terms), int(lengths.sum()) // BUCKET_BYTES))
    bucket_of_term = buckets_of(vocabulary.terms, buckets)
    order = np.argsort(bucket_of_term, kind="stable")  # terms stay in UTF-16 order within a bucket
    shards, runs = pack_runs(records.gathered(order), np.bincount(bucket_of_term, lengths, buckets).astype(np.int64))
    return shards, [buckets, *runs]


def buckets_of(terms: list[str], count: int) -> np.ndarray:
    """Each term's bucket: FNV-1a over its UTF-16 code units modulo the count, for all terms at once."""
    encoded = [term.encode("utf-16-le") for term in terms]
    units = np.frombuffer(b"".join(encoded), np.uint16).astype(np.uint32)
    lengths = np.array([len(e) // 2 for e in encoded], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    hashed = np.full(len(terms), 0x811C9DC5, dtype=np.uint32)
    for position in range(int(lengths.max(initial=0))):
        longer = lengths > position
        hashed[longer] = (hashed[longer] ^ units[offsets[longer] + position]) * np.uint32(0x01000193)
    return (hashed % count).astype(np.int64)


@dataclass(frozen=True)
class Segments:
    """Each term's record as a row of byte ranges [start, start + length) of `pool`."""

    pool: np.ndarray
    starts: np.ndarray    # (terms, ranges)
    sizes: np.ndarray     # (terms, ranges)

    def lengths(self) -> np.ndarray:
        return self.sizes.sum(axis=1)

    def gathered(self, order: np.ndarray) -> bytes:
        """The records of the terms in `order`, concatenated."""
        starts, sizes = self.starts[order].ravel(), self.sizes[order].ravel()
        ends = np.cumsum(sizes)
        positions = np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(starts - (ends - sizes), sizes)
        return self.pool[positions].tobytes()


def term_records(vocabulary: Vocabulary, postings: list[FieldPostings]) -> Segments:
    """Per term: its UTF-8 length and bytes, then per field the count, gaps and weights."""
    encoded = [term.encode() for term in vocabulary.terms]
    heads, head_starts = varints(np.array([len(e) for e in encoded], dtype=np.int64))
    utf8 = b"".join(encoded)
    utf8_starts = np.concatenate([[0], np.cumsum([len(e) for e in encoded])]).astype(np.int64)
    pieces, starts, sizes, base = [], [], [], 0

    def add(data: bytes, begin: np.ndarray, end: np.ndarray) -> None:
        nonlocal base
        pieces.append(np.frombuffer(data, np.uint8))
        starts.append(begin + base)
        sizes.append(end - begin)
        base += len(data)

    add(heads, head_starts[:-1], head_starts[1:])
    add(utf8, utf8_starts[:-1], utf8_starts[1:])
    for field in postings:
        counts, count_starts = varints(np.diff(field.starts))
        add(counts, count_starts[:-1], count_starts[1:])
        add(field.gaps, field.gap_starts[field.starts[:-1]], field.gap_starts[field.starts[1:]])
        add(field.weights, field.starts[:-1], field.starts[1:])
    return Segments(np.concatenate(pieces), np.stack(starts, axis=1), np.stack(sizes, axis=1))


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
        weights = weight_codes((K1 + 1) * counts / (norms + counts))  # the expression of lunr.Builder
        order = np.argsort(term_ids, kind="stable")  # documents stay ascending within a term
        term_ids, numbers = term_ids[order], numbers[order]
        starts = np.searchsorted(term_ids, np.arange(len(vocabulary.terms) + 1))
        gaps = np.diff(numbers, prepend=-1)
        firsts = starts[:-1][starts[:-1] < starts[1:]]
        gaps[firsts] = numbers[firsts] + 1
        encoded, gap_starts = varints(gaps)
        return FieldPostings(starts, encoded, gap_starts, weights[order].astype(np.uint8).tobytes())


def weight_codes(weights: np.ndarray) -> np.ndarray:
    """Each weight's byte: the nearest power of WEIGHT_STEP, as a multiple of WEIGHT_FLOOR."""
    return np.clip(np.rint(np.log(weights / WEIGHT_FLOOR) / np.log(WEIGHT_STEP)), 0, 255)


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
    starts = np.zeros(len(numbers) + 1, dtype=np.int64)
    np.cumsum(sizes, out=starts[1:])
    out = np.zeros(int(starts[-1]), dtype=np.uint8)
    out[starts[:-1]] = numbers & 0x7F | np.where(sizes > 1, 0x80, 0)  # nearly all numbers take one byte
    longer = np.flatnonzero(sizes > 1)
    for byte in range(1, int(sizes.max(initial=1))):
        more = np.where(sizes[longer] > byte + 1, 0x80, 0)
        out[starts[longer] + byte] = (numbers[longer] >> (7 * byte)) & 0x7F | more
        longer = longer[sizes[longer] > byte + 1]
    return out.tobytes(), starts


def utf16_order(term: str) -> bytes:
    """lunr.js compares strings by UTF-16 code unit, so 𠀀 (D840 DC00) sorts before ﬀ (FB00)."""
    return term.encode("utf-16-be")

