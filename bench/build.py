"""Build benchmark: times `python build.py` on N synthetic reports (bench/synthetic.py) as an
editor and a host meet it, and prints, in the same run, the floor it is measured against:

- cold build (no cache, no site), no-op rebuild, one report edited (its text: the first time after
  a cold build, then again; then its title, which every listing of it shows), one report added,
  then removed;
- serve: from saving an edited report to the preview serving the new text;
- peak memory (the build's processes together) and the size of site/;
- python-markdown alone converting the same files in one process (what a build without a cache
  cannot beat per core), and Hugo on the same reports when `hugo` is installed (never a dependency).

Machines are shared: compare figures from one run, by median.

    python -m bench.build                    # 1,000 and 10,000 reports
    python -m bench.build --sizes 1000 --repeat 1
    python -m bench.build --sizes 100000 --repeat 1
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import markdown

from bench.synthetic import seed_paragraphs, synthetic_reports, write_content

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
EDIT_MARK = "本段为基准测试所加。"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
FIRST_CHANGE = "first edit after a cold build"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure; the median is shown")
    arguments = parser.parse_args()
    rows = []
    for size in arguments.sizes:
        rows.append(measure(size, arguments.repeat))
        print_table(rows, arguments.sizes[:len(rows)])  # so far: a long run cut short still says something


def measure(size: int, repeat: int) -> dict[str, str]:
    folder = OUT / f"build-{size}"
    content = prepare_content(folder, size)
    figures: dict[str, list] = {}
    for _ in range(repeat):
        for name, value in one_round(folder, content).items():
            figures.setdefault(name, []).append(value)
    figures["python-markdown alone"] = [markdown_alone(content) for _ in range(repeat)]
    hugo = hugo_time(folder, content)
    return {
        **{name: f"{statistics.median(r.seconds for r in runs):.2f} s" for name, runs in figures.items() if isinstance(runs[0], Run)},
        "python-markdown alone": f"{statistics.median(figures['python-markdown alone']):.2f} s",
        "peak memory (cold build)": f"{statistics.median(r.peak_bytes for r in figures['cold build']) / 2**20:,.0f} MB",
        "peak memory (no-op rebuild)": f"{statistics.median(r.peak_bytes for r in figures['no-op rebuild']) / 2**20:,.0f} MB",
        "serve: edit → new page served": f"{statistics.median(figures['serve']):.2f} s",
        "site/ size": f"{tree_bytes(folder / 'site') / 2**20:,.1f} MB",
        "Markdown size": f"{tree_bytes(content) / 2**20:,.1f} MB",
        "Hugo (same reports)": f"{hugo:.2f} s" if hugo is not None else "not installed",
    }


def prepare_content(folder: Path, size: int) -> Path:
    content = folder / "content"
    if not (folder / "complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_content(synthetic_reports(size, seed_paragraphs(REPO / "content")), content)
        shutil.copy(REPO / "config.yaml", folder / "config.yaml")
        (folder / "complete").write_text("")
    return content


def one_round(folder: Path, content: Path) -> dict[str, object]:
    for leftover in (folder / ".build-cache", folder / "site", folder / ".site.spare"):
        shutil.rmtree(leftover, ignore_errors=True)
    edited, added = sorted(content.rglob("*.md"))[len(list(content.rglob("*.md"))) // 2], content / "2024" / "bench-added.md"
    original = edited.read_text(encoding="utf-8")
    figures: dict[str, object] = {"cold build": run_build(folder), "no-op rebuild": run_build(folder)}
    try:
        edited.write_text(original + "\n" + EDIT_MARK + "\n", encoding="utf-8")
        figures[FIRST_CHANGE] = run_build(folder)
        edited.write_text(original + "\n" + EDIT_MARK * 2 + "\n", encoding="utf-8")
        figures["one report edited (its text)"] = run_build(folder)
        edited.write_text(original.replace("\ntitle: ", "\ntitle: 修订", 1), encoding="utf-8")
        figures["one report edited (its title: every listing of it)"] = run_build(folder)
        added.write_text(original.replace("year: ", "year: 2024 #", 1).replace("\ntitle: ", "\ntitle: 新增", 1), encoding="utf-8")
        figures["one report added"] = run_build(folder)
        added.unlink()
        figures["one report removed"] = run_build(folder)
        figures["serve"] = serve_latency(folder, edited, original)
    finally:
        edited.write_text(original, encoding="utf-8")
        added.unlink(missing_ok=True)
    return figures


def run_build(folder: Path, *extra: str) -> Run:
    command = [sys.executable, str(REPO / "build.py"), "--content", "content", "--config", "config.yaml", "--out", "site", *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = watch_memory(process)
    _, errors = process.communicate()
    if process.returncode:
        raise SystemExit(f"build failed in {folder}:\n{errors}")
    return Run(time.perf_counter() - started, peak)


def watch_memory(process: subprocess.Popen) -> int:
    """The largest sum of resident memory of the process and its children, sampled every 20 ms."""
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.02)
    return peak


def tree_rss(root: int) -> int:
    """Resident memory of the process and its descendants, found through /proc/PID/task/TID/children
    rather than by reading every process of the machine, so that sampling every 20 ms costs the build
    it measures next to nothing (listing all of /proc took a fifth of a core)."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            total += int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[21]) * PAGE_SIZE
            for task in os.listdir(f"/proc/{pid}/task"):
                pending += map(int, Path(f"/proc/{pid}/task/{task}/children").read_text().split())
        except OSError:  # it ended between two reads
            continue
    return total


def serve_latency(folder: Path, edited: Path, original: str) -> float:
    port = free_port()
    command = [sys.executable, str(REPO / "build.py"), "serve", "--content", "content", "--config", "config.yaml", "--out", "site", "--port", str(port)]
    server = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/reports/{edited.parent.name}/{edited.stem}/"
        wait_for(url, lambda page: True, timeout=600)
        time.sleep(1)  # the watcher settles
        mark = f"预览测试{time.time_ns()}"
        started = time.perf_counter()
        edited.write_text(original + "\n" + mark + "\n", encoding="utf-8")
        wait_for(url, lambda page: mark in page, timeout=120)
        return time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()


def wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def markdown_alone(content: Path) -> float:
    """python-markdown converting every body, in one process: the floor of a build without a cache."""
    converter = markdown.Markdown(extensions=["toc", "tables"])
    started = time.perf_counter()
    for path in sorted(content.rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        converter.reset().convert(body)
    return time.perf_counter() - started


def hugo_time(folder: Path, content: Path) -> float | None:
    """Hugo rendering the same reports with a minimal theme, when Debian's hugo is installed."""
    if not shutil.which("hugo"):
        return None
    site = folder / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term"]\n')
    for layout in ("single", "list"):
        (site / "layouts" / "_default" / f"{layout}.html").write_text("<!DOCTYPE html><title>{{ .Title }}</title>{{ .Content }}")
    (site / "content").symlink_to(content.resolve())
    started = time.perf_counter()
    subprocess.run(["hugo", "--quiet", "--destination", "public"], cwd=site, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def print_table(rows: list[dict[str, str]], sizes: list[int]) -> None:
    names = list(rows[0])
    print()
    print("| measure | " + " | ".join(f"{size:,} reports" for size in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for name in names:
        print(f"| {name} | " + " | ".join(row[name] for row in rows) + " |", flush=True)


if __name__ == "__main__":
    main()
