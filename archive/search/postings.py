"""One partition's postings, as the shard files static/search-core.js reads.

A partition's terms are spread over buckets by a hash of the term (FNV-1a over its UTF-16 code units, which search-core.js computes the
same way), and runs of consecutive buckets are packed into shard files that
fill whole file-system blocks (archive/search/packing.py), each named by its
first bucket; the manifest holds the bucket count and how many buckets each
shard holds. So the browser knows the one shard holding a query's term per
partition, and needs no table of terms.

The bucket count and the packing's segments follow the partition's size in
steps of about 4% (SIZE_STEPS per doubling), so that a report added, edited
or removed leaves nearly every term in its bucket and nearly every shard
file as it was: only the segments holding a term whose postings changed are
packed again (see `touched_segments`).

Each shard, gzipped, is a run of terms, each as:

    varint byte length, the term in UTF-8,
    then for each field (FIELDS order): varint n, n varint gaps between the
    partition's document numbers holding the term (the first counts from
    -1), n bytes of weight.

A weight is BM25's term-frequency part, lunr.Builder's formula without the
idf and the field boost: (k1 + 1)·tf / (k1·(1 − b + b·len / avg) + tf), with
the field's average length in this partition rounded to a step of 1.1%
(entries.stepped_average: within 0.6%, so that one report changed leaves the
others' weights as they were), stored in one byte on a log
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

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from archive.search.documents import FIELDS
from archive.search.entries import FIELD_BITS, TALLY_BITS, WORD_BASE, Entries
from archive.search.packing import pack_segment
from archive.search.terms import Terms

# Bytes per bucket, before gzip: a few hundred, so that runs of buckets fill
# a shard file's blocks closely; never more buckets than terms.
BUCKET_BYTES = 256
# Bytes of postings, before gzip, in a segment (packing.py): about nine shard files.
SEGMENT_BYTES = 65536
BYTES_PER_POSTING = 2  # a gap and a weight, nearly always one byte each
SIZE_STEPS = 16


@dataclass(frozen=True)
class Layout:
    """How a partition's terms are spread over shard files: by bucket, in segments of buckets."""

    buckets: int
    segment: int  # buckets in a segment

    @staticmethod
    def of(entries: Entries) -> Layout:
        """From the partition's postings and terms counted in steps, so that it rarely changes."""
        postings = stepped(len(entries.keys))
        buckets = max(1, min(stepped(len(entries.terms)), postings * BYTES_PER_POSTING // BUCKET_BYTES))
        return Layout(buckets, max(1, round(buckets * SEGMENT_BYTES / max(1, postings * BYTES_PER_POSTING))))

    def segments(self) -> range:
        return range(-(-self.buckets // self.segment))


def stepped(count: int) -> int:
    """count rounded to the nearest of the numbers 2^(n / SIZE_STEPS)."""
    return round(2 ** (round(math.log2(count) * SIZE_STEPS) / SIZE_STEPS)) if count > 0 else 0


@dataclass(frozen=True)
class Shard:
    first: int    # its first bucket, which names its file
    buckets: int  # how many buckets it holds
    data: bytes   # gzipped


def shard_files(entries: Entries, layout: Layout, segments: Iterable[int] | None = None) -> list[Shard]:
    """The shard files of the given segments (all by default), in bucket order."""
    chosen = sorted(layout.segments() if segments is None else set(segments))
    if segments is not None:
        entries = entries.of_terms(np.isin(term_buckets(entries, layout) // layout.segment, chosen))
    data, ends = bucket_bytes(entries, layout) if len(entries.keys) else (b"", np.zeros(layout.buckets + 1, np.int64))
    shards = []
    for segment in chosen:
        first, stop = segment * layout.segment, min(layout.buckets, (segment + 1) * layout.segment)
        files, runs = pack_segment(data[ends[first]:ends[stop]], np.diff(ends[first:stop + 1]))
        firsts = first + np.concatenate([[0], np.cumsum(runs[:-1])]).astype(np.int64)
        shards += [Shard(int(f), run, file) for f, run, file in zip(firsts, runs, files)]
    return shards


def bucket_bytes(entries: Entries, layout: Layout) -> tuple[bytes, np.ndarray]:
    """The records of the buckets' terms, bucket after bucket, and where each bucket starts (with the end last)."""
    records = term_records(entries)
    lengths = records.lengths()
    bucket_of_term = records.terms.buckets(layout.buckets)
    order = np.argsort(bucket_of_term * len(lengths) + records.terms.lunr_order)  # lunr's order within a bucket
    ends = np.cumsum(np.bincount(bucket_of_term, lengths, layout.buckets).astype(np.int64))
    return records.gathered(order), np.concatenate([[0], ends])


def term_buckets(entries: Entries, layout: Layout) -> np.ndarray:
    """Each distinct term's bucket, in the order of entries.terms."""
    return Terms.of(entries.terms, entries.words, WORD_BASE).buckets(layout.buckets)


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


def touched_segments(old: Entries, new: Entries, numbers: np.ndarray, layout: Layout) -> set[int] | None:
    """The segments whose shards differ between the partition's old and new entries, when its
    reports were only replaced in place (numbers[n] is n, or -1 for a report replaced by the one
    new entries number n) and it keeps its layout and average field lengths; None otherwise, when
    every shard may differ."""
    replaced = np.flatnonzero(numbers < 0)
    in_place = len(old.lengths) == len(new.lengths) and np.array_equal(numbers[numbers >= 0], np.flatnonzero(numbers >= 0))
    if not in_place or Layout.of(old) != layout or not np.array_equal(old.averages(), new.averages()):
        return None
    position = {word: number for number, word in enumerate(new.words)}
    word_numbers = np.array([position[word] for word in old.words], dtype=np.int64)
    changed = unshared(posting_rows(old, replaced, word_numbers), posting_rows(new, replaced))
    terms = changed >> (new.document_bits + TALLY_BITS + FIELD_BITS)  # ascending, as `changed` is
    terms = terms[np.diff(terms, prepend=-1) != 0]  # distinct, without np.unique, which imports numpy.ma
    return set((Terms.of(terms, new.words, WORD_BASE).buckets(layout.buckets) // layout.segment).tolist())


def unshared(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The numbers in one of two arrays of distinct numbers but not in both (np.setxor1d imports
    numpy.ma, a tenth of a second)."""
    both = np.sort(np.concatenate([first, second]))
    repeated = both[1:] == both[:-1]
    alone = np.ones(len(both), dtype=bool)
    alone[1:] &= ~repeated
    alone[:-1] &= ~repeated
    return both[alone]


def posting_rows(entries: Entries, documents: np.ndarray, word_numbers: np.ndarray | None = None) -> np.ndarray:
    """The postings of these documents as term << FIELD_BITS | field, document and weight code in
    one number, with words renumbered by word_numbers."""
    chosen = entries.keys[np.isin(entries.documents(), documents)]
    only = Entries(chosen, entries.large, entries.lengths, entries.words)
    numbers = only.documents()
    term_fields = only.term_fields()
    if word_numbers is not None:
        words = term_fields >= WORD_BASE << FIELD_BITS
        term_fields[words] = (WORD_BASE + word_numbers[(term_fields[words] >> FIELD_BITS) - WORD_BASE]) << FIELD_BITS | (
            term_fields[words] & ((1 << FIELD_BITS) - 1))
    codes = only.codes(numbers, only.term_fields()).astype(np.int64)
    return term_fields << (entries.document_bits + TALLY_BITS) | numbers.astype(np.int64) << TALLY_BITS | codes
