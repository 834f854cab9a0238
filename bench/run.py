"""Search benchmark: builds sites of N synthetic reports (bench/synthetic.py)
and prints, side by side with Pagefind extended over the same report pages:

- the index: build time, size on disk against the Markdown it indexes, and
  the share of its bytes rewritten when one report is added or edited;
- per query, in headless Chromium with an empty cache, from a server that
  compresses nothing and from one that gzips: the reports shown as found
  (and whether the count is exact or 约) against the reports whose text
  contains every query word (grep truth), the bytes transferred (response
  bodies, page and code included) and the time from navigation start to the
  results painted (Chromium, empty cache, loopback), with where our page's
  time goes: the steps search.js marks, and the index files' arrival by
  Resource Timing; with --cpu, also the page's main-thread CPU time, which
  the machine's load hardly changes.

Machines are shared: compare figures from one run, by median, and say what
the load was.

    python -m bench.run                          # 1,000 and 10,000 reports
    python -m bench.run --sizes 1000 --repeat 1 --no-pagefind
    python -m bench.run --sizes 10000 --reuse --no-pagefind   # queries only, over the last build
    python -m bench.run --sizes 10000 --reuse --no-pagefind --cpu   # and the page's CPU time
"""
from __future__ import annotations

import argparse
import collections
import functools
import gzip
import http.server
import io
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

import build
from archive.search.documents import SearchDocument, search_document
from archive.search.index import INDEX_DIR, index_order, write_search_index
from archive.search.tokenizer import fold, tokenize
from archive.site.reader import read_report
from bench.synthetic import SyntheticReport, seed_paragraphs, synthetic_reports, write_content

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
PAGEFIND = "pagefind[extended]==1.5.2"
PAGEFIND_PAGE = """<!DOCTYPE html><meta charset="utf-8"><title>pagefind</title><body><script type="module">
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(new URLSearchParams(location.search).get("q"));
const shown = await Promise.all(search.results.slice(0, 5).map((result) => result.data()));
document.body.dataset.count = String(search.results.length);
document.body.dataset.first = shown.length ? shown[0].url : "";
document.body.dataset.state = "done";
</script>"""


# Run in every page before its own scripts: resolves to the time (since navigation start) of the
# first frame painted after a results list is marked done. Waiting for it from Python, rather than
# polling with Playwright's selectors, puts no script of ours on the page's main thread meanwhile.
PAINTED = """window.benchPainted = new Promise((resolve) => {
  new MutationObserver((_, observer) => {
    if (!document.querySelector("[data-state=done]")) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
});"""
# A reader who has the search page open types a query and presses Enter: resolves to the ms from the
# submission to the first frame painted after the results are done (the index's files not fetched yet).
TYPED = """(query) => new Promise((resolve) => {
  const results = document.getElementById("search-results");
  const input = document.querySelector("input[name=q]");
  new MutationObserver((_, observer) => {
    if (results.dataset.state !== "done") return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)));
  }).observe(results, { attributes: true, attributeFilter: ["data-state"] });
  input.value = query;
  const started = performance.now();
  input.form.requestSubmit();
})"""
# What the page did when (ms since navigation start): static/search.js's marks, and when the last
# shard of postings arrived.
TIMELINE = """(() => {
  const marks = Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]));
  const shards = performance.getEntriesByType("resource").filter((r) => r.name.includes("/search/index/p/"));
  return { ...marks, "shards-arrived": Math.max(0, ...shards.map((r) => r.responseEnd)) };
})()"""
# Our page's steps, each from the previous one's end: (name, the timeline entry that ends it).
STEPS = (
    ("page (HTML, scripts, manifest)", "search-start"),
    ("shards over the network", "shards-arrived"),
    ("gunzip + decode", "search-postings"),
    ("scoring", "search-ranked"),
    ("fragments (fetch, gunzip, verify)", "search-fragments"),
    ("render and paint", "painted"),
)


@dataclass(frozen=True)
class QueryRun:
    query: str
    shown: int            # the count the page shows
    exact: bool           # False: labelled 约
    transferred: int      # bytes of response bodies, page and code included
    requests: int
    total_ms: float       # from navigation start to results painted
    first: str            # the URL of the first result, site-relative
    steps: tuple[tuple[str, float], ...] = ()  # our page's steps (STEPS): ms each, in order
    cpu_ms: float | None = None  # the page's main thread, CPU time (with --cpu)
    typed_ms: float | None = None  # from a query typed into the open page to results painted (our page)


# ---------- the site, the documents, and the index alone ----------

def build_site(count: int, reports: list[SyntheticReport]) -> tuple[Path, float]:
    root = OUT / str(count)
    shutil.rmtree(root, ignore_errors=True)
    write_content(reports, root / "content")
    start = time.perf_counter()
    code = build.main(["build", "--content", str(root / "content"), "--config", str(REPO / "config.yaml"),
                       "--out", str(root / "site"), "--base-url", "http://127.0.0.1/"])
    if code:
        sys.exit(f"build of {count} reports failed")
    return root / "site", time.perf_counter() - start


def document_of(path: Path, content: Path) -> SearchDocument:
    report, problems = read_report(path.read_bytes(), path.name, path.relative_to(content))
    assert report is not None, problems
    return search_document(report)


def documents_of(content: Path) -> list[SearchDocument]:
    paths = sorted(content.rglob("*.md"))
    with multiprocessing.Pool() as pool:
        documents = pool.map(functools.partial(document_of, content=content), paths, chunksize=64)
    return sorted(documents, key=index_order)


class DirectorySink:
    """The sink of a build writing into `root`, reusing `previous` by hard links."""

    def __init__(self, root: Path, previous: Path | None = None) -> None:
        self.root, self.previous, self.written = root, previous, 0

    def write(self, path: str, data: bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.written += len(data)

    def reuse(self, path: str) -> bool:
        source = self.previous / path if self.previous else None
        if source is None or not source.exists():
            return False
        (self.root / path).parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, self.root / path, copy_function=os.link)
        else:
            os.link(source, self.root / path)
        return True

    def read(self, path: str) -> bytes | None:
        source = self.previous / path if self.previous else None
        return source.read_bytes() if source is not None and source.is_file() else None


@dataclass(frozen=True)
class IndexFigures:
    seconds: float
    index_bytes: int
    markdown_bytes: int
    index_blocks: int      # bytes of the file system blocks the files take
    markdown_blocks: int
    files: int
    rewritten: dict[str, tuple[float, float]]  # change → (seconds, share of index bytes written)


def index_figures(root: Path, documents: list[SearchDocument], paragraphs) -> IndexFigures:
    cold = root / "index-cold"
    shutil.rmtree(cold, ignore_errors=True)
    start = time.perf_counter()
    write_search_index(documents, DirectorySink(cold))
    seconds = time.perf_counter() - start
    sizes = [path.stat().st_size for path in (cold / INDEX_DIR).rglob("*") if path.is_file()]
    markdown = list((root / "content").rglob("*.md"))
    rewritten = {name: rebuild(cold, root / f"index-{name}", changed, sum(sizes))
                 for name, changed in changes(documents, paragraphs, root / "content")}
    return IndexFigures(seconds, sum(sizes), sum(path.stat().st_size for path in markdown),
                        blocks((cold / INDEX_DIR).rglob("*")), blocks(markdown), len(sizes), rewritten)


def blocks(paths) -> int:
    return sum(path.stat().st_blocks * 512 for path in paths if path.is_file())


def changes(documents: list[SearchDocument], paragraphs, content: Path):
    """The documents after adding a report to the newest year, and after editing one."""
    newest = documents[0]
    extra = synthetic_reports(1, paragraphs, seed=99)[0]
    added = replace(extra, slug="zz-added", year=newest.year)
    write_content([added], content.parent / "added")
    new = document_of(content.parent / "added" / str(added.year) / "zz-added.md", content.parent / "added")
    yield "add", sorted([*documents, new], key=index_order)
    middle = len(documents) // 2
    path = content / str(documents[middle].year) / (documents[middle].url.rstrip("/").rsplit("/", 1)[1] + ".md")
    edited_dir = content.parent / "edited" / str(documents[middle].year)
    edited_dir.mkdir(parents=True, exist_ok=True)
    (edited_dir / path.name).write_text(path.read_text(encoding="utf-8") + "\n本年度还完善了行政执法公示制度。\n",
                                        encoding="utf-8")
    edited = document_of(edited_dir / path.name, content.parent / "edited")
    yield "edit", [edited if n == middle else d for n, d in enumerate(documents)]


def rebuild(previous: Path, out: Path, documents: list[SearchDocument], total: int) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    sink = DirectorySink(out, previous)
    start = time.perf_counter()
    write_search_index(documents, sink)
    return time.perf_counter() - start, sink.written / total


# ---------- grep truth ----------

def phrase(word: str) -> str:
    """The word folded, less leading and trailing characters that are not indexed."""
    chars = list(fold(word))
    while chars and not tokenize(chars[0]):
        chars.pop(0)
    while chars and not tokenize(chars[-1]):
        chars.pop()
    return "".join(chars)


def searched_text(fragment: dict) -> str:
    """A report's text, title, unit and region, folded: what a query's words are looked for in."""
    return fold("\n".join((fragment["text"], fragment["title"], fragment["unit"], *fragment["region"])))


def site_texts(site: Path) -> dict[str, tuple[str, str]]:
    """Per report URL, its unit and searched text, from a built site's fragments."""
    texts = {}
    for path in sorted((site / INDEX_DIR / "f").glob("*/*.gz")):
        fragment = json.loads(gzip.decompress(path.read_bytes()))
        texts[fragment["url"]] = (fragment["unit"], searched_text(fragment))
    return texts


def grep_counts(texts, queries: list[str]) -> dict[str, int]:
    """Per query, the reports whose (unit, searched text) holds every word."""
    folded = [text for _, text in texts]
    return {q: sum(all(phrase(w) in text for w in q.split()) for text in folded) for q in queries}


# ---------- serving and querying ----------

@functools.lru_cache(maxsize=None)
def gzipped(path: Path) -> bytes:
    """Compressed once, as a host with precompressed files or a CDN serves them."""
    return gzip.compress(path.read_bytes(), 6)


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files over keep-alive connections, as a static host would;
    gzips text types when the class says so."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm the body
    # would wait for the browser's delayed ACK, up to 40 ms on Linux.
    disable_nagle_algorithm = True
    compress = False
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".gz": "application/gzip",
                      ".js": "text/javascript", ".wasm": "application/wasm"}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        compressed = self.compress and path.suffix in COMPRESSED
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


class GzipHandler(StaticHandler):
    compress = True


def serve(site: Path, handler: type, ports: multiprocessing.Queue) -> None:
    """Runs in its own process, so that the browser's requests wait on no lock of ours."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    ports.put(server.server_address[1])
    server.serve_forever()


def run_queries(site: Path, handler: type, page: str, queries: list[str], repeat: int,
                cpu: bool = False) -> list[QueryRun]:
    from playwright.sync_api import sync_playwright

    ports: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(site, handler, ports), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ports.get(timeout=30)}/{page}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            runs = [median_run([one_query(browser, base, q, cpu) for _ in range(repeat)]) for q in queries]
            if page == "search/":
                runs = [replace(run, typed_ms=statistics.median(typed_query(browser, base, run.query) for _ in range(repeat)))
                        for run in runs]
            browser.close()
    finally:
        server.terminate()
    return runs


def one_query(browser, base: str, query: str, cpu: bool = False) -> QueryRun:
    """The query in a fresh context (empty cache); bytes are the bodies Chromium received."""
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(PAINTED)
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    received: list = []
    page.on("requestfinished", lambda request: received.append(request))
    if cpu:
        browser.start_tracing(page=page, categories=["toplevel"])
    page.goto(f"{base}?q={quote(query)}", wait_until="domcontentloaded")
    painted = devtools.send("Runtime.evaluate", {"expression": "window.benchPainted", "awaitPromise": True,
                                                 "returnByValue": True, "timeout": 120_000})
    total_ms = float(painted["result"]["value"])
    cpu_ms = main_thread_cpu(browser.stop_tracing()) if cpu else None
    timeline = devtools.send("Runtime.evaluate", {"expression": TIMELINE, "returnByValue": True})["result"]["value"]
    done = page.locator("[data-state=done]")
    shown = int(done.get_attribute("data-count"))
    exact = done.get_attribute("data-exact") != "false"
    transferred = sum(request.sizes()["responseBodySize"] for request in received)
    first = done.get_attribute("data-first")
    if first is None:
        links = page.locator("#search-results ol > li a.report-title")
        first = links.first.get_attribute("href") if links.count() else ""
    context.close()
    # A result links to its report page, with the words to mark (?hl=) and the section (#…).
    report = first.split("?")[0].split("#")[0]
    return QueryRun(query, shown, exact, transferred, len(received), total_ms, report.lstrip("/"),
                    steps_of({**timeline, "painted": total_ms}), cpu_ms)


def typed_query(browser, base: str, query: str) -> float:
    """The search page opened in a fresh context (empty cache) and left to settle, then the query typed."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    typed_ms = float(page.evaluate(TYPED, query))
    context.close()
    return typed_ms


def main_thread_cpu(trace: bytes) -> float:
    """CPU ms of the page's main thread (Chromium's CrRendererMain), its tasks' thread time in a
    trace: unlike the time to results, it hardly grows with the machine's load."""
    events = json.loads(trace)["traceEvents"]
    mains = {(e["pid"], e["tid"]) for e in events
             if e.get("ph") == "M" and e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    busy = collections.Counter()
    for event in events:
        if event.get("name") == "ThreadControllerImpl::RunTask" and (event["pid"], event["tid"]) in mains:
            busy[event["pid"], event["tid"]] += event.get("tdur", 0)
    return max(busy.values(), default=0) / 1000


def steps_of(timeline: dict[str, float]) -> tuple[tuple[str, float], ...]:
    """STEPS' durations, when the page marked them all (our page, for a query it searched)."""
    if any(end not in timeline for _, end in STEPS):
        return ()
    ends = [timeline[end] for _, end in STEPS]
    return tuple((name, end - start) for (name, _), start, end in zip(STEPS, [0.0, *ends], ends))


def median_run(runs: list[QueryRun]) -> QueryRun:
    steps = tuple((name, statistics.median(dict(r.steps)[name] for r in runs)) for name, _ in runs[0].steps)
    cpu_ms = None if runs[0].cpu_ms is None else statistics.median(r.cpu_ms for r in runs)
    return replace(runs[0], transferred=int(statistics.median(r.transferred for r in runs)),
                   total_ms=statistics.median(r.total_ms for r in runs), steps=steps, cpu_ms=cpu_ms)


# ---------- Pagefind ----------

def pagefind_index(site: Path) -> tuple[float, int, int]:
    """Pagefind extended over the report pages, installed for the benchmark only."""
    target = OUT / "pagefind-package"
    if not (target / "pagefind").is_dir():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), PAGEFIND], check=True)
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", "reports/**/*.html",
                    "--root-selector", "main", "--quiet"],
                   check=True, env={**os.environ, "PYTHONPATH": str(target)})
    seconds = time.perf_counter() - start
    (site / "pagefind-bench").mkdir(exist_ok=True)
    (site / "pagefind-bench" / "index.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    files = [path for path in (site / "pagefind").rglob("*") if path.is_file()]
    return seconds, sum(path.stat().st_size for path in files), blocks(files)


# ---------- the report ----------

def print_index(count: int, build_seconds: float, figures: IndexFigures, pagefind: tuple[float, int] | None) -> None:
    print(f"\n### {count:,} reports\n")
    print(f"Site build (build.py, whole site): {build_seconds:.1f} s\n")
    print("| index | build | files | bytes | ÷ Markdown | in file system blocks | ÷ Markdown |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| ours | {figures.seconds:.1f} s | {figures.files:,} | {megabytes(figures.index_bytes)} "
          f"| {figures.index_bytes / figures.markdown_bytes:.2f}× | {megabytes(figures.index_blocks)} "
          f"| {figures.index_blocks / figures.markdown_blocks:.2f}× |")
    if pagefind:
        print(f"| Pagefind extended | {pagefind[0]:.1f} s | | {megabytes(pagefind[1])} "
              f"| {pagefind[1] / figures.markdown_bytes:.2f}× | {megabytes(pagefind[2])} "
              f"| {pagefind[2] / figures.markdown_blocks:.2f}× |")
    print(f"\nMarkdown: {megabytes(figures.markdown_bytes)}, {megabytes(figures.markdown_blocks)} in blocks")
    for name, (seconds, share) in figures.rewritten.items():
        print(f"One report {'added' if name == 'add' else 'edited'}: index rebuilt in {seconds:.1f} s, "
              f"{share:.1%} of its bytes rewritten")


def print_queries(columns: dict[str, list[QueryRun]], truth: dict[str, int], short: list[str], unit: str,
                  units: dict[str, str]) -> None:
    names = list(columns)
    print("\n| query | grep | " + " | ".join(f"{n}: found | kB | req | ms" for n in names) + " |")
    print("|---|---:|" + "---:|---:|---:|---:|" * len(names))
    for number, query in enumerate(columns[names[0]]):
        cells = []
        for name in names:
            run = columns[name][number]
            cells.append(f"{'' if run.exact else '约 '}{run.shown:,} | {run.transferred / 1000:.1f} "
                         f"| {run.requests} | {run.total_ms:.0f}")
        print(f"| {query.query} | {truth[query.query]:,} | " + " | ".join(cells) + " |")
    print(f"\nThe unit query {unit}: first result's unit is "
          + ", ".join(f"{name} {units.get(next(r for r in runs if r.query == unit).first, '-')}"
                      for name, runs in columns.items()))
    for label, chosen in (("2–4 character", lambda q: q in short), ("multi-word", lambda q: q not in short)):
        print(f"\nMedians over {label} queries:")
        for name in names:
            group = [r for r in columns[name] if chosen(r.query)]
            matching = sum(r.shown == truth[r.query] for r in group)
            print(f"- {name}: {statistics.median(r.transferred for r in group) / 1000:.1f} kB "
                  f"(max {max(r.transferred for r in group) / 1000:.1f} kB), "
                  f"{statistics.median(r.total_ms for r in group):.0f} ms to results "
                  f"(max {max(r.total_ms for r in group):.0f} ms{from_ready(group)}{typed(group)}), "
                  f"count = grep for {matching} of {len(group)}")
    print_steps(columns, short)


def from_ready(runs: list[QueryRun]) -> str:
    """The median time to results from the search's start (the page's scripts run, the manifest in),
    for our page, which marks it."""
    ready = [r.total_ms - r.steps[0][1] for r in runs if r.steps]
    return f"; {statistics.median(ready):.0f} ms from the search's start" if ready else ""


def typed(runs: list[QueryRun]) -> str:
    times = [r.typed_ms for r in runs if r.typed_ms is not None]
    return (f"; {statistics.median(times):.0f} ms (max {max(times):.0f}) from a query typed into the open page"
            if times else "")


def print_steps(columns: dict[str, list[QueryRun]], short: list[str]) -> None:
    """Where our page's time goes: each step's median over the 2–4 character queries."""
    ours = {name: [r for r in runs if r.query in short and r.steps] for name, runs in columns.items()}
    ours = {name: runs for name, runs in ours.items() if runs}
    print("\nOur page's steps, median ms over the 2–4 character queries:\n")
    print("| step | " + " | ".join(ours) + " |")
    print("|---|" + "---:|" * len(ours))
    for step, _ in STEPS:
        print(f"| {step} | " + " | ".join(f"{statistics.median(dict(r.steps)[step] for r in runs):.0f}"
                                        for runs in ours.values()) + " |")
    if all(r.cpu_ms is not None for runs in ours.values() for r in runs):
        print("| the page's main thread, CPU time (`--cpu`) | "
              + " | ".join(f"{statistics.median(r.cpu_ms for r in runs):.0f}" for runs in ours.values()) + " |")


def megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size >= 1e5 else f"{size / 1e3:,.1f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query; the median is shown")
    parser.add_argument("--no-pagefind", action="store_true", help="leave Pagefind out")
    parser.add_argument("--cpu", action="store_true",
                        help="also trace each query for the page's main-thread CPU time (which load hardly changes)")
    parser.add_argument("--reuse", action="store_true",
                        help="query the site the last run built in bench/out/N (no build, no index figures)")
    arguments = parser.parse_args()
    paragraphs = seed_paragraphs(REPO / "content")
    for count in arguments.sizes:
        reports = synthetic_reports(count, paragraphs)
        if arguments.reuse:
            site = OUT / str(count) / "site"
            if not (site / INDEX_DIR).is_dir():
                sys.exit(f"{site}: no site built by an earlier run to reuse")
            texts = site_texts(site)
            print(f"\n### {count:,} reports (the site built before, queries only)")
        else:
            site, build_seconds = build_site(count, reports)
            documents = documents_of(OUT / str(count) / "content")
            texts = {d.url: (d.unit, searched_text(d.fragment_data())) for d in documents}
            figures = index_figures(OUT / str(count), documents, paragraphs)
        pagefind = None if arguments.no_pagefind else pagefind_index(site)
        if not arguments.reuse:
            print_index(count, build_seconds, figures, pagefind)
        queries = [reports[0].unit if q == "UNIT" else q for q in (*SHORT_QUERIES, *MULTI_WORD_QUERIES)]
        columns = {
            "plain": run_queries(site, StaticHandler, "search/", queries, arguments.repeat, arguments.cpu),
            "gzip": run_queries(site, GzipHandler, "search/", queries, arguments.repeat, arguments.cpu),
        }
        if pagefind:
            columns["Pagefind, plain"] = run_queries(site, StaticHandler, "pagefind-bench/", queries, arguments.repeat)
        print_queries(columns, grep_counts(texts.values(), queries), queries[:len(SHORT_QUERIES)], reports[0].unit,
                      {url: unit for url, (unit, _) in texts.items()})
        sys.stdout.flush()


if __name__ == "__main__":
    main()
