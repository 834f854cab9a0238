"""The search stage of the build alone, at scale: CPU seconds to write the
index cold and after one report is added, removed or edited, the files, their bytes
and their blocks on disk against the Markdown, and the index bytes each
benchmark query fetches before any fragment (manifest and shards).

    python -m bench.search_stage                 # 10,000 synthetic reports
    python -m bench.search_stage --count 1000 --profile

The reports and their search documents are made once and kept under
bench/out/stage-N/ (delete it to make them again). The cold build stores each
partition's entries as the build cache would, and each change starts from
those (so a changed partition is patched, as in a rebuild); CPU seconds count this
process and its workers, so they hold up on a shared machine where wall
time does not.
"""
from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pickle
import pstats
import resource
import shutil
import time
from pathlib import Path

import numpy as np

from archive.search.documents import SearchDocument
from archive.search.entrystore import EntryStore
from archive.search.index import INDEX_DIR, MANIFEST, write_search_index
from archive.search.terms import buckets_of
from archive.search.tokenizer import tokenize
from bench.run import MULTI_WORD_QUERIES, OUT, REPO, SHORT_QUERIES, DirectorySink, blocks, changes, documents_of
from bench.synthetic import seed_paragraphs, synthetic_reports, write_content


PAST = {"add": "added", "edit": "edited", "remove": "removed"}


class CountingSink(DirectorySink):
    """Counts the files written too (a new file costs more than its bytes on a busy disk)."""

    def __init__(self, root: Path, previous: Path | None = None) -> None:
        super().__init__(root, previous)
        self.files = 0

    def write(self, path: str, data: bytes) -> None:
        super().write(path, data)
        self.files += 1


def single_changes(documents: list[SearchDocument], paragraphs, content: Path):
    """bench.run's changes (one report added to the newest year, one edited), and one removed."""
    yield from changes(documents, paragraphs, content)
    gone = len(documents) // 3
    yield "remove", documents[:gone] + documents[gone + 1:]


def stage_documents(count: int, paragraphs) -> tuple[Path, list[SearchDocument]]:
    root = OUT / f"stage-{count}"
    kept = root / "documents.pickle"
    if not kept.exists():
        shutil.rmtree(root, ignore_errors=True)
        write_content(synthetic_reports(count, paragraphs), root / "content")
        kept.write_bytes(pickle.dumps(documents_of(root / "content")))
    return root, pickle.loads(kept.read_bytes())


def cpu_seconds() -> float:
    """This process's CPU time and its descendants': the index's workers are children of a
    forkserver that lives on, so their time is read from the forkserver's /proc entry."""
    own, reaped = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    live = sum(map(live_child_seconds, Path("/proc").glob("[0-9]*/stat")))
    return own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime + live


def live_child_seconds(stat: Path) -> float:
    """A live child's CPU time and that of the children it has reaped; 0 for other processes."""
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    if int(fields[1]) != os.getpid():  # the parent's pid
        return 0.0
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def timed_write(documents: list[SearchDocument], sink: DirectorySink, store: EntryStore,
                profile: bool) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of writing the index into the sink."""
    profiler = cProfile.Profile() if profile else None
    cpu, wall = cpu_seconds(), time.perf_counter()
    if profiler:
        profiler.runcall(write_search_index, documents, sink, store)
    else:
        write_search_index(documents, sink, store)
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
    return cpu, wall


def query_bytes(folder: Path, queries: list[str]) -> dict[str, tuple[int, int]]:
    """Per query: (files, bytes) of the manifest and shards the browser fetches for it."""
    index = folder / INDEX_DIR
    manifest = json.loads(gzip.decompress((folder / MANIFEST).read_bytes()))
    fetched = {}
    for query in queries:
        tokens = sorted(set(tokenize(query)))
        paths = {folder / MANIFEST}
        for partition in manifest["partitions"]:
            count, *sizes = partition["buckets"]
            ends = np.cumsum(sizes)
            for bucket in buckets_of(tokens, count).tolist():
                shard = int(np.searchsorted(ends, bucket, side="right"))
                paths.add(index / "p" / partition["key"] / f"{ends[shard - 1] if shard else 0}.gz")
        fetched[query] = (len(paths), sum(path.stat().st_size for path in paths))
    return fetched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions of each write")
    arguments = parser.parse_args()
    paragraphs = seed_paragraphs(REPO / "content")
    root, documents = stage_documents(arguments.count, paragraphs)
    cold, stored = root / "index-cold", root / "entries-cold"
    shutil.rmtree(cold, ignore_errors=True)
    cpu, wall = timed_write(documents, DirectorySink(cold), EntryStore(stored, fresh=True), arguments.profile)
    files = [path for path in (cold / INDEX_DIR).rglob("*") if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    markdown = list((root / "content").rglob("*.md"))
    markdown_bytes = sum(path.stat().st_size for path in markdown)
    print(f"{arguments.count:,} reports; cold: {cpu:.2f} CPU s ({wall:.2f} s wall), {len(files):,} files, "
          f"{total / 1e6:.1f} MB = {total / markdown_bytes:.2f}× Markdown, "
          f"{blocks(files) / 1e6:.1f} MB on disk = {blocks(files) / blocks(markdown):.2f}× Markdown on disk")
    for name, changed in single_changes(documents, paragraphs, root / "content"):
        out, entries = root / f"index-{name}", root / f"entries-{name}"
        for folder in (out, entries):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(stored, entries)  # as the cold build left them
        sink = CountingSink(out, cold)
        cpu, wall = timed_write(changed, sink, EntryStore(entries), arguments.profile)
        print(f"one report {PAST[name]}: {cpu:.2f} CPU s ({wall:.2f} s wall), {sink.files:,} files, "
              f"{sink.written / 1e6:.1f} MB = {sink.written / total:.1%} of the index bytes written")
    for query, (count, size) in query_bytes(cold, [*SHORT_QUERIES[:2], *SHORT_QUERIES[3:], *MULTI_WORD_QUERIES]).items():
        print(f"  {query}: {count} files, {size / 1e3:.1f} kB before fragments")


if __name__ == "__main__":
    main()
