"""Runs of consecutive buckets packed into gzipped files that fill whole
file-system blocks, so that the index takes on disk about what its bytes
are: a hashed file per term (or per fixed number of buckets) leaves most of
a 4 kB block empty, since a few common terms make some buckets large and
most small.

Greedy, in bucket order: a run takes buckets while its estimated gzipped
size stays within the blocks its first bucket needs. The estimate is the
raw size times the ratio gzip achieved on the run before; a run that comes
out larger than its blocks gives back buckets until it fits.

Runs never cross a segment's end (SEGMENT consecutive buckets), and each
segment is packed on its own, its first run estimated from the ratio gzip
achieves on the segment's first SAMPLE bytes (compressing the whole segment
for it took a sixth of the encoding's time): so when a few terms' postings
change, only their segments' runs can change, and the other shard files of
the partition keep their bytes and their names (a shard is named by its
first bucket). Ending runs at segment ends costs about 6% more blocks than
packing the partition in one pass.
"""
from __future__ import annotations

import math

import deflate
import numpy as np

BLOCK = 4096
# Of a run's blocks, the share the estimate may fill: room for the estimate's error, and smaller
# files for a query to fetch (0.80 rather than 0.92: about 2 kB less a query, 0.70× the Markdown on
# disk rather than 0.68×, at 10,000 reports).
FILL = 0.80
GZIP_OVERHEAD = 20   # header, trailer and the final block's end
SEGMENT = 128        # buckets: about five shard files of postings
SAMPLE = 16384       # bytes: about the raw size of a run


def pack_segment(data: bytes, sizes: np.ndarray) -> tuple[list[bytes], list[int]]:
    """One segment: data holds its buckets' bytes in order, sizes[b] of them for
    bucket b; returns the gzipped files and how many buckets each holds."""
    sample = data[:SAMPLE]
    return pack_runs(data, sizes, (len(compress(sample)) - GZIP_OVERHEAD) / max(1, len(sample)))


def pack_runs(data: bytes, sizes: np.ndarray, ratio: float) -> tuple[list[bytes], list[int]]:
    """Greedy runs of the buckets, the first estimated by `ratio`."""
    ends = np.cumsum(sizes).tolist()
    starts = [0, *ends[:-1]]
    files: list[bytes] = []
    runs: list[int] = []
    first = 0
    while first < len(ends):
        allowed = blocks(estimate(ends[first] - starts[first], ratio))
        stop = run_end(starts, ends, first, allowed * BLOCK * FILL, ratio)
        compressed = compress(data[starts[first]:ends[stop - 1]])
        while stop - first > 1 and len(compressed) > allowed * BLOCK:
            stop -= 1
            compressed = compress(data[starts[first]:ends[stop - 1]])
        raw = ends[stop - 1] - starts[first]
        if raw:
            ratio = (len(compressed) - GZIP_OVERHEAD) / raw
        files.append(compressed)
        runs.append(stop - first)
        first = stop
    return files, runs


def run_end(starts: list[int], ends: list[int], first: int, room: float, ratio: float) -> int:
    """The bucket after the longest run from `first` whose estimated size fits the room."""
    stop = first + 1
    while stop < len(ends) and estimate(ends[stop] - starts[first], ratio) <= room:
        stop += 1
    return stop


def estimate(raw: int, ratio: float) -> float:
    return raw * ratio + GZIP_OVERHEAD


def blocks(size: float) -> int:
    """The blocks a run of this estimated size is given: at least one, filled to FILL."""
    return max(1, math.ceil(size / (BLOCK * FILL)))


def compress(data: bytes) -> bytes:
    # libdeflate's level 1: as small as zlib's level 4 on postings, in a third of the time (an edited
    # report's partition is compressed again whole); its level 6 takes 2.4 times as long for 1.5% fewer bytes.
    return deflate.gzip_compress(data, 1)
