"""The files behind the site's full-text search, all under search/index/,
every one gzipped (the search page inflates them with
DecompressionStream: templates/search.html), so the index is small on any host:

manifest.json.gz      fields and boosts, the characters the tokenizer folds
                      (foldKeys), the filter choices, and every
                      partition: its key (its folder) and version, newest and
                      oldest year, report count, the key and report count of
                      each fragment block, and its buckets (the bucket count,
                      then how many buckets each shard holds), so that a
                      query's shards are known from the manifest alone, one
                      round of requests sooner
p/KEY/B.gz            the shard of a partition's postings whose first bucket is B
                      (archive/search/postings.py)
p/KEY/buckets-VERSION.gz  the partition's buckets as varints, read back when the partition is reused
p/KEY/docs.gz         the partition's reports' years, levels and places, for filters
f/KEY/I.gz            report I of a fragment block: title, unit, region,
                      year, level, url and the text, to verify and excerpt

A report is known to the browser as (partition, number in it). Blocks
(archive/search/partitions.py) are named by their content, so their files
never change under a name. A partition's folder is named by its first
report (its slot), and keeps it when the partition changes, so that an edit
rewrites only the shard files whose bytes change; the browser fetches a
partition's files with its version (a hash of its reports) as the query
string, ?v=VERSION, so that a cached file of another version is never used.
A partition or block that the previous build wrote is reused whole through
the sink, without being recomputed, so a new report rewrites one partition's
changed shards, one block and the manifest. A partition made anew is
patched from the entries a previous build stored for its nearest partition
(archive/search/entrystore.py, in the build cache), so that only the reports
new to it are read, and only the segments of shards holding a term whose
postings changed are packed again: the files are the same as from scratch.
"""
from __future__ import annotations

import gzip
import os
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from typing import Protocol

import numpy as np

from archive.search.documents import BOOSTS, FIELDS, SearchDocument, to_json
from archive.search.facets import facet_choices, facet_values, partition_filters
from archive.search.partitions import FORMAT_VERSION, Partition, index_order, partitions
from archive.search.entries import WEIGHT_FLOOR, WEIGHT_STEP, Entries
from archive.search.entrystore import EntryStore, Stored
from archive.search.postings import Layout, Shard, shard_files, touched_segments, varints
from archive.search.traditional import traditional_to_simplified

INDEX_DIR = "search/index/"
MANIFEST = INDEX_DIR + "manifest.json.gz"
DOCS = "docs.gz"


class Sink(Protocol):
    def write(self, path: str, data: bytes) -> None: ...

    def reuse(self, path: str) -> bool: ...

    def read(self, path: str) -> bytes | None: ...


class MemorySink:
    """Files in a dict; `previous` plays the previous build's site."""

    def __init__(self, previous: dict[str, bytes] | None = None) -> None:
        self.previous = previous or {}
        self.files: dict[str, bytes] = {}

    def write(self, path: str, data: bytes) -> None:
        if path in self.files:
            raise ValueError(f"{path} written twice")
        self.files[path] = data

    def reuse(self, path: str) -> bool:
        found = {p: d for p, d in self.previous.items() if p == path or p.startswith(path + "/")}
        for found_path, data in found.items():
            self.write(found_path, data)
        return bool(found)

    def read(self, path: str) -> bytes | None:
        return self.previous.get(path)


def build_search_files(documents: Iterable[SearchDocument]) -> dict[str, bytes]:
    """Every file of the index from scratch, by path."""
    sink = MemorySink()
    write_search_index(sorted(documents, key=index_order), sink)
    return sink.files


def write_search_index(documents: Iterable[SearchDocument], sink: Sink, store: EntryStore | None = None,
                       workers: int | None = None) -> None:
    """Documents sorted by (year descending, url); one partition in memory at a time. `store` keeps
    each partition's entries for the next build, which patches those of a partition that changed.
    `workers`: processes encoding partitions (default: one per core)."""
    entries, facets = [], set()
    with PartitionWriter(sink, store, workers) as writer:
        for partition in partitions(documents):
            facets |= facet_values(partition.documents)
            for block in partition.blocks:
                write_block(block.key, block.documents, sink)
            entries.append(writer.add(partition))
    if store is not None:
        store.keep_only(entry["version"] for entry in entries)
    entries = [entry | {"buckets": writer.buckets[entry["key"]]} for entry in entries]
    sink.write(MANIFEST, gzipped(to_json(manifest(entries, facet_choices(facets)))))


def write_block(key: str, documents: tuple[SearchDocument, ...], sink: Sink) -> None:
    if not sink.reuse(f"{INDEX_DIR}f/{key}"):
        for number, document in enumerate(documents):
            sink.write(f"{INDEX_DIR}f/{key}/{number}.gz", document.fragment)


def manifest(entries: list[dict], facets: dict) -> dict:
    return {
        "version": FORMAT_VERSION,
        "fields": list(FIELDS),
        "boosts": list(BOOSTS),
        "weightFloor": WEIGHT_FLOOR,
        "weightStep": WEIGHT_STEP,
        "foldKeys": fold_keys(),
        "facets": facets,
        "partitions": entries,
    }


def fold_keys() -> list[int]:
    """The traditional characters the tokenizer folds, as the first code point and the gaps to the
    next (2.5 kB gzipped): the page fetches the table itself (assets/fold-table.js, 20 kB) only for
    a query or a fragment holding one of them."""
    keys = np.array(list(traditional_to_simplified()))
    return [int(keys[0]), *np.diff(keys).tolist()]


@dataclass(frozen=True)
class PartitionWork:
    """What a partition's files are made from: its reports' tokens, or its entries patched; and
    which of its segments need packing (all when None)."""

    key: str
    digests: tuple[str, ...]
    filters: dict
    fields: list | None = None
    entries: Entries | None = None
    segments: frozenset[int] | None = None
    layout: Layout | None = None  # known when patched


@dataclass(frozen=True)
class PartitionFiles:
    shards: list[Shard]
    buckets: int
    docs: bytes


def partition_files(work: PartitionWork, store: EntryStore | None) -> PartitionFiles:
    """A partition's shard files (of the segments asked for) and its filters; run in worker processes."""
    entries = work.entries if work.entries is not None else Entries.of(work.fields)
    if store is not None:
        store.save(work.key, work.digests, entries)
    layout = work.layout or Layout.of(entries)
    return PartitionFiles(shard_files(entries, layout, work.segments), layout.buckets, gzipped(to_json(work.filters)))


def partition_work(partition: Partition, nearest: Stored | None, previous: list[int] | None) -> PartitionWork:
    """Patched from the stored entries nearest to the partition, when there are any: only the
    reports new to them are read; and when its reports were only edited in place, only the
    segments of the terms whose postings changed are packed again (`previous`: the buckets of the
    stored version in the partition's folder, if it is there)."""
    documents = partition.documents
    digests = tuple(d.digest for d in documents)
    work = PartitionWork(partition.key, digests, partition_filters(documents))
    if nearest is None:
        return replace(work, fields=[d.fields for d in documents])
    kept = set(nearest.numbers.tolist())
    added = {number: d.fields for number, d in enumerate(documents) if number not in kept}
    entries = nearest.entries.patched(nearest.numbers, added)
    layout = Layout.of(entries)
    work = replace(work, entries=entries, layout=layout)
    if previous is None or previous[0] != layout.buckets:
        return work
    touched = touched_segments(nearest.entries, entries, nearest.numbers, layout)
    return work if touched is None else replace(work, segments=frozenset(touched))


class PartitionWriter:
    """Writes the partitions that the previous build does not have, on every
    core when there are several, keeping a few partitions in flight. A
    partition whose folder holds an earlier version of it keeps the shard
    files of the segments whose terms' postings did not change."""

    def __init__(self, sink: Sink, store: EntryStore | None, workers: int | None = None) -> None:
        self.sink = sink
        self.store = store
        self.workers = workers or os.cpu_count() or 1
        self.held: tuple[str, PartitionWork] | None = None  # a first partition, built here if it stays the only one
        self.pool: ProcessPoolExecutor | None = None
        self.in_flight: deque[tuple[str, PartitionWork, Future]] = deque()
        self.buckets: dict[str, list[int]] = {}  # partition slot → its buckets, for the manifest
        self.kept: dict[str, dict[int, int]] = {}  # partition folder → its shards kept: first bucket → buckets

    def __enter__(self) -> PartitionWriter:
        return self

    def add(self, partition: Partition) -> dict:
        """Schedules the partition's files unless reused; returns its manifest entry."""
        documents = partition.documents
        entry = {
            "key": partition.slot, "version": partition.key, "documents": len(documents),
            "years": [documents[0].year, documents[-1].year],
            "blocks": [[block.key, len(block.documents)] for block in partition.blocks],
        }
        folder = f"{INDEX_DIR}p/{partition.slot}"
        current = self.read_buckets(folder, partition.key)
        if current is not None and self.sink.reuse(folder):
            self.buckets[partition.slot] = current
            return entry
        nearest = self.store.nearest(tuple(d.digest for d in documents)) if self.store is not None else None
        previous = self.read_buckets(folder, nearest.key) if nearest is not None else None
        work = partition_work(partition, nearest, previous)
        if work.segments is not None:
            kept, missing = self.keep_shards(folder, work, previous[1:])
            self.kept[folder] = kept
            work = replace(work, segments=work.segments | missing)
        self.schedule(folder, work)
        return entry

    def read_buckets(self, folder: str, version: str) -> list[int] | None:
        data = self.sink.read(f"{folder}/{buckets_name(version)}")
        return None if data is None else read_varints(gzip.decompress(data))

    def keep_shards(self, folder: str, work: PartitionWork, runs: list[int]) -> tuple[dict[int, int], set[int]]:
        """Reuses the shard files of the segments not touched, as the previous version left them
        (`runs`: how many buckets each holds): returns them (first bucket → buckets), and the
        segments of any that is missing."""
        kept, missing = {}, set()
        for first, buckets in zip(np.cumsum([0, *runs[:-1]]).tolist(), runs):
            segment = first // work.layout.segment
            if segment in work.segments:
                continue
            if self.sink.reuse(f"{folder}/{first}.gz"):
                kept[first] = buckets
            else:
                missing.add(segment)
        return kept, missing

    def schedule(self, folder: str, work: PartitionWork) -> None:
        if self.held is None and self.pool is None:
            self.held = (folder, work)
            return
        if self.pool is None:
            # Fresh processes, not forks of this one and its documents; nor a fork server, which a
            # process forked from one that had started a fork server (the build's background) cannot use.
            self.pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))
            self.submit(*self.held)
            self.held = None
        self.submit(folder, work)

    def submit(self, folder: str, work: PartitionWork) -> None:
        while len(self.in_flight) >= 2 * self.workers:
            self.write_next()
        self.in_flight.append((folder, work, self.pool.submit(partition_files, work, self.store)))

    def write_next(self) -> None:
        folder, work, future = self.in_flight.popleft()
        self.write(folder, work, future.result())

    def write(self, folder: str, work: PartitionWork, files: PartitionFiles) -> None:
        kept = self.kept.pop(folder, {})
        runs = dict(kept)
        for shard in files.shards:
            if shard.first not in kept:  # a segment packed again for a file found missing keeps the others
                self.sink.write(f"{folder}/{shard.first}.gz", shard.data)
                runs[shard.first] = shard.buckets
        buckets = [files.buckets, *(runs[first] for first in sorted(runs))]
        self.sink.write(f"{folder}/{buckets_name(work.key)}", gzipped(varints(np.array(buckets))[0]))
        self.sink.write(f"{folder}/{DOCS}", files.docs)
        self.buckets[folder.rsplit("/", 1)[1]] = buckets

    def __exit__(self, error_type, *_) -> None:
        try:
            if error_type is None:
                if self.held is not None:
                    self.write(*self.held, partition_files(self.held[1], self.store))
                while self.in_flight:
                    self.write_next()
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)


def buckets_name(version: str) -> str:
    """A partition's buckets as varints (the bucket count, then how many buckets each shard holds),
    named by the partition's version: found, it tells that the folder holds that version."""
    return f"buckets-{version}.gz"


def read_varints(data: bytes) -> list[int]:
    numbers, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            numbers.append(value)
            value = shift = 0
    return numbers


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, 9, mtime=0)
