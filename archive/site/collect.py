"""Every report of content/, read once: files whose bytes the cache knows are not read again;
the rest are read in parallel, each within a time limit, and stored in the cache."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from archive.errors import ContentError, Problem
from archive.model import Report
from archive.urls import report_url
from archive.search.documents import search_document
from archive.site.cache import REPORT_KINDS, BuildCache
from archive.site.parallel import TimeLimitExceeded, parallel_map, time_limit
from archive.site.reader import read_report
from archive.site.sources import SourceFile

REPORTS, SEARCH = REPORT_KINDS  # cache entries: the whole Report, body included; what the search index is told


@dataclass(frozen=True)
class ReadResult:
    report: Report | None  # without its body
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class _Job:
    source: SourceFile
    digest: str


_cache: BuildCache | None = None
_seconds: float = 0


def collect_reports(sources: tuple[SourceFile, ...], cache: BuildCache, workers: int, seconds: float) -> list[Report]:
    """The reports, without bodies, newest year first; ContentError lists every problem."""
    global _cache, _seconds
    digests = [cache.file_digest(s.name, s.size, s.mtime_ns, partial(_bytes_of, s.path)) for s in sources]
    stored = cache.stored(REPORTS) & cache.stored(SEARCH)  # the cache may have been deleted in part
    jobs = [_Job(s, d) for s, d in zip(sources, digests) if not (d in cache.index.reports and d in stored)]
    _cache, _seconds = cache, seconds  # shared with the forked workers
    for job, result in zip(jobs, parallel_map(_read_into_cache, jobs, workers)):
        cache.index.reports[job.digest] = result
    results = [cache.index.reports[digest] for digest in digests]
    problems = [problem for result in results for problem in result.problems]
    if problems:
        raise ContentError(problems)
    return sorted((result.report for result in results), key=lambda r: r.sort_key)


class CachedSearchDocument:
    """A report's SearchDocument whose bulk (tokens, fragment) stays in the cache until the index
    needs it: an index part the last build wrote is reused knowing only these fields, and the
    report's digest, which changes whenever the document does."""

    def __init__(self, cache: BuildCache, report: Report):
        self.url, self.year, self.level, self.region = report_url(report), report.year, report.level, report.region
        self.unit, self.title, self.digest = report.unit, report.title, report.digest
        self.place = "/".join((*report.region, report.unit))
        self._cache = cache

    def __getattr__(self, name: str):
        return getattr(self._cache.load(SEARCH, self.digest), name)


def cached_search_documents(cache: BuildCache, reports: list[Report]) -> list[CachedSearchDocument]:
    """What the search index is told, in the order it takes: year descending, then URL."""
    return sorted((CachedSearchDocument(cache, r) for r in reports), key=lambda d: (-d.year, d.url))


def load_report(cache: BuildCache, report: Report) -> Report:
    """The whole report, body included, of a report collected without it."""
    return cache.load(REPORTS, report.digest)


def _read_into_cache(job: _Job) -> ReadResult:
    name = job.source.name
    try:
        with time_limit(_seconds):
            report, problems = read_report(_bytes_of(job.source.path), name, Path(job.source.relative))
            if report is None:
                return ReadResult(None, tuple(Problem(name, line, message) for line, message in problems))
            report = replace(report, digest=job.digest)
            document = search_document(report)
            _cache.store(REPORTS, job.digest, report)
            _cache.store(SEARCH, job.digest, document)
    except TimeLimitExceeded as error:
        return ReadResult(None, (Problem(name, 1, f"读取本报告{error}，已停止（config.yaml 的 report_time_limit）(reading was stopped)"),))
    except OSError as error:
        return ReadResult(None, (Problem(name, 1, f"无法读取 (cannot be read): {error.strerror}"),))
    return ReadResult(report.without_body(), ())


def _bytes_of(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()
