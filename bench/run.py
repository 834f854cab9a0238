"""Search benchmark: builds sites of N synthetic reports (bench/synthetic.py),
serves each gzipped on 127.0.0.1 and runs a fixed query set in headless
Chromium, each query in a fresh browser context (empty cache). Prints the
index build time, the index size, and per query the bytes transferred
(gzipped response bodies, page and code included) and the time from the
arrival of the chunks to rendered results (search.js's "search-render"
measure). Machines are shared: compare figures from one run, by median.

    python -m bench.run                          # 1,000 and 10,000 reports
    python -m bench.run --sizes 1000 --repeat 1
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import multiprocessing
import re
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import build
from archive.site.project import Project
from bench.synthetic import seed_paragraphs, synthetic_reports, write_content

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
# Words of the seed reports, from rare to everywhere; "UNIT" stands for the
# name of the first synthetic report's unit.
SHORT_QUERIES = ("义警", "12345", "UNIT", "信访", "枫桥经验", "微信群", "双随机", "公平竞争", "行政复议", "法律顾问")
MULTI_WORD_QUERIES = ("法律顾问 微信群", "行政复议 应诉", "义警 信访")
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml")


@dataclass(frozen=True)
class QueryRun:
    query: str
    hits: int
    transferred: int      # bytes, all of them
    fragments: int        # bytes of the fragments among them
    render_ms: float      # from the chunks' arrival to rendered results
    total_ms: float       # from navigation start to rendered results


@functools.lru_cache(maxsize=None)
def gzipped(path: Path) -> bytes:
    """Compressed once, as a host with precompressed files or a CDN serves them."""
    return gzip.compress(path.read_bytes(), 6)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzipped over keep-alive connections, as a static host would."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm the body
    # would wait for the browser's delayed ACK, up to 40 ms on Linux.
    disable_nagle_algorithm = True

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        compressed = path.suffix in COMPRESSED
        body = gzipped(path) if compressed else path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def serve(site: Path, ports: multiprocessing.Queue) -> None:
    """Runs in its own process, so that the browser's requests wait on no lock of ours."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    ports.put(server.server_address[1])
    server.serve_forever()


def build_site(count: int) -> tuple[Path, str, float]:
    """The site of `count` synthetic reports, its first unit, and the index build time."""
    root = OUT / str(count)
    shutil.rmtree(root, ignore_errors=True)
    reports = synthetic_reports(count, seed_paragraphs(REPO / "content"))
    write_content(reports, root / "content")
    project = Project(content=root / "content", config=REPO / "config.yaml", site=root / "site")
    seconds = timed_index_build(lambda: build.build(project, "http://127.0.0.1/"))
    return project.site, reports[0].unit, seconds


def timed_index_build(run_build) -> float:
    """Seconds spent in build_search_files during a full site build."""
    original, elapsed = build.build_search_files, []

    def timed(documents):
        start = time.perf_counter()
        files = original(documents)
        elapsed.append(time.perf_counter() - start)
        return files

    build.build_search_files = timed
    try:
        run_build()
    finally:
        build.build_search_files = original
    return elapsed[0]


def index_sizes(site: Path) -> dict[str, tuple[int, int, int]]:
    """Per kind of index file: (files, raw bytes, gzipped bytes)."""
    kinds: dict[str, list[int]] = {}
    for path in (site / "search" / "index").rglob("*.json"):
        kind = {"c": "chunks", "f": "fragments", "s": "sections"}.get(path.parent.name, "manifest+filters")
        data = path.read_bytes()
        totals = kinds.setdefault(kind, [0, 0, 0])
        totals[0] += 1
        totals[1] += len(data)
        totals[2] += len(gzip.compress(data, 6))
    return {kind: tuple(totals) for kind, totals in sorted(kinds.items())}


def run_queries(site: Path, queries: list[str], repeat: int) -> list[QueryRun]:
    from playwright.sync_api import sync_playwright

    ports: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(site, ports), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ports.get(timeout=30)}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            runs = [median_run([one_query(browser, base, q) for _ in range(repeat)]) for q in queries]
            browser.close()
    finally:
        server.terminate()
    return runs


def one_query(browser, base: str, query: str) -> QueryRun:
    """The query in a fresh context (empty cache); bytes are the encoded bodies Chromium received."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    received: list = []
    page.on("requestfinished", lambda request: received.append(request))
    page.goto(f"{base}search/?q={quote(query)}")
    page.wait_for_selector("#search-results[data-state=done]", state="attached", timeout=120_000)
    measure = page.evaluate("(({startTime, duration}) => [startTime, duration])"
                            "(performance.getEntriesByName('search-render').pop())")
    found = re.match(r"找到 (\d+) 篇", page.inner_text("#search-status"))
    sizes = [(request.url, request.sizes()["responseBodySize"]) for request in received]
    fragments = sum(size for url, size in sizes if "/search/index/f/" in url)
    run = QueryRun(query, int(found.group(1)) if found else 0, sum(size for _, size in sizes),
                   fragments, measure[1], sum(measure))
    context.close()
    return run


def median_run(runs: list[QueryRun]) -> QueryRun:
    return QueryRun(
        runs[0].query, runs[0].hits, int(statistics.median(r.transferred for r in runs)), runs[0].fragments,
        statistics.median(r.render_ms for r in runs), statistics.median(r.total_ms for r in runs),
    )


def report(count: int, seconds: float, sizes: dict, runs: list[QueryRun], short: list[str]) -> None:
    print(f"\n### {count:,} reports\n")
    print(f"Index build time: {seconds:.1f} s\n")
    print("| index files | count | raw | gzip |\n|---|---:|---:|---:|")
    for kind, (files, raw, packed) in sizes.items():
        print(f"| {kind} | {files:,} | {megabytes(raw)} | {megabytes(packed)} |")
    raw, packed = sum(s[1] for s in sizes.values()), sum(s[2] for s in sizes.values())
    print(f"| **total** | {sum(s[0] for s in sizes.values()):,} | {megabytes(raw)} | {megabytes(packed)} |\n")
    print("| query | reports found | transferred (gzip) | of which fragments | rendered after chunks | after start |")
    print("|---|---:|---:|---:|---:|---:|")
    for run in runs:
        print(f"| {run.query} | {run.hits:,} | {run.transferred / 1000:.1f} kB | {run.fragments / 1000:.1f} kB "
              f"| {run.render_ms:.0f} ms | {run.total_ms:.0f} ms |")
    for label, group in (("2–4 character", [r for r in runs if r.query in short]),
                         ("multi-word", [r for r in runs if r.query not in short])):
        print(f"\nMedian over {label} queries: {statistics.median(r.transferred for r in group) / 1000:.1f} kB, "
              f"render {statistics.median(r.render_ms for r in group):.0f} ms after the chunks arrive "
              f"(max {max(r.transferred for r in group) / 1000:.1f} kB, {max(r.render_ms for r in group):.0f} ms)")


def megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size >= 1e5 else f"{size / 1e3:,.1f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query; the median is shown")
    arguments = parser.parse_args()
    for count in arguments.sizes:
        site, unit, seconds = build_site(count)
        short = [unit if q == "UNIT" else q for q in SHORT_QUERIES]
        runs = run_queries(site, short + list(MULTI_WORD_QUERIES), arguments.repeat)
        report(count, seconds, index_sizes(site), runs, short)


if __name__ == "__main__":
    main()
