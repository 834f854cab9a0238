"""Every report of content/, read once: files whose bytes the cache knows are not read again;
the rest are read in parallel, each within a time limit, and stored in the cache.

A report's search document is made where it is read when that is a worker of a pool (a cold
build); a few changed files are read in the build's own process, and their documents are made by
the process that makes the search index (CachedSearchDocument), so that the build's own process
never loads numpy and the tokenizer (a fifth of a second of an edit)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from archive.errors import ContentError, Problem
from archive.model import Report
from archive.urls import report_url
from archive.site.cache import REPORT_KINDS, BuildCache
from archive.site.parallel import SERIAL_BELOW, TimeLimitExceeded, parallel_map, time_limit
from archive.site.reader import read_report
from archive.site.sources import SourceFile

if TYPE_CHECKING:
    from archive.search.documents import SearchDocument

REPORTS, SEARCH = REPORT_KINDS  # cache entries: the whole Report, body included; what the search index is told


@dataclass(frozen=True)
class ReadResult:
    report: Report | None  # without its body
    problems: tuple[Problem, ...]


_cache: BuildCache | None = None
_stored: set[str] = set()
_seconds: float = 0


def collect_reports(sources: tuple[SourceFile, ...], cache: BuildCache, workers: int, seconds: float) -> list[Report]:
    """The reports, without bodies, newest year first; ContentError lists every problem. A file
    whose size or time changed is read by a worker, which digests it and reads it as a report
    unless the cache knows its bytes."""
    global _cache, _stored, _seconds
    digests = [cache.known_digest(s.name, s.size, s.mtime_ns) for s in sources]
    _cache, _stored, _seconds = cache, cache.stored(REPORTS), seconds  # shared with the forked workers
    jobs = [number for number, digest in enumerate(digests) if not _is_cached(digest)]
    results = [None if digest is None else cache.index.reports.get(digest) for digest in digests]
    in_pool = workers > 1 and len(jobs) >= SERIAL_BELOW
    read = partial(_read_into_cache, with_document=in_pool)
    for number, (digest, result) in zip(jobs, parallel_map(read, [sources[n] for n in jobs], workers)):
        result = _as_stored(result)
        if digest is not None:
            source = sources[number]
            cache.remember_digest(source.name, source.size, source.mtime_ns, digest)
            result = cache.index.reports.setdefault(digest, result)
        results[number] = result
    problems = [problem for _, found in results for problem in found]
    if problems:
        raise ContentError(problems)
    return sorted((Report.from_row(row) for row, _ in results), key=lambda r: r.sort_key)


def _as_stored(result: ReadResult) -> tuple[tuple | None, tuple[Problem, ...]]:
    """What the cache's index keeps of a file's reading: the report as a row, or None; its problems."""
    return result.report.as_row() if result.report else None, result.problems


def _is_cached(digest: str | None) -> bool:
    """The cache holds what reading these bytes gave (it may have been deleted in part)."""
    return digest is not None and digest in _cache.index.reports and digest in _stored


class CachedSearchDocument:
    """A report's SearchDocument whose bulk (tokens, fragment) stays in the cache until the index
    needs it: an index part the last build wrote is reused knowing only these fields, and the
    report's digest, which changes whenever the document does."""

    def __init__(self, cache: BuildCache, report: Report):
        self.url, self.year, self.level, self.region = report_url(report), report.year, report.level, report.region
        self.unit, self.title, self.digest = report.unit, report.title, report.digest
        self.place = "/".join((*report.region, report.unit))
        self._cache = cache
        self._document: SearchDocument | None = None  # loaded once, when first needed

    def __getattr__(self, name: str):
        if self._document is None:
            self._document = self._cache.load(SEARCH, self.digest) or self._made()
        return getattr(self._document, name)

    def _made(self) -> SearchDocument:
        """The document of a report read in the build's own process (or whose entry is gone)."""
        return _store_document(self._cache, self._cache.load(REPORTS, self.digest))


def cached_search_documents(cache: BuildCache, reports: list[Report]) -> Iterator[CachedSearchDocument]:
    """What the search index is told, in the order it takes: year descending, then URL. Each is let
    go once taken, so that the documents loaded stay those of the index's partition in hand."""
    from archive.search.index import index_order  # imported where the index is made (build.write_beside_pages)

    documents = sorted((CachedSearchDocument(cache, r) for r in reports), key=index_order)
    documents.reverse()  # popped from the end
    while documents:
        yield documents.pop()


def load_report(cache: BuildCache, report: Report) -> Report:
    """The whole report, body included, of a report collected without it."""
    return cache.load(REPORTS, report.digest)


def _read_into_cache(source: SourceFile, with_document: bool) -> tuple[str | None, ReadResult | None]:
    """The file's digest and, unless the cache knows its bytes, what reading it gave."""
    try:
        data = _bytes_of(source.path)
    except OSError as error:
        return None, ReadResult(None, (Problem(source.name, 1, f"无法读取 (cannot be read): {error.strerror}"),))
    digest = BuildCache.file_digest(source.name, data)
    return digest, None if _is_cached(digest) else _read(source, data, digest, with_document)


def _read(source: SourceFile, data: bytes, digest: str, with_document: bool) -> ReadResult:
    name = source.name
    try:
        with time_limit(_seconds):
            report, problems = read_report(data, name, Path(source.relative))
            if report is None:
                return ReadResult(None, tuple(Problem(name, line, message) for line, message in problems))
            report = report.keyed(digest)
            _cache.store(REPORTS, digest, report)
            if with_document:
                _store_document(_cache, report)
    except TimeLimitExceeded as error:
        return ReadResult(None, (Problem(name, 1, f"读取本报告{error}，已停止（config.yaml 的 report_time_limit）(reading was stopped)"),))
    except OSError as error:
        return ReadResult(None, (Problem(name, 1, f"无法存入构建缓存 {_cache.folder} (cannot store in the build cache): {error.strerror}"),))
    return ReadResult(report.without_body(), ())


def _store_document(cache: BuildCache, report: Report) -> SearchDocument:
    """The report's search document, made and stored under its digest. The search modules are
    imported here, where documents are made: never in the build's own process."""
    from archive.search.documents import search_document

    document = search_document(report)
    cache.store(SEARCH, report.digest, document)
    return document


def _bytes_of(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()
