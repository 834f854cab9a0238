"""How the reports are cut into index partitions and fragment blocks, so that
adding or editing one report changes one partition and one block.

The reports come sorted by (year descending, url), so a partition holds a run
of years, and past years' partitions rarely change. The cuts are
content-defined, as in rsync or FastCDC: past a minimum size, a cut follows
every report whose URL hashes to a multiple of the spread, and a maximum
size bounds memory. A new report therefore moves no cut but, at most, the
one after it: cuts by position (every 1,000th report) would shift every
later partition. Each block, and each partition's version, is a hash of a
format version and its reports' digests, so a changed block gets a new name
and a changed partition a new version (the key its files are fetched with),
and a browser never pairs an old file with a new one. A partition's folder is
named by its first report's URL (its slot), so that an edited partition keeps
its folder and rewrites only the shard files that changed.

A partition holds about 1,200 reports, a trade between a query and a new
report. A query fetches one shard file per term from every partition (a
shard fills a 4 kB block: archive/search/packing.py). A report added or
removed renumbers the reports after it in its partition, and its own two
thousand or so terms fall in most of the partition's shards anyway (even
with stable numbers, two thirds of them at 2,300 reports a partition), so
it rewrites nearly every shard file of its partition. A partition's shard
files times the partitions a query reads is thus the index's shard files:
at 10,000 reports, partitions of 2,300 made an added report write 1,900
files and a query read 5 shards a term; partitions of 1,200 make it 1,050
files (3 MB, half the time to encode) and 9 shards a term (a cold 2–4
character query 129 kB rather than 108). Blocks are small because an added
report rewrites its whole block of fragments.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from archive.search.documents import SearchDocument

# Bump when the files' format or any weight computed at build time changes.
FORMAT_VERSION = "search-index-5"


@dataclass(frozen=True)
class Cuts:
    minimum: int
    spread: int   # the hash picks a cut, past the minimum, once in `spread` reports
    maximum: int


PARTITION_CUTS = Cuts(minimum=1024, spread=384, maximum=1408)
BLOCK_CUTS = Cuts(minimum=16, spread=64, maximum=256)


@dataclass(frozen=True)
class Block:
    documents: tuple[SearchDocument, ...]

    @cached_property
    def key(self) -> str:
        return content_key(d.digest for d in self.documents)


@dataclass(frozen=True)
class Partition:
    blocks: tuple[Block, ...]

    @cached_property
    def documents(self) -> tuple[SearchDocument, ...]:
        return tuple(d for block in self.blocks for d in block.documents)

    @cached_property
    def key(self) -> str:
        return content_key(d.digest for d in self.documents)

    @cached_property
    def slot(self) -> str:
        return content_key([self.documents[0].url])


def content_key(digests: Iterable[str]) -> str:
    hashed = hashlib.sha256(FORMAT_VERSION.encode())
    for digest in digests:
        hashed.update(digest.encode())
    return hashed.hexdigest()[:12]


def url_hash(url: str) -> int:
    return int.from_bytes(hashlib.sha256(url.encode()).digest()[:8], "big")


def partitions(documents: Iterable[SearchDocument]) -> Iterator[Partition]:
    """The partitions, in input order, holding at most one partition in memory."""
    blocks: list[Block] = []
    block: list[SearchDocument] = []
    size = 0  # of the partition so far
    previous: SearchDocument | None = None
    for document in documents:
        check_order(previous, document)
        block.append(document)
        size += 1
        hashed = url_hash(document.url)
        if cuts_after(PARTITION_CUTS, size, hashed):
            yield Partition(tuple(blocks) + (Block(tuple(block)),))
            blocks, block, size = [], [], 0
        elif cuts_after(BLOCK_CUTS, len(block), hashed):
            blocks.append(Block(tuple(block)))
            block = []
        previous = document
    if blocks or block:
        yield Partition(tuple(blocks) + ((Block(tuple(block)),) if block else ()))


def cuts_after(cuts: Cuts, size: int, hashed: int) -> bool:
    return size >= cuts.maximum or (size >= cuts.minimum and hashed % cuts.spread == 0)


def index_order(document: SearchDocument) -> tuple[int, str]:
    """The order the index takes its documents in: year descending, then URL."""
    return -document.year, document.url


def check_order(previous: SearchDocument | None, document: SearchDocument) -> None:
    if previous is not None and index_order(previous) >= index_order(document):
        raise ValueError(f"search documents must come sorted by (year descending, url): "
                         f"{previous.url} before {document.url}")
