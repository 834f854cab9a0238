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
from collections import defaultdict
from operator import sub
from collections.abc import Sequence

from archive.search.documents import FIELDS, FieldTokens

K1 = 1.2
B = 0.75
WEIGHT_SCALE = 100
# Postings per shard file: about 1 kB gzipped. Fewer, larger files cost more
# bytes per query (a query term's file holds other terms too); more, smaller
# ones cost more files on disk.
POSTINGS_PER_SHARD = 1024


def shard_count(documents: Sequence[Sequence[FieldTokens]]) -> int:
    postings = sum(len(field.terms.split("\n")) for fields in documents for field in fields if field.terms)
    return max(1, postings // POSTINGS_PER_SHARD)


def shard_of(term: str, count: int) -> int:
    hashed = 0x811C9DC5
    for unit in array("H", term.encode("utf-16-le")):
        hashed = ((hashed ^ unit) * 0x01000193) & 0xFFFFFFFF
    return hashed % count


def shard_files(documents: Sequence[Sequence[FieldTokens]], count: int) -> list[bytes]:
    """The gzipped shard files, by shard number, of one partition's documents."""
    postings = [field_postings([fields[number] for fields in documents]) for number in range(len(FIELDS))]
    shards: list[list[str]] = [[] for _ in range(count)]
    for term in sorted(set().union(*postings), key=utf16_order):
        shards[shard_of(term, count)].append(term)
    return [gzip.compress(encode_shard(terms, postings), 9, mtime=0) for terms in shards]


# term → its entries in one field: document number << 8 | weight, ascending
Postings = dict[str, list[int]]


def field_postings(fields: Sequence[FieldTokens]) -> Postings:
    """One field's postings over the partition's documents, numbered in order."""
    postings: Postings = defaultdict(list)
    average = sum(field.length for field in fields) / len(fields)
    for number, field in enumerate(fields):
        if not field.terms:
            continue
        counts = array("H", field.counts)
        table = [number << 8 | weight for weight in weight_table(field.length / average, max(counts))]
        for term, entry in zip(field.terms.split("\n"), map(table.__getitem__, counts)):
            postings[term].append(entry)
    return postings


def weight_table(relative_length: float, highest_count: int) -> list[int]:
    """The weight of each term count from 0 to highest_count, in a field of
    relative_length times the average length."""
    norm = K1 * (1 - B + B * relative_length)
    return [0] + [max(1, round(WEIGHT_SCALE * (K1 + 1) * count / (norm + count))) for count in range(1, highest_count + 1)]


def encode_shard(terms: list[str], postings: list[Postings]) -> bytes:
    out = bytearray()
    for term in terms:
        encoded = term.encode()
        out += varint(len(encoded)) + encoded
        for field in postings:
            entries = field.get(term, ())
            numbers = [entry >> 8 for entry in entries]
            gaps = list(map(sub, numbers, [-1, *numbers]))
            out += varint(len(numbers))
            out += bytes(gaps) if not gaps or max(gaps) < 0x80 else b"".join(map(varint, gaps))
            out += bytes([entry & 0xFF for entry in entries])
    return bytes(out)


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
