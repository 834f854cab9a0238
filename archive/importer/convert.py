"""`build.py import`: raw text or saved web pages → content/<year>/<name>.md.

    python build.py import FILE|DIR... [--content DIR] [--dry-run] [--force]

Each file gets a table of what was found, how, and what to review; a run of several files ends
with one summary table: imported, needs review (which fields), refused (why).
"""
from __future__ import annotations

import glob
import sys
import typing
from dataclasses import dataclass
from pathlib import Path

from archive.importer.chrome import KIND_NAMES
from archive.importer.report import ImportedReport, ImportFailure, import_text
from archive.importer.findings import How, PageMeta
from archive.importer.textdecode import UndecodableReportError, decode_report_bytes
from archive.importer.webpage import is_html, page_text

_INPUT_SUFFIXES = (".txt", ".html", ".htm", ".shtml")
NO_SUCH_FILE = "无法读取 (cannot read): 没有这个文件或文件夹 (no such file or folder)"


@dataclass(frozen=True)
class Outcome:
    path: Path
    target: Path | None
    review: tuple[str, ...]  # "unit (缺失)", "year (推断)" …
    refused: str | None


def run_import(paths: list[Path], content_dir: Path, *, dry_run: bool, force: bool, out: typing.TextIO) -> int:
    """Import every file (folders: their .txt/.html files); exit code 1 if any was refused."""
    files, missing = expand_inputs(paths)
    outcomes = [Outcome(path, None, (), NO_SUCH_FILE) for path in missing]
    for path in missing:
        print(f"{path}: {NO_SUCH_FILE}", file=sys.stderr)
    claimed: dict[Path, Path] = {}  # target → the input file that produced it in this run
    for path in files:
        try:
            outcomes.append(_import_file(path, content_dir, claimed, dry_run=dry_run, force=force, out=out))
        except ImportFailure as failure:
            print(f"{path}: {failure}", file=sys.stderr)
            outcomes.append(Outcome(path, None, (), str(failure)))
    if len(outcomes) > 1:
        print(summary_table(outcomes), file=out)
    return 1 if any(outcome.refused for outcome in outcomes) else 0


def expand_inputs(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(files to import, inputs that name nothing): folders give their pages, sorted; an unexpanded
    glob (quoted, or from a shell that does not expand) is expanded here."""
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _INPUT_SUFFIXES)
        elif path.exists():
            files.append(path)
        elif glob.has_magic(str(path)) and glob.glob(str(path)):
            files += sorted(Path(p) for p in glob.glob(str(path)) if Path(p).is_file())
        else:
            missing.append(path)
    return files, missing


def _import_file(path: Path, content_dir: Path, claimed: dict[Path, Path], *, dry_run: bool, force: bool, out: typing.TextIO) -> Outcome:
    text, meta = read_input(path)
    report = import_text(text, filename=str(path), meta=meta)
    print(summary(report), file=out)
    target = content_dir / report.relative_path(path.stem)
    if target in claimed:
        raise ImportFailure(f"{target} 也是本次 {claimed[target]} 要写入的位置，请分开导入 (two files, one target)")
    if target.exists() and not force:
        raise ImportFailure(f"{target} 已存在，加 --force 才会覆盖 (already exists)")
    claimed[target] = path
    markdown = report.to_markdown()
    if dry_run:
        print(f"试运行 (dry run)：将写入 {target}\n{markdown}", file=out)
    else:
        _write(target, markdown, force=force)
        print(f"已写入 (wrote) {target}\n", file=out)
    review = tuple(f"{field} ({report.finding(field).how.value})" for field in report.review)
    return Outcome(path, target, review, None)


def read_input(path: Path) -> tuple[str, PageMeta]:
    """A file's text, and for a saved web page its main text and <meta> facts."""
    try:
        text = decode_report_bytes(path.read_bytes(), path)
    except OSError as error:
        raise ImportFailure(f"无法读取 (cannot read): {error.strerror or error}") from None
    except UndecodableReportError as error:
        raise ImportFailure(error.problem) from None
    return page_text(text) if is_html(text) else (text, PageMeta())


def _write(target: Path, markdown: str, *, force: bool) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # "x" fails rather than overwrite a file that appeared since the check above.
        with target.open("w" if force else "x", encoding="utf-8", newline="\n") as file:
            file.write(markdown)
    except FileExistsError:
        raise ImportFailure(f"{target} 已存在，加 --force 才会覆盖 (already exists)") from None
    except OSError as error:
        raise ImportFailure(f"无法写入 (cannot write) {target}: {error.strerror or error}") from None


def summary(report: ImportedReport) -> str:
    """What was found, how, and what to review: a short table for the editor."""
    rows = [f"== {report.filename}", "| 字段 | 值 | 来由 (how found) |", "|---|---|---|"]
    rows += [f"| {field} | {_shown(f.value)} | {f.how.value} {f.how.english}: {f.detail} |" for field, f in report.findings]
    if report.note:
        rows.append(f"| note | {report.note} | {How.GUESSED.value} 因标题为拟定而添加 (added because the title was composed) |")
    rows.append(f"已删除的网页栏目 (removed page chrome)：{_chrome_counts(report)}")
    rows.append(f"需复核 (review)：{', '.join(report.review) or '无'}")
    if any(report.finding(field).how is How.MISSING for field in ("title", "unit")):
        rows.append("缺少标题或单位：已写为空，生成网站前请补上 (missing title or unit)")
    return "\n".join(rows)


def summary_table(outcomes: list[Outcome]) -> str:
    """One line per file: imported, needs review (which fields), or refused (why)."""
    imported = sum(1 for o in outcomes if not o.refused and not o.review)
    to_review = sum(1 for o in outcomes if not o.refused and o.review)
    refused = sum(1 for o in outcomes if o.refused)
    rows = ["== 汇总 (summary)", "| 文件 | 结果 | 写入位置 / 原因 |", "|---|---|---|"]
    for outcome in outcomes:
        if outcome.refused:
            rows.append(f"| {outcome.path} | 拒绝 (refused) | {outcome.refused} |")
        elif outcome.review:
            rows.append(f"| {outcome.path} | 需复核 (needs review): {', '.join(outcome.review)} | {outcome.target} |")
        else:
            rows.append(f"| {outcome.path} | 已导入 (imported) | {outcome.target} |")
    rows.append(f"共 {len(outcomes)} 个文件：已导入 {imported} 个，需复核 {to_review} 个，拒绝 {refused} 个 (imported, need review, refused)")
    return "\n".join(rows)


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return f"[{', '.join(value)}]"
    return str(value)


def _chrome_counts(report: ImportedReport) -> str:
    kinds = [line.kind for line in report.removed]
    return "，".join(f"{KIND_NAMES[kind]} ({kind}) ×{kinds.count(kind)}" for kind in dict.fromkeys(kinds)) or "无"
