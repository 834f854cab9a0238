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

from dataclasses import dataclass

import numpy as np

from archive.search.documents import FIELDS
from archive.search.entries import FIELD_BITS, WORD_BASE, Entries
from archive.search.packing import pack_runs
from archive.search.terms import Terms

# Bytes per bucket, before gzip: a few hundred, so that runs of buckets fill
# a shard file's blocks closely; never more buckets than terms.
BUCKET_BYTES = 256


def shard_files(entries: Entries) -> tuple[list[bytes], list[int]]:
    """One partition's gzipped shard files, and its bucket count followed by how many buckets each shard holds."""
    records = term_records(entries)
    lengths = records.lengths()
    buckets = max(1, min(len(lengths), int(lengths.sum()) // BUCKET_BYTES))
    bucket_of_term = records.terms.buckets(buckets)
    order = np.argsort(bucket_of_term * len(lengths) + records.terms.lunr_order)  # lunr's order within a bucket
    shards, runs = pack_runs(records.gathered(order), np.bincount(bucket_of_term, lengths, buckets).astype(np.int64))
    return shards, [buckets, *runs]


@dataclass(frozen=True)
class Records:
    """Each term's record as a row of byte ranges [start, start + length) of `pool`."""

    terms: Terms
    pool: np.ndarray
    starts: np.ndarray    # (terms, ranges)
    sizes: np.ndarray     # (terms, ranges)

    def lengths(self) -> np.ndarray:
        return self.sizes.sum(axis=1)

    def gathered(self, order: np.ndarray) -> bytes:
        """The records of the terms in `order`, concatenated."""
        index = np.int32 if len(self.pool) < 2**31 else np.int64  # half the memory to go through
        starts, sizes = self.starts[order].ravel().astype(index), self.sizes[order].ravel().astype(index)
        ends = np.cumsum(sizes)
        positions = np.repeat(starts - (ends - sizes), sizes)
        positions += np.arange(len(positions), dtype=index)
        return self.pool[positions].tobytes()


def term_records(entries: Entries) -> Records:
    """Per term: its UTF-8 length and bytes, then per field the count, gaps and weights."""
    term_fields = entries.term_fields()
    group_starts = np.flatnonzero(np.concatenate([[True], term_fields[1:] != term_fields[:-1]]))  # one term in one field
    group_sizes = np.diff(group_starts, append=len(term_fields))
    group_terms, group_fields = term_fields[group_starts] >> FIELD_BITS, term_fields[group_starts] & ((1 << FIELD_BITS) - 1)
    new_term = np.diff(group_terms, prepend=-1) != 0
    term_of_group = np.cumsum(new_term) - 1
    terms = Terms.of(group_terms[new_term], entries.words, WORD_BASE)
    counts = np.zeros((int(new_term.sum()), len(FIELDS)), dtype=np.int64)
    firsts = np.zeros_like(counts)
    counts[term_of_group, group_fields] = group_sizes
    firsts[term_of_group, group_fields] = group_starts
    documents = entries.documents()
    gaps, gap_starts = varints(gap_numbers(documents, group_starts))
    heads, head_starts = varints(terms.utf8_lengths)
    tallies, tally_starts = varints(counts.ravel())
    parts = [heads, terms.utf8, tallies, gaps, entries.codes(documents, term_fields)]
    bases = np.cumsum([0, *map(len, parts[:-1])])
    utf8_starts = np.concatenate([[0], np.cumsum(terms.utf8_lengths)])
    columns = [(bases[0] + head_starts[:-1], np.diff(head_starts)), (bases[1] + utf8_starts[:-1], terms.utf8_lengths)]
    for field in range(len(FIELDS)):
        tally = tally_starts[field:-1:len(FIELDS)]
        first, count = firsts[:, field], counts[:, field]
        columns += [(bases[2] + tally, tally_starts[field + 1::len(FIELDS)] - tally),
                    (bases[3] + gap_starts[first], gap_starts[first + count] - gap_starts[first]),
                    (bases[4] + first, count)]
    pool = np.concatenate([np.frombuffer(part, np.uint8) if isinstance(part, bytes) else part for part in parts])
    return Records(terms, pool, np.stack([c[0] for c in columns], axis=1), np.stack([c[1] for c in columns], axis=1))


def gap_numbers(documents: np.ndarray, group_starts: np.ndarray) -> np.ndarray:
    """Each posting's gap from the previous document of its group; a group's first counts from -1."""
    gaps = np.empty_like(documents)
    np.subtract(documents[1:], documents[:-1], out=gaps[1:])
    gaps[group_starts] = documents[group_starts] + 1  # group_starts holds 0
    return gaps


def varints(numbers: np.ndarray) -> tuple[bytes, np.ndarray]:
    """LEB128 of each number, concatenated, and where each one starts (with the end last)."""
    longer = np.flatnonzero(numbers >= 0x80)  # nearly all numbers take one byte
    sizes = np.ones(len(numbers), dtype=np.int8)
    highest = int(numbers.max(initial=0))
    for bits in range(7, highest.bit_length(), 7):
        sizes[longer] += numbers[longer] >= (1 << bits)
    starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])
    out = np.empty(int(starts[-1]), dtype=np.uint8)
    out[starts[:-1]] = numbers.astype(np.uint8) & 0x7F
    out[starts[longer]] |= 0x80
    for byte in range(1, int(sizes.max(initial=1))):
        more = np.where(sizes[longer] > byte + 1, 0x80, 0)
        out[starts[longer] + byte] = (numbers[longer] >> (7 * byte)) & 0x7F | more
        longer = longer[sizes[longer] > byte + 1]
    return out.tobytes(), starts
